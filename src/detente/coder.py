"""Article -> CodedArticle: sentences, actors, events, quotes, dates and places.

The coder reads an article in two passes. A cheap pre-pass (spaCy's tokenizer and
rule-based sentencizer, no model) splits every paragraph into sentences and keeps the
ones that can hold an event or a quotation's speaker: a trigger word form or a quotation
with a speech verb, and a word that can name someone (``why_not_parsed``). Only those are
parsed with the full model, batched across all articles of a batch. Actor mentions found in
every sentence, parsed or not, feed the discourse so that later mentions ("Macron",
"the President", "he") resolve to the actor introduced earlier.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .actors import (
    FIRST,
    JOINING_VERBS,
    JOINT_WORDS,
    ActorFinder,
    Discourse,
    Gathering,
    Mention,
    listed_participants,
    publisher_for,
    standing_words,
)
from .codebook import INTERNATIONAL, event_type
from .dates import parse_iso
from .dates import resolve as resolve_date
from .events import (
    ACT_NOUNS,
    TARGETLESS_OK,
    UNDIRECTED,
    Candidate,
    EventReader,
    clause_subject,
    is_condition,
    modality,
    names_help,
    negated,
)
from .implicit import (
    concern_country,
    mourners_country,
    place_attacked,
    place_helped,
    place_visited,
    repressed_people,
    unidentified_doer,
)
from .knowledge import (
    inflections,
    load_knowledge,
    trigger_cues,
    trigger_cues_following,
    trigger_form_kinds,
    trigger_surface_forms,
)
from .nlp import coder_pipeline, parse, prepass_pipeline
from .places import Setting, clause_place, dateline, locate, place_names
from .records import Actor, Article, CodedArticle, Decision, Event, Location, Quote, Span

QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
WORD = re.compile(r"[a-z]+")  # the pre-pass's words: lowercase letters only
SPEECH = {"say", "tell", "state", "add", "report", "announce", "note", "write", "declare",
          "tweet", "stress", "emphasize", "warn", "accord", "respond", "reply", "post", "insist",
          "argue", "explain", "comment", "quote", "conclude", "remark", "affirm"}
# Penn tags -> the parts of speech of lexicon rows a token so tagged can be read as
TAG_KINDS = {**dict.fromkeys(("VB", "VBD", "VBG", "VBP", "VBZ", "MD"), {"VERB"}),
             "VBN": {"VERB", "STATE"}, "JJ": {"STATE"},
             **dict.fromkeys(("NN", "NNS", "NNP", "NNPS"), {"NOUN"})}
PHONE_WORDS = {"phone", "telephone", "call", "calls", "videoconference", "video", "virtually",
               "virtual"}


def _quoting(text: str) -> bool:
    """Whether a sentence opens or holds a quotation (its speaker is worth a parse)."""
    return "“" in text or '"' in text


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
    # the pre-pass tokens with their trailing spaces, whitespace tokens included: the
    # parser takes them as they are instead of tokenizing the sentence a second time
    tokens: tuple[list[str], list[bool]] = ((), ())  # type: ignore[assignment]


class Coder:
    """Codes articles. Holds the models and knowledge; create once per process."""

    def __init__(self, batch_size: int = 64):
        # batch_size: sentences per parser batch (256 was no faster on 600 articles and
        # took 97 MB more)
        self.k = load_knowledge()
        self.finder = ActorFinder(self.k)
        self.reader = EventReader()
        self.forms = trigger_surface_forms()
        self.cues = trigger_cues()
        self.following = trigger_cues_following()
        self.form_kinds = trigger_form_kinds()
        self.standing = standing_words()
        self.speech_forms = frozenset({"according"}.union(*map(inflections, SPEECH)))
        # "Ministers of A and B attended", "They were joined by C": lists of a gathering's
        # parties, read on parsed sentences only
        self.listing_forms = frozenset().union(*map(inflections, JOINING_VERBS))
        self.batch_size = batch_size

    # ---- public -----------------------------------------------------------------------
    def code(self, article: Article, explain: bool = False) -> CodedArticle:
        return self.code_many([article], explain=explain)[0]

    def code_many(self, articles: Iterable[Article], explain: bool = False
                  ) -> list[CodedArticle]:
        articles = list(articles)
        split = [self.sentences(a) for a in articles]
        wanted = [s for sents in split for s in sents if self.why_not_parsed(s) is None]
        vocab = coder_pipeline().vocab
        docs = (Doc(vocab, words=s.tokens[0], spaces=s.tokens[1]) for s in wanted)
        parsed = parse(docs, batch_size=self.batch_size, worth_parsing=self.tagged_as_trigger)
        for sent, doc in zip(wanted, parsed, strict=True):
            sent.doc = doc
        return [self._code(a, sents, explain) for a, sents in zip(articles, split, strict=True)]

    # ---- pre-pass -----------------------------------------------------------------------
    def sentences(self, article: Article) -> list[Sentence]:
        out: list[Sentence] = []
        pre = prepass_pipeline()
        offset = 0
        for para in article.text.split("\n\n"):
            doc = pre(para)
            # each token read once (a Doc makes a new Token object at every access)
            texts, starts, spaced, blank = [], [], [], []
            for t in doc:
                texts.append(t.text)
                starts.append(t.idx)
                spaced.append(bool(t.whitespace_))
                blank.append(t.is_space)
            for sent in doc.sents:
                kept = [i for i in range(sent.start, sent.end) if not blank[i]]
                if not kept:
                    continue
                first, last = kept[0], kept[-1]  # the sentence without its ends
                base = starts[first]
                spaces = spaced[first:last + 1]
                spaces[-1] = False
                text = para[base:starts[last] + len(texts[last])]
                out.append(Sentence(len(out), offset + base, text, [texts[i] for i in kept],
                                    [starts[i] - base for i in kept],
                                    tokens=(texts[first:last + 1], spaces)))
            offset += len(para) + 2
        return out

    def why_not_parsed(self, sent: Sentence) -> str | None:
        """The cheap test, on the pre-pass's words: why the sentence can hold neither an
        event nor a quotation's speaker, or None if it is worth parsing. An event needs a
        trigger word form (with the second word its lexicon rows need: "call" + "on",
        "look" + "forward"), a speaker needs a quotation and a speech verb ("said",
        "according to"), and both need a word that can name someone: a known phrase, a
        name, a pronoun or a group word ("the two", "both sides")."""
        text = sent.text
        words = set(WORD.findall(text.lower()))
        quoted = _quoting(text) and not words.isdisjoint(self.speech_forms)
        if not quoted and words.isdisjoint(self.listing_forms) and not any(
                self._cued(word, words, sent.words) for word in words & self.forms):
            return "no trigger word"
        if sent.phrases is None:
            sent.phrases = self.finder.phrase_scan(sent.words)
        if sent.phrases or not words.isdisjoint(self.standing):
            return None
        first, *rest = sent.words
        if any(w[:1].isupper() for w in rest) or (
                first[:1].isupper() and first.lower() not in STOP_WORDS):
            return None  # a name, maybe of someone the article named before
        return "no word that can name an actor"

    def tagged_as_trigger(self, doc: Doc) -> bool:
        """The second test, once the sentence is tagged and before it is parsed: a trigger
        form tagged as a word its rows read ("back" as an adverb is not the verb), or a
        speech verb of a quotation."""
        quoted = _quoting(doc.text)
        for tok in doc:
            low = tok.lower_
            kinds = self.form_kinds.get(low)
            if kinds is not None and not kinds.isdisjoint(TAG_KINDS.get(tok.tag_, ())):
                return True
            if quoted and low in self.speech_forms:
                return True
            if low in self.listing_forms and tok.tag_.startswith("VB"):
                return True
        return False

    def _cued(self, form: str, words: set[str], tokens: list[str]) -> bool:
        """Whether the sentence has the second word a trigger form's rows need, after the
        form where that word is a particle or preposition."""
        needed = self.cues[form]
        if needed is None:
            return True
        if needed.isdisjoint(words):
            return False
        if form not in self.following:
            return True
        lowered = [t.lower() for t in tokens]
        first = next((i for i, t in enumerate(lowered) if form in WORD.findall(t)),
                     len(lowered))
        return not needed.isdisjoint(lowered[first + 1:])

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
        told: list[tuple[int, Gathering, str]] = []  # events told of a gathering's parties
        setting = Setting(dateline(article.text, discourse.focus))
        for sent in sents:
            discourse.sentence = sent.index
            doc = sent.doc
            if doc is None:  # no trigger word: only who is named, for later mentions
                quotes.extend(self._quotes(article, sent, None))
                setting.observe_words(sent.words, sent.start, discourse.focus)
                for m in self.finder.light_mentions(sent.words, sent.starts, discourse,
                                                    sent.start, sent.phrases):
                    discourse.remember(m)
                    actors.extend(a for a in m.actors if a.country)
                continue
            discourse.here = self._here(doc, discourse.focus)
            discourse.frame = self._frame(doc, discourse.focus)
            mentions = self.finder.mentions(doc, discourse, offset=sent.start)
            speaker = self._speaker(doc, mentions)
            if speaker is not None and any(t.lower_ in FIRST for t in doc):
                mentions = self.finder.mentions(doc, discourse, offset=sent.start,
                                                speaker=speaker)
            quotes.extend(self._quotes(article, sent, speaker))
            self._add_listed(doc, mentions, discourse)
            for cand in self.reader.candidates(doc[:], mentions):
                made, why = self._event(article, sent, cand, pub, discourse.here or discourse.focus)
                at = self._gathering_of(cand, made, discourse)
                if at is not None:
                    told += [(len(events) + i, *at) for i in range(len(made))]
                events.extend(made)
                if explain:
                    decisions.append(Decision(sent.index, cand.token.text,
                                              "event" if made else "dropped", why))
            setting.observe(doc, mentions, sent.start, discourse.focus)
            for m in mentions:
                discourse.remember(m)
                actors.extend(a for a in m.actors if a.country and a.start >= 0)
        events = setting.settle(dedupe(told_of_gatherings(events, told)))
        return CodedArticle(article=article, events=tuple(events), quotes=tuple(quotes),
                            actors=tuple(actors), sentences=len(sents),
                            decisions=tuple(decisions))

    @staticmethod
    def _quotes(article: Article, sent: Sentence, speaker: Actor | None) -> list[Quote]:
        return [Quote(article.id, q.group(1), sent.start + q.start(1), sent.start + q.end(1),
                      speaker) for q in QUOTE.finditer(sent.text)]

    def _add_listed(self, doc: Doc, mentions: list[Mention], discourse) -> None:
        """Participant lists join the gathering: "Participants in the call included A, B
        and C", "The summit was attended by ...", "They were joined by ..."."""
        for tok in doc:
            heads = listed_participants(tok) if tok.pos_ in ("VERB", "AUX") else None
            if not heads:
                continue
            # everyone named inside the list, however the parser nested its items
            inside = {t.i for h in heads for t in h.subtree}
            actors = [a for m in mentions if m.head in inside and not m.group
                      for a in m.actors if a.country]
            # "Foreign ministers attended for A and B": the title says what A and B sent
            sent_as = next((a.sector for m in mentions if m.head in inside and not m.group
                            for a in m.actors if a.country is None and a.sector), None)
            if sent_as is not None:
                actors = [replace(a, sector=sent_as) if a.sector is None and
                          a.country not in INTERNATIONAL else a for a in actors]
            if actors:
                discourse.group().add(actors, discourse.sentence)

    def _gathering_of(self, cand: Candidate, made: list[Event], discourse
                      ) -> tuple[Gathering, str] | None:
        """Which gathering an event is told of, and on which side: a group word ("The
        leaders condemned ...") is the gathering's parties; a meeting between named parties
        opens a gathering, unless they are all parties of the one the story is at."""
        if not made or discourse.gathering is None and made[0].type != "CONSULT":
            return None
        side = "source" if any(m.group for m in cand.source) else \
            "target" if any(m.group for m in cand.target) else None
        joint = any(t.lower_ in JOINT_WORDS for t in cand.token.sent)
        if side is not None:
            gathering = discourse.group()
            gathering.joint = gathering.joint or joint
            named = [a for e in made for a in (*e.source, *e.target) if a.country != GROUP]
            if made[0].type in UNDIRECTED:
                gathering.add(named, discourse.sentence)
            return gathering, side
        if made[0].type != "CONSULT" or made[0].modality != "asserted" or not (
                cand.rule.startswith("verb:") or "/light:" in cand.rule):
            return None  # (someone's talks named in passing open no meeting of the story)
        parties = [a for e in made for a in (*e.source, *e.target)]
        live = discourse.gathering
        if live is None or not all(any(_party(a, p) for p in live.participants)
                                   for a in parties):
            live = discourse.gathering = Gathering(discourse.sentence)
            sources = {a.country for a in made[0].source}
            others = {a.country for a in made[0].target} - sources
            if len(sources) == 1 and len(others) > 1:
                live.hub = next(iter(sources))
        live.joint = live.joint or joint
        live.add(parties, discourse.sentence)
        return live, "all"

    def _here(self, doc: Doc, focus: str | None) -> str | None:
        """The country of the first city or country the sentence puts something in."""
        for name in place_names(doc):
            place = locate(name.text, prefer=focus)
            if place is not None and place.country and (place.known or focus is None):
                return place.country
        return None

    @staticmethod
    def _frame(doc: Doc, focus: str | None) -> str | None:
        """The country of a place the sentence opens with, before a comma: "In the
        Sultanate of Oman, the envoy met ...", "In Kampala, the Secretary ..."."""
        for name in place_names(doc):
            if name.prep.i != doc[0].i or name.prep.lower_ not in ("in", "at"):
                continue
            end = name.span.end
            if end < len(doc) and doc[end].text == ",":
                place = locate(name.text, prefer=focus)
                if place is not None and place.country and place.known:
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
                if sent.phrases is None:
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
                place = locate(name.text, small=True)
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
        if cand.topic is not None:
            return [], f"what {cand.topic.text!r} is about, not an event the story reports"
        if cand.framed is not None:
            return [], f"what {cand.framed.text!r} asks, threatens or promises, not an act"
        source = _actors(cand.source) or _placeholder(cand.source)
        target = [a for a in _actors(cand.target)
                  if not any(a.start == s.start and a.end == s.end for s in source)] or \
            _placeholder(cand.target)
        location = self._location(cand, sent, focus)
        if not source:
            source = unidentified_doer(row.type, cand.rule, target, location, focus)
        if row.type == "PROTEST" and (cand.rule.startswith("noun:") or not source and (
                subj := clause_subject(cand.governor)) is not None and (
                subj.like_num or subj.lower_ in CROWD_WORDS)):
            # ("Thousands rallied in Caracas", "hundreds marched": the crowd is the story's
            # civilians, as for a protest named by a noun)
            source, target = self._protest(cand, source, target, focus)
        target = repressed_people(row.type, source, target, location)
        if not source:
            return [], "no resolvable source"
        target = target or place_visited(row.type, row.mode, source, location)
        if row.type == "CONSULT" and cand.rule.startswith(("verb:tell", "verb:speak",
                                                          "verb:talk")) and target and \
                all(a.sector == "JRN" for a in target):
            # "a spokesman told the BBC", "spoke to reporters": how the story quotes its
            # sources, not a meeting between actors
            return [], "speaking to the press"
        target = target or place_helped(row.type, source, location) or \
            place_attacked(row.type, source, location)
        named = {(a.country, a.name) for a in source if a.name}
        target = [a for a in target if not (a.name and (a.country, a.name) in named)]
        ours = {a.country for a in source}
        if row.type in UNDIRECTED and any(a.country not in ours for a in target):
            # "X met Y's ministers and her own ambassador": the other side is the foreign one
            target = [a for a in target if a.country not in ours]
        nominal = cand.rule.startswith("noun:")
        # (two sides of one country's conflict count: "talks between the government and
        # the Taliban", "the opposition and the ruling party agreed")
        sides = {a.sector for a in source}
        several = row.type in UNDIRECTED and (
            len({a.country for a in source}) > 1 or any(m.group for m in cand.source) or
            len(sides) > 1 and bool(sides & {"REB", "OPP"}))
        # (only where the source acts on what it owns: "deployed its forces", "withdrew its
        # troops", "recalled its ambassador"; "I urge our partners", "thanked our troops"
        # are addressed to them)
        owned = [a for a in target if _owned_by_source(a, source)] if row.type in (
            "MOBILIZE", "RETREAT", "SANCTION", "COERCE", "ASSAULT") else []
        if row.type in ("MOBILIZE", "RETREAT"):
            # "Uganda deployed troops to eastern Congo", "withdrew soldiers from X": forces
            # with no country of their own are the source's, not the place's
            owned += [a for a in target if a.sector in ("MIL", "COP") and a not in owned
                      and a.how.endswith(("place-country", "article-country"))]
        if owned:
            # "put their militaries on alert": what the source owns is not its target, but
            # says which part of it acts
            target = [a for a in target if a not in owned]
            source = [replace(a, sector=owned[0].sector) if a.sector is None and
                      a.country == owned[0].country else a for a in source]
        selfonly = "selfonly" in row.flags or (  # "resigned", "accepted responsibility"
            # "pledged $20 million in aid": a pledge of help, recipient unnamed (given
            # help with no recipient is not coded so)
            row.type == "AGREE" and row.file == HAND_LEXICON and
            cand.object_word is not None and names_help(cand.object_word)) or (
            # "a $500 million pledge made by Japan": the same, said with the noun
            row.type == "AGREE" and nominal and cand.token.lemma_.lower() in PLEDGES and
            any(t.tag_ == "$" or t.lower_ in ("million", "billion")
                for t in cand.token.subtree))
        # "clashes between Indian and Pakistani troops", "A and B restored ties": two
        # sides of an act between them, each toward the other (made a pair below)
        two_sides = "mutual" in row.flags and len({a.country for a in source}) == 2
        if not target and cand.object_word is not None and not several and not selfonly and \
                not two_sides and \
                not (row.type == "ACCUSE" and cand.object_word.lower_ in ACT_NOUNS):
            return [], f"its object {cand.object_word.text!r} names no actor"
        if not target and row.type == "ACCUSE" and cand.rule.startswith("state:") and \
                self.reader.concern_names_an_act(cand.token):
            target = concern_country(source, location, focus)
        if not target and row.type == "SUPPORT":
            target = mourners_country(row.type, row.lemma, source, location, focus)
        if not target and "needtarget" in row.flags:
            return [], f"{row.lemma} needs someone on the other side"
        if row.file != HAND_LEXICON:
            # a row generated from the CAMEO dictionary is read only where its sense is
            # plain: its verb says what happened (not what someone works, plans or is asked
            # to do: "we work to end the war"), and someone is on the other side
            if cand.governor.dep_ in ("xcomp", "advcl", "acl", "pcomp", "relcl", "csubj"):
                return [], f"{row.lemma} ({row.file}) in a subordinate clause"
            if not target and not several and not selfonly and row.type not in (
                    "PROTEST", "MOBILIZE", "RETREAT") and "passive" not in cand.rule:
                return [], f"{row.lemma} ({row.file}) with no one on the other side"
        if not target and "speech" in row.flags:
            return [], "an allegation with no one accused"
        if not target and not several and not selfonly and not two_sides:
            if nominal:
                return [], "nominal event without a target"
            if row.type not in TARGETLESS_OK:
                return [], f"{row.type} needs a target"
        if event_type(row.type).quad == 4:
            # a capital attacked or blockaded is the city, not its government
            target = [replace(a, sector=None) if a.how.startswith("capital:") else a
                      for a in target]
        mood = modality(cand.governor, cand.token, pub.year if pub else None)
        if "future" in row.flags and mood == "asserted":
            mood = "future"  # "look forward to", "the designation of a delegation to"
        kind = row.type
        if kind in ("CONSULT", "COOPERATE") and mood == "future":
            kind = "AGREE"  # CODEBOOK: intent to meet or cooperate is AGREE
        if (kind in FORCEFUL or "forceful" in row.flags) and mood in (
                "future", "hypothetical") and not is_condition(cand.governor):
            # "will impose severe costs on Russia if it invades", "readiness to strike":
            # a coercive act announced or held out is a threat, and the threat is made now
            kind, mood = "THREATEN", "asserted"
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
        when = parse_iso(date)
        if mood == "asserted" and pub and when and precision != "publication" and \
                (pub - when).days > BACKGROUND_DAYS:
            mood = "historical"  # "On September 9, 2015, the Department designated ..."
        evidence = Span(sent.text, sent.start, sent.start + len(sent.text))
        tok = cand.token
        trigger = Span(tok.text, sent.start + tok.idx, sent.start + tok.idx + len(tok.text))
        event = Event(
            article_id=article.id, type=kind, mode=mode, source=tuple(source),
            target=tuple(target), quad=etype.quad, intensity=etype.intensity,
            evidence=evidence, trigger=trigger, rule=cand.rule + f" ({row.file}:{row.line})",
            modality=mood, date=date, date_precision=precision, location=location)
        countries = list(dict.fromkeys(a.country for a in source))
        if not target and kind not in UNDIRECTED and (
                etype.quad == 4 or "mutual" in row.flags) and len(countries) == 2:
            # "Both countries put their militaries on alert": each acts against the other
            # (a material act only: allies who "condemned the violence" or "called for
            # access" together did not accuse or ask each other)
            pair = []
            for mine in countries:
                ours = tuple(a for a in source if a.country == mine)
                theirs = tuple(a for a in source if a.country != mine)
                one = replace(event, source=ours, target=theirs, rule=event.rule + " mutual")
                pair.append(replace(one, id=event_id(one)))
            return pair, "event"
        if not target and kind == "AGREE" and len(countries) > 1 and \
                cand.token.tag_ == "NNS" and cand.token.lemma_.lower() in PLEDGES:
            # "commitments totaling $1 billion were made by A, B and C": each pledged, they
            # did not agree with one another (unlike "the leaders reaffirmed their
            # commitment to ...", one shared pledge)
            each = []
            for mine in countries:
                one = replace(event, source=tuple(a for a in source if a.country == mine),
                              rule=event.rule + " each")
                each.append(replace(one, id=event_id(one)))
            return each, "event"
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
        if sent.doc is None:
            return None
        triggers = {cand.token.i, cand.governor.i}
        actors = {m.head for m in (*cand.source, *cand.target)}
        return clause_place(sent.doc, triggers, actors, prefer=focus,
                            objects=cand.trigger.type in ("ASSAULT", "COERCE") or
                            cand.trigger.mode == "visit")


