"""One self-contained HTML report of a store, and the charts the dashboard shares.

The file opens offline: plotly's JavaScript is embedded from the installed package, and
a Content-Security-Policy forbids every network load. All article text is untrusted and
goes through ``html.escape``; charts carry only codes, names and numbers.
"""

from __future__ import annotations

import html
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import __version__, analysis
from .codebook import QUAD_NAMES
from .store import Store

QUAD_COLORS = {1: "#6baed6", 2: "#08519c", 3: "#fd8d3c", 4: "#cb181d"}
PLOT_CONFIG = {"displaylogo": False, "responsive": True}
# No network at all from the report: scripts and styles are inline, images data: only.
REPORT_CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
              "style-src 'unsafe-inline'; img-src data: blob:; font-src data:")

CSS = """
:root { --coop: #08519c; --conflict: #cb181d; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0;
       color: #222; background: #fafafa; }
header.top { background: #1d2b3a; color: #fff; padding: 12px 24px; display: flex;
             gap: 24px; align-items: baseline; flex-wrap: wrap; }
header.top a { color: #cfe3ff; text-decoration: none; margin-right: 16px; }
header.top a[aria-current] { color: #fff; border-bottom: 2px solid #fff; }
header.top h1 { font-size: 20px; margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px;
          padding: 12px 18px; margin: 16px 0; }
h2 { font-size: 18px; margin: 4px 0 12px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
.muted { color: var(--muted); }
.stats { display: flex; gap: 24px; flex-wrap: wrap; }
.stats div b { display: block; font-size: 22px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; }
td.day { white-space: nowrap; }
table.facts { width: auto; } table.facts td:first-child { color: var(--muted); }
.event { border-left: 4px solid var(--line); padding: 6px 12px; margin: 10px 0; }
.event.q1 { border-color: #6baed6; } .event.q2 { border-color: #08519c; }
.event.q3 { border-color: #fd8d3c; } .event.q4 { border-color: #cb181d; }
.event .meta { font-size: 13px; color: var(--muted); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff;
         font-size: 12px; font-weight: 600; }
.badge.q1 { background: #6baed6; } .badge.q2 { background: #08519c; }
.badge.q3 { background: #fd8d3c; } .badge.q4 { background: #cb181d; }
.m-evidence { background: #efe9ff; }
.m-trigger { background: #ffe066; font-weight: 600; }
.m-source { background: #cfe3ff; border-bottom: 2px solid #08519c; }
.m-target { background: #ffd6d6; border-bottom: 2px solid #cb181d; }
.legend span { margin-right: 12px; padding: 0 4px; }
.article { white-space: pre-wrap; font: 15px/1.6 Georgia, serif; max-width: 60em; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: end; }
form.filters label { display: flex; flex-direction: column; font-size: 12px;
                     color: var(--muted); }
form.filters input, form.filters select { font-size: 14px; padding: 4px; }
.pager { margin: 8px 0; }
"""


# ---------------------------------------------------------------------- HTML pieces

def esc(value: Any) -> str:
    """Escaped text for HTML: every value from the store is untrusted."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """An http(s) URL fit for an href, or None (no ``javascript:`` or other schemes)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def highlight_html(text: str, marks: Any, *, offset: int = 0) -> str:
    """``text`` escaped, with the trigger, source and target actors (and the evidence,
    when the text is the whole article) wrapped in ``<span class="m-...">``."""
    out = []
    for piece, kinds in analysis.segments(text, marks, offset=offset):
        escaped = html.escape(piece)
        if kinds:
            classes = " ".join(f"m-{k}" for k in sorted(kinds))
            out.append(f'<span class="{classes}">{escaped}</span>')
        else:
            out.append(escaped)
    return "".join(out)


LEGEND = ('<p class="legend muted"><span class="m-trigger">trigger</span>'
          '<span class="m-source">source</span><span class="m-target">target</span></p>')


def event_card(row: dict[str, Any], *, link: str | None = None) -> str:
    """One event with its evidence highlighted: type, date, who to whom, the article."""
    marks = [m for m in analysis.event_marks(row) if m[2] != "evidence"]
    evidence = highlight_html(row["evidence_text"] or "", marks, offset=row["evidence_start"])
    quad = int(row["quad"])
    title = esc(row.get("title") or row["article_id"])
    url = safe_url(row.get("url"))
    article = f'<a href="{esc(url)}" rel="noreferrer">{title}</a>' if url else title
    head = f'<span class="badge q{quad}">{esc(row["type"])}</span>'
    if link:
        head = f'<a href="{esc(link)}">{head}</a>'
    mentions = int(row.get("mentions") or 1)
    reports = int(row.get("reports") or 1)
    return (
        f'<div class="event q{quad}">{head} {esc(row.get("mode") or "")} '
        f'<b>{esc(analysis.actor_labels(row.get("source")))}</b> &rarr; '
        f'<b>{esc(analysis.actor_labels(row.get("target")) or "-")}</b> '
        f'<span class="meta">{esc(row.get("day"))} &middot; {esc(row.get("modality"))} '
        f'&middot; {mentions} mention(s) in {reports} report(s)</span>'
        f'<div>{evidence}</div>'
        f'<div class="meta">{article} &middot; {esc(row.get("publisher"))} &middot; '
        f'rule {esc(row.get("rule"))} &middot; id {esc(row["id"])}</div></div>')


