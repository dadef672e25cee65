"""Start-up cost of the knowledge: load time and resident memory, each in a fresh process.

Each run starts a new Python process that imports detente's knowledge package, loads
spaCy's tokenizer (the knowledge index is keyed on its tokens, so it is always there
first) and then times ``load_knowledge()`` and ``load_triggers()``: what every coder
process pays before it reads its first article. The resident set is taken before and
after the load; its growth is what the knowledge costs each process.

    python bench/knowledge_load.py              # 3 fresh processes, the median of each
    python bench/knowledge_load.py --runs 5

The last line is one JSON object: load_s (median), load_s_max, rss_before_mb,
rss_after_mb, rss_growth_mb (median), people, terms, phrases.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, time, psutil
proc = psutil.Process()
from detente.nlp import tokenizer_only
tokenizer_only()("warm up the tokenizer")
before = proc.memory_info().rss
start = time.perf_counter()
from detente.knowledge import load_knowledge, load_triggers
k = load_knowledge()
load_triggers()
seconds = time.perf_counter() - start
after = proc.memory_info().rss
terms = sum(len(t) for t in k.terms.values())
print(json.dumps({"load_s": seconds, "rss_before_mb": before / 2**20,
                  "rss_after_mb": after / 2**20, "people": len(k.terms), "terms": terms,
                  "phrases": len(k.proper) + len(k.common)}))
"""


def one_run() -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    for run in runs:
        print(f"load {run['load_s']:.3f} s, RSS {run['rss_before_mb']:.0f} -> "
              f"{run['rss_after_mb']:.0f} MB", flush=True)
    growth = [r["rss_after_mb"] - r["rss_before_mb"] for r in runs]
    print(json.dumps({
        "load_s": round(statistics.median(r["load_s"] for r in runs), 3),
        "load_s_max": round(max(r["load_s"] for r in runs), 3),
        "rss_before_mb": round(statistics.median(r["rss_before_mb"] for r in runs), 1),
        "rss_after_mb": round(statistics.median(r["rss_after_mb"] for r in runs), 1),
        "rss_growth_mb": round(statistics.median(growth), 1),
        "people": runs[0]["people"], "terms": runs[0]["terms"], "phrases": runs[0]["phrases"],
    }))


if __name__ == "__main__":
    main()
