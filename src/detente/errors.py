"""Every error detente raises or reports, with a stable code.

Hierarchy::

    DetenteError
     ├── InputError        a path or document that cannot be read (CLI: exit 2 when nothing read)
     ├── ConfigError       bad options, missing model, bad knowledge file
     ├── StoreError        the database cannot be opened or has an old schema
     └── WorkerError       a worker process died while coding a batch

Rejections of single documents are data (``records.Rejected``), not exceptions; their
messages come from ``REJECTIONS`` so they can be grepped and asserted.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class for errors meant for the user."""


class InputError(DetenteError):
    """An input path or document cannot be read."""


class ConfigError(DetenteError):
    """An option, model or knowledge file is wrong."""


class StoreError(DetenteError):
    """The event store cannot be used as asked."""


class WorkerError(DetenteError):
    """A worker process died (crashed or was killed) while coding a batch."""


# Rejection catalogue: code -> message template. Keep codes stable; tests assert them.
REJECTIONS: dict[str, str] = {
    "E001": "no such file or directory",
    "E002": "binary file, not text",
    "E003": "not valid UTF-8 (byte {pos})",
    "E004": "cannot read file: {err}",
    "E005": "invalid JSON: {err}",
    "E006": "JSONL line lacks a non-empty 'text' field",
    "E007": "empty text",
    "E008": "text is not English (looks like {lang})",
    "E009": "JSONL line is not an object",
    "E010": "no text could be extracted from HTML",
    "E011": "invalid date {value!r}: expected YYYY-MM-DD",
    "E012": "cannot read archive record: {err}",
    "E013": "cannot read feed: {err}",
    "E014": "invalid Unicode: lone surrogate {char} at character {pos} of the {field}",
    "E015": "too large to code: {size}; the limit is {limit} (split it into several "
            "articles)",
    "E016": "id {id!r} was already used by {other} for a different text (give each "
            "article its own id)",
    "E017": "coding failed ({err}); the other articles are coded: please report this",
    "E018": "the directory holds no files",
    "E019": "the file holds no documents (no JSONL lines, archived HTML pages or feed "
            "entries)",
    # Files a directory holds that are not read: listed, counted, never silent.
    "S001": "skipped: hidden (--all reads hidden files too)",
    "S002": "skipped: {what} is not a known input format (--include '{pattern}' or --all "
            "reads it as plain text)",
    "S003": "skipped: an .xml file that is not an RSS or Atom feed",
}


def is_skip(code: str) -> bool:
    """A file of a directory left out on purpose (S...), not a bad input (E...)."""
    return code.startswith("S")


def rejection(code: str, **values: object) -> str:
    """The message for a rejection code, filled in."""
    return REJECTIONS[code].format(**values)
