"""Cleaning: ``RawDocument -> Article | Rejected``.

News text as it arrives repeats itself: the headline printed twice, paragraphs pasted
twice, the dek above the headline. The coder must see each sentence once, or it codes
one event twice (CODEBOOK section 1), so cleaning separates the display text (title,
subtitle, dek) from the body, drops repeated paragraphs and headlines, and counts what
it dropped in ``Structure``. It changes no characters inside a paragraph except runs of
whitespace, so that evidence spans match the article exactly.

The rules are general, not tuned to one article: a headline is in Title Case or lacks a
final full stop; a dek reads as a sentence; the first distinct headline is the title,
the next the subtitle; a heading that repeats one of them is a duplicate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

from .errors import rejection
from .ingest import Block, text_blocks
from .langid import non_english_language
from .records import Article, RawDocument, Rejected, Structure

NEAR_DUPLICATE_RATIO = 0.9  # word-level similarity at which two paragraphs are one
NEAR_DUPLICATE_MIN_WORDS = 8  # shorter paragraphs must repeat exactly to be dropped
HEADLINE_MAX_WORDS = 20
IMPLICIT_HEADINGS = 2  # at most this many leading paragraphs may be taken as headings
# spaCy refuses texts over 1,000,000 characters (its E088) and parses long ones slowly, so a
# longer paragraph is cut into pieces of at most this size at sentence ends (else at a
# space), each piece a paragraph of its own. Offsets point into the joined pieces.
MAX_PARAGRAPH_CHARS = 100_000
# Articles above this size are rejected (E015), not coded: memory stays bounded
# (about 300,000 words; the longest corpus article has 8,000).
MAX_TEXT_CHARS = 2_000_000

# Words a Title Case headline leaves in lower case.
SMALL_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via with from "
    "into onto over than vs v amid after before about under upon out down near".split())

_WORD = re.compile(r"[^\W_][\w'’.\-]*")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
# Datelines and bylines are short Title Case lines too, but not headlines.
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday".split())
_NOT_HEADLINE = re.compile(r"(by|for immediate release|updated|posted|published)\b",
                           re.IGNORECASE)


def clean(doc: RawDocument) -> Article | Rejected:
    """The cleaned article, or why it cannot be coded (empty or not English)."""
    blocks = _blocks(doc)
    leading, rest = _split_leading_headings(blocks, doc.title)
    display = _Display(doc.title)
    for heading in leading:
        display.add(heading)

    body: list[str] = []
    for kind, text in rest:
        if display.repeats(text):
            display.duplicates += 1
        elif kind == "para":
            body.append(text)
        # else: a section heading inside the body; it is not prose, so not body text
    paragraphs, repeated = drop_repeated_paragraphs(body)
    if not paragraphs:
        return Rejected(doc.where, rejection("E007"), "E007")
    paragraphs = [piece for p in paragraphs for piece in split_long_paragraph(p)]
    text = "\n\n".join(paragraphs)
    if len(text) > MAX_TEXT_CHARS:
        return Rejected(doc.where, rejection("E015", size=f"{len(text):,} characters",
                                             limit=f"{MAX_TEXT_CHARS:,}"), "E015")
    language = non_english_language(text)
    if language is not None:
        return Rejected(doc.where, rejection("E008", lang=language), "E008")
    structure = Structure(
        title=display.title, subtitle=display.subtitle, dek=display.dek,
        body_paragraphs=len(paragraphs), duplicate_paragraphs_dropped=repeated,
        duplicate_headlines_dropped=display.duplicates,
    )
    return Article(id=doc.id, text=text, paragraphs=tuple(paragraphs), structure=structure,
                   where=doc.where, date=doc.date, url=doc.url, source=doc.source,
                   license=doc.license)


def normalize_whitespace(text: str) -> str:
    """Runs of spaces, tabs and newlines as one space; no other character changes."""
    return _SPACES.sub(" ", text).strip()


_SENTENCE_GAP = re.compile(r"(?<=[.!?;:\"'”’)\]]) (?=\S)")


def split_long_paragraph(paragraph: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """The paragraph as it is, or, when longer than ``limit``, cut into pieces of at most
    ``limit`` characters: at the last sentence end before the limit, else at the last
    space, else (a run without spaces) at the limit itself. Only the space at a cut is
    dropped, so the pieces hold every other character in order."""
    pieces: list[str] = []
    rest = paragraph
    while len(rest) > limit:
        window = rest[:limit + 1]
        cut = None
        for match in _SENTENCE_GAP.finditer(window, limit // 2):
            cut = match.start()
        if cut is None:
            space = window.rfind(" ", 1)
            cut = space if space > 0 else None
        if cut is None:
            pieces.append(rest[:limit])
            rest = rest[limit:]
        else:
            pieces.append(rest[:cut])
            rest = rest[cut + 1:]
    pieces.append(rest)
    return [p for p in pieces if p]


def _blocks(doc: RawDocument) -> list[Block]:
    blocks = list(doc.blocks) if doc.blocks else text_blocks(doc.text)
    out = [(kind, normalize_whitespace(text)) for kind, text in blocks]
    return [(kind, text) for kind, text in out if text]


def _split_leading_headings(blocks: list[Block], known_title: str | None
                            ) -> tuple[list[str], list[Block]]:
    """The display headings before the body, and the blocks after them.

    Marked headings (``**...**``, ``#``, ``<h1>``) at the start are taken as they are.
    Unmarked text (JSONL, pasted text) may start with up to two headline-like
    paragraphs: short Title Case lines without a final stop, or a repeat of the title.
    """
    count = 0
    while count < len(blocks) and blocks[count][0] == "heading":
        count += 1
    if count == 0:
        while (count < min(IMPLICIT_HEADINGS, len(blocks) - 1)
               and (looks_like_headline(blocks[count][1])
                    or (known_title and same_text(blocks[count][1], known_title)))):
            count += 1
    return [text for _, text in blocks[:count]], blocks[count:]


class _Display:
    """Title, subtitle and dek as they are found, and how many headings repeated them."""

    def __init__(self, title: str | None) -> None:
        self.title = normalize_whitespace(title) if title else None
        self.subtitle: str | None = None
        self.dek: str | None = None
        self.duplicates = 0

    def repeats(self, text: str) -> bool:
        return any(shown and same_text(text, shown)
                   for shown in (self.title, self.subtitle, self.dek))

    def add(self, heading: str) -> None:
        if self.repeats(heading):
            self.duplicates += 1
        elif self.dek is None and reads_as_sentence(heading):
            self.dek = heading
        elif self.title is None:
            self.title = heading
        elif self.subtitle is None:
            self.subtitle = heading
        elif self.dek is None:
            self.dek = heading
        # Further headings (kickers, bylines) are display text, not body: dropped.


def is_title_case(text: str) -> bool:
    """Most words capitalized, small words (of, for, the...) aside: a headline's style."""
    content = [w for w in _WORD.findall(text) if w[0].isalpha() and w.lower() not in SMALL_WORDS]
    if not content:
        return False
    return sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def reads_as_sentence(text: str) -> bool:
    """A dek: ends like a sentence and is not set in Title Case."""
    return bool(_SENTENCE_END.search(text)) and not is_title_case(text)


def looks_like_headline(text: str) -> bool:
    """A short Title Case line with no final punctuation, e.g. a subtitle in running text."""
    words = _WORD.findall(text)
    wordy = [w for w in words if w.isalpha() and w.lower() not in _DATE_WORDS]
    if len(wordy) < 3 or len(words) > HEADLINE_MAX_WORDS or _NOT_HEADLINE.match(text):
        return False
    last = text.rstrip()[-1]
    return (last.isalnum() or last == ")") and is_title_case(text)


def comparison_key(text: str) -> str:
    """Text for comparing, not showing: case, quotes, dashes and punctuation ignored."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def _similar(a: Sequence[str], b: Sequence[str]) -> bool:
    """Word sequences at least NEAR_DUPLICATE_RATIO alike; cheap bounds checked first."""
    if 2 * min(len(a), len(b)) < NEAR_DUPLICATE_RATIO * (len(a) + len(b)):
        return False  # lengths alone bound the ratio below the threshold
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
            and matcher.ratio() >= NEAR_DUPLICATE_RATIO)


def same_text(a: str, b: str) -> bool:
    """Exact or near-exact repeat (a headline printed again with a changed word)."""
    key_a, key_b = comparison_key(a), comparison_key(b)
    return key_a == key_b or _similar(key_a.split(), key_b.split())


_DIGIT = re.compile(r"\d")


def _anchors(paragraph: str, words: Sequence[str]) -> tuple[list[str], frozenset[str] | None]:
    """What near-repeats must share: the numbers and the capitalized words (names).

    Lists of nominees or ships differ only in a name or a figure; those lines are
    distinct, not repeats. A paragraph in capitals has no telling names (None).
    """
    numbers = [w for w in words if _DIGIT.search(w)]
    if paragraph.upper() == paragraph:
        return numbers, None
    names = frozenset(w.casefold() for w in _WORD.findall(paragraph) if w[0].isupper())
    return numbers, names


def _same_anchors(a: tuple[list[str], frozenset[str] | None],
                  b: tuple[list[str], frozenset[str] | None]) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


def drop_repeated_paragraphs(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """The paragraphs with exact and near-exact repeats removed (first kept), and how
    many were removed.

    Exact repeats are found by hashing a comparison key. Near-exact ones are looked for
    only among kept paragraphs of similar length with the same numbers and names ("6418
    tons" and "2474 tons" lines are not repeats, nor are two nominees' lines), and only
    for paragraphs of ``NEAR_DUPLICATE_MIN_WORDS`` or more, so the pairwise compare
    stays cheap.
    """
    kept: list[str] = []
    seen: set[str] = set()
    candidates: list[tuple[list[str], tuple]] = []  # (words, anchors) of kept paragraphs
    dropped = 0
    for paragraph in paragraphs:
        key = comparison_key(paragraph)
        if key in seen:
            dropped += 1
            continue
        words = key.split()
        if len(words) >= NEAR_DUPLICATE_MIN_WORDS:
            anchors = _anchors(paragraph, words)
            if any(_same_anchors(anchors, other_anchors) and _similar(words, other)
                   for other, other_anchors in candidates):
                dropped += 1
                continue
            candidates.append((words, anchors))
        seen.add(key)
        kept.append(paragraph)
    return kept, dropped
