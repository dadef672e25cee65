"""Questions across events, answered as pandas DataFrames: the library under ``detente
events``, ``dyad``, ``actors``, ``network`` and ``show``, the report and the dashboard.

The SQL lives in ``store``; this module checks the options, shapes the frames and knows
how to point at the words of an event (trigger, actors, evidence) in its article.
Counts are of events, reports of one event merged (``count="events"``), unless asked.
Timelines, rankings and networks leave out future and hypothetical events.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import pandas as pd

from .codebook import QUAD_NAMES, TYPES, event_type
from .errors import ConfigError, StoreError
from .records import SCOPES
from .store import Count, Store

Period = Literal["day", "week", "month", "quarter", "year"]
PERIODS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
QUAD_COLUMNS = {q: name.replace(" ", "_") for q, name in QUAD_NAMES.items()}
# The columns a person reads first, in order: what ``detente events`` prints.
EVENT_COLUMNS = ["id", "day", "type", "mode", "source_label", "target_label", "mentions",
                 "evidence_text"]
INTERNATIONAL_NAMES = {
    "UNO": "United Nations", "EUR": "European Union", "IGO": "intergovernmental organization",
    "NGO": "non-governmental organization", "MNC": "multinational company",
    "IMG": "transnational armed group", "ISM": "international social movement",
    "KOS": "Kosovo",
}

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# ---------------------------------------------------------------------- checking options

def check_type(value: str | None) -> str | None:
    """An event type in the codebook's spelling, or ConfigError naming the choices."""
    if value is None:
        return None
    name = value.strip().upper()
    if name not in TYPES:
        raise ConfigError(f"unknown event type {value!r}: choose one of {', '.join(TYPES)}")
    return name


def check_actor(value: str | None) -> str | None:
    """A country or international code (ISO alpha-3 like FRA, or UNO, EUR, IGO...)."""
    if value is None:
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ConfigError(f"actor must be a three-letter code such as FRA or UNO, not {value!r}")
    return code


def check_day(value: str | None, *, end: bool = False) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound as a full day: the first day of the period, or
    the last one when ``end`` (so ``--until 2025-03`` takes in all of March)."""
    if value is None:
        return None
    match = _DAY.match(value.strip())
    if not match:
        raise ConfigError(f"invalid date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
        m = int(month)
        if day is None:
            last = calendar.monthrange(year, m)[1]
            return f"{year:04d}-{m:02d}-{last if end else 1:02d}"
        return pd.Timestamp(year=year, month=m, day=int(day)).strftime("%Y-%m-%d")
    except ValueError:
        raise ConfigError(f"invalid date {value!r}: no such day") from None


def check_scope(value: str | None) -> str | None:
    """``international``, ``domestic`` or None (both): see ``records.event_scope``."""
    if value is None or value.strip().lower() in ("", "all"):
        return None
    scope = value.strip().lower()
    if scope not in SCOPES:
        raise ConfigError(f"scope must be international, domestic or all, not {value!r}")
    return scope


def check_period(value: str) -> str:
    if value not in PERIODS:
        raise ConfigError(f"period must be one of {', '.join(PERIODS)}, not {value!r}")
    return value


# ---------------------------------------------------------------------- queries

def events(store: Store, *, actor: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None,
           scope: str | None = None,
           count: Count = "events", order: Literal["date", "top"] = "date",
           limit: int | None = 100, offset: int = 0) -> pd.DataFrame:
    """Events matching the filters, with readable ``source_label``/``target_label``
    columns (``FRA:GOV Anne Martin``); all modalities, with a ``modality`` column.
    ``scope``: ``international``, ``domestic`` or None/``all``."""
    frame = store.events(actor=check_actor(actor), type=check_type(type),
                         since=check_day(since), until=check_day(until, end=True), text=text,
                         scope=check_scope(scope), count=count, order=order, limit=limit,
                         offset=offset)
    return with_labels(frame)


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``source_label`` and ``target_label``: each actor as ``COUNTRY:SECTOR name``."""
    frame = frame.copy()
    frame["source_label"] = [actor_labels(v) for v in frame["source"]]
    frame["target_label"] = [actor_labels(v) for v in frame["target"]]
    return frame


