"""The dashboard's pages as HTML strings: every value from the store goes through
``report.esc`` or ``report.highlight_html``, since article text is untrusted."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd

from .. import analysis
from ..codebook import TYPES
from ..report import (
    LEGEND,
    dyad_figure,
    esc,
    event_card,
    figure_html,
    highlight_html,
    network_figure,
    safe_url,
    table_html,
)

NAV = (("/", "Events"), ("/dyad", "Dyads"), ("/network", "Network"), ("/actors", "Actors"))
SCOPE_OPTIONS = [("all", "international and domestic"), ("international", "international"),
                 ("domestic", "domestic")]


def layout(title: str, body: str, *, active: str = "/") -> str:
    links = " ".join(f'<a href="{href}"{" aria-current=page" if href == active else ""}>'
                     f"{name}</a>" for href, name in NAV)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · detente</title>"
        '<link rel="stylesheet" href="/static/style.css">'
        '<script src="/static/plotly.min.js"></script></head><body>'
        f'<header class="top"><h1>detente</h1><nav>{links}</nav></header>'
        f"<main>{body}</main></body></html>")


def error_page(status: int, message: str) -> str:
    return layout(f"{status}", f'<section><h2>{status}</h2><p>{esc(message)}</p>'
                  '<p><a href="/">Back to the events</a></p></section>')


def event_link(event_id: Any) -> str:
    return "/event/" + quote(str(event_id), safe="")


def _input(name: str, label: str, value: Any, *, placeholder: str = "", size: int = 10) -> str:
    return (f'<label>{esc(label)}<input name="{name}" value="{esc(value or "")}" '
            f'placeholder="{esc(placeholder)}" size="{size}"></label>')


def _select(name: str, label: str, value: Any, options: list[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{esc(v)}"{" selected" if v == (value or "") else ""}>'
                    f"{esc(text)}</option>" for v, text in options)
    return f'<label>{esc(label)}<select name="{name}">{items}</select></label>'


def events_page(frame: pd.DataFrame, total: int, filters: dict[str, Any], *, page: int,
                per_page: int) -> str:
    """The search form, and one row per event with its evidence highlighted."""
    form = (
        '<form class="filters" method="get" action="/">'
        + _input("text", "words in the evidence", filters.get("text"), size=24)
        + _input("actor", "actor", filters.get("actor"), placeholder="FRA", size=6)
        + _select("type", "type", filters.get("type"),
                  [("", "any type"), *((t, t) for t in TYPES)])
        + _input("since", "since", filters.get("since"), placeholder="YYYY-MM-DD")
        + _input("until", "until", filters.get("until"), placeholder="YYYY-MM-DD")
        + _select("count", "count", filters.get("count"),
                  [("events", "events"), ("reports", "every report")])
        + _select("scope", "scope", filters.get("scope") or "all", SCOPE_OPTIONS)
        + '<button type="submit">Filter</button></form>')
    rows = []
    for row in frame.to_dict("records"):
        marks = [m for m in analysis.event_marks(row) if m[2] != "evidence"]
        evidence = highlight_html(row["evidence_text"] or "", marks,
                                  offset=row["evidence_start"])
        rows.append(
            f'<tr><td class="day">{esc(row["day"])}</td>'
            f'<td><a class="badge q{int(row["quad"])}" href="{esc(event_link(row["id"]))}">'
            f'{esc(row["type"])}</a></td>'
            f'<td>{esc(row["source_label"])}</td><td>{esc(row["target_label"]) or "-"}</td>'
            f'<td class="num">{int(row["mentions"])}</td><td>{evidence}</td></tr>')
    table = ('<table id="events"><thead><tr><th>day</th><th>type</th><th>source</th>'
             '<th>target</th><th class="num">mentions</th><th>evidence</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>' if rows
             else '<p class="muted">No events match.</p>')
    first = (page - 1) * per_page
    shown = f"{first + 1}-{first + len(frame)} of {total}" if total else "0"
    pager = []
    query = {k: v for k, v in filters.items() if v}
    if page > 1:
        pager.append(f'<a href="/?{esc(urlencode({**query, "page": page - 1}))}">previous</a>')
    if first + len(frame) < total:
        pager.append(f'<a href="/?{esc(urlencode({**query, "page": page + 1}))}">next</a>')
    what = "reports" if filters.get("count") == "reports" else "events"
    return layout("Events", (
        f"<section><h2>Events</h2>{form}</section>"
        f'<section><p class="pager"><span id="total">{esc(shown)} {what}</span> '
        f'{" · ".join(pager)}</p>{LEGEND}{table}</section>'), active="/")


def event_page(detail: analysis.EventDetail) -> str:
    """One event: what and who, every report of it, and the article with the evidence
    sentence, trigger and actors highlighted."""
    e, article = detail.event, detail.article
    story = e.get("story") or {}
    headline = {**e, "mentions": story.get("mentions", e["mentions"]),
                "reports": story.get("reports", 1)}
    facts = pd.DataFrame({"field": [
        "id", "type", "mode", "quad", "intensity", "date", "date precision", "modality",
        "rule", "location", "trigger", "evidence offsets", "mentions", "reports"],
        "value": [
        e["id"], e["type"], e.get("mode") or "-", e["quad"], e["intensity"],
        e.get("date") or "-", e.get("date_precision") or "-", e.get("modality"),
        e.get("rule"), e.get("location_name") or "-",
        f'{e["trigger_text"]} ({e["trigger_start"]}-{e["trigger_end"]})',
        f'{e["evidence_start"]}-{e["evidence_end"]}',
        headline["mentions"], headline["reports"]]})
    facts["value"] = facts["value"].astype(str)
    reports = ""
    if len(detail.reports) > 1:
        reports = (f"<section><h2>Reports of this event ({len(detail.reports)})</h2>"
                   + "".join(event_card(row, link=event_link(row["id"]))
                             for row in detail.reports.to_dict("records")) + "</section>")
    text = article.get("text") or ""
    body = highlight_html(text, detail.marks)
    body = body.replace('<span class="m-evidence', '<span id="evidence" class="m-evidence', 1)
    url = safe_url(article.get("url"))
    source_line = (f'<a href="{esc(url)}" rel="noreferrer">{esc(url)}</a>' if url
                   else esc(article.get("url") or "no url"))
    return layout(f"{e['type']} {e['id']}", (
        f"<section><h2>Event {esc(e['id'])}</h2>"
        f"{event_card(headline)}"
        f'{table_html(facts, css_class="facts")}</section>'
        f"{reports}"
        f'<section id="article"><h2>{esc(article.get("title") or e["article_id"])}</h2>'
        f'<p class="muted">{esc(article.get("date") or "undated")} · '
        f'{esc(article.get("source") or "")} · {source_line} · '
        f'{esc(article.get("license") or "")}</p>{LEGEND}'
        f'<div class="article">{body}</div></section>'), active="/")


def dyad_page(dyad: analysis.Dyad | None, form: dict[str, Any],
              suggestions: list[tuple[str, str]]) -> str:
    fields = (
        '<form class="filters" method="get" action="/dyad">'
        + _input("a", "actor A", form.get("a"), placeholder="USA", size=6)
        + _input("b", "actor B", form.get("b"), placeholder="CHN", size=6)
        + _select("by", "by", form.get("by") or "month", [(p, p) for p in analysis.PERIODS])
        + _select("scope", "scope", form.get("scope") or "all", SCOPE_OPTIONS)
        + '<button type="submit">Show</button></form>')
    links = " · ".join(f'<a href="/dyad?{esc(urlencode({"a": a, "b": b}))}">{esc(a)}-{esc(b)}</a>'
                       for a, b in suggestions)
    parts = [f"<section><h2>Dyad timeline</h2>{fields}"
             f'<p class="muted">Busiest pairs: {links or "none yet"}</p></section>']
    if dyad is not None:
        total = int(dyad.timeline["events"].sum()) if not dyad.timeline.empty else 0
        parts.append(
            f"<section><h2>{esc(dyad.a)} &ndash; {esc(dyad.b)} by {esc(dyad.by)}: "
            f"{total} events</h2>{figure_html(dyad_figure(dyad))}"
            f"{table_html(dyad.timeline.drop(columns=['start']))}</section>")
        cards = "".join(event_card(row, link=event_link(row["id"]))
                        for row in dyad.top.to_dict("records"))
        parts.append(f"<section><h2>Top events</h2>{LEGEND}{cards or 'None.'}</section>")
    return layout("Dyads", "".join(parts), active="/dyad")


def _scope_form(action: str, scope: str) -> str:
    return (f'<form class="filters" method="get" action="{action}">'
            + _select("scope", "scope", scope, SCOPE_OPTIONS)
            + '<button type="submit">Show</button></form>')


def network_page(edges: pd.DataFrame, undirected: pd.DataFrame, *, scope: str = "all") -> str:
    return layout("Network", (
        f"<section><h2>Actor network</h2>{_scope_form('/network', scope)}"
        '<p class="muted">Edge colour: mean intensity (red conflict, blue cooperation); '
        "width: events. Future and hypothetical events are left out.</p>"
        f"{figure_html(network_figure(undirected))}</section>"
        f"<section><h2>Edges</h2>{table_html(edges.head(100))}</section>"), active="/network")


def actors_page(frame: pd.DataFrame, *, scope: str = "all") -> str:
    return layout("Actors", f"<section><h2>Most active actors</h2>{_scope_form('/actors', scope)}"
                  '<p class="muted">events: each event once for every actor among its '
                  "sources or targets (future and hypothetical ones left out).</p>"
                  f"{table_html(frame)}</section>", active="/actors")
