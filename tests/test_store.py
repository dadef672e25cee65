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


def test_article_texts_feed_story_clustering(store):
    from detente.stories import cluster_stories

    store.add_batch(sample_articles())
    texts = list(store.article_texts(batch_size=2))
    assert [t[0] for t in texts] == ["a1", "a2", "a3", "a4", "a5"]
    assert texts[0][2] == "2025-03-10"
    assignments = cluster_stories(texts)
    assert store.set_stories(assignments) == sum(1 for k, v in assignments.items() if k != v)


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
    with pytest.raises(StoreError, match="is not a DuckDB database: give the path"):
        Store(path)


# ---------------------------------------------------------------------- the CLI over the store

import os  # noqa: E402
import queue  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from click.testing import CliRunner  # noqa: E402
from store_samples import synthetic_jsonl  # noqa: E402

from detente.cli import main  # noqa: E402


def _counts(path) -> dict[str, int]:
    with Store(path, read_only=True) as s:
        return s.counts()


def test_cli_run_twice_adds_nothing_the_second_time(tmp_path):
    data = tmp_path / "news.jsonl"
    data.write_text("\n".join(synthetic_jsonl(6)) + '\n{"title": "no text"}\n', encoding="utf-8")
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["run", str(data), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert first.stderr == f"detente: {data}:7: JSONL line lacks a non-empty 'text' field\n"
    assert first.stdout.startswith("stored 6 article(s), ")
    assert "1 input(s) rejected; 0 skipped as already stored" in first.stdout
    counts = _counts(db)
    assert counts["articles"] == 6 and counts["rejections"] == 1 and counts["events"] > 0
    second = runner.invoke(main, ["run", str(data), "--db", str(db)])
    assert second.exit_code == 0
    assert second.stdout.startswith("stored 0 article(s), 0 event report(s), ")
    assert "6 skipped as already stored" in second.stdout
    assert _counts(db) == counts


def test_cli_run_with_nothing_readable_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path / "missing.txt"),
                                       "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"detente: {tmp_path / 'missing.txt'}: no such file or directory",
        f"detente: nothing could be read; {tmp_path / 'x.duckdb'} was not created"]
    assert not (tmp_path / "x.duckdb").exists()  # no empty database left behind


def test_cli_old_schema_message(tmp_path):
    db = tmp_path / "old.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    for args in (["events"], ["run", "whatever.txt"]):
        result = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: database {db} has schema version 0; this detente needs {SCHEMA_VERSION}: "
            "re-create it with detente run --db NEW_PATH INPUT...\n")


def test_cli_query_of_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["dyad", "USA", "CHN", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no database at {tmp_path / 'no.db'}: create it with "
                             f"detente run --db {tmp_path / 'no.db'} INPUT...\n")


def test_run_killed_with_sigkill_then_rerun_equals_an_uninterrupted_run(tmp_path):
    """Kill a run after its first batches committed (it waits on stdin for more), run
    again over the whole input, and compare with a run that was never interrupted."""
    lines = synthetic_jsonl(40)
    data = tmp_path / "news.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, killed = tmp_path / "whole.duckdb", tmp_path / "killed.duckdb"
    runner = CliRunner()
    assert runner.invoke(main, ["run", str(data), "--db", str(whole), "--batch-size", "4"]
                         ).exit_code == 0

    proc = subprocess.Popen(
        [sys.executable, "-c", "from detente.cli import main; main()", "run", "-", "--db",
         str(killed), "--batch-size", "4", "-v"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    progress: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [progress.put(line) for line in proc.stderr],
                              daemon=True)
    reader.start()
    try:
        proc.stdin.write("\n".join(lines[:12]) + "\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 50
        while not progress.get(timeout=max(0.1, deadline - time.monotonic())).startswith(
                "stored batch 2:"):
            pass
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=10)
        proc.stdin.close()
        proc.stderr.close()
    after_kill = _counts(killed)
    assert 8 <= after_kill["articles"] <= 12  # the committed batches survived

    rerun = runner.invoke(main, ["run", str(data), "--db", str(killed), "--batch-size", "4"])
    assert rerun.exit_code == 0
    assert f"{after_kill['articles']} skipped as already stored" in rerun.stdout
    assert _counts(killed) == _counts(whole)
    with Store(killed, read_only=True) as a, Store(whole, read_only=True) as b:
        assert set(a.events(count="reports")["id"]) == set(b.events(count="reports")["id"])