def actor_labels(actors_json: str | None) -> str:
    """``[{"country": "FRA", "sector": "GOV", "name": "Anne Martin"}]`` -> ``FRA:GOV Anne
    Martin``; several actors joined with ``; ``."""
    labels = []
    for actor in json.loads(actors_json or "[]"):
        code = actor.get("country") or "?"
        if actor.get("sector"):
            code += ":" + actor["sector"]
        labels.append(f"{code} {actor['name']}" if actor.get("name") else code)
    return "; ".join(dict.fromkeys(labels))


@dataclass(frozen=True)
class Dyad:
    """Relations between two actors over time."""

    a: str
    b: str
    by: str
    timeline: pd.DataFrame  # one row per period with events
    top: pd.DataFrame  # the most reported, strongest events, with evidence
    undated: int  # events with neither an event date nor a publication date


def dyad(store: Store, a: str, b: str, *, by: Period = "month", top: int = 10,
         count: Count = "events", scope: str | None = None) -> Dyad:
    """Per period: events between ``a`` and ``b`` (either way, or together as the sources
    of an undirected event), counts per quad class, summed and mean intensity; and the
    top events with their evidence. Future and hypothetical events are left out."""
    a, b = check_actor(a), check_actor(b)
    assert a is not None and b is not None
    if a == b:
        raise ConfigError(f"a dyad needs two different actors, got {a} twice")
    check_period(by)
    scope = check_scope(scope)
    frame = store.events(dyad=(a, b), real_only=True, count=count, scope=scope)
    dated = frame[frame["day"].notna()]
    timeline = timeline_frame(dated, by)
    best = with_labels(store.events(dyad=(a, b), real_only=True, count=count, order="top",
                                    limit=top, scope=scope))
    return Dyad(a=a, b=b, by=by, timeline=timeline, top=best,
                undated=len(frame) - len(dated))


def timeline_frame(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Events per period: ``period`` label, ``start`` day, total, per quad class, and
    summed and mean intensity. Periods without events are left out."""
    columns = ["period", "start", "events", *QUAD_COLUMNS.values(), "intensity_sum",
               "intensity_mean"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    days = pd.to_datetime(frame["day"])
    starts = days.dt.to_period(_FREQ[by]).dt.start_time
    work = pd.DataFrame({"start": starts.dt.strftime("%Y-%m-%d"), "quad": frame["quad"],
                         "intensity": frame["intensity"].astype(float)})
    grouped = work.groupby("start", sort=True)
    out = pd.DataFrame({"events": grouped.size()})
    for quad, name in QUAD_COLUMNS.items():
        out[name] = grouped["quad"].apply(lambda q, quad=quad: int((q == quad).sum()))
    out["intensity_sum"] = grouped["intensity"].sum().round(2)
    out["intensity_mean"] = grouped["intensity"].mean().round(2)
    out = out.reset_index()
    out.insert(0, "period", [period_label(s, by) for s in out["start"]])
    return out[columns]


_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def every_period(timeline: pd.DataFrame, by: str) -> pd.DataFrame:
    """The timeline with a zero row for every period without events between the first
    and the last, so a chart's time axis is even."""
    if timeline.empty:
        return timeline
    periods = pd.period_range(timeline["start"].min(), timeline["start"].max(), freq=_FREQ[by])
    starts = [p.start_time.strftime("%Y-%m-%d") for p in periods]
    full = timeline.set_index("start").reindex(starts)
    counts = ["events", *QUAD_COLUMNS.values(), "intensity_sum"]
    full[counts] = full[counts].fillna(0)
    full["period"] = [period_label(s, by) for s in starts]
    return full.reset_index()[timeline.columns]


def period_label(start: str, by: str) -> str:
    """How a period is written: ``2025-04-14``, ``2025-W16``, ``2025-04``, ``2025-Q2``,
    ``2025``."""
    day = pd.Timestamp(start)
    if by == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if by == "month":
        return day.strftime("%Y-%m")
    if by == "quarter":
        return f"{day.year}-Q{day.quarter}"
    if by == "year":
        return str(day.year)
    return day.strftime("%Y-%m-%d")


def actors(store: Store, *, top: int | None = 20, count: Count = "events",
           scope: str | None = None) -> pd.DataFrame:
    """The most active actors (countries and international codes) with their names.
    ``events`` counts each real event once for every actor among its sources or targets,
    with or without a counterpart: the same count as a GraphML node's ``events``."""
    frame = store.actor_activity(top=top, count=count, scope=check_scope(scope))
    frame.insert(1, "name", [country_name(code) for code in frame["actor"]])
    return frame


def network(store: Store, *, count: Count = "events", directed: bool = True,
            min_events: int = 1, scope: str | None = None) -> pd.DataFrame:
    """Weighted edges between countries: source, target, events, mean and summed
    intensity, cooperation and conflict counts, commonest type."""
    frame = store.edges(count=count, directed=directed, scope=check_scope(scope))
    return frame[frame["events"] >= min_events].reset_index(drop=True)


def graph(edges: pd.DataFrame, activity: pd.DataFrame | None = None):  # -> nx.DiGraph
    """A directed graph of ``network`` edges: nodes are actors, edges carry the edge
    columns; ``weight`` is the number of events.

    A node has ``name``, ``edge_events`` (the events of its edges summed: an event with
    three targets counts three times) and ``events``: with ``activity`` (the frame of
    ``actors(top=None)``), the events the actor takes part in, as ``detente actors``
    counts them; without it, ``edge_events``."""
    import networkx as nx

    known = {} if activity is None else dict(zip(activity["actor"], activity["events"],
                                                 strict=True))
    g = nx.DiGraph()
    for row in edges.to_dict("records"):
        for code in (row["source"], row["target"]):
            if code not in g:
                g.add_node(code, name=country_name(code), events=0, edge_events=0)
        g.nodes[row["source"]]["edge_events"] += int(row["events"])
        g.nodes[row["target"]]["edge_events"] += int(row["events"])
        attrs = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()
                 if k not in ("source", "target")}
        g.add_edge(row["source"], row["target"], weight=int(row["events"]), **attrs)
    for code, data in g.nodes(data=True):
        data["events"] = int(known[code]) if code in known else data["edge_events"]
    return g


