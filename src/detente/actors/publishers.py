"""Publishers whose own voice is an actor: "we" and "the Department" in a government's own
release are that government (CODEBOOK s. 7)."""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge.tsv import read_tsv, split_list


@dataclass
class Publisher:
    name: str
    country: str
    sector: str | None
    speaker_role: str | None
    foreign_roles: tuple[str, ...] = ()

    def uses_title(self, role: str | None) -> bool:
        """Whether the publisher's own officials can bear this title."""
        words = f" {role or ''} "
        return not any(f" {w} " in words or (" " in w and w in words)
                       for w in self.foreign_roles) and not any(
            w in words for w in (" minister ",))


def publisher_for(source: str | None, url: str | None) -> Publisher | None:
    """The publisher whose own voice is an actor ("we", "the Department"), if known."""
    hay = f"{source or ''} {url or ''}".lower()
    for _, row in read_tsv("publishers.tsv"):
        if row["match"].lower() in hay:
            return Publisher(row["name"], row["country"], row["sector"] or None,
                             row["speaker_role"] or None,
                             tuple(split_list(row.get("foreign_roles", ""))))
    return None
