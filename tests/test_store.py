"""The store: batched writes, idempotency, stories, schema versions."""

from __future__ import annotations

import duckdb
import pytest
from store_samples import sample_articles

from detente.errors import StoreError
from detente.records import Rejected
from detente.store import SCHEMA_VERSION, Store, event_id


@pytest.fixture
def store():
    with Store(None) as s:
        yield s


def test_empty_store_has_schema_and_no_rows(store):
    assert store.schema_version == SCHEMA_VERSION
    assert store.counts() == {"articles": 0, "events": 0, "actors": 0, "quotes": 0,
                              "rejections": 0, "merged_events": 0}


def test_batch_stores_articles_events_actors_quotes_and_rejections(store):
    counts = store.add_batch(sample_articles(), [Rejected("bad.txt", "empty text", "E007")])
    assert (counts.articles, counts.events, counts.quotes, counts.rejections) == (5, 9, 1, 1)
    assert counts.actors == 18
    article = store.article("a1")
    assert article["title"] == "U.S. accuses China of hacking"
    assert article["date"] == "2025-03-10" and article["story_id"] == "a1"
    assert article["body_paragraphs"] == 2
    rejection = store.table("rejections").to_pylist()[0]
    assert (rejection["where"], rejection["why"], rejection["code"]) == (
        "bad.txt", "empty text", "E007")


def test_same_input_twice_adds_nothing(store):
    rejected = [Rejected("bad.txt", "empty text", "E007")]
    store.add_batch(sample_articles(), rejected)
    before = store.counts()
    again = store.add_batch(sample_articles(), rejected)
    assert (again.articles, again.events, again.actors, again.rejections) == (0, 0, 0, 0)
    assert again.skipped == 5
    assert store.counts() == before


def test_new_input_adds_only_what_is_new(store):
    first, rest = sample_articles()[:2], sample_articles()[2:]
    store.add_batch(first)
    counts = store.add_batch(first + rest)
    assert (counts.articles, counts.skipped) == (3, 2)
    assert store.counts()["articles"] == 5


def test_duplicate_ids_within_a_batch_store_once(store):
    articles = sample_articles()
    counts = store.add_batch([articles[0], articles[0]])
    assert (counts.articles, counts.events, counts.skipped) == (1, 2, 1)


def test_event_ids_are_kept_or_derived_stably(store):
    store.add_batch(sample_articles())
    ids = set(store.events(count="reports")["id"])
    assert "ukr-denies" in ids  # set by the coder: kept
    accuse = sample_articles()[0].events[0]
    assert accuse.id == "" and event_id(accuse) in ids  # derived: sha1, 16 hex
    assert len(event_id(accuse)) == 16 and event_id(accuse) == event_id(accuse)


def test_stream_commits_per_batch_and_counts(store):
    items = [*sample_articles()[:3], Rejected("x.jsonl:4", "empty text", "E007"),
             *sample_articles()[3:]]
    seen = []
    summary = store.add_stream(items, batch_size=2, on_rejection=seen.append)
    assert summary.batches == 3 and summary.articles == 5 and summary.rejections == 1
    assert [str(r) for r in seen] == ["x.jsonl:4: empty text"]


def test_stories_merge_reports_of_one_event(store):
    store.add_batch(sample_articles())
    # a3 and a4 report the same meeting (one says FRA met DEU, the other DEU met FRA).
    assert store.count_events(type="CONSULT") == 3
    assert store.set_stories({"a3": "story-1", "a4": "story-1"}) == 2
    assert store.count_events(type="CONSULT") == 2
    assert store.count_events(type="CONSULT", count="reports") == 3
    merged = store.events(type="CONSULT", actor="FRA")
    assert merged["mentions"].tolist() == [2] and merged["reports"].tolist() == [2]
    assert len(merged["event_ids"][0]) == 2
    detail = store.event(merged["event_ids"][0][1])
    assert detail["story"]["reports"] == 2


def test_filters(store):
    store.add_batch(sample_articles())
    assert set(store.events(actor="USA")["type"]) == {"ACCUSE", "REJECT", "CONSULT"}
    assert store.events(since="2025-04-01", until="2025-04-30")["day"].tolist() == [
        "2025-04-14", "2025-04-17", "2025-04-17", "2025-04-17", "2025-04-18"]
    assert store.events(text="JOINT BATTERY")["type"].tolist() == ["AGREE"]
    assert "THREATEN" not in set(store.events(real_only=True)["type"])
    assert len(store.events(dyad=("USA", "CHN"))) == 3  # both ways, and together


def test_read_only_store_refuses_writes_and_missing_files(tmp_path):
    path = tmp_path / "x.duckdb"
    with pytest.raises(StoreError, match="no database at .*x.duckdb: create it with detente run"):
        Store(path, read_only=True)
    Store(path).close()
    with Store(path, read_only=True) as s:
        with pytest.raises(StoreError, match="is open read-only"):
            s.add_batch(sample_articles())


def test_old_schema_version_is_a_clear_error(tmp_path):
    path = tmp_path / "old.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError) as err:
        Store(path)
    assert str(err.value) == (
        f"database {path} has schema version 0; this detente needs {SCHEMA_VERSION}: "
        "re-create it with detente run --db NEW_PATH INPUT...")


def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="is not a detente database"):
        Store(path)


def test_not_a_database_file_is_a_store_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(path)
