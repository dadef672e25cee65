"""Load on the dashboard: N clients x M requests each, on loopback only, bounded.

Starts ``detente serve`` on a store in a child process (or uses ``--url`` of one already
running on this machine), then runs ``--clients`` threads that each send ``--requests``
GET requests, cycling through ``/``, ``/api/events`` and one event page. Every request
has a timeout; an error is any request that got no HTTP answer or a status >= 500.

    detente run ../shared/corpus/articles.jsonl --db /tmp/corpus.duckdb --workers 2
    python bench/load.py --db /tmp/corpus.duckdb                 # 20 x 25 requests
    python bench/load.py --db /tmp/corpus.duckdb --during-run ARTICLES.jsonl

``--during-run INPUT`` starts ``detente run INPUT --db DB`` beside the server and keeps
sending requests while the run adds articles (the run must hold articles not yet
stored); the figures then say how many articles the store held before and after.

The last line is one JSON object: requests, errors, statuses, median_ms, p95_ms, max_ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def detente() -> list[str]:
    """The detente command of this virtual environment."""
    return [str(Path(sys.executable).with_name("detente"))]


def wait_up(host: str, port: int, proc: subprocess.Popen | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/api/actors")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def one_request(host: str, port: int, path: str, timeout: float) -> tuple[int | str, float]:
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = conn.getresponse()
        response.read()
        status: int | str = response.status
        conn.close()
    except (OSError, http.client.HTTPException) as err:
        status = type(err).__name__
    return status, (time.perf_counter() - start) * 1000


def load(host: str, port: int, paths: list[str], clients: int, requests: int,
         timeout: float) -> dict:
    results: list[tuple[int | str, float]] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        for n in range(requests):
            path = paths[(index + n) % len(paths)]
            outcome = one_request(host, port, path, timeout)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies = sorted(ms for _, ms in results)
    statuses = Counter(str(s) for s, _ in results)
    errors = sum(n for s, n in statuses.items() if not s.isdigit() or int(s) >= 500)
    return {
        "requests": len(results), "errors": errors, "statuses": dict(statuses),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "max_ms": round(latencies[-1], 1), "seconds": round(elapsed, 1),
    }


def an_event_id(host: str, port: int) -> str:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/api/events?page=1")
    data = json.loads(conn.getresponse().read())
    conn.close()
    if not data.get("events"):
        raise SystemExit("the store holds no events")
    return data["events"][len(data["events"]) // 2]["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="store to serve (a server is started on it)")
    parser.add_argument("--url", help="a dashboard already running on this machine")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="per client")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--during-run", metavar="INPUT",
                        help="run `detente run INPUT --db DB` while the load goes on")
    parser.add_argument("--rounds", type=int, default=1,
                        help="load rounds (with --during-run: rounds while the run lasts)")
    args = parser.parse_args()
    if bool(args.db) == bool(args.url):
        parser.error("give --db or --url")
    if args.clients * args.requests > 5000 or args.rounds > 20:
        parser.error("keep the load bounded: at most 5000 requests a round, 20 rounds")

    server = None
    if args.url:
        parts = urlsplit(args.url)
        host, port = parts.hostname or "", parts.port or 80
        if host not in LOOPBACK:
            parser.error("this benchmark only sends requests to this machine (loopback)")
    else:
        host, port = "127.0.0.1", free_port()
        log = tempfile.TemporaryFile("w+")  # the server's log, read for errors at the end
        server = subprocess.Popen([*detente(), "serve", "--db", args.db, "--port", str(port)],
                                  stdout=log, stderr=log, text=True)
    runner = None
    try:
        wait_up(host, port, server)
        paths = ["/", "/api/events", f"/event/{an_event_id(host, port)}"]
        if args.during_run:
            runner = subprocess.Popen(
                [*detente(), "run", args.during_run, "--db", args.db, "--batch-size", "8"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(3)  # let it load spaCy and start storing
        rounds = []
        for number in range(args.rounds):
            figures = load(host, port, paths, args.clients, args.requests, args.timeout)
            if runner is not None:
                figures["run_still_going"] = runner.poll() is None
            print(f"round {number + 1}: {json.dumps(figures)}", file=sys.stderr)
            rounds.append(figures)
            if runner is not None and runner.poll() is not None:
                break
        if runner is not None:
            out, err = runner.communicate(timeout=900)
            print(f"run exited {runner.returncode}: {out.strip()} {err.strip()[-300:]}",
                  file=sys.stderr)
        all_ms = rounds
        summary = {
            "requests": sum(r["requests"] for r in all_ms),
            "errors": sum(r["errors"] for r in all_ms),
            "statuses": dict(sum((Counter(r["statuses"]) for r in all_ms), Counter())),
            "median_ms": statistics.median(r["median_ms"] for r in all_ms),
            "p95_ms": max(r["p95_ms"] for r in all_ms),
            "max_ms": max(r["max_ms"] for r in all_ms),
            "rounds": len(all_ms),
        }
        print(json.dumps(summary))
    finally:
        if runner is not None and runner.poll() is None:
            runner.terminate()
            runner.wait(timeout=30)
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            log.seek(0)
            tail = log.read()
            log.close()
            oom = tail.count("OutOfMemory")
            tracebacks = tail.count("Traceback")
            print(f"server log: {oom} OutOfMemory, {tracebacks} tracebacks", file=sys.stderr)


if __name__ == "__main__":
    main()
