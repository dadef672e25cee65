"""The ``detente`` command: a thin adapter over the library.

Each command parses its options, calls one library function and maps ``DetenteError``
subclasses to a one-line message. Commands live in sibling modules, one per area, and
register themselves on ``main`` when imported below.
"""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def main() -> None:
    """Political event data from international news: who did what to whom."""


# Command modules register on import; keep one line per area.
from . import coding, storage  # noqa: E402,F401
