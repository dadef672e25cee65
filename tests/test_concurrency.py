"""A run and a dashboard on one store at once (docs/concurrency.md): processes take turns
on the file, so the dashboard answers every request while the run adds articles, and
shows them once each batch is committed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from click.testing import CliRunner
from store_samples import synthetic_jsonl

from detente.cli import main
from detente.store import Store
from detente.web import start_in_thread


def total(base: str) -> int:
    with urllib.request.urlopen(base + "/api/events?count=reports", timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())["total"]


def test_serve_stays_up_while_run_adds_articles_and_shows_them(tmp_path):
    lines = synthetic_jsonl(48)
    first, more = tmp_path / "first.jsonl", tmp_path / "more.jsonl"
    first.write_text("\n".join(lines[:8]) + "\n", encoding="utf-8")
    more.write_text("\n".join(lines[8:]) + "\n", encoding="utf-8")
    db = tmp_path / "shared.duckdb"
    assert CliRunner().invoke(main, ["run", str(first), "--db", str(db)]).exit_code == 0

    store = Store(db, read_only=True)
    server, thread = start_in_thread(store)
    base = server.url.rstrip("/")
    try:
        before = total(base)
        run = subprocess.Popen(
            [sys.executable, "-c", "from detente.cli import main; main()", "run", str(more),
             "--db", str(db), "--batch-size", "4"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen = [before]
        deadline = time.monotonic() + 240
        while run.poll() is None and time.monotonic() < deadline:
            seen.append(total(base))  # every request answered while the run writes
            time.sleep(0.05)
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        assert "stored 40 article(s)" in out
        after = total(base)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        store.close()
    assert seen == sorted(seen)  # the dashboard saw the store grow, never shrink
    assert after > before
    with Store(db, read_only=True) as fresh:
        assert fresh.count_events(count="reports") == after
        assert fresh.counts()["articles"] == 48


def test_two_stores_in_turn_from_two_processes(tmp_path):
    """A query while another process holds the file for writing waits for its turn
    instead of failing with DuckDB's lock error."""
    db = tmp_path / "s.duckdb"
    data = tmp_path / "a.jsonl"
    data.write_text("\n".join(synthetic_jsonl(4)) + "\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["run", str(data), "--db", str(db)]).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom detente.store import Store\n"
         f"s = Store({str(db)!r})\ns.counts()\nprint('holding', flush=True)\n"
         "time.sleep(1.5)\ns.close()\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        result = CliRunner().invoke(main, ["events", "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert "(no rows)" not in result.output
        assert time.monotonic() - started < 30
    finally:
        holder.wait(timeout=30)
        holder.stdout.close()
