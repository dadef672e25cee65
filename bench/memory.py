"""Peak memory of coding and storing at 1x and 4x the corpus: streaming keeps it flat.

The input is the corpus repeated ``--copies`` times with new ids (``wn-000001-x2`` ...),
generated line by line as the run reads it, never held whole. It goes through the same
library call as ``detente run - --db PATH`` (``store.run`` over standard input) into a
DuckDB file in a temporary directory. Each size runs in a fresh process, so its peak is
its own. One JSON line per size:

    python bench/memory.py                       # 1x and 4x, 2 workers
    python bench/memory.py --copies 1 --limit 200

peak_rss_mb is the largest resident set of any one process (the driver or a worker);
peak_total_rss_mb is the largest sum over the driver and its workers, sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import psutil

from detente.executor import ProcessPool
from detente.pipeline import CodeOptions
from detente.store import Store, run

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"


def repeated_corpus(corpus: Path, copies: int, limit: int | None) -> Iterator[str]:
    """The corpus ``copies`` times as JSONL lines, each copy with new ids, read lazily."""
    for copy in range(copies):
        with corpus.open(encoding="utf-8") as handle:
            for line in islice(handle, limit):
                record = json.loads(line)
                if copy:
                    record["id"] = f"{record['id']}-x{copy + 1}"
                yield json.dumps(record, ensure_ascii=False) + "\n"


class TreeSampler(threading.Thread):
    """Samples the summed resident set of this process and its children."""

    def __init__(self, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._done.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:  # a worker that just ended
                    pass
            self.peak = max(self.peak, total)
            self._done.wait(self.every)

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def run_one(corpus: Path, copies: int, limit: int | None, workers: int, batch_size: int) -> dict:
    sampler = TreeSampler()
    sampler.start()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        executor = ProcessPool(workers) if workers > 1 else None
        try:
            with Store(db) as store:
                summary = run(store, ["-"], stdin=repeated_corpus(corpus, copies, limit),
                              options=CodeOptions(batch_size=batch_size), executor=executor)
                counts = store.counts()
        finally:
            if executor is not None:
                executor.close()  # workers must have ended for RUSAGE_CHILDREN to count them
        db_mb = db.stat().st_size / 2**20
    seconds = time.perf_counter() - start
    total = sampler.stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "copies": copies, "articles": summary.articles, "events": counts.get("events"),
        "rejected": summary.rejections, "workers": workers, "seconds": round(seconds, 1),
        "db_mb": round(db_mb, 1),
        "peak_rss_mb": round(max(own, children) / 1024, 1),
        "driver_peak_rss_mb": round(own / 1024, 1),
        "worker_peak_rss_mb": round(children / 1024, 1),
        "peak_total_rss_mb": round(total / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, action="append",
                        help="times the corpus is repeated (repeatable); default 1 and 4")
    parser.add_argument("--limit", type=int, default=None, help="articles per copy")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}: pass --corpus PATH")
    sizes = args.copies or [1, 4]
    if args.single:
        print(json.dumps(run_one(args.corpus, sizes[0], args.limit, args.workers,
                                 args.batch_size)), flush=True)
        return
    for copies in sizes:  # a fresh process per size, so each peak is that size's own
        command = [sys.executable, __file__, "--single", "--copies", str(copies),
                   "--corpus", str(args.corpus), "--workers", str(args.workers),
                   "--batch-size", str(args.batch_size)]
        if args.limit is not None:
            command += ["--limit", str(args.limit)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
