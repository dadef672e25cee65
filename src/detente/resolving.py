"""Input for ``detente resolve``: dates in any common form, and ``--batch`` lines of
{"text", "date", "context"}.

Dates are read with ``dateparser`` (English): "10 May 2015", "May 10, 2015",
"2015-05-10", "10.05.2015", "May 2015" (its first day) and "2015" (1 January). In a
batch, a bad line becomes a ``Rejected`` in its place, so that the output stays aligned
with the input and the other lines go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InputError
from .ingest import checked_date
from .records import Rejected

DATE_HINT = "expected a date such as 2015-05-10, 10 May 2015 or May 10, 2015"
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Phrase:
    """One phrase to resolve, with the date its roles are looked up on and its context."""

    text: str
    date: str | None = None
    context: str | None = None


def parse_date(value: str) -> str | None:
    """``value`` as YYYY-MM-DD, or None when no date can be read from it."""
    iso = checked_date(value)
    if iso is not None:
        return iso
    year = _YEAR.match(value)
    if year:
        return f"{year.group(1)}-01-01"
    import dateparser  # slow to import: only when a date is not ISO already

    found = dateparser.parse(value, languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"],
        "RETURN_TIME_AS_PERIOD": False})
    return found.date().isoformat() if found is not None else None


def read_batch(path: str) -> Iterator[Phrase | Rejected]:
    """A ``Phrase`` or a ``Rejected`` per line, in order (a blank line is rejected too:
    every input line has its output line). Only a file that cannot be read stops the
    batch."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror.lower() if exc.strerror else exc}") from exc
    with handle:
        try:
            lines = list(handle)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    for lineno, line in enumerate(lines, 1):
        yield phrase_from(line, f"{path}:{lineno}")


def phrase_from(line: str, where: str) -> Phrase | Rejected:
    """One batch line read, or why it cannot be."""
    if not line.strip():
        return Rejected(where, "empty line")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejected(where, f"invalid JSON: {exc.msg}")
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or \
            not obj["text"].strip():
        return Rejected(where, "expected an object with a non-empty 'text' string")
    context = obj.get("context")
    if context is not None and not isinstance(context, str):
        return Rejected(where, "'context' must be a string")
    date = obj.get("date")
    if date is not None:
        parsed = parse_date(date) if isinstance(date, str) else None
        if parsed is None:
            return Rejected(where, f"invalid date {date!r}: {DATE_HINT}")
        date = parsed
    return Phrase(obj["text"], date, context)
