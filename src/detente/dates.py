"""Event dates, resolved against the article's publication date (CODEBOOK section 4).

Only the words of the event's own clause are read: "on Thursday" in an article of
Friday 2025-04-18 is 2025-04-17; "yesterday" is the day before; "March 24" is the last
March 24 on or before publication. With no clue, the publication date is given with
``date_precision = "publication"``; with no publication date, the date is None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
TODAY_WORDS = {"today", "tonight"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(value: str | None) -> date | None:
    if not value or not _ISO.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w) if w != "may" or word == "May" else 5


def resolve(words: Iterable[str], published: str | None) -> tuple[str | None, str | None]:
    """(date, precision) for an event whose clause has these words."""
    pub = parse_iso(published)
    toks = [w for w in words]
    lows = [w.lower() for w in toks]
    if pub is None:
        # an explicit full date still resolves without a publication date
        for i, w in enumerate(toks):
            m = _month(w)
            if m and i + 2 < len(toks) and toks[i + 1].isdigit() \
                    and toks[i + 2].strip(",").isdigit():
                try:
                    d = date(int(toks[i + 2].strip(",")), m, int(toks[i + 1]))
                    return d.isoformat(), "day"
                except ValueError:
                    pass
        return None, None
    toks = [t for t in toks if t != ","]  # "January 1, 1863": the comma is a token
    lows = [w.lower() for w in toks]
    for i, w in enumerate(lows):
        if w == "yesterday":
            return (pub - timedelta(days=1)).isoformat(), "day"
        if w in TODAY_WORDS or (w == "this" and i + 1 < len(lows) and lows[i + 1] in (
                "morning", "afternoon", "evening")):
            return pub.isoformat(), "day"
        if w in WEEKDAYS and (i == 0 or lows[i - 1] in ("on", "last", "this", ",", "early",
                                                        "late")):
            back = (pub.weekday() - WEEKDAYS.index(w)) % 7
            return (pub - timedelta(days=back)).isoformat(), "day"
        m = _month(toks[i]) if toks[i][:1].isupper() else None
        if m and i + 1 < len(toks) and toks[i + 1].rstrip(",").isdigit() and len(
                toks[i + 1].rstrip(",")) <= 2:
            day = int(toks[i + 1].rstrip(","))
            year = pub.year
            if i + 2 < len(toks) and toks[i + 2].strip(",").isdigit() and len(
                    toks[i + 2].strip(",")) == 4:
                year = int(toks[i + 2].strip(","))
            try:
                d = date(year, m, day)
            except ValueError:
                continue
            if d > pub and year == pub.year:
                d = date(year - 1, m, day) if not (m == 2 and day == 29) else d
            return d.isoformat(), "day"
        if m and i > 0 and lows[i - 1].isdigit() and len(lows[i - 1]) <= 2:
            continue  # "8 December" is read from its day, below
        if m and i + 1 < len(toks) and (year := _year(toks[i + 1])):
            return date(year, m, 1).isoformat(), "month"  # "in June 2020"
        if w.isdigit() and len(w) <= 2 and i + 1 < len(toks) and _month(toks[i + 1]) and \
                toks[i + 1][:1].isupper():
            m = _month(toks[i + 1])  # "8 December 2004", "on 12 June"
            year = _year(toks[i + 2]) if i + 2 < len(toks) else None
            try:
                d = date(year or pub.year, m, int(w))
            except ValueError:
                continue
            if d > pub and year is None:
                d = date(pub.year - 1, m, int(w)) if not (m == 2 and int(w) == 29) else d
            return d.isoformat(), "day"
        if w in ("in", "since", "during") and i + 1 < len(toks) and (
                year := _year(toks[i + 1])) and not (
                i + 2 < len(lows) and lows[i + 2] in ("people", "percent", "%")):
            return date(year, 1, 1).isoformat(), "year"  # "in 2015"
    return pub.isoformat(), "publication"


def _year(word: str) -> int | None:
    """A plausible year written as four digits."""
    w = word.strip(",.")
    return int(w) if len(w) == 4 and w.isdigit() and 1800 <= int(w) <= 2100 else None
