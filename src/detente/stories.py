"""Group near-duplicate and same-story articles, then count events rather than reports.

A news day carries one story many times: wire copies, new headlines on the same copy,
rewrites. Articles are sketched with MinHash over word shingles, candidate pairs come
from MinHash LSH (datasketch), each candidate is verified by its estimated Jaccard
similarity, and union-find turns verified pairs into stories. The story id is the id
of the story's first article.

Sketches are mergeable: per-batch clusterers (in workers) can be merged in the driver,
which builds the LSH index once over all of them.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

import numpy as np
from datasketch import MinHash, MinHashLSH

from .codebook import UNDIRECTED
from .errors import ConfigError
from .records import Article, CodedArticle, Event, Rejected, Span

_PUNCT = re.compile(r"[^\w\s]+")
_SCHEME = "affine32"


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the lowercased text with punctuation stripped.

    A text shorter than ``size`` words gives one shingle of all its words, so short
    texts still get a sketch.
    """
    words = _PUNCT.sub(" ", text.lower()).split()
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


class StoryClusterer:
    """Collects MinHash sketches of articles and assigns each article to a story.

    ``threshold`` is the estimated Jaccard similarity of shingle sets at or above which
    two articles are one story: around 0.8 groups only copies, around 0.5 copies with
    new headlines or edits, lower values also catch rewrites (and more false pairs).
    ``window_days``: articles dated further apart than this are never one story, however
    alike: templated releases ("Ninth Operation Fly Formula Mission", a yearly national-day
    message) share most of their words but report different events. None turns it off;
    articles without a date match any date.

    The LSH banding (datasketch's ``MinHashLSH`` picks the bands and rows for the
    threshold) runs over one array of signatures rather than through ``MinHashLSH``'s
    dict-of-sets index: at 100k documents that index alone took ~700 MB, the arrays
    take ~60 MB (see bench/stories.py).
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 128, shingle: int = 5,
                 window_days: int | None = 3) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"story threshold must be in (0, 1], got {threshold}")
        if num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16 for a usable estimate, got {num_perm}")
        if shingle < 1:
            raise ConfigError(f"shingle size must be at least 1 word, got {shingle}")
        if window_days is not None and window_days < 0:
            raise ConfigError(f"story window must be 0 days or more, got {window_days}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.window_days = window_days
        # crc32 instead of the default sha1: twice as fast, stable across processes (so
        # sketches made in workers merge), and the affine32 scheme mixes its output.
        self._template = MinHash(num_perm=num_perm, scheme=_SCHEME, hashfunc=zlib.crc32)
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._blocks: list[np.ndarray] = []  # signature rows, _BLOCK at a time
        self._days: list[int] = []  # date as a day number, _NO_DATE when unknown

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article_id: str, text: str, date: str | None = None) -> None:
        """Sketch one article (``date``: YYYY-MM-DD publication date, if known).

        Adding an id again adds the new text to its sketch."""
        sketch = self._template.copy()
        sketch.update_batch(shingles(text, self.shingle))
        self._add_signature(article_id, sketch.hashvalues, _day(date))

    def add_article(self, article: Article) -> None:
        """Sketch a cleaned article: its title (a new headline is a small change) and text."""
        text = f"{article.title}\n\n{article.text}" if article.title else article.text
        self.add(article.id, text, article.date)

    def observe(self, items: Iterable[CodedArticle | Rejected]
                ) -> Iterator[CodedArticle | Rejected]:
        """Pass a stream of coded articles through, sketching each on the way.

        Lets a driver cluster while it stores, without holding the articles:
        ``store.add_stream(clusterer.observe(code_documents(...)))``, then
        ``store.set_stories(clusterer.assignments())``.
        """
        for item in items:
            if isinstance(item, CodedArticle):
                self.add_article(item.article)
            yield item

    def _row(self, i: int) -> np.ndarray:
        return self._blocks[i // _BLOCK][i % _BLOCK]

    def _add_signature(self, article_id: str, signature: np.ndarray, day: int) -> None:
        at = self._index.get(article_id)
        if at is not None:  # MinHash union: the element-wise minimum sketches both texts
            np.minimum(self._row(at), signature, out=self._row(at))
            if self._days[at] == _NO_DATE:
                self._days[at] = day
            return
        at = len(self._ids)
        if at % _BLOCK == 0:
            self._blocks.append(np.empty((_BLOCK, self.num_perm), dtype=signature.dtype))
        self._blocks[-1][at % _BLOCK] = signature
        self._index[article_id] = at
        self._ids.append(article_id)
        self._days.append(day)

    def merge(self, other: StoryClusterer) -> None:
        """Take in the sketches of another clusterer (e.g. one built per batch)."""
        if (self.num_perm, self.shingle) != (other.num_perm, other.shingle):
            raise ConfigError("cannot merge story sketches made with different num_perm "
                              f"or shingle size ({self.num_perm}/{self.shingle} vs "
                              f"{other.num_perm}/{other.shingle})")
        for i, article_id in enumerate(other._ids):
            self._add_signature(article_id, other._row(i), other._days[i])

    def similarity(self, first: str, second: str) -> float:
        """Estimated Jaccard similarity of two added articles' shingle sets."""
        a, b = self._row(self._index[first]), self._row(self._index[second])
        return float(np.count_nonzero(a == b)) / self.num_perm

    def assignments(self) -> dict[str, str]:
        """article id -> story id (the id of the story's first article), for every article.

        Banding happens here, once, over every sketch added or merged: articles that
        share a band are candidates, a candidate pair is a match when its estimated
        Jaccard similarity reaches the threshold (and their dates are within the window),
        and matches are joined by union-find.
        """
        n = len(self._ids)
        if n == 0:
            return {}
        signatures = np.concatenate(self._blocks)[:n]
        days = np.array(self._days, dtype=np.int64)
        window = self.window_days if self.window_days is not None else 2**62
        parent = np.arange(n)

        def find(i: int) -> int:
            root = i
            while parent[root] != root:
                root = parent[root]
            while parent[i] != root:
                parent[i], i = root, parent[i]
            return root

        needed = int(np.ceil(self.threshold * self.num_perm - 1e-9))
        bands = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm).hashranges
        for start, end in bands:
            for members in _band_groups(signatures[:, start:end]):
                for a, b in _matching_pairs(signatures, days, members, needed, window):
                    root_a, root_b = find(a), find(b)
                    if root_a != root_b:  # the earlier article stays the root
                        parent[max(root_a, root_b)] = min(root_a, root_b)
        return {article_id: self._ids[find(i)] for i, article_id in enumerate(self._ids)}


