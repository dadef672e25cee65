"""One coding run over the user's inputs, with the counts every front end reports.

``code_inputs`` reads the inputs, codes them in batches through the chosen executor and
yields coded articles and rejections as they come, while ``RunCounts`` keeps the tallies
the CLI prints at the end (and decides the exit code).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .errors import is_skip
from .ingest import read_inputs
from .pipeline import CodeOptions, code_documents
from .records import CodedArticle, RawDocument, Rejected


@dataclass
class RunCounts:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    rejected: int = 0
    skipped: int = 0  # files of a directory left out (hidden, unknown extension)
    duplicate_paragraphs: int = 0
    duplicate_headlines: int = 0
    rejections: list[Rejected] = field(default_factory=list)

    def add(self, item: CodedArticle | Rejected) -> None:
        if isinstance(item, Rejected):
            if is_skip(item.code):
                self.skipped += 1
            else:
                self.rejected += 1
            self.rejections.append(item)
            return
        self.articles += 1
        self.sentences += item.sentences
        self.events += len(item.events)
        self.duplicate_paragraphs += item.article.structure.duplicate_paragraphs_dropped
        self.duplicate_headlines += item.article.structure.duplicate_headlines_dropped

    def summary(self) -> str:
        return (f"coded {self.articles} article(s), {self.sentences} sentence(s), "
                f"{self.events} event(s); dropped {self.duplicate_paragraphs} repeated "
                f"paragraph(s) and {self.duplicate_headlines} repeated headline(s); "
                f"{self.rejected} input(s) rejected" + (
                    f"; {self.skipped} file(s) skipped (--all reads them)"
                    if self.skipped else ""))

    @property
    def exit_code(self) -> int:
        """0 when anything was coded, 2 when nothing could be read."""
        return 0 if self.articles else 2


def code_inputs(paths: Iterable[str], counts: RunCounts, *, date: str | None = None,
                options: CodeOptions = CodeOptions(), executor=None,
                stdin: TextIO | None = None,
                only: Callable[[RawDocument], bool] | None = None,
                include: Sequence[str] = (), all_files: bool = False
                ) -> Iterator[CodedArticle | Rejected]:
    """Code every document the inputs hold (or those ``only`` keeps: ``eval`` codes just the
    gold articles of a corpus); tallies go into ``counts`` as items pass. ``include`` and
    ``all_files`` are ``ingest.read_inputs``'s."""
    items: Iterable[RawDocument | Rejected] = read_inputs(
        paths, date=date, stdin=stdin, include=include, all_files=all_files)
    if only is not None:
        items = (i for i in items if isinstance(i, Rejected) or only(i))
    for item in code_documents(items, options, executor):
        counts.add(item)
        yield item
