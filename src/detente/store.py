"""The event store: an embedded DuckDB file, and the one module that writes SQL.

Writes go in batches through Arrow (a ``pyarrow.Table`` registered, then ``INSERT ...
SELECT``), one transaction per batch holding the articles together with their events,
actors and quotes. So a run killed at any point keeps every batch it committed, and a
re-run skips the articles already stored (they are keyed by id) and completes the store.

Reads return pandas DataFrames. Two views give events two ways:

- ``event_reports``: one row per event record, as the coder made it (one per article);
- ``event_stories``: reports of the same event merged. Events of the articles of one
  story (``articles.story_id``, the article id until stories are clustered) with the
  same type, the same sorted source and target countries and the same date (or both
  null) are one event; ``mentions`` sums the reports' mentions, ``reports`` counts the
  articles and ``event_ids`` links every report, so every evidence sentence is kept.

Queries count events (``count="events"``), not reports, unless asked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TextIO

import duckdb
import pandas as pd
import pyarrow as pa

from .codebook import INTERNATIONAL, UNDIRECTED
from .errors import ConfigError, StoreError, is_skip
from .records import SCOPES, Actor, CodedArticle, Event, RawDocument, Rejected

if TYPE_CHECKING:
    from .executor import Executor
    from .pipeline import CodeOptions

SCHEMA_VERSION = 2  # 2: events.scope
DEFAULT_DB = "detente.duckdb"
TABLES = ("articles", "events", "actors", "quotes", "rejections")
# Events that did not happen are listed but not counted in timelines, rankings or networks.
UNREAL_MODALITIES = ("future", "hypothetical")

Count = Literal["events", "reports"]
_VIEWS: dict[str, str] = {"events": "event_stories", "reports": "event_reports"}

_UNDIRECTED_SQL = ", ".join(f"'{name}'" for name in sorted(UNDIRECTED))
_SCHEMA = f"""
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, subtitle VARCHAR, dek VARCHAR, date DATE,
    url VARCHAR, source VARCHAR, license VARCHAR, "where" VARCHAR, text VARCHAR NOT NULL,
    body_paragraphs INTEGER, duplicate_paragraphs_dropped INTEGER,
    duplicate_headlines_dropped INTEGER, sentences INTEGER,
    story_id VARCHAR NOT NULL, run_id VARCHAR
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
    mode VARCHAR, quad TINYINT, intensity DOUBLE, date DATE, date_precision VARCHAR,
    modality VARCHAR, location_name VARCHAR, location_country VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE,
    evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER, rule VARCHAR,
    source VARCHAR, target VARCHAR, source_countries VARCHAR[], target_countries VARCHAR[],
    mentions INTEGER, scope VARCHAR
);
CREATE TABLE actors (
    article_id VARCHAR NOT NULL, text VARCHAR, name VARCHAR, country VARCHAR,
    sector VARCHAR, start INTEGER, "end" INTEGER, how VARCHAR
);
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL, text VARCHAR, start INTEGER, "end" INTEGER,
    speaker_text VARCHAR, speaker_name VARCHAR, speaker_country VARCHAR,
    speaker_sector VARCHAR
);
CREATE TABLE rejections (
    "where" VARCHAR, why VARCHAR, code VARCHAR, run_id VARCHAR, run_time TIMESTAMP
);
"""

_INTERNATIONAL_SQL = ", ".join(f"'{c}'" for c in sorted(INTERNATIONAL))
# records.event_scope in SQL, for events stored before the column existed (schema 1):
# the stored place has no "known" flag, so a known place's country always counts here.
_SCOPE_SQL = f"""CASE WHEN len(list_distinct(list_concat(source_countries, target_countries,
    CASE WHEN location_country IS NULL THEN [] ELSE [location_country] END))) > 1
    OR list_has_any(list_concat(source_countries, target_countries), [{_INTERNATIONAL_SQL}])
    THEN 'international' ELSE 'domestic' END"""
_MIGRATIONS = {
    1: f"""ALTER TABLE events ADD COLUMN scope VARCHAR;
UPDATE events SET scope = {_SCOPE_SQL};
UPDATE meta SET value = '2' WHERE key = 'schema_version';""",
}

# The views live in each connection (TEMP), not in the file: they follow this code's codebook
# and need no schema change when a query improves.
_VIEWS_SQL = f"""
CREATE TEMP VIEW event_reports AS
SELECT e.id, e.article_id, a.story_id, e.type, e.mode, e.quad, e.intensity,
       CAST(e.date AS VARCHAR) AS date, e.date_precision,
       CAST(coalesce(e.date, a.date) AS VARCHAR) AS day, e.modality,
       e.location_name, e.location_country, e.location_lat, e.location_lon,
       e.evidence_text, e.evidence_start, e.evidence_end,
       e.trigger_text, e.trigger_start, e.trigger_end, e.rule,
       e.source, e.target, e.source_countries, e.target_countries,
       e.mentions, 1 AS reports, [e.id] AS event_ids, e.scope,
       a.title, CAST(a.date AS VARCHAR) AS published, a.url, a.source AS publisher,
       a.license
