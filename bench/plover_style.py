"""Score the coder on short news sentences in the PLOVER style (a proxy for the PLOVER gold).

Each line of the set is one sentence written for this project, with the event a human
coder would give it: ``{"id", "text", "type", "source": [ISO3], "target": [ISO3]}`` (an
empty target is an event with no one on the other side). Every sentence is coded as its
own article, through the same path as ``detente code`` (clean, then code), and scored as
``gold/score.py`` scores dyads: (source country, type, target country), unordered for
CONSULT, AGREE and COOPERATE.

    python bench/plover_style.py                     # the figures, one JSON line last
    python bench/plover_style.py --misses            # and each sentence coded wrongly

Printed: dyad precision, recall and F1; the share of sentences with an event of the right
type; how many gave no event at all, and how many the cleaner rejected.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from detente.pipeline import CodeOptions, code_documents
from detente.records import CodedArticle, RawDocument

SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "plover_style_sentences.jsonl"
UNDIRECTED = {"CONSULT", "AGREE", "COOPERATE"}


def dyads(kind: str, sources: list[str], targets: list[str]) -> set[tuple]:
    """The dyads of one event, as gold/score.py makes them."""
    out: set[tuple] = set()
    if not targets and kind in UNDIRECTED and len(set(sources)) > 1:
        for i, a in enumerate(sources):
            for b in sources[i + 1:]:
                if a != b:
                    out.add((kind, *sorted((a, b))))
        return out
    for s in sources:
        for t in targets or ["-"]:
            out.add((kind, *sorted((s, t))) if kind in UNDIRECTED and t != "-" else
                    (kind, s, t))
    return out


def score(rows: list[dict], date: str) -> tuple[dict, list[str]]:
    docs = [RawDocument(id=r["id"], text=r["text"], where=f"{r['id']}", date=date)
            for r in rows]
    coded: dict[str, CodedArticle] = {}
    rejected = 0
    for record in code_documents(docs, CodeOptions()):
        if isinstance(record, CodedArticle):
            coded[record.article.id] = record
        else:
            rejected += 1
    tp = fp = fn = typed = silent = 0
    per_type: Counter = Counter()
    misses = []
    for row in rows:
        gold = dyads(row["type"], row["source"], row["target"])
        article = coded.get(row["id"])
        events = article.events if article else ()
        pred: set[tuple] = set()
        for e in events:
            pred |= dyads(e.type, [a.country for a in e.source], [a.country for a in e.target])
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if any(e.type == row["type"] for e in events):
            typed += 1
            per_type[row["type"]] += 1
        if not events:
            silent += 1
        if pred != gold:
            got = "; ".join(f"{e.type} {','.join(a.country for a in e.source)}->"
                            f"{','.join(a.country for a in e.target) or '-'}"
                            for e in events) or ("rejected" if article is None else "no event")
            misses.append(f"{row['id']} want {row['type']} {','.join(row['source'])}->"
                          f"{','.join(row['target']) or '-'}, got {got}: {row['text']}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    totals = Counter(row["type"] for row in rows)
    figures = {
        "sentences": len(rows), "dyad_precision": round(p, 3), "dyad_recall": round(r, 3),
        "dyad_f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn,
        "right_type": round(typed / len(rows), 3), "no_event": silent, "rejected": rejected,
        "right_type_by_type": {t: f"{per_type[t]}/{n}" for t, n in sorted(totals.items())},
    }
    return figures, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=SET, help="the sentences (JSON lines)")
    parser.add_argument("--date", default="2024-05-08", help="publication date for all")
    parser.add_argument("--misses", action="store_true", help="print each wrong sentence")
    args = parser.parse_args()
    try:
        rows = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    except (OSError, json.JSONDecodeError) as bad:
        sys.exit(f"{args.set}: {bad}")
    figures, misses = score(rows, args.date)
    if args.misses:
        for line in misses:
            print(line)
    print(f"dyad P {figures['dyad_precision']:.3f} R {figures['dyad_recall']:.3f} "
          f"F1 {figures['dyad_f1']:.3f}; right type {figures['right_type']:.3f}; "
          f"no event {figures['no_event']}/{figures['sentences']} "
          f"(rejected {figures['rejected']})")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
