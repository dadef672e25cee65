"""The per-batch function and the streaming driver around it.

``process_batch`` is the unit of work every executor runs (in-process, process pool,
Dask): it takes raw documents and gives back coded articles or rejections. It loads
spaCy once per process through ``nlp`` and the coder cache below.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

from .errors import rejection
from .records import Article, CodedArticle, RawDocument, Rejected

if TYPE_CHECKING:
    from .executor import Executor


@dataclass(frozen=True)
class CodeOptions:
    """Options gathered once at the edge (CLI or caller) and passed down whole."""

    batch_size: int = 32
    explain: bool = False
    # Background events (modality "historical": "in 2003 the US invaded Iraq", a career
    # told in a biography) are not news of the day; counted as news they would date an old
    # event to the article and count it again with every story that recalls it.
    background: bool = False


@cache
def _coder():
    from .coder import Coder

    return Coder()


def warm() -> None:
    """Load the coder (and so spaCy) now: executors call it when a worker starts."""
    _coder()


def process_batch(docs: list[RawDocument], options: CodeOptions = CodeOptions()
                  ) -> list[CodedArticle | Rejected]:
    """Clean and code one batch of documents, results in input order.

    Pure with respect to its input: the same batch gives the same records wherever it
    runs, which is what lets every executor be checked against the in-process one.
    """
    from .clean import clean

    cleaned = [clean(doc) for doc in docs]
    articles = [item for item in cleaned if not isinstance(item, Rejected)]
    coded = iter(_code_each_alone_if_need_be(articles, options))
    return [item if isinstance(item, Rejected) else _kept(next(coded), options)
            for item in cleaned]


def _kept(coded: CodedArticle | Rejected, options: CodeOptions) -> CodedArticle | Rejected:
    """The article's events as the options ask: background events only on request."""
    if options.background or isinstance(coded, Rejected):
        return coded
    return replace(coded, events=tuple(e for e in coded.events if e.modality != "historical"))


def _code_each_alone_if_need_be(articles: list[Article], options: CodeOptions
                                ) -> list[CodedArticle | Rejected]:
    """The batch coded together; if that fails, each article alone, so that one article
    the coder cannot handle becomes a rejection (E017) and its neighbours are still
    coded. A bug must never cost a user the rest of a run."""
    coder = _coder()
    try:
        return list(coder.code_many(articles, explain=options.explain))
    except Exception:  # noqa: BLE001 - isolated below, article by article
        if len(articles) == 1:
            return [_failed(articles[0])]
    results: list[CodedArticle | Rejected] = []
    for article in articles:
        try:
            results.append(coder.code(article, explain=options.explain))
        except Exception:  # noqa: BLE001 - reported as a rejection naming the input
            results.append(_failed(article))
    return results


def _failed(article: Article) -> Rejected:
    import sys
    import traceback

    kind, error, _ = sys.exc_info()
    name = kind.__name__ if kind is not None else "Error"
    message = " ".join(str(error).split())[:120] if error is not None else ""
    if os.environ.get("DETENTE_DEBUG"):
        traceback.print_exc()
    return Rejected(article.where, rejection("E017", err=f"{name}: {message}"), "E017")


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last may be shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def code_batches(items: Iterable[RawDocument | Rejected], options: CodeOptions = CodeOptions(),
                 executor: Executor | None = None
                 ) -> Iterator[list[CodedArticle | Rejected]]:
    """Stream the results batch by batch, for callers that commit or write per batch.

    Rejections that come with the input (unreadable files, bad JSON lines) are passed
    through in the next batch's results, so they are counted and stored like the rest.
    ``executor`` is the one seam for where work runs (see ``executor.py``); ``None``
    runs in this process.
    """
    rejected: deque[Rejected] = deque()

    def documents() -> Iterator[RawDocument]:
        for item in items:
            if isinstance(item, Rejected):
                rejected.append(item)
            else:
                yield item

    batches = batched(documents(), options.batch_size)
    if executor is None:
        results: Iterable[list] = (process_batch(batch, options) for batch in batches)
    else:
        results = executor.map_batches(process_batch, batches, options)
    for result in results:
        passed = [rejected.popleft() for _ in range(len(rejected))]
        yield passed + result
    if rejected:
        yield list(rejected)


def code_documents(items: Iterable[RawDocument | Rejected], options: CodeOptions = CodeOptions(),
                   executor: Executor | None = None) -> Iterator[CodedArticle | Rejected]:
    """Stream coded articles and rejections for a stream of documents."""
    for result in code_batches(items, options, executor):
        yield from result
