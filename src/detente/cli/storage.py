"""Commands over the event store: run, events, dyad, actors, network, show, export,
report and serve. Each opens the store, calls one library function and prints the
result; ``DetenteError`` becomes a one-line message."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from .. import analysis
from ..errors import DetenteError
from ..pipeline import CodeOptions
from ..store import DEFAULT_DB, RunSummary, Store
from . import main
from .options import (
    background_option,
    executor_from_options,
    executor_options,
    input_options,
    story_options,
)
from .output import output_errors

COUNTS = click.Choice(["events", "reports"])


def db_option(command):
    return click.option(
        "--db", default=DEFAULT_DB, show_default=True, envvar="DETENTE_DB",
        type=click.Path(dir_okay=False), help="The DuckDB file (or set DETENTE_DB).")(command)


def count_option(command):
    return click.option(
        "--count", type=COUNTS, default="events", show_default=True,
        help="Count events (reports of one event in one story merged) or every report.",
    )(command)


def scope_option(default: str = "all"):
    def decorate(command):
        return click.option(
            "--scope", type=click.Choice(["international", "domestic", "all"]),
            default=default, show_default=True,
            help="International events (actors of more than one country, or an "
                 "international organization) or domestic ones (one country).")(command)
    return decorate


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except DetenteError as exc:
        raise click.ClickException(str(exc)) from exc


def _all_missing(inputs: Sequence[str]) -> bool:
    """Every input is a path that is not there (not stdin, not a URL)."""
    return all(name != "-" and not re.match(r"https?://", name, re.IGNORECASE)
               and not Path(name).exists() for name in inputs)


@contextmanager
def _store(db: str, *, read_only: bool = True) -> Iterator[Store]:
    with _user_errors(), Store(db, read_only=read_only) as store:
        yield store


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--date", metavar="YYYY-MM-DD", help="Publication date for inputs without one.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per batch; each batch is committed on its own.")
@click.option("-v", "--verbose", is_flag=True, help="Report each committed batch on stderr.")
@click.option("--partitions", type=click.Path(file_okay=False), metavar="DIR",
              help="Also write each batch's events as a Parquet file under DIR/run=RUN_ID/.")
@input_options
@background_option
@executor_options
@story_options
def run(inputs, db, date, batch_size, verbose, include, all_files, background, workers, engine,
        scheduler, story_threshold, partitions):
    """Code INPUTS (files, directories, - for stdin) and store them in the database.

    Articles already stored are skipped, so running the same input twice adds nothing
    and a run that was killed completes when run again."""
    from ..store import run as run_into_store

    def report_batch(summary: RunSummary) -> None:
        if verbose:
            click.echo(f"stored batch {summary.batches}: {summary.articles} article(s), "
                       f"{summary.events} event(s) so far", err=True)

    def report_rejection(rejected) -> None:
        click.echo(f"detente: {rejected}", err=True)

    if not Path(db).exists() and _all_missing(inputs):
        for name in inputs:
            click.echo(f"detente: {name}: no such file or directory", err=True)
        click.echo(f"detente: nothing could be read; {db} was not created", err=True)
        sys.exit(2)
    executor = executor_from_options(workers, engine, scheduler)
    try:
        with _store(db, read_only=False) as store:
            summary = run_into_store(
                store, inputs, date=date,
                options=CodeOptions(batch_size=batch_size, background=background),
                executor=executor, on_rejection=report_rejection, on_batch=report_batch,
                story_threshold=story_threshold, partitions=partitions, include=include,
                all_files=all_files)
            totals = store.counts()
    finally:
        if executor is not None:
            executor.close()
    skipped_files = (f"; {summary.files_skipped} file(s) of a directory skipped (--all reads "
                     "them)" if summary.files_skipped else "")
    click.echo(f"stored {summary.articles} article(s), {summary.events} event report(s), "
               f"{summary.actors} actor mention(s), {summary.quotes} quote(s); "
               f"{summary.rejections} input(s) rejected; "
               f"{summary.skipped} skipped as already stored; "
               f"{summary.stories} stor{'y' if summary.stories == 1 else 'ies'} in the store"
               f"{skipped_files}")
    click.echo(f"{db} holds {totals['articles']} article(s), {totals['events']} event "
               f"report(s) ({totals['merged_events']} event(s) once reports are merged), "
               f"{totals['rejections']} rejection(s)")
    if summary.read == 0:
        click.echo("detente: nothing could be read", err=True)
        sys.exit(2)


@main.command()
@db_option
@click.option("--actor", metavar="CODE", help="A country or international code: FRA, UNO...")
@click.option("--type", "type_", metavar="TYPE", help="An event type: ACCUSE, CONSULT...")
@click.option("--since", metavar="DATE", help="First day (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", metavar="DATE", help="Last day (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--text", metavar="WORDS", help="Words that the evidence sentence contains.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Rows to print (0: all).")
@scope_option()
@count_option
def events(db, actor, type_, since, until, text, limit, scope, count):
    """List events, oldest first, with the sentence each was read from."""
    with _store(db) as store:
        frame = analysis.events(store, actor=actor, type=type_, since=since, until=until,
                                text=text, scope=scope, count=count, limit=limit or None)
    click.echo(analysis.text_table(frame[analysis.EVENT_COLUMNS], max_width=80))
    if limit and len(frame) == limit:
        click.echo(f"(first {limit}; --limit 0 prints all)", err=True)


@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=click.Choice(analysis.PERIODS), default="month", show_default=True)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="Top events to show with their evidence.")
@scope_option()
@count_option
def dyad(a, b, db, by, top, scope, count):
    """Relations between A and B (country codes) over time: events per period by quad
    class, summed and mean intensity, and the top events with their evidence."""
    with _store(db) as store, _user_errors():
        result = analysis.dyad(store, a, b, by=by, top=top, count=count, scope=scope)
    click.echo(f"{result.a}-{result.b} by {result.by}: {int(result.timeline['events'].sum())} "
               f"{count}")
    click.echo(analysis.text_table(result.timeline.drop(columns=["start"])))
    if result.undated:
        click.echo(f"({result.undated} undated event(s) left out)")
    if top:
        click.echo(f"\ntop {len(result.top)} event(s):")
        click.echo(analysis.text_table(result.top[analysis.EVENT_COLUMNS], max_width=100))


@main.command()
@db_option
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@scope_option()
@count_option
def actors(db, top, scope, count):
    """The most active actors: events as source and target, cooperation and conflict.
    An event counts once for each actor among its sources or targets (the GraphML
    export's node ``events`` counts the same)."""
    with _store(db) as store:
        click.echo(analysis.text_table(analysis.actors(store, top=top, count=count,
                                                       scope=scope)))


@main.command()
@db_option
@click.option("--min-events", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--undirected", is_flag=True, help="Fold A->B and B->A into one edge.")
@scope_option()
@count_option
def network(db, min_events, undirected, scope, count):
    """The weighted actor graph: one edge per source and target country; an event with
    several targets counts on each of its edges."""
    with _store(db) as store:
        edges = analysis.network(store, count=count, directed=not undirected,
                                 min_events=min_events, scope=scope)
    click.echo(analysis.text_table(edges))


@main.command()
@click.argument("event_id")
@db_option
def show(event_id, db):
    """One event: its evidence sentence with [[trigger]] and {actors} marked, the rule
    that made it, and every report of it."""
    with _store(db) as store, _user_errors():
        detail = analysis.show(store, event_id)
    click.echo(analysis.describe(detail))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "plover", "graphml"]),
              required=True)