# Words that name a crowd by its size: "Thousands rallied", "hundreds marched"
CROWD_WORDS = {"thousands", "hundreds", "dozens", "scores", "millions", "tens", "crowds"}
HAND_LEXICON = "triggers.tsv"  # the reviewed rows; others come from the CAMEO build
# Acts that, said of the future or held out on a condition, threaten (CODEBOOK: THREATEN is
# threatening force, sanctions, arrest, expulsion)
FORCEFUL = {"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"}
# An act dated more than a year before the article is background to it, not its news
BACKGROUND_DAYS = 366
# Nouns of promised help: several givers of such pledges each pledged
PLEDGES = {"commitment", "pledge", "contribution", "donation", "offer"}
GROUP = "(gathering)"  # stands in for a gathering's parties until the article is read


def _placeholder(mentions: list[Mention]) -> list[Actor]:
    """A group word whose gathering has no parties yet ("a call with transatlantic leaders"
    before the closing participant list): kept until the article is read."""
    group = next((m for m in mentions if m.group), None)
    return [Actor("(the gathering's parties)", None, GROUP, None, how="gathering")] \
        if group is not None else []


def _party(a: Actor, b: Actor) -> bool:
    return (a.name is not None and a.name == b.name) or (
        a.country == b.country and a.sector == b.sector)


