"""Article -> CodedArticle: sentences, actors, events, quotes, dates and places.

The coder reads an article in two passes. A cheap pre-pass (spaCy's tokenizer and
rule-based sentencizer, no model) splits every paragraph into sentences and keeps the
ones that can hold an event: a trigger word form or a quotation. Only those are parsed
with the full model, batched across all articles of a batch. Actor mentions found in
every sentence, parsed or not, feed the discourse so that later mentions ("Macron",
"the President", "he") resolve to the actor introduced earlier.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .actors import FIRST, ActorFinder, Discourse, Mention, publisher_for
from .codebook import event_type
from .dates import parse_iso
from .dates import resolve as resolve_date
from .events import ACT_NOUNS, TARGETLESS_OK, UNDIRECTED, Candidate, EventReader, modality, negated
from .knowledge import load_knowledge, trigger_cues, trigger_surface_forms
from .nlp import coder_pipeline, tokenizer_only
from .places import locate
from .records import Actor, Article, CodedArticle, Decision, Event, Location, Quote, Span

QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
SPEECH = {"say", "tell", "state", "add", "report", "announce", "note", "write", "declare",
          "tweet", "stress", "emphasize", "warn", "accord", "respond", "reply", "post", "insist",
          "argue", "explain", "comment", "quote", "conclude", "remark", "affirm"}
PHONE_WORDS = {"phone", "telephone", "call", "calls", "videoconference", "video", "virtually",
               "virtual"}


@dataclass
class Sentence:
    """One sentence of an article with its place in the text; ``doc`` once parsed."""

    index: int
    start: int  # char offset into Article.text
    text: str
    words: list[str]  # token texts from the pre-pass
    starts: list[int]  # their char offsets in the sentence
    doc: Doc | None = None
    phrases: list | None = None  # known phrases of an unparsed sentence, scanned once


class Coder:
    """Codes articles. Holds the models and knowledge; create once per process."""

    def __init__(self, batch_size: int = 64):
        self.k = load_knowledge()
        self.finder = ActorFinder(self.k)
        self.reader = EventReader()
        self.forms = trigger_surface_forms()
        self.cues = trigger_cues()
        self.batch_size = batch_size

    # ---- public -----------------------------------------------------------------------
    def code(self, article: Article, explain: bool = False) -> CodedArticle:
        return self.code_many([article], explain=explain)[0]

    def code_many(self, articles: Iterable[Article], explain: bool = False
                  ) -> list[CodedArticle]:
        articles = list(articles)
        split = [self.sentences(a) for a in articles]
        wanted = [s for sents in split for s in sents if self.worth_parsing(s.text)]
        nlp = coder_pipeline()
        for sent, doc in zip(wanted, nlp.pipe((s.text for s in wanted),
                                              batch_size=self.batch_size), strict=True):
            sent.doc = doc
        return [self._code(a, sents, explain) for a, sents in zip(articles, split, strict=True)]

    # ---- pre-pass -----------------------------------------------------------------------
    def sentences(self, article: Article) -> list[Sentence]:
        out: list[Sentence] = []
        pre = tokenizer_only()
        offset = 0
        for para in article.text.split("\n\n"):
            for sent in pre(para).sents:
                text = sent.text.strip()
                if text:
                    lead = len(sent.text) - len(sent.text.lstrip())
                    start = offset + sent.start_char + lead
                    base = sent.start_char + lead
                    tokens = [t for t in sent if not t.is_space]
                    out.append(Sentence(len(out), start, text, [t.text for t in tokens],
                                        [t.idx - base for t in tokens]))
            offset += len(para) + 2
        return out

    def worth_parsing(self, text: str) -> bool:
        """The cheap test: a quotation (its speaker matters), or a trigger word form with
        the second word its lexicon rows need ("call" + "on", "look" + "forward")."""
        if "“" in text or '"' in text:
            return True
        cues = self.cues
        words = set(re.findall(r"[a-z]+", text.lower()))
        for word in words & self.forms:
            needed = cues[word]
            if needed is None or not needed.isdisjoint(words):
                return True
        return False

    # ---- coding -------------------------------------------------------------------------
    def _code(self, article: Article, sents: list[Sentence], explain: bool) -> CodedArticle:
        discourse = Discourse(date=article.date,
                              publisher=publisher_for(article.source, article.url))
        events: list[Event] = []
        quotes: list[Quote] = []
        actors: list[Actor] = []
        decisions: list[Decision] = []
        pub = parse_iso(article.date)
        discourse.focus = self._focus(sents)
        for sent in sents:
            doc = sent.doc
            if doc is None:  # no trigger word: only who is named, for later mentions
                for m in self.finder.light_mentions(sent.words, sent.starts, discourse,
                                                    sent.start, sent.phrases):
                    discourse.remember(m)
                    actors.extend(a for a in m.actors if a.country)
                continue
            discourse.here = self._here(doc, discourse.focus)
            mentions = self.finder.mentions(doc, discourse, offset=sent.start)
            speaker = self._speaker(doc, mentions)
            if speaker is not None and any(t.lower_ in FIRST for t in doc):
                mentions = self.finder.mentions(doc, discourse, offset=sent.start,
                                                speaker=speaker)
            for q in QUOTE.finditer(sent.text):
                quotes.append(Quote(article.id, q.group(1), sent.start + q.start(1),
                                    sent.start + q.end(1), speaker))
            for cand in self.reader.candidates(doc[:], mentions):
                made, why = self._event(article, sent, cand, pub, discourse.here or discourse.focus)
                events.extend(made)
                if explain:
                    decisions.append(Decision(sent.index, cand.token.text,
                                              "event" if made else "dropped", why))
            for m in mentions:
                discourse.remember(m)
                actors.extend(a for a in m.actors if a.country and a.start >= 0)
        return CodedArticle(article=article, events=tuple(dedupe(events)), quotes=tuple(quotes),
                            actors=tuple(actors), sentences=len(sents),
                            decisions=tuple(decisions))

    def _here(self, doc: Doc, focus: str | None) -> str | None:
        """The country of the first city or country the sentence puts something in."""
        for name in place_names(doc):
            place = locate(name.text, prefer=focus)
            if place is not None and place.country and (place.known or focus is None):
                return place.country
        return None

    def _focus(self, sents: list[Sentence]) -> str | None:
        """The country the story is about: the one its place names and demonyms name most
        (the first one named wins ties). Actors with no country of their own ("police",
        "protesters", "a man") are placed there."""
        counts: dict[str, int] = {}
        for sent in sents:
            doc = sent.doc
            if doc is None:
                sent.phrases = self.finder.phrase_scan(sent.words)
                found = [entries for _, _, entries in sent.phrases]
            else:
                found = [atom.entries for atom in self.finder.phrase_atoms(doc)]
            for entries in found:
                for e in entries[:1]:
                    if e.kind in ("country", "capital", "adjective", "dependency", "people") \
                            and e.country:
                        counts[e.country] = counts.get(e.country, 0) + 1
            if doc is None:
                continue
            for name in place_names(doc):  # cities count too: a story in Croydon is British
                place = locate(name.text)
                if place is not None and place.lat is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + 1
        if not counts:
            return None
        return max(counts, key=lambda c: counts[c])  # dicts keep first-seen order for ties

    def _speaker(self, doc: Doc, mentions: list[Mention]) -> Actor | None:
        """Who speaks in this sentence: subject of a speech verb, or "according to X"."""
        index = self.reader.mention_index(mentions)
        for tok in doc:
            if tok.lemma_ == "accord" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for m in self.reader.actors_at(doc[tok.i + 1], index, depth=6):
                    if m.resolved:
                        return m.actors[0]
            if tok.lemma_ in SPEECH and tok.pos_ in ("VERB", "AUX"):
                found, _ = self.reader.subject_of(tok, index)
                for m in found:
                    if m.resolved:
                        return m.actors[0]
        return None

    def _event(self, article: Article, sent: Sentence, cand: Candidate, pub,
               focus: str | None = None) -> tuple[list[Event], str]:
        row = cand.trigger
        if negated(cand.governor, cand.token):
            return [], "negated"
        source = _actors(cand.source)
        target = [a for a in _actors(cand.target)
                  if not any(a.start == s.start and a.end == s.end for s in source)]
        location = self._location(cand, sent, focus)
        if not source and target and row.type in ("ASSAULT", "COERCE") and (
                cand.rule.endswith("/passive") or "passive-no-agent" in cand.rule):
            # "was shot", "were arrested": someone unnamed did it, where it happened
            where = (location.country if location and location.known else None) or \
                target[0].country or focus
            if where:
                sector = "COP" if row.type == "COERCE" else "UNK"
                source = [Actor("(unidentified)", None, where, sector)]
        if row.type == "PROTEST" and cand.rule.startswith("noun:"):
            source, target = self._protest(cand, source, target, focus)
        if not source:
            return [], "no resolvable source"
        if not target and row.type == "CONSULT" and row.mode == "visit" and location is not None \
                and all(a.sector in (None, "GOV", "LEG", "MIL") for a in source) and \
                location.country and all(a.country != location.country for a in source):
            # an official's visit to a place is a consultation with its government (a
            # reporter's trip is not)
            target = [Actor(location.name, None, location.country, "GOV",
                            how="place visited")]
        named = {(a.country, a.name) for a in source if a.name}
        target = [a for a in target if not (a.name and (a.country, a.name) in named)]
        nominal = cand.rule.startswith("noun:")
        several = row.type in UNDIRECTED and len({a.country for a in source}) > 1
        owned = [a for a in target if _owned_by_source(a, source)]
        if owned:
            # "put their militaries on alert": what the source owns is not its target, but
            # says which part of it acts
            target = [a for a in target if a not in owned]
            source = [replace(a, sector=owned[0].sector) if a.sector is None and
                      a.country == owned[0].country else a for a in source]
        selfonly = "selfonly" in row.flags  # "resigned", "accepted responsibility"
        if not target and cand.object_word is not None and not several and not selfonly and \
                not (row.type == "ACCUSE" and cand.object_word.lower_ in ACT_NOUNS):
            return [], f"its object {cand.object_word.text!r} names no actor"
        if not target and "needtarget" in row.flags:
            return [], f"{row.lemma} needs someone on the other side"
        if not target and "speech" in row.flags:
            return [], "an allegation with no one accused"
        if not target and not several and not selfonly:
            if nominal:
                return [], "nominal event without a target"
            if row.type not in TARGETLESS_OK:
                return [], f"{row.type} needs a target"
        if event_type(row.type).quad == 4:
            # a capital attacked or blockaded is the city, not its government
            target = [replace(a, sector=None) if a.how.startswith("capital:") else a
                      for a in target]
        mood = modality(cand.governor, cand.token, pub.year if pub else None)
        kind = row.type
        if kind in ("CONSULT", "COOPERATE") and mood == "future":
            kind = "AGREE"  # CODEBOOK: intent to meet or cooperate is AGREE
        if "future" in row.flags and mood == "asserted":
            mood = "future"
        etype = event_type(kind)
        mode = row.mode if kind == row.type else None
        if kind == "CONSULT":
            words = {t.lower_ for t in cand.governor.subtree} | {t.lower_ for t in
                                                                  cand.token.subtree}
            if words & PHONE_WORDS:
                mode = "phone"
            elif location and location.country and target and all(
                    a.country != location.country for a in source) and any(
                    a.country == location.country for a in target):
                mode = "visit"
        date, precision = resolve_date(
            [t.text for t in _clause_words(cand)], article.date)
        evidence = Span(sent.text, sent.start, sent.start + len(sent.text))
        tok = cand.token
        trigger = Span(tok.text, sent.start + tok.idx, sent.start + tok.idx + len(tok.text))
        event = Event(
            article_id=article.id, type=kind, mode=mode, source=tuple(source),
            target=tuple(target), quad=etype.quad, intensity=etype.intensity,
            evidence=evidence, trigger=trigger, rule=cand.rule + f" ({row.file}:{row.line})",
            modality=mood, date=date, date_precision=precision, location=location)
        countries = list(dict.fromkeys(a.country for a in source))
        if not target and kind not in UNDIRECTED and etype.quad >= 3 and len(countries) == 2:
            # "Both countries put their militaries on alert": each acts against the other
            pair = []
            for mine in countries:
                ours = tuple(a for a in source if a.country == mine)
                theirs = tuple(a for a in source if a.country != mine)
                one = replace(event, source=ours, target=theirs, rule=event.rule + " mutual")
                pair.append(replace(one, id=event_id(one)))
            return pair, "event"
        return [replace(event, id=event_id(event))], "event"

    def _protest(self, cand: Candidate, source: list[Actor], target: list[Actor],
                 here: str | None) -> tuple[list[Actor], list[Actor]]:
        """A protest named by a noun: the protesters are the story's civilians unless
        someone is named, and "anti-government" names what they protest against."""
        if not here:
            return source, target
        if not source:
            source = [Actor("protesters", None, here, "CVL", how="protest noun")]
        if not target:
            words = [t for t in cand.token.lefts]
            for i, tok in enumerate(words):
                if tok.lower_.startswith("anti") and i + 1 < len(words):
                    against = words[-1] if words[-1].text != "-" else None
                    entries = self.k.common.get((against.lower_,), []) if against else []
                    sector = next((e.sector for e in entries if e.kind == "sector"), None)
                    if sector:
                        target = [Actor(against.text, None, here, sector, how="anti- noun")]
                    break
        return source, target

    def _location(self, cand: Candidate, sent: Sentence, focus: str | None
                  ) -> Location | None:
        doc = sent.doc
        if doc is None:
            return None
        scope = {t.i for t in cand.governor.subtree} | {t.i for t in cand.token.subtree}
        for name in place_names(doc):
            if name.root.i in scope:
                place = locate(name.text, prefer=focus)
                if place is not None:
                    return place
        return None


def place_names(doc: Doc) -> list[SpacySpan]:
    """Proper names in a place slot: the object of "in", "at", "to", "near" or "from"
    ("at the Élysée Palace in Paris"), with their compound words ("South London")."""
    out = []
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.head.lower_ in (
                "in", "at", "to", "near", "from", "outside", "inside"):
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in (
                    "compound", "flat"):
                start -= 1
            out.append(doc[start:tok.i + 1])
    return out


def _owned_by_source(actor: Actor, source: list[Actor]) -> bool:
    """A target phrase possessed by a pronoun that stands for the source ("their
    militaries", "its forces") belongs to the source."""
    text = actor.text.lower()
    return text.startswith(("their ", "its ", "his ", "her ", "our ")) and \
        actor.country in {a.country for a in source}


def _actors(mentions: list[Mention]) -> list[Actor]:
    out: list[Actor] = []
    for m in mentions:
        for a in m.actors:
            if a.country and a not in out:
                out.append(a)
    return out


def _clause_words(cand: Candidate):
    gov = cand.governor
    return [t for t in gov.subtree if t.dep_ not in ("relcl",)] if gov is not None else []


def event_id(event: Event) -> str:
    """A stable id: the same event in the same article gets the same id on every run."""
    key = "|".join([
        event.article_id, event.type,
        ",".join(sorted(a.label for a in event.source)),
        ",".join(sorted(a.label for a in event.target)),
        str(event.evidence.start), str(event.trigger.start)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def dedupe(events: list[Event]) -> list[Event]:
    """One record per event per article. The same type between the same actors is one
    event when it is told again with the same trigger word (headline and body, a restated
    paragraph: a further mention) or twice in one sentence ("pledged aid and will deliver
    it")."""
    kept: list[Event] = []
    index: dict[tuple, int] = {}
    for event in events:
        dyad = (event.type, frozenset(a.label for a in event.source),
                frozenset(a.label for a in event.target))
        keys = [(*dyad, "words", event.trigger.text.lower()),
                (*dyad, "sentence", event.evidence.start)]
        pos = next((index[k] for k in keys if k in index), None)
        if pos is None:
            pos = len(kept)
            kept.append(event)
        elif event.evidence.start != kept[pos].evidence.start:
            kept[pos] = replace(kept[pos], mentions=kept[pos].mentions + 1)
        for key in keys:
            index.setdefault(key, pos)
    return kept