@click.option("-o", "--output", required=True, help="Output file (- for stdout, not parquet).")
@click.option("--table", default="events", show_default=True,
              type=click.Choice(["events", "articles", "actors", "quotes", "rejections"]),
              help="For parquet and csv: which table (events come from the event view).")
@scope_option()
@count_option
def export(db, fmt, output, table, scope, count):
    """Write events as Parquet, CSV, PLOVER JSON lines or the network as GraphML."""
    from ..export import export as export_store

    with _store(db) as store, _user_errors(), output_errors(output):
        written = export_store(store, output, fmt, count=count, table=table, scope=scope)
    if output != "-":
        click.echo(f"wrote {written} {'edge' if fmt == 'graphml' else 'record'}(s) to "
                   f"{output}", err=True)


@main.command()
@db_option
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--top-dyads", type=click.IntRange(min=1), default=6, show_default=True)
@click.option("--top-events", type=click.IntRange(min=1), default=25, show_default=True)
@scope_option(default="international")
def report(db, output, top_dyads, top_events, scope):
    """Write one self-contained HTML report (opens offline): timelines of the top dyads,
    the actor network, the event-type mix and the top events with their evidence."""
    from ..report import write_report

    with _store(db) as store, _user_errors(), output_errors(output):
        size = write_report(store, output, top_dyads=top_dyads, top_events=top_events,
                            scope=scope)
    click.echo(f"wrote {output} ({size / 1e6:.1f} MB)", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; keep the loopback default unless you mean to share.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8765, show_default=True)
def serve(db, host, port):
    """Serve a local read-only dashboard: search and filter events, dyad timelines, the
    network, and each event with its evidence highlighted in the article."""
    from ..web import serve as serve_dashboard

    with _store(db) as store, _user_errors():
        serve_dashboard(store, host=host, port=port,
                        announce=lambda url: click.echo(f"serving {db} on {url} (Ctrl-C stops)",
                                                        err=True))