FROM events e JOIN articles a ON a.id = e.article_id;
CREATE TEMP VIEW event_stories AS
WITH grouped AS (
    SELECT (list(id ORDER BY published NULLS LAST, article_id, evidence_start))[1] AS gid,
           CAST(sum(mentions) AS INTEGER) AS g_mentions, count(DISTINCT article_id) AS g_reports,
           list(id ORDER BY published NULLS LAST, article_id, evidence_start) AS g_ids
    FROM event_reports
    GROUP BY story_id, type, date,
        CASE WHEN type IN ({_UNDIRECTED_SQL})
             THEN list_sort(list_distinct(list_concat(source_countries, target_countries)))
             ELSE list_sort(source_countries) END,
        CASE WHEN type IN ({_UNDIRECTED_SQL}) THEN [] ELSE list_sort(target_countries) END
)
SELECT r.* REPLACE (g.g_mentions AS mentions, g.g_reports AS reports, g.g_ids AS event_ids)
FROM grouped g JOIN event_reports r ON r.id = g.gid;
"""

_ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("subtitle", pa.string()),
    ("dek", pa.string()), ("date", pa.string()), ("url", pa.string()),
    ("source", pa.string()), ("license", pa.string()), ("where", pa.string()),
    ("text", pa.string()), ("body_paragraphs", pa.int32()),
    ("duplicate_paragraphs_dropped", pa.int32()), ("duplicate_headlines_dropped", pa.int32()),
    ("sentences", pa.int32()), ("story_id", pa.string()), ("run_id", pa.string()),
])
_EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("article_id", pa.string()), ("type", pa.string()),
    ("mode", pa.string()), ("quad", pa.int8()), ("intensity", pa.float64()),
    ("date", pa.string()), ("date_precision", pa.string()), ("modality", pa.string()),
    ("location_name", pa.string()), ("location_country", pa.string()),
    ("location_lat", pa.float64()), ("location_lon", pa.float64()),
    ("evidence_text", pa.string()), ("evidence_start", pa.int32()),
    ("evidence_end", pa.int32()), ("trigger_text", pa.string()),
    ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("rule", pa.string()),
    ("source", pa.string()), ("target", pa.string()),
    ("source_countries", pa.list_(pa.string())), ("target_countries", pa.list_(pa.string())),
    ("mentions", pa.int32()), ("scope", pa.string()),
])
_ACTOR_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("text", pa.string()), ("name", pa.string()),
    ("country", pa.string()), ("sector", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("how", pa.string()),
])
_QUOTE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("text", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("speaker_text", pa.string()), ("speaker_name", pa.string()),
    ("speaker_country", pa.string()), ("speaker_sector", pa.string()),
])
_REJECTION_SCHEMA = pa.schema([
    ("where", pa.string()), ("why", pa.string()), ("code", pa.string()),
    ("run_id", pa.string()), ("run_time", pa.timestamp("us")),
])


def event_id(event: Event) -> str:
    """The event's own id, or one derived the way the coder derives it: stable across runs."""
    if event.id:
        return event.id
    key = "|".join([
        event.article_id, event.type, ",".join(countries(event.source)),
        ",".join(countries(event.target)), str(event.evidence.start), str(event.trigger.start),
    ])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def countries(actors: Iterable[Actor]) -> list[str]:
    """The distinct country codes of a group of actors, sorted: what queries match on."""
    return sorted({a.country for a in actors if a.country})


def _actor_json(actors: Sequence[Actor]) -> str:
    return json.dumps([{"text": a.text, "name": a.name, "country": a.country,
                        "sector": a.sector, "start": a.start, "end": a.end} for a in actors],
                      ensure_ascii=False)


@dataclass
class BatchCounts:
    """Rows one batch added, and the coded articles it skipped as already stored."""

    articles: int = 0
    events: int = 0
    actors: int = 0
    quotes: int = 0
    rejections: int = 0
    skipped: int = 0


MEMORY_LIMIT = "256MB"  # DuckDB buffer pool of a writing process
READ_SLOTS = 4  # queries a reading process runs at once (the dashboard's request threads)
READ_MEMORY_LIMIT = f"{READ_SLOTS * 256}MB"  # ...each with the writer's share of memory
LOCK_WAIT_SECONDS = 60.0  # how long to wait for a program other than detente to let go
IDLE_CHECK_SECONDS = 0.05  # how often an idle holder looks for a process waiting its turn
CACHED_RESULTS = 256  # query results a reader keeps during its turn...
CACHED_ROWS = 5_000  # ...when they are this small
TURN_WAIT_SECONDS = 600.0  # how long to wait for another detente process's turn to end


@dataclass
class RunSummary:
    """What one ``run`` did: rows added, rejections seen, documents skipped as stored."""

    run_id: str
    run_time: datetime
    articles: int = 0
    events: int = 0
    actors: int = 0
    quotes: int = 0
    rejections: int = 0  # seen in this run (each also reported to ``on_rejection``)
    rejections_added: int = 0  # new to the store (the same rejection is stored once)
    skipped: int = 0  # documents whose article id was already stored
    files_skipped: int = 0  # files of a directory left out (hidden, unknown extension)
    batches: int = 0
    stories: int = 0  # stories the stored articles form after this run (0: not clustered)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Documents read and usable: coded now or already stored."""
        return self.articles + self.skipped

    def add(self, counts: BatchCounts) -> None:
        self.articles += counts.articles
        self.events += counts.events
        self.actors += counts.actors
        self.quotes += counts.quotes
        self.rejections_added += counts.rejections
        self.skipped += counts.skipped
        self.batches += 1