_BLOCK = 8192
_SMALL_GROUP = 64
_NO_DATE = -(10**9)  # further from any real day number than any window


def _day(date: str | None) -> int:
    """A YYYY-MM-DD date as a day number, or _NO_DATE when absent or unreadable."""
    try:
        return dt.date.fromisoformat(date[:10]).toordinal() if date else _NO_DATE
    except ValueError:
        return _NO_DATE


def _close_in_time(first: np.ndarray, second: np.ndarray, window: int) -> np.ndarray:
    """Whether day numbers are within ``window`` days, an unknown date matching any."""
    return (np.abs(first - second) <= window) | (first == _NO_DATE) | (second == _NO_DATE)


def _band_groups(band: np.ndarray) -> Iterator[np.ndarray]:
    """Row indices (ascending) of the articles that share a band's values, groups of 2+."""
    multipliers = np.random.default_rng(band.shape[1]).integers(
        1, 2**63, size=band.shape[1], dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        keys = (band.astype(np.uint64) * multipliers).sum(axis=1, dtype=np.uint64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    cuts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(keys)]))
    for start in np.flatnonzero(ends - starts > 1):
        yield order[starts[start]:ends[start]]


def _matching_pairs(signatures: np.ndarray, days: np.ndarray, members: np.ndarray,
                    needed: int, window: int) -> Iterator[tuple[int, int]]:
    """Pairs of ``members`` whose signatures agree in at least ``needed`` positions and
    whose dates are at most ``window`` days apart.

    Small groups compare every pair; a large group (boilerplate, empty texts) compares
    each member with the group's representatives only, so it stays linear.
    """
    rows, when = signatures[members], days[members]
    if len(members) <= _SMALL_GROUP:
        match = ((rows[:, None, :] == rows[None, :, :]).sum(axis=2) >= needed) \
            & _close_in_time(when[:, None], when[None, :], window)
        for a, b in zip(*np.nonzero(np.triu(match, k=1)), strict=True):
            yield int(members[a]), int(members[b])
        return
    representatives = [0]
    for k in range(1, len(members)):
        agree = ((rows[representatives] == rows[k]).sum(axis=1) >= needed) \
            & _close_in_time(when[representatives], when[k], window)
        if agree.any():
            for r in np.flatnonzero(agree):
                yield int(members[representatives[r]]), int(members[k])
        else:
            representatives.append(k)


def cluster_stories(articles: Iterable[tuple[str, str] | tuple[str, str, str | None]],
                    threshold: float = 0.5, num_perm: int = 128, shingle: int = 5,
                    window_days: int | None = 3) -> dict[str, str]:
    """article id -> story id for ``(article_id, text[, date])`` tuples, in one call."""
    clusterer = StoryClusterer(threshold=threshold, num_perm=num_perm, shingle=shingle,
                               window_days=window_days)
    for article in articles:
        clusterer.add(*article)
    return clusterer.assignments()


@dataclass(frozen=True)
class Evidence:
    """One report of a merged event: which article said it, and in which sentence."""

    article_id: str
    event_id: str
    span: Span


def event_key(event: Event, story: str) -> tuple:
    """What makes two reports the same event: story, type, the distinct source and target
    countries and date, grouped as the store's ``event_stories`` view groups them (for an
    undirected type such as CONSULT, "A met B" and "B met A" are one event)."""
    source = {a.country for a in event.source if a.country}
    target = {a.country for a in event.target if a.country}
    if event.type in UNDIRECTED:
        return (story, event.type, tuple(sorted(source | target)), (), event.date)
    return (story, event.type, tuple(sorted(source)), tuple(sorted(target)), event.date)


def merge_events(events: Iterable[Event], assignments: Mapping[str, str]
                 ) -> tuple[list[Event], dict[str, list[Evidence]]]:
    """Merge the reports of one event across the articles of a story.

    Events of the same story with the same type, source and target countries and date
    become one: the first report, with ``mentions`` = the number of reports (the
    reports' own ``mentions`` added up, as the coder already counts an event told twice
    in one article as two mentions). Returns the merged events in first-seen order and,
    for each merged event id, every report's evidence (so each sentence stays linked). An article
    missing from ``assignments`` is a story of its own.
    """
    groups: dict[tuple, list[Event]] = {}
    for event in events:
        groups.setdefault(event_key(event, assignments.get(event.article_id, event.article_id)),
                          []).append(event)
    merged: list[Event] = []
    links: dict[str, list[Evidence]] = {}
    for reports in groups.values():
        first = reports[0]
        event = replace(first, mentions=sum(r.mentions for r in reports))
        merged.append(event)
        links.setdefault(event.id, []).extend(
            Evidence(r.article_id, r.id, r.evidence) for r in reports)
    return merged, links
