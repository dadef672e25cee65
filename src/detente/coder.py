"""Article -> CodedArticle. (Stub: the real coder lands next.)"""

from __future__ import annotations

from collections.abc import Iterable

from .records import Article, CodedArticle


class Coder:
    def code_many(self, articles: Iterable[Article], explain: bool = False) -> list[CodedArticle]:
        return [CodedArticle(article=a, events=()) for a in articles]
