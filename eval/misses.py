"""Error analysis on the studied gold articles: what the coder missed and what it added.

    python eval/misses.py PRED.jsonl [--gold ../shared/gold/dev.jsonl ...] [--article ID]

PRED comes from ``detente eval ... --pred PRED.jsonl``. The held-out articles listed in
``eval/train_holdout.txt`` are never shown: they are only scored (issue 8 discipline).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from detente.evaluate import dyads, load_golds, load_ids

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pred")
    parser.add_argument("--gold", action="append")
    parser.add_argument("--article", action="append")
    parser.add_argument("--sector", action="store_true", help="compare country+sector")
    args = parser.parse_args()
    golds = args.gold or [str(SHARED / "gold" / "dev.jsonl"), str(SHARED / "gold" / "train.jsonl")]
    gold = load_golds(golds)
    held = set(load_ids(HERE / "train_holdout.txt"))
    pred: dict[str, list[dict]] = defaultdict(list)
    for line in open(args.pred, encoding="utf-8"):
        event = json.loads(line)
        pred[event["article_id"]].append(event)
    for doc, events in gold.items():
        if doc in held or (args.article and doc not in args.article):
            continue
        required: dict = {}
        optional: set = set()
        for e in events:
            for d in dyads(e, args.sector):
                if e.get("required", True):
                    required.setdefault(d, e)
                else:
                    optional.add(d)
        predicted: dict = {}
        for e in pred.get(doc, []):
            for d in dyads(e, args.sector):
                predicted.setdefault(d, e)
        fn = sorted(d for d in required if d not in predicted)
        fp = sorted(d for d in predicted if d not in required and d not in optional)
        tp = [d for d in predicted if d in required]
        if not fn and not fp:
            continue
        print(f"=== {doc}  tp {len(tp)} fp {len(fp)} fn {len(fn)}")
        shown = set()
        for d in fn:
            e = required[d]
            print(f"  FN {d}  <- {e['evidence'][:220]!r}" if id(e) not in shown else f"  FN {d}")
            shown.add(id(e))
        for d in fp:
            e = predicted[d]
            print(f"  FP {d}  rule {e['rule']}  <- {e['evidence']['text'][:220]!r}")


if __name__ == "__main__":
    main()
