"""Reader of the CIA World Factbook's executive branch texts (``factbook/executive.jsonl``).

One line per entity per change, 2015-2026: ``{"snapshot", "file", "short_name",
"long_name", "chief_of_state", "head_of_government", "cabinet"}``. The texts name the
holder with the title before and the "since" date after, the part of the name news uses
alone in capitals::

    President Recep Tayyip ERDOGAN (chief of state since 28 August 2014; head of
    government since 9 July 2018); Vice President Fuat OKTAY (since 9 July 2018); note - ...

``holders`` reads the first holder of a text (co-chiefs: all of them); ``timelines`` turns
the snapshots of one office into terms: a holder's term runs from their "since" date (the
latest snapshot's, which corrects earlier ones) to their successor's.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..names import fold, proper_case

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_DATE = re.compile(r"(?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|"
                   r"September|October|November|December),? (\d{4})|\b(\d{4})\b", re.I)
# Words of titles and ranks that come before a holder's name, never part of it.
TITLE_WORDS = frozenset("""
president presidents prime minister ministers premier chancellor king queen emir amir sultan
supreme leader acting interim transitional caretaker crown prince princess grand duke
duchess co-prince co-princes captain captains regent regents chairman chairperson chair of
the council state presidency presidential sovereign federal executive chief general gen. gen
lt. lt brig. brig col. col maj. maj dr. cardinal pope emperor governor governor-general
administrator secretary head government vice first deputy military national transition
overall taliban mayor monarch revolutionary yang di-pertuan agong paramount junta swiss
confederation taoiseach tanaiste co-chiefs chiefs and for salvation restoration
reconstruction committee commander-in-chief foreign political affairs interior defence
defense finance economy holiness his her majesty highness sheikh shaykh
archbishop bishop episcopal french lieutenant colonel field marshal admiral air vice-marshal
designate elect president-elect prime-minister-designate prime-minister interim-president
self-declared provisional military-led cardinal-secretary territorial assembly
people's peoples legislative senior
""".split())


@dataclass(frozen=True)
class Holder:
    title: str  # "President", "Prime Minister", "Queen"
    name: str  # proper case: "Recep Tayyip Erdogan"
    short: str  # the part in capitals, proper case: "Erdogan"
    since: str | None  # ISO date (day 1 where the text gives a month only)
    precise: bool  # the since date has a day
    spelled: tuple[str, ...] = ()  # "also spelled ..."


@dataclass(frozen=True)
class Snapshot:
    date: str
    iso3: str
    chief_of_state: tuple[Holder, ...]
    head_of_government: tuple[Holder, ...]


@dataclass
class Term:
    iso3: str
    office: str  # "state" | "government"
    holder: Holder
    names: list[str]  # every spelling the snapshots used
    start: str
    end: str | None
    first_seen: str
    last_seen: str


def _iso(day: str | None, month: str, year: str) -> tuple[str, bool] | None:
    try:
        value = dt.date(int(year), MONTHS[month.lower()], int(day) if day else 1)
    except (ValueError, KeyError):
        return None
    return value.isoformat(), day is not None


def _since(dates: str, office: str) -> tuple[str, bool] | None:
    """The date a holder holds this office from, out of "(since ...)" text."""
    low = dates.lower()
    wanted = ("chief of state since", "head of state since") if office == "state" else (
        "head of government since",)
    for key in wanted:
        i = low.find(key)
        if i >= 0:
            found = _first_date(dates[i + len(key):])
            if found:
                return found
    for key in ("since", "for the period", "on", "from"):
        i = low.find(key + " ")
        if i >= 0:
            found = _first_date(dates[i + len(key):])
            if found:
                return found
    return None


def _first_date(text: str) -> tuple[str, bool] | None:
    m = _DATE.search(text)
    if not m:
        return None
    if m.group(4):
        return (f"{m.group(4)}-01-01", False) if 1900 < int(m.group(4)) < 2030 else None
    return _iso(m.group(1), m.group(2), m.group(3))


def _clean(text: str) -> str:
    text = html.unescape(text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.replace("\xa0", " ").replace("’", "'").split())


def _primary(text: str) -> tuple[str, str]:
    """The first clause (title and name) and its first parenthesis (the dates)."""
    depth = 0
    start = None
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                inside = text[start + 1:i]
                if re.search(r"\d{4}", inside):
                    return text[:start], inside
                start = None
        elif ch == ";" and depth == 0:
            break
    head = re.split(r";|\bnote\b|, represented by|\bserves as\b|\bis the\b", text)[0]
    return head, ""


def _is_caps(word: str) -> bool:
    """A word in capitals, or with a part in capitals ("al-BASHIR", "SASSOU-Nguesso")."""
    for part in word.split("-"):
        letters = [c for c in part if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return True
    return False


_NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "ibni", "al", "el", "de", "da", "do", "dos",
                             "du", "van", "von", "der", "den", "la", "le", "y", "i", "e",
                             "ould", "ag", "ben", "abu", "al-", "di", "del", "della"})


def _one_name(part: str, place_words: frozenset[str]) -> tuple[str, str] | None:
    """(title, name) of "President of the Islamic Republic of Afghanistan Ashraf GHANI":
    the name is the capitalized words around the first word in capitals."""
    toks = part.replace(",", " , ").split()
    anchor = next((i for i, t in enumerate(toks) if _is_caps(t) and t.lower() not in (
        "de", "di", "da", "and")), None)
    if anchor is None:
        return None
    first = anchor
    while first > 0:
        tok = toks[first - 1]
        low = tok.lower().strip(".")
        place = low in place_words and low not in _NAME_PARTICLES and not _is_caps(tok)
        if (low in TITLE_WORDS and low not in _NAME_PARTICLES) or place or \
                not (tok[:1].isupper() or low in _NAME_PARTICLES) or tok == ",":
            break
        first -= 1
    while first < anchor and toks[first].lower() in _NAME_PARTICLES:
        first += 1
    last = anchor
    while last + 1 < len(toks):
        tok = toks[last + 1]
        if tok == "," or not (tok[:1].isupper() or tok.lower() in _NAME_PARTICLES or
                              tok.lower().startswith(("al-", "el-"))):
            break
        if tok.lower().strip(".") in ("jr", "sr", "dr"):
            break
        last += 1
    while last > anchor and toks[last].lower() in _NAME_PARTICLES:
        last -= 1
    title = " ".join(t for t in toks[:first] if t != ",").strip()
    return title, " ".join(toks[first:last + 1])


def _split_names(clause: str, place_words: frozenset[str]) -> list[tuple[str, str, list[str]]]:
    """(title, name, other spellings) of a clause; "Captain Regent A B and Captain C D"
    (co-chiefs) gives two, "Prime Minister and Foreign Minister X" one."""
    clause = clause.strip().rstrip(",").strip()
    parts = re.split(r"\s+and\s+(?=[A-Z])", clause)
    if len(parts) > 1 and not all(any(_is_caps(w) for w in p.split()) for p in parts):
        parts = [clause]
    out = []
    for part in parts:
        part, _, spelled = part.partition(", also spelled ")
        found = _one_name(part, place_words)
        if found is None:
            continue
        others = [one[1] for one in [_one_name(spelled, place_words)] if one] if spelled else []
        if not others and spelled:
            others = [spelled.strip(" ,")]
        out.append((found[0], found[1], others))
    return out


def holders(text: str | None, office: str,
            place_words: frozenset[str] = frozenset()) -> tuple[Holder, ...]:
    """The holders a chief-of-state or head-of-government text names first."""
    if not text:
        return ()
    text = _clean(text)
    clause, dates = _primary(text)
    since = _since(dates, office) if dates else None
    out = []
    for title, name, others in _split_names(clause, place_words):
        proper = proper_case(name)
        # the words in capitals, as the proper-case name writes them ("al-Burhan")
        caps = [p for w, p in zip(name.split(), proper.split(), strict=False) if _is_caps(w)]
        short = " ".join(caps) if caps else proper.split()[-1]
        if short.lower() in ("bin", "al"):
            short = proper.split()[-1]
        out.append(Holder(title, proper, short, since[0] if since else None,
                          bool(since and since[1]), tuple(proper_case(o) for o in others)))
    return tuple(out)


def read_snapshots(path: Path, iso3_of,
                   place_words: frozenset[str] = frozenset()) -> list[Snapshot]:
    """Snapshots of the entities ``iso3_of(short_name, long_name, file)`` maps to a state."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if not row.get("chief_of_state") and not row.get("head_of_government"):
            continue
        iso3 = iso3_of(_clean(row.get("short_name") or ""), _clean(row.get("long_name") or ""),
                       row["file"])
        if iso3 is None:
            continue
        out.append(Snapshot(row["snapshot"], iso3,
                            holders(row.get("chief_of_state"), "state", place_words),
                            holders(row.get("head_of_government"), "government", place_words)))
    out.sort(key=lambda s: (s.iso3, s.date))
    return out


