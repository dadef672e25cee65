"""Sort the coder's misses on the studied gold articles into rough kinds (never the held-out).

    python eval/fn_kinds.py PRED.jsonl [--gold=train] [-v]

For each required gold dyad that was not predicted: did the coder make any event from that
sentence, one of the right type, one with the right source? That separates missed triggers
from wrong actors, the first question when choosing what to work on next.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from detente.evaluate import dyads, load_golds, load_ids

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
MULTILATERAL = {"wh-000609", "wn-000473", "wh-000242"}


def norm(text: str) -> str:
    return " ".join(text.split())[:60]


def main() -> None:
    names = [a.split("=", 1)[1] for a in sys.argv[2:] if a.startswith("--gold=")] or [
        "dev", "train"]
    gold = load_golds([SHARED / "gold" / f"{name}.jsonl" for name in names])
    held = set(load_ids(HERE / "train_holdout.txt"))
    pred: dict[str, list[dict]] = defaultdict(list)
    for line in open(sys.argv[1], encoding="utf-8"):
        e = json.loads(line)
        pred[e["article_id"]].append(e)
    kinds: Counter = Counter()
    by_type: Counter = Counter()
    examples = defaultdict(list)
    for doc, events in gold.items():
        if doc in held or doc in MULTILATERAL:
            continue
        got = set()
        for e in pred[doc]:
            got |= dyads(e)
        for e in events:
            if not e.get("required", True):
                continue
            missing = [d for d in dyads(e) if d not in got]
            if not missing:
                continue
            same = [p for p in pred[doc] if norm(p["evidence"]["text"]) == norm(e["evidence"])]
            if not same:
                kind = "no event from the sentence"
            elif not any(p["type"] == e["type"] for p in same):
                kind = "other type: " + ",".join(sorted({p["type"] for p in same}))
            else:
                srcs = {a["country"] for p in same if p["type"] == e["type"] for a in p["source"]}
                gsrc = {a["country"] for a in e["source"]}
                kind = "wrong source" if not srcs & gsrc else "wrong/missing target"
            kinds[kind.split(":")[0]] += len(missing)
            by_type[(kind.split(":")[0], e["type"])] += len(missing)
            examples[kind.split(":")[0]].append(f"{doc} {e['type']} {missing[0]}: "
                                                f"{e['evidence'][:150]}")
    for kind, n in kinds.most_common():
        print(f"{n:4d}  {kind}")
        for (k, t), m in sorted(by_type.items(), key=lambda x: -x[1]):
            if k == kind:
                print(f"        {m:3d} {t}")
    if "-v" in sys.argv:
        for kind, lines in examples.items():
            print("\n##", kind)
            print("\n".join(lines))


if __name__ == "__main__":
    main()
