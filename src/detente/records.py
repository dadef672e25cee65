"""Typed records passed between pipeline stages.

Every record is a frozen dataclass that carries the article id and, where it points
into text, character offsets into ``Article.text`` (the cleaned body: paragraphs
joined by a blank line). ``to_dict`` gives the JSON shape written by ``detente code``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawDocument:
    """One input document before cleaning, as read from a file, JSONL line or stdin."""

    id: str
    text: str
    where: str  # "path" or "path:line", for messages
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD publication date
    url: str | None = None
    source: str | None = None
    license: str | None = None
    # Heading lines found by the reader (``**...**`` lines of a .txt/.md file), in order.
    headings: tuple[str, ...] = ()
    # Paragraph blocks as laid out in the file, headings interleaved, when the reader knows them.
    blocks: tuple[tuple[str, str], ...] = ()  # (kind, text) with kind "heading" | "para"
    # Where the id comes from: "field" (the input's own id, e.g. a JSONL "id"), "name" (the
    # file's path or line number) or "content" (a hash of the text). Only a "field" id is
    # the user's word; the others give way to a content hash when taken (ingest.unique_ids).
    id_from: str = field(default="name", compare=False)


@dataclass(frozen=True)
class Structure:
    """What cleaning found: title, subtitle, dek and the duplicates it dropped."""

    title: str | None
    subtitle: str | None
    dek: str | None
    body_paragraphs: int
    duplicate_paragraphs_dropped: int
    duplicate_headlines_dropped: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """A cleaned article: the unit the coder reads."""

    id: str
    text: str  # body paragraphs joined by "\n\n"; all offsets point into this
    paragraphs: tuple[str, ...]
    structure: Structure
    where: str
    date: str | None = None
    url: str | None = None
    source: str | None = None
    license: str | None = None

    @property
    def title(self) -> str | None:
        return self.structure.title


@dataclass(frozen=True)
class Actor:
    """One actor as CODEBOOK section 3 defines it, with where it stands in the text."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int = -1
    end: int = -1
    how: str = ""  # which knowledge or rule resolved it, for --explain

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector}

    @property
    def label(self) -> str:
        return f"{self.country or '?'}:{self.sector or ''}"


@dataclass(frozen=True)
class Span:
    """A piece of article text with its character offsets."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    # False when the name is a city several countries share and none is the story's:
    # good enough to put on a map, not to give an actor its country
    known: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class Event:
    """One coded event: an action by source actors, maybe at target actors, of one type."""

    article_id: str
    type: str
    mode: str | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    quad: int
    intensity: float
    evidence: Span
    trigger: Span
    rule: str
    modality: str = "asserted"
    date: str | None = None
    date_precision: str | None = None  # day | month | year | publication
    location: Location | None = None
    mentions: int = 1
    id: str = ""

    @property
    def scope(self) -> str:
        """``"international"`` or ``"domestic"``: see ``event_scope``."""
        return event_scope(self.source, self.target, self.location)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type,
            "mode": self.mode,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "quad": self.quad,
            "intensity": self.intensity,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "rule": self.rule,
            "mentions": self.mentions,
            "scope": self.scope,
        }


SCOPES = ("international", "domestic")


def event_scope(source: tuple[Actor, ...] | list[Actor], target: tuple[Actor, ...] | list[Actor],
                location: Location | None = None) -> str:
    """Whether an event is between countries (``"international"``) or within one
    (``"domestic"``), from the record alone.

    International when the countries of the actors (source and target) and of the place
    (when it is known: a city several countries share and none the story's is not)
    include more than one code, or any international code (UNO, EUR, IGO, NGO, MNC, IMG,
    ISM: ``codebook.INTERNATIONAL``); domestic otherwise, including an event whose actors
    have no country at all.
    """
    from .codebook import INTERNATIONAL

    codes = {a.country for a in (*source, *target) if a.country}
    if location is not None and location.known and location.country:
        codes.add(location.country)
    if len(codes) > 1 or codes & INTERNATIONAL:
        return "international"
    return "domestic"


@dataclass(frozen=True)
class Quote:
    """A quotation with its speaker, where one is found."""

    article_id: str
    text: str
    start: int
    end: int
    speaker: Actor | None

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "text": self.text, "start": self.start,
                "end": self.end, "speaker": self.speaker.to_dict() if self.speaker else None}


@dataclass(frozen=True)
class Rejected:
    """An input that could not be used, with where it was and why (counted and reported)."""

    where: str
    why: str
    code: str = "E000"

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "why": self.why, "code": self.code}


@dataclass(frozen=True)
class Decision:
    """Why a candidate event was made or dropped, for ``detente code --explain``."""

    sentence: int
    trigger: str
    outcome: str  # "event" | "dropped"
    reason: str


@dataclass(frozen=True)
class CodedArticle:
    """Everything the coder learned from one article."""

    article: Article
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    sentences: int = 0
    decisions: tuple[Decision, ...] = field(default=(), compare=False)