def top_dyads(store: Store, n: int = 6, *, count: Count = "events",
              scope: str | None = None) -> list[tuple[str, str]]:
    """The ``n`` pairs of countries with the most events between them, either way."""
    edges = store.edges(count=count, directed=False, scope=check_scope(scope))
    return list(zip(edges["source"][:n], edges["target"][:n], strict=True))


def type_mix(store: Store, *, count: Count = "events") -> pd.DataFrame:
    """Events per type in codebook order, with the quad class name."""
    counts = store.type_counts(count=count).set_index("type")["events"]
    frame = pd.DataFrame({"type": list(TYPES)})
    frame["quad"] = [event_type(t).quad for t in frame["type"]]
    frame["quad_name"] = [QUAD_NAMES[q] for q in frame["quad"]]
    frame["events"] = [int(counts.get(t, 0)) for t in frame["type"]]
    return frame


@cache
def country_name(code: str) -> str:
    """A readable name for a country or international code; the code itself if unknown."""
    if code in INTERNATIONAL_NAMES:
        return INTERNATIONAL_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


# ---------------------------------------------------------------------- one event

Mark = tuple[int, int, str]  # start, end (offsets into the article text), kind


@dataclass(frozen=True)
class EventDetail:
    """One event, its article and every report of it: what ``detente show`` prints and
    the dashboard's event page draws."""

    event: dict[str, Any]
    article: dict[str, Any]
    reports: pd.DataFrame  # every report of the merged event (one row when alone)
    marks: tuple[Mark, ...]  # evidence, trigger, source and target spans in the article


def show(store: Store, event_id: str) -> EventDetail:
    """The event with this id (a report's id or a merged event's id)."""
    event = store.event(event_id)
    if event is None:
        raise StoreError(f"no event with id {event_id!r} in {store.path}")
    article = store.article(event["article_id"]) or {}
    ids = (event.get("story") or {}).get("event_ids") or [event_id]
    reports = with_labels(store.events(ids=ids, count="reports"))
    return EventDetail(event=event, article=article, reports=reports, marks=event_marks(event))