class Store:
    """A detente database. ``Store(None)`` (or ``":memory:"``) is an in-memory one for tests.

    A writable store creates the schema in a new file; ``read_only=True`` (what queries and
    the dashboard use) never creates anything and refuses a missing or empty file.

    Processes take turns on a file (see docs/concurrency.md): DuckDB lets one process
    write a database or several read it, never both, so a store opens the file only for
    its turn and closes it when another detente process waits for one. A ``detente run``
    and a ``detente serve`` on one file so work at once: the dashboard reads between the
    run's batches and sees each batch once it is committed. The turns are kept with
    ``flock`` on ``PATH.lock`` beside the database (shared for readers, exclusive for a
    writer) and a turnstile byte in it that a process waiting for its turn holds, so
    that the holder notices and gives way.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = ":memory:" if path in (None, ":memory:") else str(path)
        self.in_memory = self.path == ":memory:"
        self.read_only = read_only and not self.in_memory
        if not self.in_memory and self.read_only and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: "
                             f"create it with detente run --db {self.path} INPUT...")
        self._turns = _Turns(self.path, write=not self.read_only) if not self.in_memory \
            else None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._cond = threading.Condition()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._idle: list[duckdb.DuckDBPyConnection] = []
        self._slots = threading.BoundedSemaphore(READ_SLOTS)
        self._watcher: threading.Thread | None = None
        self._closed = False
        self._views_sql = _VIEWS_SQL
        self._results: dict[tuple[str, str], pd.DataFrame] = {}
        try:
            with self._connection() as con:
                self._check_schema(con)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ lifecycle

    def _connect(self) -> duckdb.DuckDBPyConnection:
        config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
                  # a bounded buffer pool keeps a long run's memory flat (DuckDB spills
                  # beyond it); a reader has one share per query it runs at once
                  "memory_limit": READ_MEMORY_LIMIT if self.read_only else MEMORY_LIMIT}
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only, config=config)
            except duckdb.Error as exc:
                message = _first_line(exc)
                if "lock" in message.lower() and time.monotonic() < deadline:
                    time.sleep(0.2)  # held by a program that does not take turns
                    continue
                raise StoreError(_open_error(self.path, message)) from exc

    def _open(self) -> None:
        """Take this process's turn on the file and connect (called holding ``_cond``)."""
        if self._turns is not None:
            self._turns.acquire()
        try:
            self._con = self._connect()
        except BaseException:
            if self._turns is not None:
                self._turns.release()
            raise
        if self._turns is not None and self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, daemon=True,
                                             name=f"detente-store-{Path(self.path).name}")
            self._watcher.start()

    def _shut(self) -> None:
        """Close the connection and end this process's turn (holding ``_cond``, no users)."""
        for cursor in self._cursors:
            try:
                cursor.close()
            except duckdb.Error:  # pragma: no cover - closing what is already gone
                pass
        self._cursors.clear()
        self._idle.clear()
        self._results.clear()  # the next turn may follow a writer's
        if self._con is not None:
            con, self._con = self._con, None
            try:
                con.close()
            finally:
                if self._turns is not None:
                    self._turns.release()

    def _watch(self) -> None:
        """While idle, give the file up as soon as another process waits for its turn."""
        while True:
            time.sleep(IDLE_CHECK_SECONDS)
            with self._cond:
                if self._closed:
                    self._watcher = None
                    return
                if self._con is not None and self._users == 0 and self._turns is not None \
                        and self._turns.someone_waits():
                    self._shut()
                    self._cond.notify_all()

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection for the caller's turn; several threads share one turn."""
        with self._cond:
            if self._closed:
                raise StoreError(f"database {self.path} is closed")
            # Another process waits for its turn: join no more, let the running queries end,
            # give the file up and queue behind it.
            while self._con is not None and self._turns is not None \
                    and self._turns.someone_waits():
                if self._users == 0:
                    self._shut()
                    break
                self._cond.wait(IDLE_CHECK_SECONDS)
            if self._con is None:
                if self.in_memory:
                    self._con = self._connect()
                else:
                    self._open()
            self._users += 1
            con = self._con
        assert con is not None
        try:
            yield con
        finally:
            with self._cond:
                self._users -= 1
                if self._users == 0 and self._turns is not None and self._turns.someone_waits():
                    self._shut()
                self._cond.notify_all()

    def _check_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create the schema in a new file, upgrade an older one, refuse what is not a
        detente store; a damaged file is a StoreError in detente's words."""
        try:
            self._check_schema_of(con)
        except duckdb.Error as exc:
            raise StoreError(_open_error(self.path, _first_line(exc))) from exc

    def _check_schema_of(self, con: duckdb.DuckDBPyConnection) -> None:
        names = {row[0] for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()}
        if not names:
            if self.read_only:
                raise StoreError(f"database {self.path} is empty: "
                                 f"fill it with detente run --db {self.path} INPUT...")
            con.execute("BEGIN")
            con.execute(_SCHEMA)
            con.execute("COMMIT")
            return
        if "meta" not in names:
            raise StoreError(f"{self.path} is not a detente database (it has no meta table)")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = row[0] if row else "none"
        if found.isdigit() and int(found) in _MIGRATIONS and not self.read_only:
            con.execute("BEGIN")  # an older store is brought up to date in place
            for version in range(int(found), SCHEMA_VERSION):
                con.execute(_MIGRATIONS[version])
            con.execute("COMMIT")
            return
        if found == "1" and self.read_only:
            self._views_sql = _VIEWS_SQL.replace("e.scope,", f"{_SCOPE_SQL} AS scope,")
            return
        if found != str(SCHEMA_VERSION):
            raise StoreError(
                f"database {self.path} has schema version {found}; this detente needs "
                f"{SCHEMA_VERSION}: re-create it with detente run --db NEW_PATH INPUT...")

    @property
    def schema_version(self) -> int:
        return int(self._read("SELECT value FROM meta WHERE key = 'schema_version'")[0][0])

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._shut()
            self._cond.notify_all()
        if self._turns is not None:
            self._turns.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _borrow(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for the caller: DuckDB connections are not shared across
        threads (the dashboard serves requests in threads). At most ``READ_SLOTS`` run at
        once, each within its share of memory; idle cursors are reused."""
        with self._slots, self._connection() as con:
            with self._cond:
                cursor = self._idle.pop() if self._idle else None
            if cursor is None:
                cursor = con.cursor()
                try:
                    cursor.execute(self._views_sql)
                except duckdb.Error as exc:
                    cursor.close()
                    raise StoreError(_read_error(self.path, exc)) from exc
                with self._cond:
                    self._cursors.append(cursor)
            try:
                yield cursor
            except duckdb.Error as exc:
                raise StoreError(_read_error(self.path, exc)) from exc
            finally:
                with self._cond:
                    if cursor in self._cursors:  # not closed meanwhile
                        self._idle.append(cursor)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._borrow() as cursor:
            return cursor.execute(sql, list(params)).fetchall()

    def _frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """A query's rows as a DataFrame. A read-only store keeps small results for as
        long as its turn on the file lasts: no process can write while it holds the
        turn, so the same query gives the same rows (the dashboard's pages repeat them)."""
        if not self.read_only:
            with self._borrow() as cursor:
                return cursor.execute(sql, list(params)).df()
        key = (sql, repr(list(params)))
        with self._borrow() as cursor:
            with self._cond:
                cached = self._results.get(key)
            if cached is not None:
                return cached.copy()
            frame = cursor.execute(sql, list(params)).df()
            if len(frame) <= CACHED_ROWS:
                with self._cond:
                    if len(self._results) >= CACHED_RESULTS:
                        self._results.pop(next(iter(self._results)))
                    self._results[key] = frame
        return frame.copy()

    # ------------------------------------------------------------------ writing

    def article_ids(self) -> set[str]:
        """Ids of the stored articles: what a run skips before coding."""
        return {row[0] for row in self._read("SELECT id FROM articles")}

    def fresh_name(self, doc: RawDocument) -> RawDocument:
        """``doc`` as it is when the stored article of its id is this document (read from
        the same place, or with the same cleaned text); otherwise ``doc`` with its text's
        hash appended to the id, as ``ingest.unique_ids`` does within one reading."""
        from dataclasses import replace

        from .clean import clean
        from .ingest import content_hash

        rows = self._read('SELECT "where", md5(text) FROM articles WHERE id = ?', [doc.id])
        if not rows or rows[0][0] == doc.where:
            return doc
        cleaned = clean(doc)
        if not isinstance(cleaned, Rejected) and \
                hashlib.md5(cleaned.text.encode("utf-8")).hexdigest() == rows[0][1]:
            return doc
        return replace(doc, id=f"{doc.id}-{content_hash(doc.text)}", id_from="content")

    def add_batch(self, coded: Sequence[CodedArticle], rejected: Sequence[Rejected] = (), *,
                  run_id: str = "", run_time: datetime | None = None) -> BatchCounts:
        """Store one batch in one transaction: new articles with their events, actors and
        quotes, and new rejections. Articles already stored (by id) are skipped whole."""
        self._writable()
        run_time = run_time or datetime.now(UTC)
        unique: dict[str, CodedArticle] = {}
        for item in coded:
            unique.setdefault(item.article.id, item)
        counts = BatchCounts()
        with self._connection() as con:
            self._add_batch(con, unique, coded, rejected, run_id, run_time, counts)
        return counts

    def _add_batch(self, con: duckdb.DuckDBPyConnection, unique: dict[str, CodedArticle],
                   coded: Sequence[CodedArticle], rejected: Sequence[Rejected], run_id: str,
                   run_time: datetime, counts: BatchCounts) -> None:
        con.execute("BEGIN")
        try:
            con.register("batch_ids", pa.table({"id": pa.array(list(unique), pa.string())}))
            stored = {row[0] for row in con.execute(
                "SELECT b.id FROM batch_ids b SEMI JOIN articles a ON a.id = b.id").fetchall()}
            con.unregister("batch_ids")
            fresh = [c for article_id, c in unique.items() if article_id not in stored]
            counts.skipped = len(coded) - len(fresh)
            tables = _batch_tables(fresh, rejected, run_id, run_time)
            for name, table in tables.items():
                con.register(f"new_{name}", table)
            try:
                counts.articles = _insert(con,
                    "INSERT INTO articles SELECT * REPLACE (TRY_CAST(date AS DATE) AS date) "
                    "FROM new_articles")
                counts.events = _insert(con,
                    "INSERT INTO events SELECT * REPLACE (TRY_CAST(date AS DATE) AS date) "
                    "FROM (SELECT DISTINCT ON (id) * FROM new_events) n "
                    "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = n.id)")
                counts.actors = _insert(con, "INSERT INTO actors SELECT * FROM new_actors")
                counts.quotes = _insert(con, "INSERT INTO quotes SELECT * FROM new_quotes")
                counts.rejections = _insert(con,
                    "INSERT INTO rejections SELECT * FROM "
                    "(SELECT DISTINCT ON (\"where\", code, why) * FROM new_rejections) n "
                    "WHERE NOT EXISTS (SELECT 1 FROM rejections r WHERE r.\"where\" = n.\"where\" "
                    "AND r.code = n.code AND r.why = n.why)")
            finally:
                for name in tables:
                    con.unregister(f"new_{name}")
            con.execute("COMMIT")
        except BaseException as exc:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # the transaction is gone already (e.g. the disk filled)
            if isinstance(exc, duckdb.Error):
                raise StoreError(_write_error(self.path, exc)) from exc
            raise

    def add_results(self, batches: Iterable[Sequence[CodedArticle | Rejected]], *,
                    summary: RunSummary | None = None,
                    on_rejection: Callable[[Rejected], None] | None = None,
                    on_batch: Callable[[RunSummary], None] | None = None) -> RunSummary:
        """Store batches of results (``pipeline.code_batches``), one commit per batch, so
        a killed run keeps every batch it committed."""
        summary = summary or new_run_summary()
        for batch in batches:
            coded = [item for item in batch if isinstance(item, CodedArticle)]
            rejected = [item for item in batch if isinstance(item, Rejected)]
            skips = sum(is_skip(item.code) for item in rejected)
            summary.files_skipped += skips
            summary.rejections += len(rejected) - skips
            summary.rejected += rejected
            if on_rejection is not None:
                for item in rejected:
                    on_rejection(item)
            if not batch:
                continue
            summary.add(self.add_batch(coded, rejected, run_id=summary.run_id,
                                       run_time=summary.run_time))
            if on_batch is not None:
                on_batch(summary)
        return summary

    def add_stream(self, items: Iterable[CodedArticle | Rejected], *, batch_size: int = 32,
                   **kwargs: Any) -> RunSummary:
        """Store a stream of results, committing every ``batch_size`` items."""
        def batches() -> Iterator[list[CodedArticle | Rejected]]:
            it = iter(items)
            while chunk := list(islice(it, batch_size)):
                yield chunk

        return self.add_results(batches(), **kwargs)

    def article_texts(self, batch_size: int = 1000) -> Iterator[tuple[str, str, str | None]]:
        """(id, text, date) of every stored article, streamed: what story clustering
        sketches before ``set_stories``."""
        with self._borrow() as cursor:
            result = cursor.execute(
                "SELECT id, text, CAST(date AS VARCHAR) FROM articles ORDER BY id")
            while rows := result.fetchmany(batch_size):
                yield from rows

    def set_stories(self, assignments: Mapping[str, str]) -> int:
        """Put articles into stories (article id -> story id); returns the rows changed.
        Articles not named keep their story."""
        self._writable()
        table = pa.table({"article_id": pa.array(list(assignments), pa.string()),
                          "story_id": pa.array(list(assignments.values()), pa.string())})
        with self._connection() as con:
            con.execute("BEGIN")
            try:
                con.register("new_stories", table)
                row = con.execute(
                    "UPDATE articles SET story_id = s.story_id FROM new_stories s "
                    "WHERE articles.id = s.article_id AND articles.story_id <> s.story_id"
                ).fetchone()
                con.unregister("new_stories")
                con.execute("COMMIT")
            except BaseException as exc:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                if isinstance(exc, duckdb.Error):
                    raise StoreError(_write_error(self.path, exc)) from exc
                raise
        return int(row[0]) if row else 0

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"database {self.path} is open read-only")

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        """Rows per table, plus ``stories``-merged events."""
        out = {name: int(self._read(f"SELECT count(*) FROM {name}")[0][0]) for name in TABLES}
        out["merged_events"] = int(self._read("SELECT count(*) FROM event_stories")[0][0])
        return out

    def table(self, name: str) -> pa.Table:
        """A whole stored table as Arrow, for export."""
        if name not in TABLES:
            raise StoreError(f"no table {name!r}: choose one of {', '.join(TABLES)}")
        with self._borrow() as cursor:
            relation = cursor.sql(f"SELECT * FROM {name}")
            # DuckDB 2 calls it to_arrow_table; 1.x arrow.
            fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
            return fetch()

    def events(self, *, actor: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None,
               dyad: tuple[str, str] | None = None, text: str | None = None,
               ids: Sequence[str] | None = None, real_only: bool = False,
               scope: str | None = None,
               count: Count = "events", order: Literal["date", "top"] = "date",
               limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Events matching every filter given, as rows of the ``event_stories`` view
        (``count="events"``) or ``event_reports`` (``count="reports"``).

        ``actor``: a country code among the sources or targets; ``dyad``: events between
        two countries either way (or both among the sources of an undirected event);
        ``text``: words in the evidence; ``since``/``until``: inclusive YYYY-MM-DD bounds
        on the event day (the event date, else the publication date); ``real_only`` drops
        future and hypothetical events; ``scope``: ``"international"`` or ``"domestic"``
        (``records.event_scope``); ``order="top"``: most reported, strongest first.
        """
        where, params = _filters(actor=actor, type=type, since=since, until=until, dyad=dyad,
                                 text=text, ids=ids, real_only=real_only, scope=scope)
        order_by = ("mentions DESC, reports DESC, abs(intensity) DESC, day DESC NULLS LAST, id"
                    if order == "top" else "day NULLS LAST, published NULLS LAST, article_id, "
                    "evidence_start, id")
        sql = f"SELECT * FROM {_view(count)} {where} ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self._frame(sql, params)

    def count_events(self, *, count: Count = "events", **filters: Any) -> int:
        """How many events match the filters of ``events``."""
        where, params = _filters(**filters)
        return int(self._read(f"SELECT count(*) FROM {_view(count)} {where}", params)[0][0])

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows = self._frame("SELECT * REPLACE (CAST(date AS VARCHAR) AS date) FROM articles "
                           "WHERE id = ?", [article_id])
        return None if rows.empty else _plain(rows.iloc[0].to_dict())

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event report by id, with ``story`` (its merged event: mentions, reports and
        the ids of every report) when found."""
        rows = self._frame("SELECT * FROM event_reports WHERE id = ?", [event_id])
        if rows.empty:
            return None
        event = _plain(rows.iloc[0].to_dict())
        story = self._frame("SELECT id, mentions, reports, event_ids FROM event_stories "
                            "WHERE list_contains(event_ids, ?)", [event_id])
        event["story"] = _plain(story.iloc[0].to_dict()) if not story.empty else None
        return event

    def actor_activity(self, *, top: int | None = 20, count: Count = "events",
                       scope: str | None = None) -> pd.DataFrame:
        """Countries by the events they take part in (real events only): as source, as
        target, cooperation (quads 1-2) and conflict (3-4), mean intensity, commonest type.
        An event counts once for each country among its sources or targets."""
        where, params = _filters(real_only=True, scope=scope)
        sql = f"""
            WITH ev AS (SELECT * FROM {_view(count)} {where}),
            roles AS (
                SELECT unnest(source_countries) AS actor, 'source' AS role, * FROM ev
                UNION ALL BY NAME
                SELECT unnest(target_countries) AS actor, 'target' AS role, * FROM ev
            )
            SELECT actor, count(DISTINCT id) AS events,
                   count(DISTINCT id) FILTER (WHERE role = 'source') AS as_source,
                   count(DISTINCT id) FILTER (WHERE role = 'target') AS as_target,
                   count(DISTINCT id) FILTER (WHERE quad <= 2) AS cooperation,
                   count(DISTINCT id) FILTER (WHERE quad >= 3) AS conflict,
                   round(avg(intensity), 2) AS mean_intensity,
                   mode(type) AS top_type
            FROM roles GROUP BY actor ORDER BY events DESC, actor
        """
        if top is not None:
            sql += f" LIMIT {int(top)}"
        return self._frame(sql, params)

    def edges(self, *, count: Count = "events", directed: bool = True,
              scope: str | None = None) -> pd.DataFrame:
        """Weighted country-to-country edges of real events: one per source-target pair, and
        one per pair of sources of an undirected event with no target. ``directed=False``
        folds A->B and B->A into one edge (A < B)."""
        pair = ("src AS source, tgt AS target" if directed else
                "least(src, tgt) AS source, greatest(src, tgt) AS target")
        where, params = _filters(real_only=True, scope=scope)
        sql = f"""
            WITH ev AS (SELECT * FROM {_view(count)} {where}),
            directed AS (
                SELECT src, unnest(target_countries) AS tgt, *
                FROM (SELECT unnest(source_countries) AS src, * FROM ev)
            ),
            together AS (
                SELECT src, unnest(source_countries) AS tgt, *
                FROM (SELECT unnest(source_countries) AS src, * FROM ev
                      WHERE len(target_countries) = 0 AND type IN ({_UNDIRECTED_SQL}))
            ),
            pairs AS (
                SELECT {pair}, id, quad, intensity, type FROM directed WHERE src <> tgt
                UNION ALL
                SELECT {pair}, id, quad, intensity, type FROM together WHERE src < tgt
            )
            SELECT source, target, count(DISTINCT id) AS events,
                   round(avg(intensity), 2) AS mean_intensity,
                   round(sum(intensity), 2) AS intensity_sum,
                   count(DISTINCT id) FILTER (WHERE quad <= 2) AS cooperation,
                   count(DISTINCT id) FILTER (WHERE quad >= 3) AS conflict,
                   mode(type) AS top_type
            FROM pairs GROUP BY source, target ORDER BY events DESC, source, target
        """
        return self._frame(sql, params)

    def type_counts(self, *, count: Count = "events") -> pd.DataFrame:
        """Events per type and quad (all modalities), most common first."""
        return self._frame(f"SELECT type, quad, count(*) AS events FROM {_view(count)} "
                           "GROUP BY type, quad ORDER BY events DESC, type")

    def date_range(self) -> tuple[str | None, str | None]:
        """First and last event day in the store."""
        first, last = self._read("SELECT min(day), max(day) FROM event_reports")[0]
        return first, last


_REAL = "modality IS NULL OR modality NOT IN ({})".format(
    ", ".join(f"'{m}'" for m in UNREAL_MODALITIES))


def _view(count: str) -> str:
    try:
        return _VIEWS[count]
    except KeyError:
        raise StoreError(f"count must be 'events' or 'reports', not {count!r}") from None


def _filters(*, actor: str | None = None, type: str | None = None, since: str | None = None,
             until: str | None = None, dyad: tuple[str, str] | None = None,
             text: str | None = None, ids: Sequence[str] | None = None,
             real_only: bool = False, scope: str | None = None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if scope:
        if scope not in SCOPES:
            raise StoreError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        clauses.append("scope = ?")
        params.append(scope)
    if actor:
        clauses.append("(list_contains(source_countries, ?) OR list_contains(target_countries, ?))")
        params += [actor, actor]
    if type:
        clauses.append("type = ?")
        params.append(type)
    if since:
        clauses.append("day >= ?")
        params.append(since)
    if until:
        clauses.append("day <= ?")
        params.append(until)
    if dyad:
        a, b = dyad
        clauses.append(
            "((list_contains(source_countries, ?) AND list_contains(target_countries, ?))"
            " OR (list_contains(source_countries, ?) AND list_contains(target_countries, ?))"
            " OR (list_contains(source_countries, ?) AND list_contains(source_countries, ?)))")
        params += [a, b, b, a, a, b]
    if text:
        clauses.append("contains(lower(evidence_text), lower(?))")
        params.append(text)
    if ids is not None:
        clauses.append("list_has_any(event_ids, ?)")
        params.append(list(ids))
    if real_only:
        clauses.append(f"({_REAL})")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _batch_tables(coded: Sequence[CodedArticle], rejected: Sequence[Rejected], run_id: str,
                  run_time: datetime) -> dict[str, pa.Table]:
    """The batch as Arrow tables, one per stored table, in the tables' column order."""
    articles, events, actors, quotes = [], [], [], []
    for item in coded:
        a, s = item.article, item.article.structure
        articles.append({
            "id": a.id, "title": s.title, "subtitle": s.subtitle, "dek": s.dek, "date": a.date,
            "url": a.url, "source": a.source, "license": a.license, "where": a.where,
            "text": a.text, "body_paragraphs": s.body_paragraphs,
            "duplicate_paragraphs_dropped": s.duplicate_paragraphs_dropped,
            "duplicate_headlines_dropped": s.duplicate_headlines_dropped,
            "sentences": item.sentences, "story_id": a.id, "run_id": run_id,
        })
        for e in item.events:
            loc = e.location
            events.append({
                "id": event_id(e), "article_id": e.article_id, "type": e.type, "mode": e.mode,
                "quad": e.quad, "intensity": e.intensity, "date": e.date,
                "date_precision": e.date_precision, "modality": e.modality,
                "location_name": loc.name if loc else None,
                "location_country": loc.country if loc else None,
                "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
                "evidence_text": e.evidence.text, "evidence_start": e.evidence.start,
                "evidence_end": e.evidence.end, "trigger_text": e.trigger.text,
                "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "rule": e.rule,
                "source": _actor_json(e.source), "target": _actor_json(e.target),
                "source_countries": countries(e.source), "target_countries": countries(e.target),
                "mentions": e.mentions, "scope": e.scope,
            })
        for actor in item.actors:
            actors.append({"article_id": a.id, "text": actor.text, "name": actor.name,
                           "country": actor.country, "sector": actor.sector,
                           "start": actor.start, "end": actor.end, "how": actor.how})
        for q in item.quotes:
            sp = q.speaker
            quotes.append({"article_id": q.article_id, "text": q.text, "start": q.start,
                           "end": q.end, "speaker_text": sp.text if sp else None,
                           "speaker_name": sp.name if sp else None,
                           "speaker_country": sp.country if sp else None,
                           "speaker_sector": sp.sector if sp else None})
    naive_time = run_time.astimezone(UTC).replace(tzinfo=None)
    rejections = [{"where": r.where, "why": r.why, "code": r.code, "run_id": run_id,
                   "run_time": naive_time} for r in rejected]
    return {
        "articles": pa.Table.from_pylist(articles, schema=_ARTICLE_SCHEMA),
        "events": pa.Table.from_pylist(events, schema=_EVENT_SCHEMA),
        "actors": pa.Table.from_pylist(actors, schema=_ACTOR_SCHEMA),
        "quotes": pa.Table.from_pylist(quotes, schema=_QUOTE_SCHEMA),
        "rejections": pa.Table.from_pylist(rejections, schema=_REJECTION_SCHEMA),
    }


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """A DataFrame row as plain Python values (lists, not arrays; None, not NaN)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, float) and value != value:
            value = None
        elif value is pd.NaT:
            value = None
        out[key] = value
    return out


def _first_line(exc: BaseException | str) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _insert(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _open_error(path: str, message: str) -> str:
    """detente's words for why a database file cannot be opened."""
    lowered = message.lower()
    if "lock" in lowered:
        holder = re.search(r"PID (\d+)", message)
        who = f" (process {holder[1]})" if holder else ""
        return (f"database {path} is in use by another program{who} that does not take "
                "turns with detente: close it and try again")
    if "not a valid duckdb database" in lowered:
        return (f"{path} is not a DuckDB database: give the path of a detente database, "
                "or a new path to create one")
    if "could not read enough bytes" in lowered or "corrupt" in lowered \
            or "checksum" in lowered or "serializ" in lowered:
        return (f"database {path} is damaged (truncated or corrupt): move it aside and "
                f"re-create it with detente run --db {path} INPUT...")
    if "permission denied" in lowered or "read-only file system" in lowered:
        return f"cannot open database {path}: permission denied (use a file you can write)"
    if "no such file or directory" in lowered:
        return (f"cannot create database {path}: the folder {Path(path).parent} does not "
                "exist (create it or give another path)")
    return f"cannot open database {path}: {message}"


def _read_error(path: str, exc: BaseException) -> str:
    message = _first_line(exc)
    lowered = message.lower()
    if "could not read enough bytes" in lowered or "corrupt" in lowered \
            or "checksum" in lowered or "serializ" in lowered:
        return (f"database {path} is damaged (truncated or corrupt): move it aside and "
                f"re-create it with detente run --db {path} INPUT...")
    if "out of memory" in lowered:
        return f"the query on {path} needs more memory than it may use: try again"
    return f"cannot read database {path}: {message}"


def _write_error(path: str, exc: BaseException) -> str:
    message = _first_line(exc)
    lowered = message.lower()
    if "no space left" in lowered or "disk is full" in lowered:
        return (f"cannot write to {path}: the disk is full; what was stored before is kept "
                "(free some space and run again to complete the store)")
    if "could not read enough bytes" in lowered or "corrupt" in lowered:
        return (f"database {path} is damaged (truncated or corrupt): move it aside and "
                f"re-create it with detente run --db {path} INPUT...")
    return f"cannot write to {path}: {message}"


def _poll(attempt: Callable[[], object], deadline: float, path: str) -> None:
    """Try a non-blocking lock until it is granted, or give up at ``deadline``."""
    pause = 0.005
    while True:
        try:
            attempt()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise StoreError(
                    f"database {path} stayed busy with another detente process for "
                    f"{TURN_WAIT_SECONDS:.0f} s: try again when it is done") from None
            time.sleep(pause)
            pause = min(pause * 2, IDLE_CHECK_SECONDS)


class _Turns:
    """Turns on one database file between processes: shared (readers) or exclusive (a
    writer) ``flock`` on ``PATH.lock``, and a turnstile byte (``lockf``) that a process
    holds while it waits, so new readers queue behind a waiting writer and the holder of
    the file can tell that someone waits. Without ``fcntl`` (Windows), or when the lock
    file cannot be made (a read-only folder), turns are not kept: DuckDB's own lock then
    refuses a second process, and the store retries for ``LOCK_WAIT_SECONDS``."""

    def __init__(self, path: str, *, write: bool) -> None:
        self.path = path
        self.write = write
        self._handle: IO[bytes] | None = None
        self._held = False
        try:
            import fcntl  # noqa: F401 - POSIX only
        except ImportError:  # pragma: no cover - Windows
            return
        lock_path = Path(path + ".lock")
        if not write and not lock_path.exists() and not os.access(lock_path.parent, os.W_OK):
            return
        try:
            self._handle = open(lock_path, "a+b")  # noqa: SIM115 - held for the store's life
        except OSError:
            self._handle = None

    def acquire(self) -> None:
        if self._handle is None or self._held:
            return
        import fcntl

        fd = self._handle.fileno()
        mode = fcntl.LOCK_EX if self.write else fcntl.LOCK_SH
        deadline = time.monotonic() + TURN_WAIT_SECONDS
        _poll(lambda: fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0), deadline,
              self.path)  # the turnstile: queue up, and be seen waiting
        try:
            _poll(lambda: fcntl.flock(fd, mode | fcntl.LOCK_NB), deadline, self.path)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)
        self._held = True

    def release(self) -> None:
        if self._handle is None or not self._held:
            return
        import fcntl

        fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._held = False

    def someone_waits(self) -> bool:
        """Another process holds the turnstile: it waits for its turn on the file."""
        if self._handle is None:
            return False
        import fcntl

        fd = self._handle.fileno()
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)
        return False

    def close(self) -> None:
        self.release()
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _with_partitions(batches: Iterable[list], directory: Path) -> Iterator[list]:
    """Pass batches through, writing each one's events to its own Parquet partition."""
    from .executor import write_partition

    for index, batch in enumerate(batches):
        write_partition(batch, directory, index)
        yield batch


