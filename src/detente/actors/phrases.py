"""Atoms: the known phrases, people and pronouns of a sentence (the first step of finding
actors), and the light mentions of sentences that are not parsed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span

from ..codebook import INTERNATIONAL
from ..knowledge import Entry, Knowledge, norm
from ..knowledge.names import fold
from ..places import locate
from ..records import Actor
from .discourse import Discourse
from .gatherings import group_nouns
from .mentions import (
    FIRST,
    GROUP_WORDS,
    HONORIFICS,
    IT,
    PERSONAL,
    PLURAL,
    Atom,
    Mention,
    _base,
    _fits,
    _locative,
    _singular,
)

# Lowercase particles inside a person's name, between the given name and the surname.
NAME_PARTICLES = {"bin", "ibn", "bint", "al", "el", "de", "da", "di", "dos", "van", "von",
                  "der", "le", "la"}


class PhraseMatcher:
    """Finds atoms: known phrases longest first, then people and pronouns."""

    k: Knowledge

    def atoms(self, doc: Doc | Span, known_people: Iterable[str] = ()) -> list[Atom]:
        """Longest known phrases, left to right, plus people (PERSON entities, proper-name
        chains the entity recognizer missed, surnames the article introduced) and pronouns."""
        words = [norm(t.text) for t in doc]
        person_ents = [(e.start - _base(doc), e.end - _base(doc)) for e in doc.ents
                       if e.label_ == "PERSON"]
        found = list(self.phrase_atoms(doc, words, person_ents))
        covered = {j for a in found for j in range(a.start, a.end)}
        return self._people_and_pronouns(doc, words, found, covered, person_ents, known_people)

    def phrase_atoms(self, doc, words: list[str] | None = None,
                     person_ents: list[tuple[int, int]] | None = None) -> list[Atom]:
        """The known phrases of a sentence, longest first; computed once per Doc (the
        coder asks for them twice: for the story's country and for the mentions)."""
        cache = doc.user_data if isinstance(doc, Doc) else doc.doc.user_data
        key = ("detente.phrase_atoms", _base(doc), len(doc))
        if key in cache:
            return cache[key]
        k = self.k
        if words is None:
            words = [norm(t.text) for t in doc]
        if person_ents is None:
            person_ents = [(e.start - _base(doc), e.end - _base(doc)) for e in doc.ents
                           if e.label_ == "PERSON"]
        found: list[Atom] = []
        i, n = 0, len(words)
        lowers = [w.lower() for w in words]
        toks = list(doc)  # (indexing a Doc makes a new Token each time)
        while i < n:
            lengths = k.lengths.get(lowers[i])
            lemma = _singular(toks[i]) if lowers[i].endswith("s") else lowers[i]
            if lemma != lowers[i] and lemma in k.lengths:
                # phrases of the singular too: "heads of state" is "head of state"
                lengths = tuple(sorted({*(lengths or ()), *k.lengths[lemma]}, reverse=True))
            if lengths is None:
                i += 1
                continue
            for length in lengths:
                if length > n - i:
                    continue
                entries = k.lookup(tuple(words[i:i + length]), tuple(lowers[i:i + length]))
                last = toks[i + length - 1]
                if not entries and last.lemma_ and last.lemma_.lower() != words[i + length - 1]:
                    # plural common words: "leaders" is listed as "leader"
                    key = tuple(w.lower() for w in words[i:i + length - 1]) + (
                        last.lemma_.lower(),)
                    entries = list(k.common.get(key, ()))
                if not entries and length > 1 and lemma != lowers[i]:
                    # a plural head before its complement: "heads of state" is "head of state"
                    key = (lemma, *(w.lower() for w in words[i + 1:i + length]))
                    entries = list(k.common.get(key, ()))
                if not entries:
                    continue
                entries = [e for e in entries if _fits(e, doc[i:i + length])]
                if length == 1 and words[i] == "States" and (
                        i == 0 or lowers[i - 1] != "the" or any(
                            c.dep_ == "prep" for c in toks[i].children)):
                    # "the States" is America; "States in our region", "Member States",
                    # "all States" are sovereign states
                    entries = [e for e in entries if e.kind != "country"]
                before = i - 1
                if before > 0 and toks[before].lower_ in NAME_PARTICLES:
                    before -= 1  # "Ahmed bin Mubarak": the given name is before the "bin"
                if length == 1 and before >= 0 and toks[before].pos_ == "PROPN" and \
                        toks[before].text[:1].isupper() and not (found and found[-1].end == i):
                    # "Omar Assad" is not Bashar al-Assad, "Greg Abbott" not Tony Abbott: a
                    # surname alias after another first name (not a title, not the person's
                    # own first name in another spelling: "Joao Lourenco") is someone else
                    given = fold(toks[before].text)
                    entries = [e for e in entries if e.kind != "person" or
                               given in fold(e.name or "").split()]
                if not entries:
                    continue
                # A country or capital inside a longer PERSON name ("Jordan Peterson") is not one.
                if any(e.kind in ("country", "capital", "adjective") for e in entries) and any(
                        s <= i and i + length <= e and (e - s) > length for s, e in person_ents):
                    break
                length = self._same_person_further(words, lowers, i, length, entries)
                found.append(Atom(i, i + length, tuple(entries)))
                i += length - 1
                break
            i += 1
        cache[key] = found
        return found

    def _same_person_further(self, words: list[str], lowers: list[str], i: int, length: int,
                             entries: list[Entry]) -> int:
        """The length of a person's phrase at ``i``, taken on to the end of a longer name
        of the same person that starts inside it: "Sheikh Mohamed bin Zayed Al Nahyan" is
        one phrase, though the alias "Sheikh Mohamed bin Zayed" matches first."""
        people = {e.person for e in entries if e.kind == "person" and e.person}
        if not people:
            return length
        end = i + length
        for j in range(i + 1, end):
            for further in self.k.lengths.get(lowers[j], ()):
                if j + further > end and j + further <= len(words) and any(
                        e.kind == "person" and e.person in people for e in self.k.lookup(
                            tuple(words[j:j + further]), tuple(lowers[j:j + further]))):
                    return j + further - i
        return length

    def phrase_scan(self, words: list[str]) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """Known phrases in a list of token texts, longest first: the words-only scan used
        for sentences that are not parsed (no part of speech to check a match against)."""
        k = self.k
        found = []
        i, n = 0, len(words)
        lowers = [w.lower() for w in words]
        while i < n:
            for length in k.lengths.get(lowers[i], ()):
                if length <= n - i:
                    entries = k.lookup(tuple(words[i:i + length]), tuple(lowers[i:i + length]))
                    if entries:
                        found.append((i, i + length, tuple(entries)))
                        i += length - 1
                        break
            i += 1
        return found

    def light_mentions(self, words: list[str], starts: list[int], discourse: Discourse,
                       offset: int, phrases: list | None = None) -> list[Mention]:
        """Mentions of a sentence the coder does not parse, for the discourse only: known
        people, countries, places of government and organizations, and surnames the
        article has introduced. No tree is walked, so nothing here can touch spaCy's
        dependency data."""
        out: list[Mention] = []
        taken: set[int] = set()
        if phrases is None:
            phrases = self.phrase_scan(words)
        for start, end, entries in phrases:
            taken.update(range(start, end))
            e = self.k.on_date(entries[0], discourse.date, discourse.focus)
            text = " ".join(words[start:end])
            char = offset + starts[start]
            span = (char, offset + starts[end - 1] + len(words[end - 1]))
            if e.kind == "person":
                term = self.k.role_of(e.person or "", discourse.date)
                if term is None:
                    continue
                actor = Actor(text, e.name, term.country, term.sector, *span, f"person:{e.name}")
                out.append(Mention(start, end, start, (actor,), person=True, role=term.role,
                                   how=actor.how))
            elif e.kind in ("country", "dependency", "capital", "seat", "org") and e.country:
                sector = e.sector if e.kind != "country" else None
                actor = Actor(text, e.name if e.kind == "org" else None, e.country,
                              None if e.country in INTERNATIONAL else sector, *span,
                              f"{e.kind}:{e.country}")
                out.append(Mention(start, end, start, (actor,), how=actor.how))
        for j, word in enumerate(words):
            known = discourse.people.get(word.lower()) if word[:1].isupper() else None
            if known is not None and j not in taken:
                span = (offset + starts[j], offset + starts[j] + len(word))
                out.append(Mention(j, j + 1, j, (replace(known, text=word, start=span[0],
                                                         end=span[1]),), person=True,
                                   how=f"later-mention:{known.name}"))
        return sorted(out, key=lambda m: m.start)

    def _people_and_pronouns(self, doc, words, found, covered, person_ents, known_people):
        n = len(words)
        found = list(found)
        spans = list(person_ents)
        # a proper name right after a title is a person even when NER missed it
        # ("Estonian Minister of Finance Jane Doe")
        for atom in found:
            if any(e.kind == "title" for e in atom.entries):
                head = doc[atom.start:atom.end].root.head
                h = head.i - _base(doc)
                if head.pos_ == "PROPN" and h not in covered and h >= atom.end and not any(
                        s <= h < e for s, e in spans):
                    spans.append((h, h + 1))
        # proper-name chains that the recognizer left unlabelled: "Jane Doe, director
        # of news for Reuters"; or a surname the article has introduced ("al-Quaety")
        known = set(known_people)
        j = 0
        while j < n:
            tok = doc[j]
            if (tok.pos_ == "PROPN" or (tok.is_title and tok.lower_ in known)) \
                    and j not in covered and not any(
                    s <= j < e for s, e in spans) and tok.ent_type_ in ("", "PERSON"):
                k = j
                while k + 1 < n and (k + 1) not in covered:
                    nxt = doc[k + 1]
                    if nxt.pos_ == "PROPN" and nxt.ent_type_ in ("", "PERSON"):
                        k += 1
                    elif nxt.text == "-" and k + 2 < n and doc[k + 2].pos_ == "PROPN" and \
                            not nxt.whitespace_:  # "al-Quaety"
                        k += 2
                    else:
                        break
                chain = doc[j:k + 1]
                names = [t for t in chain if t.text[:1].isupper()]
                if chain[-1].text in self.k.name_heads or (
                        k + 1 < n and doc[k + 1].text in self.k.name_heads):
                    j = k + 1  # "Flood Response Support Team" names no person
                    continue
                words_in = [t for t in chain if t.text != "-"]
                # "al-Masri": an Arabic article joined to a surname is a name on its own
                particled = len(chain) >= 3 and chain[0].lower_ in ("al", "el", "ad", "ash") \
                    and chain[1].text == "-" and chain[2].text[:1].isupper()
                if ((len(names) >= 2 or particled) and len(words_in) <= 5 and chain.root.dep_ in (
                        "nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss")) or any(
                        t.lower_.split("-")[-1] in known or t.lower_ in known for t in chain):
                    spans.append((j, k + 1))
                j = k + 1
                continue
            j += 1
        for s, e in spans:
            # widen over the first names the entity left out ("Antony J. Blinken")
            while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].dep_ in (
                    "compound", "flat") and (s - 1) not in covered:
                s -= 1
            toks = [j for j in range(s, e) if words[j].lower() not in HONORIFICS]
            if toks and not any(j in covered for j in toks):
                name = norm(doc[toks[0]:toks[-1] + 1].text).strip(" ,")
                if _locative(doc[s:e].root) and _known_place(name):
                    continue  # "met in Los Angeles": a city the recognizer took for a name
                found.append(Atom(toks[0], toks[-1] + 1, (Entry("person?", name=name),)))
                covered.update(toks)
        for j, tok in enumerate(doc):
            low = tok.lower_
            if j not in covered and tok.pos_ == "PRON" and low in PERSONAL | PLURAL | FIRST | IT:
                found.append(Atom(j, j + 1, (Entry("pronoun", name=low),)))
            elif j not in covered and low in ("two", "both") and (
                    tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and not any(
                        c.dep_ == "prep" for c in tok.children)):
                found.append(Atom(j, j + 1, (Entry("pronoun", name="both"),)))
            elif j not in covered and tok.tag_ in ("NNS", "NNPS") and _singular(tok) in \
                    group_nouns() and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") \
                    and not _names_its_members(tok):
                # "the sides", "Participants agreed": a group noun the knowledge has no
                # phrase for ("party", "leader" are sector words) still stands for the group
                found.append(Atom(j, j + 1, (Entry("group", name=_singular(tok)),)))
                covered.add(j)
            elif j not in covered and low in ("two", "both") and tok.head.lower_ in GROUP_WORDS \
                    and tok.head.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
                h = tok.head.i - _base(doc)
                # "the two ministers": the group word may be a title, but the phrase
                # points back at the two just named
                found = [a for a in found if not (a.start <= h < a.end and all(
                    e.kind in ("title", "sector") for e in a.entries))]
                if not any(a.start <= h < a.end for a in found):
                    found.append(Atom(h, h + 1, (Entry("pronoun", name="both"),)))
                    covered.add(h)
        found.sort(key=lambda a: a.start)
        return found


# "all countries", "all nations": every state there is, not the parties of the story
_EVERY = {"all", "other", "many", "some", "most", "several"}


def _names_its_members(noun) -> bool:
    """Whether a plural group noun says which members it means ("the nations of the
    region", "the countries of Bahrain and Kosovo", "Treasury participants") or means
    every one ("all countries"): then it is not the group the story named before."""
    return any(c.dep_ == "prep" and c.lower_ in ("of", "from") or c.dep_ == "compound"
               for c in noun.children) or (
        _singular(noun) in ("country", "nation", "government", "state") and any(
            c.lower_ in _EVERY for c in noun.children if c.dep_ in ("det", "amod", "predet")))


def _known_place(name: str) -> bool:
    place = locate(name)
    return place is not None and place.known