def event_marks(event: dict[str, Any]) -> tuple[Mark, ...]:
    """The spans to highlight for an event row: evidence, trigger and its actors."""
    marks: list[Mark] = [(event["evidence_start"], event["evidence_end"], "evidence"),
                         (event["trigger_start"], event["trigger_end"], "trigger")]
    for role in ("source", "target"):
        for actor in json.loads(event.get(role) or "[]"):
            if actor.get("start", -1) >= 0 and actor.get("end", -1) > actor["start"]:
                marks.append((actor["start"], actor["end"], role))
    return tuple(marks)


def segments(text: str, marks: Sequence[Mark], *, offset: int = 0
             ) -> list[tuple[str, frozenset[str]]]:
    """Cut ``text`` (which starts at ``offset`` in the article) into pieces, each with the
    kinds of mark covering it, so a renderer can wrap each piece once (no nesting)."""
    end = offset + len(text)
    cuts = {offset, end}
    for start, stop, _ in marks:
        cuts.update(min(max(p, offset), end) for p in (start, stop))
    points = sorted(cuts)
    pieces = []
    for left, right in zip(points, points[1:], strict=False):
        if left == right:
            continue
        kinds = frozenset(k for s, e, k in marks if s <= left and right <= e)
        pieces.append((text[left - offset:right - offset], kinds))
    return pieces


def marked_text(text: str, marks: Sequence[Mark], *, offset: int = 0) -> str:
    """Plain-text highlighting for a terminal: ``[[trigger]]`` and ``{actor}``."""
    out = []
    for piece, kinds in segments(text, [m for m in marks if m[2] != "evidence"],
                                 offset=offset):
        if "trigger" in kinds:
            piece = f"[[{piece}]]"
        elif kinds & {"source", "target"}:
            piece = "{" + piece + "}"
        out.append(piece)
    return "".join(out)


# ---------------------------------------------------------------------- printing

def text_table(frame: pd.DataFrame, *, max_width: int = 60) -> str:
    """A DataFrame as a plain-text table: header, rule, rows; long cells cut with '…'."""
    if frame.empty:
        return "(no rows)"

    def cell(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, list):
            value = ",".join(map(str, value))
        if isinstance(value, float):
            value = f"{value:g}"
        text = " ".join(str(value).split())
        return text if len(text) <= max_width else text[:max_width - 1] + "…"

    header = [str(c) for c in frame.columns]
    rows = [[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if n else c.ljust(w)
                         for c, w, n in zip(cells, widths, numeric, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]),
                      *(line(r) for r in rows)])


def describe(detail: EventDetail) -> str:
    """An event as plain text for a terminal: what, when, who, the rule, the evidence with
    ``[[trigger]]`` and ``{actors}`` marked, and every report of it."""
    e, article = detail.event, detail.article
    story = e.get("story") or {}
    lines = [
        f"event     {e['id']}  {e['type']}{' (' + e['mode'] + ')' if e.get('mode') else ''}"
        f", {QUAD_NAMES.get(e['quad'], '?')}, intensity {e['intensity']:g}",
        f"date      {e.get('date') or '-'} ({e.get('date_precision') or 'unknown'}), "
        f"{e.get('modality') or 'asserted'}",
        f"source    {actor_labels(e.get('source')) or '-'}",
        f"target    {actor_labels(e.get('target')) or '-'}",
        f"trigger   {e['trigger_text']!r} at {e['trigger_start']}-{e['trigger_end']}",
        f"rule      {e.get('rule') or '-'}",
    ]
    if e.get("location_name"):
        lines.append(f"location  {e['location_name']} ({e.get('location_country') or '?'})")
    lines += [
        f"article   {e['article_id']}: {article.get('title') or '(untitled)'}, "
        f"{article.get('date') or 'undated'}, {article.get('source') or '?'}",
        f"url       {article.get('url') or '-'} ({article.get('license') or 'no license given'})",
        "evidence  " + marked_text(e["evidence_text"], detail.marks,
                                   offset=e["evidence_start"]),
        f"reports   {story.get('reports', 1)} report(s), {story.get('mentions', e['mentions'])} "
        "mention(s)",
    ]
    if len(detail.reports) > 1:
        lines.append(text_table(detail.reports[["id", "article_id", "day", "evidence_text"]],
                                max_width=90))
    return "\n".join(lines)
