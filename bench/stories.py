"""Story clustering cost for N synthetic near-duplicate documents.

Generates base stories (random text from a fixed pseudo-word vocabulary) with 1-20
noisy copies each: a new headline, ~2% of words replaced, sometimes a paragraph cut.
Documents are generated as a stream, so only the sketches are held. Each size runs in a
fresh process so its peak RSS is its own. Prints one JSON line per size:

    python bench/stories.py                 # 10k, 30k and 100k documents
    python bench/stories.py --n 100000      # one size
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

from detente.stories import StoryClusterer

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "an", "or", "el", "us"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def documents(n: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    """(doc id, true story id, text) for ``n`` documents, generated lazily."""
    rng = random.Random(seed)
    vocab = vocabulary(20_000, rng)
    made = 0
    story = 0
    while made < n:
        base = [rng.choice(vocab) for _ in range(rng.randint(120, 400))]
        story_id = f"d{made:07d}"
        for copy in range(min(rng.randint(1, 20), n - made)):
            words = list(base)
            if copy:
                for i in rng.sample(range(len(words)), len(words) // 50):
                    words[i] = rng.choice(vocab)
                if rng.random() < 0.3:  # an editor cut a paragraph
                    cut = rng.randrange(len(words) // 2)
                    del words[cut:cut + len(words) // 8]
            headline = " ".join(rng.choice(vocab) for _ in range(8))
            yield f"d{made:07d}", story_id, headline + ".\n\n" + " ".join(words) + "."
            made += 1
        story += 1


def run_one(n: int, threshold: float) -> dict:
    truth: dict[str, str] = {}
    clusterer = StoryClusterer(threshold=threshold)
    generate = 0.0
    start = time.perf_counter()
    stream = documents(n)
    while True:
        t = time.perf_counter()
        item = next(stream, None)
        generate += time.perf_counter() - t
        if item is None:
            break
        doc_id, story_id, text = item
        truth[doc_id] = story_id
        clusterer.add(doc_id, text)
    sketch_s = time.perf_counter() - start - generate
    start = time.perf_counter()
    found = clusterer.assignments()
    cluster_s = time.perf_counter() - start
    exact = sum(found[d] == truth[d] for d in truth)
    return {
        "documents": n,
        "true_stories": len(set(truth.values())),
        "stories_found": len(set(found.values())),
        "documents_in_true_story": round(exact / n, 4),
        "sketch_s": round(sketch_s, 2),
        "cluster_s": round(cluster_s, 2),
        "docs_per_s": round(n / (sketch_s + cluster_s)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append",
                        help="number of documents (repeatable); default 10k, 30k, 100k")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.n or [10_000, 30_000, 100_000]
    if args.single:
        print(json.dumps(run_one(sizes[0], args.threshold)), flush=True)
        return
    for n in sizes:  # a fresh process per size, so each peak RSS is that size's own
        subprocess.run([sys.executable, __file__, "--single", "--n", str(n),
                        "--threshold", str(args.threshold)], check=True)


if __name__ == "__main__":
    main()
