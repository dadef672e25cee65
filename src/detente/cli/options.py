"""Options shared by the commands that code text: where the work runs, how stories group.

Commands put ``@executor_options`` (and ``@story_options``) under their ``@main.command``
and turn the values into an executor with ``executor_from_options``; they never build
executors themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from ..errors import ConfigError
from ..executor import ENGINES, Executor, make_executor

F = TypeVar("F", bound=Callable)

DEFAULT_STORY_THRESHOLD = 0.5


def executor_options(command: F) -> F:
    """Add ``--workers``, ``--engine`` and ``--scheduler`` to a command."""
    command = click.option(
        "--scheduler", metavar="ADDRESS", default=None,
        help="Address of an existing Dask scheduler (tcp://host:8786); with --engine dask. "
             "Without it, --engine dask starts a local cluster of --workers processes.",
    )(command)
    command = click.option(
        "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
        help="Where batches run: this machine (local) or a Dask cluster (dask).",
    )(command)
    command = click.option(
        "--workers", type=click.IntRange(min=1), default=1, show_default=True,
        help="Worker processes, each loading spaCy once (1 = this process).",
    )(command)
    return command


def background_option(command: F) -> F:
    """Add ``--background``: keep background events (modality historical) too."""
    return click.option(
        "--background", is_flag=True,
        help="Also record background events (modality 'historical': what a story recalls "
             "from more than a year before, or from a biography), dated when they happened.",
    )(command)


def input_options(command: F) -> F:
    """Add ``--include`` and ``--all``: which files of a directory are read."""
    command = click.option(
        "--all", "all_files", is_flag=True,
        help="Read every file of a directory, hidden ones and unknown extensions too "
             "(as plain text).")(command)
    command = click.option(
        "--include", multiple=True, metavar="GLOB",
        help="Also read the files of a directory whose name matches GLOB ('*.text'), as "
             "plain text when the extension is unknown (repeatable).")(command)
    return command


def story_options(command: F) -> F:
    """Add ``--story-threshold``: how similar two articles must be to be one story."""
    return click.option(
        "--story-threshold", type=click.FloatRange(min=0.0, max=1.0, min_open=True),
        default=DEFAULT_STORY_THRESHOLD, show_default=True,
        help="Estimated Jaccard similarity of word 5-gram sets at which two articles are "
             "one story (0.8: copies only; 0.5: copies with new headlines and edits; "
             "0.3: also close rewrites).",
    )(command)


def executor_from_options(workers: int, engine: str, scheduler: str | None
                          ) -> Executor | None:
    """The executor the options ask for, or None to run in this process.

    Raises ``click.UsageError`` for option combinations that make no sense and
    ``click.ClickException`` when the engine cannot start (dask missing, scheduler
    unreachable). The caller closes the executor when done.
    """
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if engine == "local" and workers == 1:
        return None
    try:
        return make_executor(engine, workers, scheduler)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
