"""Input for ``detente resolve --batch``: lines of {"text", "date", "context"}."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .errors import InputError
from .ingest import checked_date


def read_batch(path: str) -> Iterator[tuple[str, str | None, str | None]]:
    """(text, date, context) per line; a bad line stops the batch with its file and line,
    since the output must stay aligned with the input."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror.lower() if exc.strerror else exc}") from exc
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise InputError(f"{where}: expected an object with a 'text' string")
            date = obj.get("date")
            if date is not None and checked_date(date) is None:
                raise InputError(f"{where}: invalid date {date!r}: expected YYYY-MM-DD")
            yield obj["text"], date, obj.get("context")
