"""Stories in the corpus: how many, the largest with their titles, and events with mentions > 1.

Clusters every article (title and text) with ``StoryClusterer``, prints the story count
and the largest stories with every member's title (so a reader can judge them), then
codes only the articles of multi-article stories (events can only merge there) and
prints the merged events reported more than once, with each report's evidence.

    python bench/stories_corpus.py                   # threshold 0.5, 2 workers
    python bench/stories_corpus.py --threshold 0.3 --top 15
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from detente.executor import ProcessPool
from detente.ingest import read_inputs
from detente.pipeline import CodeOptions, code_documents
from detente.records import CodedArticle, RawDocument
from detente.stories import StoryClusterer, merge_events

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"


def story_text(doc: RawDocument) -> str:
    return f"{doc.title}\n\n{doc.text}" if doc.title else doc.text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--window", type=int, default=3, help="story window in days")
    parser.add_argument("--top", type=int, default=10, help="largest stories to list")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    start = time.perf_counter()
    clusterer = StoryClusterer(threshold=args.threshold, window_days=args.window)
    docs: dict[str, RawDocument] = {}
    for item in read_inputs([str(args.corpus)]):
        if isinstance(item, RawDocument):
            docs[item.id] = item
            clusterer.add(item.id, story_text(item), item.date)
    assignments = clusterer.assignments()
    seconds = time.perf_counter() - start
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story in assignments.items():
        members[story].append(article_id)
    multi = {story: ids for story, ids in members.items() if len(ids) > 1}
    print(f"{len(docs)} articles, {len(members)} stories at threshold {args.threshold}, "
          f"window {args.window} days "
          f"({len(multi)} with 2+ articles, {sum(map(len, multi.values()))} articles in "
          f"them); clustering took {seconds:.1f} s")
    sizes = sorted((len(ids) for ids in multi.values()), reverse=True)
    print(f"story sizes (2+): {sizes}")

    print(f"\nThe {args.top} largest stories:")
    for story, ids in sorted(multi.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:args.top]:
        print(f"- {story}: {len(ids)} articles")
        for article_id in ids:
            doc = docs[article_id]
            similarity = clusterer.similarity(story, article_id)
            print(f"    {article_id} {doc.date} {doc.source} (J~{similarity:.2f}): {doc.title}")

    in_multi = [docs[article_id] for ids in multi.values() for article_id in ids]
    executor = ProcessPool(args.workers) if args.workers > 1 else None
    try:
        events = [event for record in code_documents(in_multi, CodeOptions(), executor)
                  if isinstance(record, CodedArticle) for event in record.events]
    finally:
        if executor is not None:
            executor.close()
    merged, links = merge_events(events, assignments)
    repeated = [event for event in merged if len({e.article_id for e in links[event.id]}) > 1]
    print(f"\nCoded the {len(in_multi)} articles of multi-article stories: {len(events)} "
          f"events, {len(merged)} after merging across stories; "
          f"{len(repeated)} reported by more than one article:")
    for event in repeated:
        countries = ("+".join(sorted({a.country or "?" for a in event.source})),
                     "+".join(sorted({a.country or "?" for a in event.target})) or "-")
        print(f"- {event.type} {countries[0]} -> {countries[1]} on {event.date}, "
              f"mentions={event.mentions}, story {assignments[event.article_id]}")
        for evidence in links[event.id]:
            print(f"    {evidence.article_id}: {evidence.span.text[:150]!r}")
    print(json.dumps({"articles": len(docs), "stories": len(members),
                      "multi_article_stories": len(multi), "events_in_multi": len(events),
                      "merged_events": len(merged), "events_mentioned_more_than_once":
                      len(repeated), "cluster_s": round(seconds, 2)}))


if __name__ == "__main__":
    main()