def told_of_gatherings(events: list[Event], told: list[tuple[int, Gathering, str]]
                       ) -> list[Event]:
    """Events told of a gathering's parties, re-read once the article is known: each gets
    every participant, including those a closing list names. A meeting's own events
    (undirected) list all parties as sources; "The leaders condemned X" makes them all
    accuse X. An event whose gathering never got a party is dropped."""
    out = list(events)
    for i, gathering, side in told:
        event = out[i]
        if event is None:
            continue
        parties = tuple(gathering.participants)
        if not parties:
            out[i] = None
            continue
        if side == "all":
            # a meeting between named parties: those who join it later ("They were joined
            # by ...") are more of its other side, or more of its parties when it has none
            named = (*event.source, *event.target)
            extra = tuple(p for p in parties if not any(_party(p, a) for a in named))
            source, target = (event.source, event.target + extra) if event.target else (
                event.source + extra, ())
            if gathering.joint and gathering.hub is not None and event.type in UNDIRECTED:
                # "X met with A and B ... their trilateral meeting": all three together
                source, target = source + target, ()
        elif event.type in UNDIRECTED:
            # told of the group ("The leaders agreed", "a call with European leaders"): a
            # multilateral event, every party a source
            others = tuple(a for a in (*event.source, *event.target) if a.country != GROUP
                           and not any(_party(a, p) for p in parties))
            source, target = parties + others, ()
            if len({a.country for a in source}) == 1:
                source, target = source[:1], source[1:]  # one country's own meeting
            elif gathering.hub is not None and not gathering.joint:
                # the host's meeting with each of several ("X spoke with A, B and C.
                # They discussed ..."): X with each, not A with B
                source = tuple(a for a in parties if a.country == gathering.hub)
                target = tuple(a for a in (*parties, *others) if a.country != gathering.hub)
        elif side == "source":
            target = tuple(a for a in event.target if a.country != GROUP)
            source = tuple(p for p in parties if not any(p.country == t.country for t in target))
        else:  # told of the group as the other side: "a call with European leaders"
            source = tuple(a for a in event.source if a.country != GROUP)
            target = tuple(p for p in parties if not any(p.country == s.country for s in source))
        if not source:
            out[i] = None
            continue
        moved = replace(event, source=source, target=target)
        out[i] = replace(moved, id=event_id(moved))
    return [e for e in out if e is not None and not any(
        a.country == GROUP for a in (*e.source, *e.target))]


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
            kept[pos] = replace(kept[pos], mentions=kept[pos].mentions + 1,
                                location=kept[pos].location or event.location)
        for key in keys:
            index.setdefault(key, pos)
    return kept
