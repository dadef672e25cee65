"""Writing a user's output file, with one clear line when it cannot be written.

``writing(path)`` opens the file (or gives stdout for ``-``) and turns every ``OSError``
while opening, writing or closing it (a missing folder, no permission, a full disk)
into a ``click.ClickException`` naming the file and what to do.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click


def output_error(path: str | Path, exc: OSError) -> click.ClickException:
    """The one line for an output file that cannot be written."""
    where = Path(path)
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        why = (f"the folder {where.parent} does not exist (create it, or give a path in a "
               "folder that exists)")
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder (give a file name)"
    elif isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM,
                                                            errno.EROFS):
        why = "permission denied (write it to a folder you can write to)"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full (free some space, or write it to another disk)"
    else:
        why = exc.strerror or str(exc)
    return click.ClickException(f"cannot write {path}: {why}")


@contextmanager
def writing(path: str | Path | None, *, mode: str = "w") -> Iterator[IO]:
    """The open output (stdout when ``path`` is None or ``-``); OSError becomes one line."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    try:
        with open(path, mode, encoding=None if "b" in mode else "utf-8") as handle:
            yield handle
    except OSError as exc:
        raise output_error(path, exc) from exc


@contextmanager
def output_errors(path: str | Path) -> Iterator[None]:
    """For library calls that write ``path`` themselves (export, report)."""
    try:
        yield
    except OSError as exc:
        raise output_error(path, exc) from exc
