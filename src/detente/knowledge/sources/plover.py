"""Reading the CAMEO-to-PLOVER crosswalk (``CAMEO2PLOVER-2021.txt``, PLOVER manual 0.8).

Each line maps one CAMEO code to a PLOVER type, mode and context::

    0871: RETREAT, ceasefire, military # Declare truce, ceasefire

Two-digit lines (``03: AGREE``) head a CAMEO category and carry no mode; ``~~~`` ends the
table. Used at build time only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import ConfigError


class CrosswalkFormatError(ConfigError):
    """A line of the crosswalk this reader cannot read."""


@dataclass(frozen=True)
class Mapping:
    code: str  # CAMEO code: "0871"
    type: str  # PLOVER type: "RETREAT"
    mode: str | None  # PLOVER mode as written: "ceasefire"
    context: tuple[str, ...]  # PLOVER contexts: ("military",)
    description: str
    line: int


_LINE = re.compile(r"^(\d{2,4}):\s*(.*)$")


def read_crosswalk(path: Path) -> dict[str, Mapping]:
    """CAMEO code -> its PLOVER mapping. A code listed twice keeps its first line."""
    table: dict[str, Mapping] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("~~~"):
            break
        if not line or line.startswith("#"):
            continue
        found = _LINE.match(line)
        if not found:
            raise CrosswalkFormatError(f"{path.name}:{lineno}: expected 'CODE: TYPE, MODE, "
                                       f"CONTEXT # description'")
        code, rest = found.groups()
        body, _, description = rest.partition("#")
        cells = [c.strip() for c in body.split(",")]
        if not cells[0] or not cells[0].isupper():
            raise CrosswalkFormatError(f"{path.name}:{lineno}: no PLOVER type after {code}:")
        if len(code) == 2:
            continue  # a category heading ("03: AGREE")
        mode = cells[1] if len(cells) > 1 and cells[1] else None
        context = tuple(c.strip() for c in cells[2].split(";") if c.strip()) \
            if len(cells) > 2 else ()
        table.setdefault(code, Mapping(code, cells[0], mode, context, description.strip(),
                                       lineno))
    return table
