"""Readers of PETRARCH2's Phoenix dictionaries (TABARI format).

Actor files (``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt``)::

    RECEP_TAYYIP_ERDOGAN_  # CountryInfo.txt      an entry: words joined by "_"
    +ERDOGAN_                                      a synonym of the entry above
        [TURGOV 021118-030314]                     a dated code (YYMMDD or YYYYMMDD)
        [TURGOV >030314]                           from that day on
        [TURELI]                                   no dates: the default role
    KOFI_ANNAN_ [IGOUNO 970101-061231] [ELI]       codes may follow on the entry's line

Agents file (``Phoenix.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      a macro, expanded in place
    POLICE {} [~COP]                               a noun, its plural in braces, its role
    CATTLE!PERSON! [~AGR]

Entries keep their source line for the build's messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Code:
    code: str
    start: str | None  # ISO date, None = open (or a default role when end is None too)
    end: str | None
    dated: bool


@dataclass
class ActorEntry:
    phrase: str  # words with spaces, as in the file ("RECEP TAYYIP ERDOGAN")
    synonyms: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str = ""
    line: int = 0
    section: str = ""  # the country block or "# ..." heading the entry sits under


def _date(text: str) -> str | None:
    """YYMMDD (years before 30 are 20YY) or YYYYMMDD as an ISO date; sloppy forms
    ("201005011", "1920030320") are read from their last eight digits."""
    digits = re.sub(r"\D", "", text)
    candidates = []
    if len(digits) == 6:
        year = int(digits[:2])
        candidates.append(f"{2000 + year if year < 30 else 1900 + year:04d}{digits[2:]}")
    elif len(digits) == 8:
        candidates.append(digits)
    elif len(digits) > 8:
        candidates += [digits[-8:], digits[:8]]
    for c in candidates:
        try:
            day = dt.date(int(c[:4]), int(c[4:6]), int(c[6:8]))
        except ValueError:
            continue
        if 1800 <= day.year <= 2030:
            return day.isoformat()
    return None


def parse_code(text: str) -> Code | None:
    """One bracketed code: "TURGOV 021118-030314", "TURGOV >030314", "HTIOPP <061231"."""
    text = text.strip()
    if not text:
        return None
    code, _, dates = text.partition(" ")
    code = code.strip().lstrip("~")
    dates = dates.replace(" ", "")
    if not dates:
        return Code(code, None, None, dated=False)
    if dates.startswith(">"):
        start = _date(dates[1:])
        return Code(code, start, None, dated=True) if start else None
    if dates.startswith("<"):
        end = _date(dates[1:])
        return Code(code, "1900-01-01", end, dated=True) if end else None
    a, _, b = dates.partition("-")
    start, end = _date(a), _date(b)
    if start is None or end is None:
        return None
    return Code(code, start, end, dated=True)


def _words(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def read_actors(path: Path) -> list[ActorEntry]:
    """The entries of one actor file, in file order."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    section = ""
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                 .splitlines(), 1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if not raw[:1].isspace():
                section = stripped.lstrip("# ").strip()
            continue
        body, _, comment = stripped.partition("#")
        if raw[:1].isspace() or body.startswith("["):  # codes of the current entry
            if current is not None:
                current.codes += [c for c in map(parse_code, _CODE.findall(body)) if c]
            continue
        if body.startswith("+"):
            if current is not None:
                for part in body[1:].split("+"):
                    part = _CODE.sub("", part)
                    if _words(part):
                        current.synonyms.append(_words(part))
                current.codes += [c for c in map(parse_code, _CODE.findall(body)) if c]
            continue
        phrase = body.split("[", 1)[0]  # text after the codes is a comment without "#"
        parts = [p for p in phrase.split("+") if _words(p)]
        if not parts:
            continue
        current = ActorEntry(_words(parts[0]), [_words(p) for p in parts[1:]], [],
                             comment.strip(), lineno, section)
        current.codes += [c for c in map(parse_code, _CODE.findall(body)) if c]
        entries.append(current)
        # a country block opens with the country's own entry: "FRANCE_  [FRA]"
        if len(current.codes) == 1 and len(current.codes[0].code) == 3 and \
                not current.codes[0].dated and raw.split("[")[0].strip().isupper():
            section = current.phrase
    return entries


@dataclass(frozen=True)
class AgentNoun:
    phrase: str  # lower case, spaces ("riot police")
    plural: str | None  # from braces; None when the file gives none
    code: str  # the role code without "~" ("COP", "GOVMED")
    line: int


def read_agents(path: Path) -> list[AgentNoun]:
    """Agent nouns with macros expanded (``!PERSON!`` -> man, men, woman, women, person)."""
    macros: dict[str, list[str]] = {}
    out: list[AgentNoun] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                 .splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            macros[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"(.+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]*)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3)
        if not code:
            continue
        plural_text = plural.strip("{} ") if plural else None
        forms = [phrase]
        for name, words in macros.items():
            if any(name in f for f in forms):
                forms = [f.replace(name, w) for f in forms for w in words]
        for form in forms:
            text = " ".join(form.replace("_", " ").lower().split())
            if text:
                out.append(AgentNoun(text, " ".join(plural_text.replace("_", " ").lower().split())
                                     if plural_text else None, code, lineno))
    return out
