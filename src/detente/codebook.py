"""The codebook's tables (CODEBOOK.md section 2): event types, quads, intensities, modes.

This module is the one place that knows them; everything else asks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .knowledge.tsv import read_tsv, split_list

INTERNATIONAL = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM"})
SECTORS = frozenset({
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "PTY", "OPP", "CVL", "BUS", "JRN",
    "MED", "REF", "REL", "ELI", "UNK", "PRE",
})
MODALITIES = ("asserted", "historical", "future", "hypothetical", "hedged")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int
    intensity: float
    undirected: bool
    modes: tuple[str, ...]
    what_counts: str


@cache
def event_types() -> dict[str, EventType]:
    types = {}
    for _, row in read_tsv("event_types.tsv"):
        types[row["type"]] = EventType(
            name=row["type"], quad=int(row["quad"]), intensity=float(row["intensity"]),
            undirected=row["undirected"] == "yes", modes=tuple(split_list(row["modes"])),
            what_counts=row["what_counts"])
    return types


def event_type(name: str) -> EventType:
    return event_types()[name]


TYPES: tuple[str, ...] = tuple(event_types())
UNDIRECTED = frozenset(t.name for t in event_types().values() if t.undirected)
