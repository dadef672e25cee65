"""Writing the store out for other tools: Parquet, CSV, PLOVER JSON lines, GraphML.

``plover`` follows the PLOVER/POLECAT JSON record (``id``, ``date``, ``actor``,
``recipient``, ``event``, ``mode``, ``quad_code``, ``event_text``, ``text_info``,
``cite_info``, ``geolocation``): ``actor`` and ``recipient`` are country codes (several
joined with ``;``, as POLECAT does), with every actor in full under ``actor_info`` and
``recipient_info``; ``text_info`` points into the article with character offsets.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa

from . import __version__
from .analysis import actors, check_scope, graph, network
from .codebook import QUAD_NAMES
from .errors import ConfigError
from .store import TABLES, Count, Store

FORMATS = ("parquet", "csv", "plover", "graphml")
SUFFIXES = {"parquet": ".parquet", "csv": ".csv", "plover": ".jsonl", "graphml": ".graphml"}


def export(store: Store, output: str | Path, fmt: str, *, count: Count = "events",
           table: str = "events", scope: str | None = None) -> int:
    """Write events (or, for parquet and csv, any stored ``table``) to ``output`` in
    ``fmt``; ``"-"`` writes text formats to stdout. Returns the records written (edges
    for graphml)."""
    if fmt not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if table != "events" and fmt not in ("parquet", "csv"):
        raise ConfigError(f"--table {table} needs --format parquet or csv")
    if table not in ("events", *TABLES):
        raise ConfigError(f"no table {table!r}: choose one of {', '.join(TABLES)}")
    if fmt == "parquet" and str(output) == "-":
        raise ConfigError("parquet is binary: give a file with -o PATH")
    scope = check_scope(scope)
    if fmt == "graphml":
        return write_graphml(store, output, count=count, scope=scope)
    if table == "events":
        frame = store.events(count=count, scope=scope)
        if fmt == "plover":
            return write_plover(frame, output)
        data = pa.Table.from_pandas(frame, preserve_index=False)
    else:
        data = store.table(table)
    return write_parquet(data, output) if fmt == "parquet" else write_csv(data, output)


def write_parquet(data: pa.Table, output: str | Path) -> int:
    import pyarrow.parquet as pq

    pq.write_table(data, str(output))
    return data.num_rows


def write_csv(data: pa.Table, output: str | Path) -> int:
    """CSV with list columns written as JSON arrays, so every cell is one value."""
    frame = data.to_pandas()
    for name, kind in zip(data.column_names, data.schema.types, strict=True):
        if pa.types.is_list(kind) or pa.types.is_large_list(kind):
            frame[name] = [None if v is None else json.dumps(list(v), ensure_ascii=False)
                           for v in frame[name]]
    with _text_output(output) as handle:
        frame.to_csv(handle, index=False, lineterminator="\n")
    return len(frame)


def write_plover(frame: pd.DataFrame, output: str | Path) -> int:
    with _text_output(output) as handle:
        n = 0
        for record in plover_records(frame):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def plover_records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Event rows of the store as PLOVER JSON records."""
    for row in frame.to_dict("records"):
        row = {k: _plain(v) for k, v in row.items()}
        sources = json.loads(row["source"] or "[]")
        targets = json.loads(row["target"] or "[]")
        yield {
            "id": row["id"],
            "date": row["date"] or row["day"],
            "date_precision": row["date_precision"] or ("publication" if row["day"] else None),
            "actor": _codes(sources),
            "recipient": _codes(targets),
            "event": row["type"],
            "mode": row["mode"] or "",
            "quad_code": int(row["quad"]),
            "quad_name": QUAD_NAMES.get(int(row["quad"])),
            "intensity": row["intensity"],
            "modality": row["modality"],
            "event_text": row["evidence_text"],
            "actor_info": sources,
            "recipient_info": targets,
            "text_info": {
                "article_id": row["article_id"],
                "story_id": row["story_id"],
                "headline": row["title"],
                "publication_date": row["published"],
                "language": "en",
                "evidence": {"start": row["evidence_start"], "end": row["evidence_end"]},
                "trigger": {"text": row["trigger_text"], "start": row["trigger_start"],
                            "end": row["trigger_end"]},
                "mentions": row["mentions"],
                "reports": row["event_ids"],
            },
            "cite_info": {"url": row["url"], "license": row["license"],
                          "source": row["publisher"]},
            "geolocation": None if not row["location_name"] else {
                "placename": row["location_name"], "country": row["location_country"],
                "lat": row["location_lat"], "lon": row["location_lon"]},
            "rule": row["rule"],
            "scope": row.get("scope"),
            "coder": f"detente {__version__}",
        }


def write_graphml(store: Store, output: str | Path, *, count: Count = "events",
                  scope: str | None = None) -> int:
    """The weighted actor network (country nodes, event edges) as GraphML. A node's
    ``events`` is what ``detente actors`` counts for it; ``edge_events`` sums its edges."""
    import networkx as nx

    edges = network(store, count=count, scope=scope)
    g = graph(edges, actors(store, top=None, count=count, scope=scope))
    if str(output) == "-":
        for line in nx.generate_graphml(g):
            sys.stdout.write(line + "\n")
    else:
        nx.write_graphml(g, str(output))
    return len(edges)


def _codes(actors: list[dict[str, Any]]) -> str | None:
    codes = list(dict.fromkeys(a["country"] for a in actors if a.get("country")))
    return ";".join(codes) if codes else None


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and value != value:
        return None
    return value


@contextmanager
def _text_output(output: str | Path) -> Iterator[IO[str]]:
    if str(output) == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            yield handle