def _same(a: Holder, b: Holder) -> bool:
    if fold(a.name) == fold(b.name):
        return True
    if a.since and a.since == b.since:
        return True
    fa, fb = fold(a.short).split(), fold(b.short).split()
    return bool(fa and fb and fa[-1][:5] == fb[-1][:5] and fold(a.name)[:4] == fold(b.name)[:4])


def timelines(snapshots: list[Snapshot]) -> list[Term]:
    """Terms of the first holder of each office of each state, in date order."""
    terms: list[Term] = []
    by_office: dict[tuple[str, str], list[tuple[str, Holder]]] = {}
    for snap in snapshots:
        for office, found in (("state", snap.chief_of_state),
                              ("government", snap.head_of_government)):
            if found:
                by_office.setdefault((snap.iso3, office), []).append((snap.date, found[0]))
    for (iso3, office), seen in sorted(by_office.items()):
        runs: list[list[tuple[str, Holder]]] = []
        for date, holder in seen:
            if runs and _same(runs[-1][-1][1], holder):
                runs[-1].append((date, holder))
            else:
                runs.append([(date, holder)])
        office_terms: list[Term] = []
        for run in runs:
            latest = run[-1][1]
            since = next((h.since for _, h in reversed(run) if h.since), None)
            first_seen = run[0][0]
            floor = office_terms[-1].start if office_terms else ""
            # a since date before the predecessor's start is a reappointment or a slip:
            # the term then starts when the snapshots first show it
            start = since if since and floor < since <= first_seen else first_seen
            names = list(dict.fromkeys(n for _, h in run for n in (h.name, *h.spelled)))
            if office_terms and start <= office_terms[-1].start:
                continue
            if office_terms:
                office_terms[-1].end = start
            office_terms.append(Term(iso3, office, latest, names, start, None, first_seen,
                                     run[-1][0]))
        terms += office_terms
    return terms
