"""Throughput: detente end to end against spaCy's full pipeline on the same articles.

Codes the corpus (read, clean, code) with ``--workers`` processes, then, in the same
run, times spaCy's full pipeline (every component, ``nlp.pipe``, batch_size 64) over the
same article texts with as many processes (``n_process`` = ``--workers``), so that both
sides have the same cores. Words are whitespace tokens of the article texts, counted once
and used for both rates. Model loading is left out of both timings (the pool's workers
are started and warmed first, its start-up time is printed; spaCy's worker processes are
forked from a process that has the model loaded already).

    python bench/throughput.py --limit 200          # a quick look
    python bench/throughput.py                      # the whole corpus, 2 workers
    python bench/throughput.py --rounds 3           # three rounds, the median ratio
    python bench/throughput.py --spacy-blas numpy   # the baseline with numpy's BLAS too

detente's coder multiplies matrices with numpy's BLAS, not the blis package spaCy ships
with (``detente.nlp.coder_pipeline`` says why); ``--spacy-blas numpy`` gives the baseline
the same, so that what the ratio owes to that choice can be seen apart.

A shared machine runs faster and slower by turns (on the 2-core machine here the same
run has varied by a fifth from one minute to the next), so with ``--rounds R`` both
sides are timed R times, one after the other in each round, and the ratio given is the
median of the rounds' ratios; each round's figures are printed too.

The last line is one JSON object: articles_per_s, sentences_per_s, detente_words_per_s,
spacy_words_per_s, ratio (= detente / spacy words per second), detente_processes and
spacy_processes (how many processes each side coded with) and peak_rss_mb (the
largest resident set of this process or any of its worker processes while detente ran,
taken before the spaCy baseline, whose own peak is printed on the line above).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from detente.executor import ProcessPool
from detente.ingest import read_inputs
from detente.nlp import full_pipeline
from detente.pipeline import CodeOptions, code_documents
from detente.records import CodedArticle, RawDocument, Rejected

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"


def peak_rss_mb() -> float:
    """Largest resident set of this process or of any child it has waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # Linux reports kilobytes


def documents(corpus: Path, limit: int | None) -> Iterator[RawDocument | Rejected]:
    return islice(read_inputs([str(corpus)]), limit)


class WordCounter:
    """Passes documents through, counting their whitespace words and keeping the texts
    for the spaCy run that follows."""

    def __init__(self, items: Iterable[RawDocument | Rejected]) -> None:
        self.items = items
        self.words = 0
        self.texts: list[str] = []

    def __iter__(self) -> Iterator[RawDocument | Rejected]:
        for item in self.items:
            if isinstance(item, RawDocument):
                self.words += len(item.text.split())
                self.texts.append(item.text)
            yield item


def time_detente(corpus: Path, limit: int | None, workers: int, batch_size: int) -> dict:
    counter = WordCounter(documents(corpus, limit))
    pool = ProcessPool(workers) if workers > 1 else None
    start = time.perf_counter()
    if pool is not None:
        pool.start()
    else:
        from detente.pipeline import warm

        warm()
    startup = time.perf_counter() - start
    articles = sentences = events = rejected = 0
    start = time.perf_counter()
    for record in code_documents(counter, CodeOptions(batch_size=batch_size), pool):
        if isinstance(record, CodedArticle):
            articles += 1
            sentences += record.sentences
            events += len(record.events)
        else:
            rejected += 1
    seconds = time.perf_counter() - start
    if pool is not None:
        pool.close()  # workers must have ended for RUSAGE_CHILDREN to count them
    return {"articles": articles, "rejected": rejected, "sentences": sentences,
            "events": events, "words": counter.words, "seconds": seconds,
            "startup_s": startup, "texts": counter.texts}


def time_spacy(texts: list[str], processes: int, blas: str = "blis") -> float:
    nlp = full_pipeline()
    if blas == "numpy":
        # the baseline given detente's own matrix products, one BLAS thread per process
        # (spaCy's worker processes are forked, and keep the limit)
        from threadpoolctl import threadpool_limits

        from detente.nlp import use_numpy_blas

        nlp = use_numpy_blas(nlp)
        threadpool_limits(limits=1, user_api="blas")
    list(nlp.pipe(texts[:8], batch_size=64))  # first-call setup out of the timing
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=64, n_process=processes):
        pass
    return time.perf_counter() - start


def one_round(args: argparse.Namespace) -> dict:
    detente = time_detente(args.corpus, args.limit, args.workers, args.batch_size)
    detente_peak = peak_rss_mb()
    print(f"detente: {detente['articles']} articles ({detente['rejected']} rejected), "
          f"{detente['sentences']} sentences, {detente['events']} events, "
          f"{detente['words']} words in {detente['seconds']:.1f} s with {args.workers} "
          f"worker(s); start-up {detente['startup_s']:.1f} s not counted", flush=True)
    spacy_s = time_spacy(detente["texts"], args.workers, args.spacy_blas)
    print(f"spaCy full pipeline: {detente['words']} words in {spacy_s:.1f} s, "
          f"{args.workers} process(es), {args.spacy_blas} matrix products; "
          f"peak RSS {peak_rss_mb()} MB", flush=True)
    detente_wps = detente["words"] / detente["seconds"]
    spacy_wps = detente["words"] / spacy_s
    return {
        "articles_per_s": round(detente["articles"] / detente["seconds"], 2),
        "sentences_per_s": round(detente["sentences"] / detente["seconds"], 1),
        "detente_words_per_s": round(detente_wps),
        "spacy_words_per_s": round(spacy_wps),
        "ratio": round(detente_wps / spacy_wps, 2),
        "detente_processes": args.workers,
        "spacy_processes": args.workers,
        "spacy_blas": args.spacy_blas,
        "peak_rss_mb": detente_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1,
                        help="time both sides this many times; the median ratio is given")
    parser.add_argument("--spacy-blas", choices=("blis", "numpy"), default="blis",
                        help="the baseline's matrix products: the blis package, as spaCy "
                             "ships (the default), or numpy's BLAS, as detente's coder has "
                             "them")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}: pass --corpus PATH")

    rounds = []
    for n in range(args.rounds):
        rounds.append(one_round(args))
        if args.rounds > 1:
            print(f"round {n + 1}: " + json.dumps(rounds[-1]), flush=True)
    # the round whose ratio is the median (the lower of the two middle ones)
    result = dict(sorted(rounds, key=lambda r: r["ratio"])[(len(rounds) - 1) // 2])
    if len(rounds) > 1:
        # (after the first round the largest resident set of the children includes
        # spaCy's own worker processes, so the first round's is detente's)
        result["peak_rss_mb"] = rounds[0]["peak_rss_mb"]
        result["rounds"] = len(rounds)
        result["ratios"] = [r["ratio"] for r in rounds]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
