"""Reading the project's TSV data files: '#' comment lines, one header row, tab-separated."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def data_path(name: str):  # -> Traversable
    return resources.files("detente.knowledge").joinpath("data", name)


def read_tsv(name: str, folder=None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a packaged TSV file (or of the file ``name`` in ``folder``) as
    (line number, {column: value}), values stripped."""
    path = data_path(name) if folder is None else folder / name
    text = path.read_text(encoding="utf-8")
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        yield lineno, dict(zip(header, cells, strict=False))


def split_list(value: str) -> list[str]:
    """A '|'-separated cell as a list, empty items dropped."""
    return [v.strip() for v in value.split("|") if v.strip()]