def _check_partitions(directory: Path) -> None:
    """Create the partitions folder, but only inside a folder that exists: a typo must
    not grow a tree of folders at the filesystem root."""
    if directory.is_dir():
        return
    parent = directory.parent
    if not parent.is_dir():
        raise ConfigError(f"--partitions {directory}: the folder {parent} does not exist; "
                          "create it first or give another folder")
    try:
        directory.mkdir()
    except OSError as exc:
        raise ConfigError(f"--partitions {directory}: cannot create it: "
                          f"{exc.strerror or exc}") from exc


def new_run_summary() -> RunSummary:
    return RunSummary(run_id=uuid.uuid4().hex[:12], run_time=datetime.now(UTC))


def run(store: Store, paths: Sequence[str], *, date: str | None = None,
        stdin: TextIO | None = None, options: CodeOptions | None = None,
        executor: Executor | None = None,
        on_rejection: Callable[[Rejected], None] | None = None,
        on_batch: Callable[[RunSummary], None] | None = None,
        story_threshold: float | None = None,
        partitions: str | Path | None = None, include: Sequence[str] = (),
        all_files: bool = False) -> RunSummary:
    """Read the inputs, code the documents not stored yet, and store them batch by batch.

    Documents whose id is already stored are skipped before coding, so a re-run of the
    same input adds nothing and a re-run after a kill codes only what is missing.
    ``executor`` is passed to ``pipeline.code_batches`` (None: in this process).
    With ``story_threshold``, every stored article (this run's and earlier ones) is then
    grouped into stories, so queries count events rather than reports. With
    ``partitions``, each batch's events are also written as a Parquet file under
    ``partitions/run=RUN_ID/`` as the batch is stored (``partitions`` is created if
    its parent folder exists). ``include`` and ``all_files`` are ``read_inputs``'s.

    Ids: a document whose id is stored is skipped, unless its id comes from a file name
    and the stored article came from another file with another text (``news.txt`` of
    another folder): then it gets its text's hash as id (``Store.fresh_name``).
    """
    from .ingest import read_inputs
    from .pipeline import CodeOptions, code_batches

    options = options or CodeOptions()
    summary = new_run_summary()
    if partitions is not None:
        _check_partitions(Path(partitions))
    stored = store.article_ids()
    seen = set(stored)

    def not_stored() -> Iterator[RawDocument | Rejected]:
        for item in read_inputs(paths, date=date, stdin=stdin, include=include,
                                all_files=all_files):
            if isinstance(item, RawDocument):
                if item.id in stored and item.id_from == "name":
                    item = store.fresh_name(item)  # news.txt of another folder: new id
                if item.id in seen:
                    summary.skipped += 1
                    continue
                seen.add(item.id)
            yield item

    batches = code_batches(not_stored(), options, executor)
    if partitions is not None:
        batches = _with_partitions(batches, Path(partitions) / f"run={summary.run_id}")
    summary = store.add_results(batches, summary=summary, on_rejection=on_rejection,
                                on_batch=on_batch)
    if story_threshold is not None:
        from .stories import cluster_stories

        assignments = cluster_stories(store.article_texts(), threshold=story_threshold)
        store.set_stories(assignments)
        summary.stories = len(set(assignments.values()))
    return summary
