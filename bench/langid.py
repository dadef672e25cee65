"""Language detection on the shared texts: false and true rejections.

Runs ``detente.langid.non_english_language`` (what cleaning rejects E008 with) on:

- every corpus article (its ``text``), split into the English ones and the non-English
  ones (``NON_ENGLISH``: the corpus's three translated summit declarations, found by
  running the detectors over the whole corpus and reading what they flagged);
- every distinct gold evidence sentence of the seed, dev and train files, each judged
  alone, as a one-sentence input would be.

The 30 held-out train articles (eval/train_holdout.txt) are counted with the rest but
never listed: their ids and sentences are not printed.

    python bench/langid.py            # counts, and the English texts rejected

The last line is one JSON object: false rejections of English articles and sentences,
true rejections of the non-English articles, and the seconds it took.
To measure the code before a change, run this script with ``PYTHONPATH`` pointing at an
older checkout's ``src``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from detente.langid import non_english_language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NON_ENGLISH = {"wh-000607": "pt", "wh-000608": "es", "wh-000613": "fr"}


def held_out() -> set[str]:
    path = ROOT / "eval" / "train_holdout.txt"
    return {line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def main() -> None:
    hidden = held_out()
    started = time.perf_counter()
    articles = [json.loads(line) for line in
                (SHARED / "corpus" / "articles.jsonl").open(encoding="utf-8")]
    false_articles, true_articles, english_articles = [], [], 0
    for article in articles:
        found = non_english_language(article["text"])
        if article["id"] in NON_ENGLISH:
            true_articles += [article["id"]] if found else []
        else:
            english_articles += 1
            if found:
                false_articles.append((article["id"], found))
    sentences: dict[str, str] = {}  # sentence -> article id
    for name in ("seed", "dev", "train"):
        for line in (SHARED / "gold" / f"{name}.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            for event in record.get("events", []):
                if event.get("evidence"):
                    sentences.setdefault(event["evidence"], record.get("id", name))
    false_sentences = [(doc, lang) for text, doc in sentences.items()
                       if (lang := non_english_language(text))]
    seconds = time.perf_counter() - started
    for doc, lang in false_articles:
        print(f"English article rejected as {lang}: "
              f"{'(a held-out article)' if doc in hidden else doc}", file=sys.stderr)
    for doc, lang in false_sentences:
        print(f"English gold sentence rejected as {lang}: "
              f"{'(held out)' if doc in hidden else 'of ' + doc}", file=sys.stderr)
    print(json.dumps({
        "english_articles": english_articles,
        "false_rejections_articles": len(false_articles),
        "gold_sentences": len(sentences),
        "false_rejections_sentences": len(false_sentences),
        "non_english_articles": len(NON_ENGLISH),
        "true_rejections": len(true_articles),
        "seconds": round(seconds, 1),
    }))


if __name__ == "__main__":
    main()
