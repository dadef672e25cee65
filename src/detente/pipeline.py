"""The per-batch function and the streaming driver around it.

``process_batch`` is the unit of work every executor runs (in-process, process pool,
Dask): it takes raw documents and gives back coded articles or rejections. It loads
spaCy once per process through ``nlp`` and the coder cache below.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

from .records import CodedArticle, RawDocument, Rejected


@dataclass(frozen=True)
class CodeOptions:
    """Options gathered once at the edge (CLI or caller) and passed down whole."""

    batch_size: int = 32
    explain: bool = False


@cache
def _coder():
    from .coder import Coder

    return Coder()


def process_batch(docs: list[RawDocument], options: CodeOptions = CodeOptions()
                  ) -> list[CodedArticle | Rejected]:
    """Clean and code one batch of documents. Pure with respect to its input: the same
    batch gives the same records wherever it runs."""
    from .clean import clean

    out: list[CodedArticle | Rejected] = []
    articles = []
    for doc in docs:
        cleaned = clean(doc)
        if isinstance(cleaned, Rejected):
            out.append(cleaned)
        else:
            articles.append(cleaned)
    coded = {c.article.id: c for c in _coder().code_many(articles, explain=options.explain)}
    # Keep input order: rejections first in their order is fine, but keep articles in order.
    return out + [coded[a.id] for a in articles]


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def code_documents(items: Iterable[RawDocument | Rejected], options: CodeOptions = CodeOptions(),
                   executor=None) -> Iterator[CodedArticle | Rejected]:
    """Stream coded articles and rejections for a stream of documents.

    ``executor`` is the one seam for where work runs (see ``executor.py``); ``None``
    runs in this process.
    """
    def docs_and_passthrough():
        for item in items:
            yield item

    pending_rejections: list[Rejected] = []

    def only_docs():
        for item in docs_and_passthrough():
            if isinstance(item, Rejected):
                pending_rejections.append(item)
            else:
                yield item

    batches = batched(only_docs(), options.batch_size)
    if executor is None:
        results = (process_batch(b, options) for b in batches)
    else:
        results = executor.map_batches(process_batch, batches, options)
    for result in results:
        while pending_rejections:
            yield pending_rejections.pop(0)
        yield from result
    while pending_rejections:
        yield pending_rejections.pop(0)
