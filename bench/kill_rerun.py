"""SIGKILL in the middle of a run, then a re-run: the store must equal an uninterrupted one.

Runs ``detente run INPUT --db KILLED`` (``--workers N``), kills it and its workers with
SIGKILL once ``--after`` batches are committed, runs the same command again to complete
the store, and compares every table with the store of a run that was never interrupted
(``--whole``, made first when it does not exist): row counts, and a hash of each table's
rows in a fixed order without the columns that name the run (``run_id``, ``run_time``).

    python bench/kill_rerun.py ../shared/corpus/articles.jsonl --workers 2 --after 20

The last line is one JSON object: the counts of both stores, the hashes that differ
(none, when it holds) and how many articles the killed run had committed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

RUN_COLUMNS = {"run_id", "run_time"}
TABLES = ("articles", "events", "actors", "quotes", "rejections")


def detente() -> list[str]:
    return [str(Path(sys.executable).with_name("detente"))]


def fingerprint(db: Path) -> dict[str, tuple[int, str]]:
    """(rows, md5 of the rows in order) per table, the run's own columns left out."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()
                       if row[0] not in RUN_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows, digest = con.execute(
                f"SELECT count(*), md5(string_agg(md5(CAST(ROW({quoted}) AS VARCHAR)), '' "
                f"ORDER BY md5(CAST(ROW({quoted}) AS VARCHAR)))) FROM {table}").fetchone()
            out[table] = (int(rows), digest or "")
        return out
    finally:
        con.close()


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([*detente(), "run", *args], capture_output=True, text=True,
                          check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--after", type=int, default=20, help="batches committed before the kill")
    parser.add_argument("--whole", help="store of an uninterrupted run (made if missing)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="detente-kill-"))
    whole = Path(args.whole) if args.whole else folder / "whole.duckdb"
    common = ["--workers", str(args.workers)]
    if not whole.exists():
        done = run([args.input, "--db", str(whole), *common])
        assert done.returncode == 0, done.stderr[-500:]
    killed = folder / "killed.duckdb"
    proc = subprocess.Popen([*detente(), "run", args.input, "--db", str(killed), *common, "-v"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stderr is not None
    deadline = time.monotonic() + 900
    for line in proc.stderr:
        if line.startswith(f"stored batch {args.after}:") or time.monotonic() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its worker processes at once
    proc.wait()
    proc.stderr.close()
    committed = fingerprint(killed)["articles"][0]
    rerun = run([args.input, "--db", str(killed), *common])
    assert rerun.returncode == 0, rerun.stderr[-500:]
    a, b = fingerprint(whole), fingerprint(killed)
    differ = [t for t in TABLES if a[t] != b[t]]
    print(json.dumps({"killed_after_articles": committed, "rerun": rerun.stdout.strip(),
                      "whole": {t: a[t][0] for t in TABLES},
                      "killed_then_rerun": {t: b[t][0] for t in TABLES},
                      "tables_that_differ": differ, "identical": not differ}))


if __name__ == "__main__":
    main()
