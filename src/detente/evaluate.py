"""Scoring coded events against hand-coded gold files (CODEBOOK section 6).

The figures are the ones the shared scorer (``gold/score.py``) prints: dyad, sector and
type precision/recall/F1, micro over articles, with optional gold events neither
credited nor penalized, plus the per-article mean and a per-type breakdown.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations, product
from pathlib import Path
from typing import Any

from .codebook import INTERNATIONAL, TYPES, UNDIRECTED
from .errors import InputError


def _actors(event: Mapping[str, Any], *keys: str) -> list:
    for key in keys:
        value = event.get(key)
        if value:
            return value if isinstance(value, list) else [value]
    return []


def _label(actor: Any, with_sector: bool) -> str:
    if isinstance(actor, str):
        country, sector = actor, None
    else:
        country = actor.get("country") or actor.get("code") or "?"
        sector = actor.get("sector")
        if isinstance(sector, list):
            sector = sector[0] if sector else None
    if country in INTERNATIONAL:
        sector = None
    return f"{country}:{sector or ''}" if with_sector else country


def dyads(event: Mapping[str, Any], with_sector: bool = False) -> set[tuple[str, str, str]]:
    """(type, source, target) triples of one event; undirected types give sorted pairs."""
    kind = str(event.get("type") or event.get("event") or "").upper()
    src = sorted({_label(a, with_sector) for a in _actors(event, "source", "actor", "actors")})
    tgt = sorted({_label(a, with_sector)
                  for a in _actors(event, "target", "recipient", "recipients")})
    if kind in UNDIRECTED:
        if tgt:
            return {(kind, *sorted((s, t))) for s, t in product(src, tgt)}  # type: ignore
        if len(src) == 1:
            return {(kind, src[0], "-")}
        return {(kind, a, b) for a, b in combinations(src, 2)}
    return {(kind, s, t) for s, t in product(src, tgt or ["-"])}


def load_gold(path: str | Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
                gold[record["id"]] = record.get("events", [])
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file: {exc.strerror}") from exc
    return gold


def load_golds(paths: Iterable[str | Path]) -> dict[str, list[dict]]:
    """Several gold files as one (``dev.jsonl`` and ``train.jsonl`` scored together); an
    article in two files is an error, since its events would be scored twice."""
    gold: dict[str, list[dict]] = {}
    for path in paths:
        part = load_gold(path)
        twice = sorted(set(part) & set(gold))
        if twice:
            raise InputError(f"{path}: article {twice[0]!r} is also in an earlier gold file")
        gold |= part
    return gold


def load_ids(path: str | Path) -> list[str]:
    """Article ids of a split file: one per line, '#' comments and blank lines skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read id list: {exc.strerror}") from exc
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def split(gold: Mapping[str, list[dict]], held_out: Iterable[str]
          ) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The gold articles we study and the ones we only score (``eval/train_holdout.txt``)."""
    held = set(held_out)
    return ({k: v for k, v in gold.items() if k not in held},
            {k: v for k, v in gold.items() if k in held})


def _prf(counts: Counter) -> dict[str, Any]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "fp": fp, "fn": fn}


def _score(gold, pred, with_sector=False):
    counts: Counter = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    per_article = []
    for doc, events in gold.items():
        before = Counter(counts)
        required: set = set()
        optional: set = set()
        for event in events:
            (required if event.get("required", True) else optional).update(
                dyads(event, with_sector))
        optional -= required
        predicted: set = set()
        for event in pred.get(doc, []):
            predicted |= dyads(event, with_sector)
        predicted -= optional - required
        for item in predicted:
            outcome = "tp" if item in required else "fp"
            counts[outcome] += 1
            per_type[item[0]][outcome] += 1
        for item in required - predicted:
            counts["fn"] += 1
            per_type[item[0]]["fn"] += 1
        mine = counts - before
        if mine["tp"] + mine["fp"] + mine["fn"]:
            per_article.append(_prf(mine)["f1"])
    return counts, per_type, per_article


def _type_score(gold, pred) -> Counter:
    counts: Counter = Counter()
    for doc, events in gold.items():
        required = {str(e.get("type")).upper() for e in events if e.get("required", True)}
        optional = {str(e.get("type")).upper() for e in events
                    if not e.get("required", True)} - required
        predicted = {str(e.get("type") or e.get("event")).upper()
                     for e in pred.get(doc, [])} - optional
        counts["tp"] += len(predicted & required)
        counts["fp"] += len(predicted - required)
        counts["fn"] += len(required - predicted)
    return counts


def location_score(gold: Mapping[str, list[dict]], pred: Mapping[str, list]
                   ) -> dict[str, Any]:
    """Places (CODEBOOK section 4): of the gold events that carry a location with a
    country and that the coder also finds (a coded event of the same article and type
    sharing a dyad), the share whose coded event names that country. ``gold`` counts the
    gold events with a location, found or not."""
    with_place = found = right = 0
    for doc, events in gold.items():
        for event in events:
            country = (event.get("location") or {}).get("country")
            if not country:
                continue
            with_place += 1
            pairs = dyads(event)
            kind = str(event.get("type")).upper()
            same = [p for p in pred.get(doc, ())
                    if str(p.get("type") or p.get("event")).upper() == kind and
                    dyads(p) & pairs]
            if same:
                found += 1
                right += any((p.get("location") or {}).get("country") == country
                             for p in same)
    return {"share": round(right / found, 3) if found else 0.0, "right": right,
            "found": found, "gold": with_place}


def score(gold: Mapping[str, list[dict]], predicted: Iterable[Mapping[str, Any]]
          ) -> dict[str, Any]:
    """Score predicted events (dicts with ``article_id``) against gold articles: the
    figures of ``gold/score.py``, and ``location`` (``location_score``)."""
    pred: dict[str, list] = defaultdict(list)
    for event in predicted:
        pred[event.get("article_id") or event.get("doc_id") or event.get("id")].append(event)
    dyad, per_type, per_article = _score(gold, pred)
    return {
        "articles": len(gold),
        "dyad": _prf(dyad),
        "dyad_macro_f1": round(sum(per_article) / len(per_article), 3) if per_article else 0.0,
        "sector": _prf(_score(gold, pred, with_sector=True)[0]),
        "type": _prf(_type_score(gold, pred)),
        "per_type": {t: _prf(per_type[t]) for t in TYPES if per_type[t]},
        "location": location_score(gold, pred),
    }


def format_report(result: Mapping[str, Any], per_type: bool = True) -> str:
    """The report as ``score.py`` prints it, then the location line."""
    lines = [f"articles: {result['articles']}"]
    for name in ("dyad", "sector", "type"):
        m = result[name]
        lines.append(f"{name:7s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                     f"  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    lines.append(f"dyad F1 averaged over articles: {result['dyad_macro_f1']:.3f}")
    if per_type:
        for t, m in result.get("per_type", {}).items():
            lines.append(f"  {t:10s} P {m['precision']:.3f}  R {m['recall']:.3f}  "
                         f"F1 {m['f1']:.3f}  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    place = result.get("location")
    if place:  # not a score.py line: the lines above stay exactly as it prints them
        lines.append(f"location: {place['share']:.3f} right country ({place['right']} of "
                     f"{place['found']} found gold events with a place; {place['gold']} "
                     "in gold)")
    return "\n".join(lines)
