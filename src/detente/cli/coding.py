"""Commands that code text: ``code``, ``eval`` and ``resolve``."""

from __future__ import annotations

import json
import sys

import click
from tqdm import tqdm

from ..errors import DetenteError
from ..pipeline import CodeOptions
from ..records import CodedArticle, Rejected
from ..session import RunCounts, code_inputs
from . import main
from .options import background_option, executor_from_options, executor_options, input_options
from .output import writing


def _run(paths, counts: RunCounts, date, options, workers, engine, scheduler, only=None,
         include=(), all_files=False):
    """Coded items with rejections reported on stderr as they come, under a progress bar
    that appears only on runs long enough to want one."""
    executor = executor_from_options(workers, engine, scheduler)
    try:
        bar = tqdm(unit=" articles", file=sys.stderr, delay=2.0, disable=None, leave=False)
        for item in code_inputs(paths, counts, date=date, options=options, executor=executor,
                                only=only, include=include, all_files=all_files):
            if isinstance(item, Rejected):
                bar.clear()
                click.echo(f"detente: {item.where}: {item.why}", err=True)
            else:
                bar.update(1)
            yield item
        bar.close()
    except DetenteError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if executor is not None:
            executor.close()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write events here (JSON lines) instead of standard output.")
@click.option("--date", metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none (dates resolve against it).")
@click.option("--explain", is_flag=True,
              help="Show, sentence by sentence, the actors found and why each event was "
                   "made or not, instead of the event records.")
@input_options
@background_option
@executor_options
def code(inputs, output, date, explain, include, all_files, background, workers, engine,
         scheduler):
    """Code INPUTS (.txt, .md, .html, .jsonl, WARC, feeds, directories, - for stdin)
    into one JSON event record per line."""
    from ..explain import explain as explain_article

    counts = RunCounts()
    options = CodeOptions(explain=explain, background=background)
    with writing(output) as out:
        for item in _run(inputs, counts, date, options, workers, engine, scheduler,
                         include=include, all_files=all_files):
            if not isinstance(item, CodedArticle):
                continue
            if explain:
                out.write(explain_article(item) + "\n\n")
            else:
                for event in item.events:
                    out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    _closing_lines(counts)
    sys.exit(counts.exit_code)


def _closing_lines(counts: RunCounts) -> None:
    click.echo(f"detente: {counts.summary()}", err=True)
    if counts.articles == 0 and counts.rejected == 0 and counts.skipped == 0:
        click.echo("detente: the inputs hold no documents to code", err=True)


@main.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--also", "more_gold", multiple=True, type=click.Path(dir_okay=False),
              help="Another gold file scored together with GOLD (repeatable).")
@click.option("--holdout", type=click.Path(dir_okay=False),
              help="File of article ids only scored, never studied: their figures are "
                   "printed beside those of the rest.")
@click.option("--date", metavar="YYYY-MM-DD", help="Publication date for inputs without one.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--pred", type=click.Path(dir_okay=False, writable=True),
              help="Also write the predicted events here (JSON lines).")
@input_options
@background_option
@executor_options
def evaluate(gold, inputs, more_gold, holdout, date, as_json, pred, include, all_files,
             background, workers, engine, scheduler):
    """Code the GOLD articles found in INPUTS and score them (the figures of gold/score.py)."""
    from ..evaluate import format_report, load_golds, load_ids, score, split

    try:
        gold_events = load_golds([gold, *more_gold])
        held_out = load_ids(holdout) if holdout else None
    except DetenteError as exc:
        raise click.ClickException(str(exc)) from exc
    counts = RunCounts()
    events = []
    for item in _run(inputs, counts, date, CodeOptions(background=background), workers,
                     engine, scheduler, only=lambda doc: doc.id in gold_events,
                     include=include, all_files=all_files):
        if isinstance(item, CodedArticle):
            events.extend(e.to_dict() for e in item.events)
    if pred:
        with writing(pred) as handle:
            for e in events:
                handle.write(json.dumps(e, ensure_ascii=False) + "\n")
    result = score(gold_events, events)
    if held_out is None:
        click.echo(json.dumps(result) if as_json else format_report(result))
    else:
        studied, scored_only = split(gold_events, held_out)
        parts = {"all": result, "studied": score(studied, events),
                 "held_out": score(scored_only, events)}
        if as_json:
            click.echo(json.dumps(parts))
        else:
            click.echo("\n\n".join(f"== {name.replace('_', ' ')}\n{format_report(part)}"
                                    for name, part in parts.items()))
    sys.exit(counts.exit_code)


@main.command()
@click.argument("text", required=False)
@click.option("--date", help="The date roles are looked up on, in any common form "
                             "(2015-05-10, 10 May 2015, May 10, 2015).")
@click.option("--context", help="Text read before TEXT: later mentions ('the president') "
                                "resolve against it, and the country it names most decides "
                                "bare titles and names several places share.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--batch", type=click.Path(dir_okay=False),
              help='JSONL file of {"text", "date", "context"}: one result line each, in order; '
                   'a bad line gets an {"error"} object in its place.')
def resolve(text, date, context, as_json, batch):
    """Show how TEXT resolves to an actor: name, country and sector."""
    from ..actors import resolve_phrase
    from ..resolving import DATE_HINT, parse_date, read_batch

    if batch:
        resolved = rejected = 0
        try:
            for item in read_batch(batch):
                if isinstance(item, Rejected):
                    rejected += 1
                    click.echo(f"detente: {item}", err=True)
                    record = {"error": item.why, "where": item.where}
                else:
                    resolved += 1
                    record = _resolved(resolve_phrase, item.text, item.date, item.context)
                click.echo(json.dumps(record, ensure_ascii=False))
        except DetenteError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"detente: resolved {resolved} phrase(s); {rejected} line(s) rejected",
                   err=True)
        sys.exit(0 if resolved or not rejected else 2)
    if not text:
        raise click.UsageError("give TEXT or --batch FILE")
    if date is not None:
        parsed = parse_date(date)
        if parsed is None:
            raise click.UsageError(f"--date: invalid date {date!r}: {DATE_HINT}")
        date = parsed
    result = _resolved(resolve_phrase, text, date, context)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(f"{result['text']!r}: country {result['country'] or '-'}, sector "
                   f"{result['sector'] or '-'}, name {result['name'] or '-'}")


def _resolved(resolve_phrase, text, date, context) -> dict:
    actor = resolve_phrase(text, date=date, context=context)
    if actor is None:
        return {"text": text, "name": None, "country": None, "sector": None}
    return actor.to_dict() | {"text": text}