def table_html(frame: pd.DataFrame, *, links: dict[str, str] | None = None,
               css_class: str = "") -> str:
    """A DataFrame as an escaped HTML table; ``links`` maps a column to an href pattern
    with ``{}`` for the cell value."""
    if frame.empty:
        return '<p class="muted">No rows.</p>'
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{esc(c)}</th>'
                   for c in frame.columns)
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column, value in record.items():
            text = esc(value if not isinstance(value, float) else f"{value:g}")
            if links and column in links and text:
                text = f'<a href="{esc(links[column].format(value))}">{text}</a>'
            cells.append(f'<td class="{"num" if column in numeric else ""}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{esc(css_class)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def figure_html(fig: go.Figure) -> str:
    """A chart as a div and a small script; plotly's library must be on the page."""
    return pio.to_html(fig, full_html=False, include_plotlyjs=False, config=PLOT_CONFIG)


# ---------------------------------------------------------------------- charts

def dyad_figure(dyad: analysis.Dyad) -> go.Figure:
    """Cooperation above the axis, conflict below, one bar per period (empty periods
    kept), and the summed intensity as a line on its own axis, both centred on zero."""
    t = analysis.every_period(dyad.timeline, dyad.by)
    x = list(t["period"])
    fig = go.Figure()
    for quad, column in analysis.QUAD_COLUMNS.items():
        sign = 1 if quad <= 2 else -1
        fig.add_bar(x=x, y=[sign * int(v) for v in t[column]], name=QUAD_NAMES[quad],
                    marker_color=QUAD_COLORS[quad],
                    hovertemplate="%{x}: %{y} " + QUAD_NAMES[quad] + "<extra></extra>")
    fig.add_scatter(x=x, y=[float(v) for v in t["intensity_sum"]], name="summed intensity",
                    mode="lines+markers", yaxis="y2", line={"color": "#333", "width": 1.5},
                    marker={"size": 4})
    coop = t[["verbal_cooperation", "material_cooperation"]].sum(axis=1)
    conflict = t[["verbal_conflict", "material_conflict"]].sum(axis=1)
    reach = max([1, *coop, *conflict]) * 1.1
    strength = max([1.0, *(abs(float(v)) for v in t["intensity_sum"])]) * 1.1
    fig.update_layout(
        barmode="relative", bargap=0.15, height=300, template="plotly_white",
        margin={"l": 60, "r": 60, "t": 10, "b": 40}, legend={"orientation": "h", "y": -0.25},
        xaxis={"type": "category", "tickangle": -45 if len(x) > 12 else 0},
        yaxis={"title": {"text": "events (conflict < 0)"}, "range": [-reach, reach]},
        yaxis2={"title": {"text": "summed intensity"}, "overlaying": "y", "side": "right",
                "showgrid": False, "zeroline": False, "range": [-strength, strength]})
    return fig


def network_figure(edges: pd.DataFrame, *, max_nodes: int = 40) -> go.Figure:
    """The actor network: nodes sized by events, edges coloured from conflict (red) to
    cooperation (blue) by mean intensity and drawn wider the more events they carry."""
    import networkx as nx

    g = analysis.graph(edges).to_undirected(as_view=True)
    if g.number_of_nodes() > max_nodes:
        keep = sorted(g.nodes, key=lambda n: -g.nodes[n]["events"])[:max_nodes]
        g = g.subgraph(keep).copy()
    fig = go.Figure()
    if g.number_of_nodes() == 0:
        fig.update_layout(height=200, template="plotly_white",
                          annotations=[{"text": "no events between actors yet",
                                        "showarrow": False}])
        return fig
    pos = nx.spring_layout(g, seed=7, weight="weight", k=1.5 / math.sqrt(g.number_of_nodes()))
    kept = edges[edges["source"].isin(g.nodes) & edges["target"].isin(g.nodes)]
    top = max(int(kept["events"].max()), 1) if not kept.empty else 1
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for row in kept.to_dict("records"):
        tone = 0 if row["mean_intensity"] <= -4 else 1 if row["mean_intensity"] < 0 else \
            2 if row["mean_intensity"] < 4 else 3
        width = 1 + round(5 * math.sqrt(row["events"] / top))
        groups.setdefault((tone, width), []).append(row)
    tones = ["#cb181d", "#fd8d3c", "#6baed6", "#08519c"]
    mid_x, mid_y, mid_text = [], [], []
    for (tone, width), rows in sorted(groups.items()):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for row in rows:
            (x0, y0), (x1, y1) = pos[row["source"]], pos[row["target"]]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            mid_x.append((x0 + x1) / 2)
            mid_y.append((y0 + y1) / 2)
            mid_text.append(f"{row['source']} &rarr; {row['target']}: {row['events']} events, "
                            f"mean intensity {row['mean_intensity']:g}, "
                            f"{row['cooperation']} cooperation, {row['conflict']} conflict")
        fig.add_scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                        line={"color": tones[tone], "width": width}, opacity=0.7)
    fig.add_scatter(x=mid_x, y=mid_y, mode="markers", marker={"size": 8, "opacity": 0},
                    hovertext=mid_text, hoverinfo="text", showlegend=False)
    nodes = list(g.nodes)
    sizes = [g.nodes[n]["events"] for n in nodes]
    biggest = max(sizes) or 1
    fig.add_scatter(
        x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text",
        text=nodes, textposition="top center", showlegend=False,
        hovertext=[f"{n} {esc(g.nodes[n]['name'])}: {g.nodes[n]['events']} events"
                   for n in nodes], hoverinfo="text",
        marker={"size": [10 + 30 * math.sqrt(s / biggest) for s in sizes], "color": "#1d2b3a",
                "line": {"color": "#fff", "width": 1}})
    fig.update_layout(height=560, template="plotly_white", showlegend=False,
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def type_mix_figure(mix: pd.DataFrame) -> go.Figure:
    """Events per type, one colour per quad class."""
    fig = go.Figure()
    for quad, name in QUAD_NAMES.items():
        part = mix[mix["quad"] == quad]
        fig.add_bar(y=list(part["type"]), x=list(part["events"]), orientation="h", name=name,
                    marker_color=QUAD_COLORS[quad])
    fig.update_layout(height=460, template="plotly_white", barmode="stack",
                      margin={"l": 90, "r": 20, "t": 10, "b": 40},
                      yaxis={"categoryorder": "array", "categoryarray": list(mix["type"])[::-1]},
                      legend={"orientation": "h", "y": -0.12})
    return fig


# ---------------------------------------------------------------------- the report

def build_report(store: Store, *, top_dyads: int = 6, top_events: int = 25,
                 by: str = "month", scope: str | None = "international") -> str:
    """The report as one HTML string. ``scope`` picks the top events and the events the
    dyads and the network count: ``international`` (the default), ``domestic``, or None
    / ``all``; the totals and the type mix count every event."""
    from plotly.offline import get_plotlyjs

    counts = store.counts()
    first, last = store.date_range()
    scope = analysis.check_scope(scope)
    dyads = [analysis.dyad(store, a, b, by=by, top=0, scope=scope) for a, b in
             analysis.top_dyads(store, top_dyads, scope=scope)]
    edges = analysis.network(store, scope=scope)
    best = store.events(order="top", real_only=True, limit=top_events, scope=scope)
    stats = [("articles", counts["articles"]), ("events", counts["merged_events"]),
             ("event reports", counts["events"]), ("rejected inputs", counts["rejections"]),
             ("first day", first or "-"), ("last day", last or "-")]
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>detente report</title>", f"<style>{CSS}</style>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>', "</head><body>",
        '<header class="top"><h1>detente report</h1>'
        f'<span>{esc(Path(store.path).name)} &middot; made '
        f'{datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")} by detente {__version__}'
        "</span></header><main>",
        '<section><div class="stats">' + "".join(
            f"<div><b>{esc(v)}</b>{esc(k)}</div>" for k, v in stats) + "</div>"
        '<p class="muted">Events count each reported action once: reports of the same event '
        "in one story are merged. Charts leave out future and hypothetical events.</p>"
        "</section>",
        '<section id="dyads"><h2>Cooperation and conflict: the top dyads</h2>',
    ]
    if not dyads:
        parts.append('<p class="muted">No events between two actors yet.</p>')
    for d in dyads:
        total = int(d.timeline["events"].sum()) if not d.timeline.empty else 0
        parts.append(f"<h3>{esc(d.a)} &ndash; {esc(d.b)} "
                     f'<span class="muted">{esc(analysis.country_name(d.a))} &ndash; '
                     f"{esc(analysis.country_name(d.b))}, {total} events</span></h3>")
        parts.append(figure_html(dyad_figure(d)))
    parts += [
        "</section>", '<section id="network"><h2>Actor network</h2>',
        figure_html(network_figure(analysis.network(store, directed=False, scope=scope))),
        "<h3>Strongest ties</h3>", table_html(edges.head(20)), "</section>",
        '<section id="types"><h2>Event types</h2>',
        figure_html(type_mix_figure(analysis.type_mix(store))), "</section>",
        f'<section id="events"><h2>Top {esc(scope or "")} events</h2>{LEGEND}',
        *(event_card(row) for row in best.to_dict("records")),
        "</section></main></body></html>",
    ]
    if best.empty:
        parts.insert(-1, '<p class="muted">No events yet.</p>')
    return "\n".join(parts)


def write_report(store: Store, output: str | Path, **options: Any) -> int:
    """Write the report to ``output``; returns its size in bytes."""
    data = build_report(store, **options).encode("utf-8")
    Path(output).write_bytes(data)
    return len(data)

