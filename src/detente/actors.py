"""Actors: find the phrases in a parsed sentence that name an actor and resolve them.

Resolution follows CODEBOOK section 3. A sentence is scanned for *atoms* (known phrases:
country names, demonyms, capitals, seats of government, organizations, office holders,
titles, sector words; plus spaCy PERSON entities and pronouns). Atoms that modify the
same noun phrase are grouped into one *mention* ("Ukrainian" + "Foreign Minister" +
"Dmytro Kuleba"), and the mention is resolved from its parts: the country from an
explicit demonym/name, else the person's or organization's own country; the sector from
a title, else a sector word, else the person's office on the article's date. Mentions
that name no country ("the President", "he", "the administration") resolve against the
discourse: what the article introduced before, or the publisher's own voice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .codebook import INTERNATIONAL
from .gatherings import Gathering, is_group_phrase
from .knowledge import Entry, Knowledge, load_knowledge, norm, normalize_role
from .knowledge.names import fold
from .knowledge.tsv import read_tsv, split_list
from .records import Actor

# Titles no republic's publisher gives its own officials: never assume the publisher's country.
MONARCHS = {"king", "queen", "emir", "sultan", "crown prince", "prince", "princess", "sheikh",
            "his majesty", "her majesty", "his royal highness", "her royal highness", "monarch",
            "taoiseach", "chancellor", "premier", "grand duke"}
# Sector words that any more specific one overrides: "leader of the democratic opposition"
# is OPP, "military leaders" MIL.
WEAK_SECTOR_WORDS = {"leader", "leaders", "leadership", "official", "officials", "representative",
                     "representatives", "member", "members", "people", "head", "chief"}
PERSONAL = {"he", "she", "him", "his", "her", "hers"}
PLURAL = {"they", "them", "their", "theirs"}
IT = {"it", "its"}  # a country or organization named before: "China said it would ..."
FIRST = {"i", "me", "my", "we", "us", "our"}
HONORIFICS = {"mr.", "ms.", "mrs.", "dr.", "mr", "ms", "mrs", "dr", "sir", "madam"}
# Dependencies through which a modifier belongs to the noun phrase of its head.
_NP_DEPS = {"compound", "amod", "flat", "nmod", "nummod", "poss", "appos", "npadvmod", "dep"}
_OF_PREPS = {"of", "for", "from", "to", "at", "in"}
_PORTFOLIO_PREPS = {"for", "to", "on"}  # "Envoy for the DPRK", "Ambassador to France"
_LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "into", "across", "throughout", "inside",
                   "outside", "around", "within", "toward", "towards", "via", "off", "over"}
# Sectors whose unnamed members ("police", "protesters") belong to the story's country.
# Journalists and parties are left out: "told reporters" is not a meeting, and "the warring
# parties" are not political parties.
_DOMESTIC_SECTORS = {"CVL", "COP", "LEG", "JUD", "MIL", "REB", "OPP", "MED", "REF", "UNK", "BUS",
                     "REL"}
# Last words of the names of meetings: "the U.S.-Pakistan Health Dialogue" is a meeting of
# the two, not an organization of theirs
MEETING_NAMES = {"Dialogue", "Forum", "Summit", "Talks", "Meeting", "Conference",
                 "Consultations", "Consultation", "Negotiations"}
# Words that make a title or a person a former official (ELI, codebook section 3).
FORMER = {"former", "ex", "retired", "late", "onetime", "erstwhile"}
_GROUP_WORDS = {"two", "both", "sides", "parties", "leaders", "countries", "nations",
                "governments", "presidents", "ministers", "secretaries", "delegations"}


@dataclass(frozen=True)
class Atom:
    start: int  # token index in the sentence doc
    end: int
    entries: tuple[Entry, ...]
    portfolio: bool = False  # reached through "for"/"to": names a brief, not a nationality


@dataclass
class Mention:
    """A noun phrase naming one or more actors, anchored at its head token."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    person: bool = False
    plural: bool = False
    role: str | None = None  # normalized title role when the phrase has one
    how: str = ""
    subject: bool = False  # the phrase is a clause subject: salient for "he" later
    # the phrase speaks of the parties of the story's gathering ("the leaders", "they"):
    # its actors are the parties known so far; the coder re-reads it once all are known
    group: bool = False

    @property
    def resolved(self) -> bool:
        return any(a.country for a in self.actors)


@dataclass
class Publisher:
    name: str
    country: str
    sector: str | None
    speaker_role: str | None
    foreign_roles: tuple[str, ...] = ()

    def uses_title(self, role: str | None) -> bool:
        """Whether the publisher's own officials can bear this title."""
        words = f" {role or ''} "
        return not any(f" {w} " in words or (" " in w and w in words)
                       for w in self.foreign_roles) and not any(
            w in words for w in (" minister ",))


def publisher_for(source: str | None, url: str | None) -> Publisher | None:
    """The publisher whose own voice is an actor ("we", "the Department"), if known."""
    hay = f"{source or ''} {url or ''}".lower()
    for _, row in read_tsv("publishers.tsv"):
        if row["match"].lower() in hay:
            return Publisher(row["name"], row["country"], row["sector"] or None,
                             row["speaker_role"] or None,
                             tuple(split_list(row.get("foreign_roles", ""))))
    return None


@dataclass
class Discourse:
    """What the article has introduced so far: later mentions resolve against it."""

    date: str | None
    publisher: Publisher | None = None
    history: list[Mention] = field(default_factory=list)
    people: dict[str, Actor] = field(default_factory=dict)  # lowercase name token -> actor
    focus: str | None = None  # the country the story happens in, for actors with none
    here: str | None = None  # the country of the place the current sentence names, if any
    sentence: int = 0  # the index of the sentence being read
    gathering: Gathering | None = None  # the meeting or summit the story is at
    # who "we" are when the text says so ("We, the Heads of State of A, B and C, ...")
    we: tuple[Actor, ...] = ()

    def live_gathering(self, within: int = 3) -> Gathering | None:
        """The gathering, when it was spoken of in the last few sentences and has at least
        two parties: what "they" and "both" can stand for."""
        g = self.gathering
        if g is not None and (len(g.participants) >= 2 or g.grouped) and \
                g.last >= self.sentence - within:
            return g
        return None

    def group(self) -> Gathering:
        """The gathering a group word speaks of; an empty one when the article has named
        none yet (a participant list may come at the end)."""
        if self.gathering is None:
            self.gathering = Gathering(self.sentence)
        self.gathering.last = max(self.gathering.last, self.sentence)
        self.gathering.grouped = True
        return self.gathering

    def remember(self, mention: Mention) -> None:
        if not mention.resolved or mention.group:
            return
        self.history.append(mention)
        if mention.person:
            for actor in mention.actors:
                if actor.name:
                    for part in actor.name.replace(",", " ").split():
                        last = part.split("-")[-1]  # "al-Quaety" is later "Quaety" too
                        if last[:1].isupper() and len(last) > 2 and not part.endswith("."):
                            self.people.setdefault(part.lower(), actor)
                            self.people.setdefault(last.lower(), actor)

    def last(self, want) -> Mention | None:
        for mention in reversed(self.history):
            if want(mention):
                return mention
        return None


class ActorFinder:
    """Finds and resolves actor mentions in parsed sentences of one article."""

    def __init__(self, knowledge: Knowledge | None = None):
        self.k = knowledge or load_knowledge()

    # ---- atoms --------------------------------------------------------------------------
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
                entries = k.lookup(tuple(words[i:i + length]))
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
                if length == 1 and i > 0 and toks[i - 1].pos_ == "PROPN" and \
                        toks[i - 1].text[:1].isupper() and not (found and found[-1].end == i):
                    # "Omar Assad" is not Bashar al-Assad, "Greg Abbott" not Tony Abbott: a
                    # surname alias after another first name (not a title, not the person's
                    # own first name in another spelling: "Joao Lourenco") is someone else
                    given = fold(toks[i - 1].text)
                    entries = [e for e in entries if e.kind != "person" or
                               given in fold(e.name or "").split()]
                if not entries:
                    continue
                # A country or capital inside a longer PERSON name ("Jordan Peterson") is not one.
                if any(e.kind in ("country", "capital", "adjective") for e in entries) and any(
                        s <= i and i + length <= e and (e - s) > length for s, e in person_ents):
                    break
                found.append(Atom(i, i + length, tuple(entries)))
                i += length - 1
                break
            i += 1
        cache[key] = found
        return found

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
                    entries = k.lookup(tuple(words[i:i + length]))
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
        # ("Ukrainian Minister of Defence Oleksii Reznikov")
        for atom in found:
            if any(e.kind == "title" for e in atom.entries):
                head = doc[atom.start:atom.end].root.head
                h = head.i - _base(doc)
                if head.pos_ == "PROPN" and h not in covered and h >= atom.end and not any(
                        s <= h < e for s, e in spans):
                    spans.append((h, h + 1))
        # proper-name chains that the recognizer left unlabelled: "Phil Chetwynd, director
        # of global news for AFP"; or a surname the article has introduced ("al-Quaety")
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
                    j = k + 1  # "Incident Management Assistance Team" names no person
                    continue
                words_in = [t for t in chain if t.text != "-"]
                if (len(names) >= 2 and len(words_in) <= 5 and chain.root.dep_ in (
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
            elif j not in covered and low in ("two", "both") and tok.head.lower_ in _GROUP_WORDS \
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

    # ---- mentions -------------------------------------------------------------------------
    def mentions(self, doc: Doc | Span, discourse: Discourse, offset: int = 0,
                 speaker: Actor | None = None) -> list[Mention]:
        """Mentions in a sentence, resolved; ``offset`` maps token chars to article chars."""
        atoms = self.atoms(doc, discourse.people)
        covered: dict[int, Atom] = {}
        for atom in atoms:
            for j in range(atom.start, atom.end):
                covered[j] = atom
        groups: dict[int, list[Atom]] = {}
        for atom in atoms:
            anchor, portfolio = self._anchor(doc, atom, covered)
            groups.setdefault(anchor, []).append(
                Atom(atom.start, atom.end, atom.entries, portfolio) if portfolio else atom)
        out: list[Mention] = []
        for anchor, group in sorted(groups.items()):
            mention = self._resolve(doc, anchor, group, discourse, offset, speaker, out)
            if mention is not None:
                out.append(mention)
        return _inherit_from_groups(doc, out, discourse)

    def _anchor(self, doc, atom: Atom, covered: dict[int, Atom]) -> tuple[int, bool]:
        """Climb from the atom to the head of the noun phrase it belongs to."""
        span = doc[atom.start:atom.end]
        tok = span.root
        portfolio = False
        base = _base(doc)
        while True:
            head = tok.head
            if head.i == tok.i:
                break
            h = head.i - base
            if tok.dep_ == "conj" and tok.pos_ == "ADJ" and head.pos_ in ("ADJ", "PROPN") \
                    and h in covered:
                tok = head  # "Hungarian and Romanian officials": one phrase, two countries
                continue
            if tok.dep_ in ("conj", "appos") and h in covered and _names_country(atom) and \
                    _names_country(covered[h]) and self._listed_under_noun(head, covered, base):
                # "officials from Kenya, Uganda and Rwanda": one phrase, each country (on from
                # the root of the name before: "the Republic of El Salvador, the Republic of")
                named = covered[h]
                tok = doc[named.start:named.end].root
                continue
            if tok.dep_ == "compound" and head.pos_ == "PROPN" and h not in covered and \
                    tok.pos_ == "PROPN" and head.is_title and head.text not in MEETING_NAMES:
                tok = head  # "the United States Commission on ...": the country names an org
                continue
            if tok.dep_ in _NP_DEPS and (h in covered or _is_person(head)):
                if tok.dep_ == "poss" and not _actor_noun(self.k, head, covered, base):
                    break
                tok = head
                continue
            if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _OF_PREPS:
                noun = head.head
                if noun.i != head.i and (noun.i - base in covered or _is_person(noun)) \
                        and _actor_noun(self.k, noun, covered, base):
                    if head.lower_ in _PORTFOLIO_PREPS and atom.start <= tok.i - base < atom.end:
                        # "Ambassador to France" is not French; "Advisor to the President
                        # of France" is: the brief is a person of France, not the country
                        portfolio = True
                    if head.lower_ in ("in", "at") and not _title_noun(self.k, noun, covered,
                                                                         base):
                        break
                    tok = noun
                    continue
            break
        return tok.i - base, portfolio

    def _listed_under_noun(self, tok: Token, covered: dict[int, Atom], base: int) -> bool:
        """Whether a country heads a list that a title or sector noun governs through
        "of", "from" or "for": "the foreign ministers of Chile, Peru and Bolivia"."""
        while True:
            atom = covered.get(tok.i - base)
            if atom is not None:  # "the Federative Republic of Brazil": from the name's root
                tok = tok.doc[atom.start + base:atom.end + base].root
            # (the parser links a long list's items as conjuncts or appositions)
            if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i:
                break
            tok = tok.head
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in ("of", "from", "for") or prep.head.i == prep.i:
            return False
        return _title_noun(self.k, prep.head, covered, base)

    def _resolve(self, doc, anchor: int, group: list[Atom], discourse: Discourse, offset: int,
                 speaker: Actor | None, earlier: list[Mention] = ()) -> Mention | None:
        base = _base(doc)
        start = min(a.start for a in group)
        end = max(a.end for a in group)
        start, end = min(start, anchor), max(end, anchor + 1)
        head_tok = doc[anchor]
        # include a determiner or possessive pronoun directly before
        if start > 0 and doc[start - 1].dep_ in ("det",) and doc[start - 1].head.i - base in (
                anchor, *range(start, end)):
            start -= 1
        text_span = doc[start:end]
        text = text_span.text
        char_start = offset + text_span.start_char - _char_base(doc)
        char_end = char_start + len(text)
        entries = [(a, e) for a in group for e in a.entries]
        kinds = {e.kind for _, e in entries}
        plural = head_tok.tag_ in ("NNS", "NNPS") or any(
            c.dep_ == "conj" for c in head_tok.children) or (
            head_tok.lower_ in ("we", "they") and any(  # "We, the Heads of State of ..."
                doc[a.start:a.end].root.tag_ in ("NNS", "NNPS") for a in group
                if any(e.kind == "title" for e in a.entries)))

        if kinds == {"pronoun"}:
            word = entries[0][1].name or ""
            party = self._party_pronoun(word, discourse, head_tok)
            if party is not None:
                return Mention(start, end, anchor, tuple(
                    _with_text(a, text, char_start, char_end, "gathering")
                    for a in party), plural=True, how="group:" + word, group=True,
                    subject=head_tok.dep_ in ("nsubj", "nsubjpass"))
            actors = self._pronoun(word, discourse, speaker, doc[anchor], earlier, _base(doc))
            if not actors:
                return None
            return Mention(start, end, anchor, tuple(
                _with_text(a, text, char_start, char_end, "pronoun") for a in actors),
                person=word in PERSONAL, plural=word in PLURAL or word == "both",
                how="pronoun:" + word, subject=head_tok.dep_ in ("nsubj", "nsubjpass"))
        entries = [(a, self.k.on_date(e, discourse.date, discourse.focus))
                   for a, e in entries if e.kind != "pronoun"]  # dated codes, shared names
        if not kinds & {"country", "adjective", "people", "capital", "seat", "dependency", "org",
                        "person", "person?"} and is_group_phrase(
                head_tok, False, "region" in kinds):
            # "the leaders", "both sides", "transatlantic leaders": the gathering's parties
            party = discourse.group().participants
            return Mention(start, end, anchor, tuple(
                _with_text(a, text, char_start, char_end, "gathering") for a in party),
                plural=True, how="group:" + head_tok.lower_, group=True,
                subject=head_tok.dep_ in ("nsubj", "nsubjpass"))

        country = sector = name = role = None
        person = False
        how = []
        # "former President X", "retired General Y", "ex-minister Z": former officials
        former = any(t.lower_ in FORMER for t in doc[max(start - 2, 0):end]
                     if t.i - base >= start or start <= t.head.i - base < end) or (
            start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "ex")
        # country: explicit names and demonyms first, from the non-portfolio atoms;
        # coordinated ones ("Hungarian and Romanian officials") make a compound actor
        coordinated: list[str] = []
        for atom, e in entries:
            root = doc[atom.start:atom.end].root
            if e.kind in ("country", "adjective", "dependency") and not atom.portfolio and (
                    root.dep_ in ("conj", "appos") or any(c.dep_ in ("conj", "appos")
                                                          for c in root.children)) \
                    and e.country not in coordinated:
                coordinated.append(e.country)
        named = sorted((a.start, e.country) for a, e in entries
                       if e.kind in ("country", "adjective") and not a.portfolio)
        if len(named) > 1 and all(doc[a_end:b_start].text.strip() in ("-", "–", "/") for
                                  a_end, b_start in _gaps(group)):
            # "the U.S.-Pakistan Health Dialogue", "India-China talks": a pair, both sides
            coordinated = list(dict.fromkeys(c for _, c in named))
            how.append("pair")
        for atom, e in entries:
            if e.kind in ("country", "adjective", "people", "capital", "seat", "dependency") \
                    and not atom.portfolio:
                if e.kind == "capital" and _locative(doc[atom.start:atom.end].root) and not (
                        any(e2.kind == "title" for _, e2 in entries)):
                    continue  # "talks in Moscow" are not Russia's, "a spokesperson in Tokyo" is
                country = country or e.country
                if e.kind in ("people", "seat", "capital", "dependency") and e.sector:
                    sector = sector or e.sector
                how.append(f"{e.kind}:{e.country}")
        # titles and sector words: modifiers before the head word
        titles = [(a, e) for a, e in entries if e.kind == "title"]
        sectors = [(a, e) for a, e in entries if e.kind == "sector"]
        if titles:
            _, e = min(titles, key=lambda ae: (ae[0].end > anchor, ae[0].start))
            role = e.role
            sector = e.sector
            how.append(f"title:{e.role}")
        modifier_sectors = [(a, e) for a, e in sectors if not (a.start <= anchor < a.end)]
        head_sectors = [(a, e) for a, e in sectors if a.start <= anchor < a.end]
        if not titles:
            ranked = sorted(modifier_sectors + head_sectors,
                            key=lambda ae: (ae[1].role or "") in WEAK_SECTOR_WORDS)
            for _, e in ranked[:1]:
                sector = e.sector
                role = role or e.role
                how.append(f"sector:{e.role}")
        orgs = [e for _, e in entries if e.kind == "org"]
        if orgs:
            org = orgs[0]
            country = country or org.country
            if not titles and not modifier_sectors:
                sector = org.sector or sector
            name = org.name
            how.append(f"org:{org.name}")
        persons = [(a, e) for a, e in entries if e.kind in ("person", "person?")]
        # a person who only modifies the head ("President Trump's envoy") lends a country,
        # not a name: the phrase names someone else
        owners = [(a, e) for a, e in persons if not (a.start <= anchor < a.end)]
        persons = [(a, e) for a, e in persons if a.start <= anchor < a.end]
        unknown_owner = any(e.kind == "person?" and self._known_person(e.name or "", discourse)
                            is None for _, e in owners)
        for _, e in owners:
            if country is None and e.kind == "person?":
                known = self._known_person(e.name or "", discourse)
                if known is not None:
                    country = known.country
                    how.append(f"owner:{known.name}")
            if country is None and e.kind == "person":
                term = self.k.role_of(e.person or "", discourse.date)
                if term is not None:
                    country = term.country
                    how.append(f"owner:{e.name}")
        if persons:
            person = True
            a, e = persons[-1]
            if e.kind == "person":
                term = self.k.role_of(e.person or "", discourse.date)
                name = e.name
                if term is not None:
                    country = country or term.country
                    if sector is None or (role and not former and term.sector == "ELI"
                                          and not titles):
                        sector = term.sector
                    if not titles and term.sector:
                        sector = term.sector
                    role = role or term.role
                how.append(f"person:{e.name}")
            else:
                name = e.name
                known = self._known_person(e.name or "", discourse)
                if known is not None:
                    country = country or known.country
                    sector = sector or known.sector
                    name = known.name or name
                    how.append(f"later-mention:{known.name}")
                else:
                    how.append("person-entity")
        if country is None and not orgs:
            # "Delaware senator", "the governor of Punjab": a state, province or city
            # names its country, before the story's country does
            country = self._place_country(doc, start, end, head_tok, group, discourse)
            if country:
                how.append(f"place:{country}")
        if former and (person or titles) and country not in INTERNATIONAL:
            sector = "ELI"
        # definite descriptions and titles without a country resolve against the discourse
        if titles and not person and not plural and not sectors:
            person = True  # "the Secretary", "the Queen": one person, named or not
        if country is None and person and titles and discourse.publisher is not None and \
                role not in MONARCHS and discourse.publisher.uses_title(role):
            # a titled official with no nationality, in a government's own release, is theirs
            country = discourse.publisher.country
            how.append("publisher")
        elif country is None and person and titles and discourse.focus and (
                discourse.publisher is None or discourse.focus != discourse.publisher.country):
            # a foreign title with no nationality: the country the story is about
            country = discourse.focus
            how.append("article-country")
        definite = any(t.lower_ in ("the", "this", "that") and t.dep_ == "det"
                       for t in head_tok.children)
        if country is None and (titles or definite) and not unknown_owner and not (
                head_tok.tag_ in ("NNS", "NNPS") and not person):
            # ("the governments of ..." are not one government the discourse knows)
            found = self._from_discourse(role, sector, person, name, discourse, head_tok)
            if found is not None:
                country = found.country
                sector = sector or found.sector
                if not person:
                    name = name or found.name
                how.append("discourse")
        quantified = any(c.dep_ == "det" and c.lower_ in ("all", "any", "other", "some",
                                                         "many", "several", "various")
                         for c in head_tok.children)
        if country is None and not person and not titles and (discourse.here or discourse.focus) \
                and sectors and sector in _DOMESTIC_SECTORS and not quantified:
            # people, police, protesters with no country of their own: where the sentence
            # says they are, else the story's country
            country = discourse.here or discourse.focus
            how.append("place-country" if discourse.here else "article-country")
        if country is None and not person and not titles and not sectors:
            return None
        if sector is None and not person and discourse.publisher is not None and \
                country == discourse.publisher.country and kinds & {"country", "adjective"} \
                and not orgs:
            sector = discourse.publisher.sector  # "The United States welcomes" in its release
            how.append("publisher-voice")
        if country in INTERNATIONAL:
            sector = None
        if person and name is None:
            name = text if not titles else None
        actor = Actor(text=text, name=name, country=country, sector=sector,
                      start=char_start, end=char_end, how=" ".join(how))
        actors = (actor,)
        if len(coordinated) > 1 and not person:
            actors = tuple(Actor(text=text, name=None, country=c, sector=sector,
                                 start=char_start, end=char_end, how=" ".join(how) + " compound")
                           for c in coordinated)
            plural = True
            if head_tok.lower_ == "we":  # "We, the Heads of State of A, B and C": all along
                discourse.we = actors
        return Mention(start, end, anchor, actors, person=person, plural=plural, role=role,
                       how=" ".join(how), subject=head_tok.dep_ in ("nsubj", "nsubjpass"))

    def _place_country(self, doc, start: int, end: int, head_tok: Token, group: list[Atom],
                       discourse: Discourse) -> str | None:
        """The country of a sub-national place that qualifies the phrase: a proper name
        inside it that no knowledge matched ("Delaware senator", "Texas Governor Greg
        Abbott") or after "of" ("the governor of Punjab", "the mayor of Kharkiv"). An
        ambiguous name takes the story's country, else gives none."""
        from .places import locate

        base = _base(doc)
        # a name the recognizer took for a person ("the governor of Kherson") may be a place
        covered = {j for a in group for j in range(a.start, a.end)
                   if any(e.kind != "person?" for e in a.entries)}
        titled = [a.start for a in group if any(e.kind in ("title", "sector")
                                                for e in a.entries)]
        spans = []
        j = start
        while j < min(titled, default=start):  # before the title: after it is a name
            if j not in covered and doc[j].pos_ == "PROPN" and doc[j].ent_type_ != "PERSON":
                k = j
                while k + 1 < end and k + 1 not in covered and doc[k + 1].pos_ == "PROPN":
                    k += 1
                spans.append(doc[j:k + 1])
                j = k + 1
            else:
                j += 1
        heads = [head_tok, *(doc[a.start:a.end].root for a in group)]
        titles = [doc[a.start:a.end].root for a in group if a.start in titled]
        for tok in titles:  # "Delaware senator": a modifier the phrase did not take in
            for c in tok.lefts:
                if c.dep_ in ("compound", "nmod", "poss", "amod", "nsubj") and \
                        c.pos_ in ("PROPN", "ADJ", "NOUN") and c.is_title and \
                        c.i - base not in covered and c.ent_type_ != "PERSON":
                    left = min((t.i for t in c.lefts if t.dep_ == "compound" and
                                t.pos_ == "PROPN"), default=c.i)
                    spans.append(doc[left - base:c.i - base + 1])
        for tok in heads:
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.is_title and obj.i - base not in covered:
                        left = min((t.i for t in obj.lefts if t.dep_ == "compound" and
                                    t.pos_ == "PROPN"), default=obj.i)
                        spans.append(doc[left - base:obj.i - base + 1])
        for span in spans:
            found = locate(span.text, prefer=discourse.focus)
            if found is not None and found.country and found.known:
                return found.country
        return None

    # ---- discourse -------------------------------------------------------------------------
    def _known_person(self, name: str, discourse: Discourse) -> Actor | None:
        for part in reversed(name.replace(",", " ").split()):
            actor = discourse.people.get(part.lower()) or discourse.people.get(
                part.lower().split("-")[-1])
            if actor is not None:
                return actor
        return None

    def _from_discourse(self, role, sector, person, name, discourse: Discourse,
                        head: Token) -> Actor | None:
        """A title, office or group word with no country of its own."""
        if person:
            return None
        pub = discourse.publisher
        if role:
            same = discourse.last(lambda m: m.role == role and not m.plural)
            if same is not None:
                return same.actors[0]
            portfolio = any(c.dep_ == "prep" and c.lower_ == "for" for c in head.children)
            if pub is not None and not portfolio:  # "Secretary of State for Energy" is not
                holder = self.k.holder(pub.country, normalize_role(role), discourse.date)
                if holder is not None:
                    return Actor(holder.name, holder.name, holder.country, holder.sector or "GOV")
        if sector == "GOV" or role in ("department", "administration", "government", "regime"):
            if role in ("department",) and pub is not None:
                return Actor(pub.name, pub.name, pub.country, pub.sector)
            place = discourse.here or discourse.focus
            if role in ("government", "regime", "authorities", "authority") and place \
                    and (pub is None or place != pub.country):
                # "the government" of a story about a country is that country's
                return Actor(role, None, place, "GOV")
            gov = discourse.last(lambda m: m.actors[0].sector == "GOV" and not m.person)
            if gov is not None:
                return gov.actors[0]
        if role in ("country", "nation", "government", "regime", "administration"):
            country = discourse.last(lambda m: m.actors[0].sector is None and not m.person)
            if country is not None:
                return country.actors[0]
        if pub is not None and sector == pub.sector:
            return Actor(pub.name, pub.name, pub.country, pub.sector)
        return None

    def _party_pronoun(self, word: str, discourse: Discourse, tok: Token
                       ) -> list[Actor] | None:
        """"We" of a joint declaration, and "they" or "both" just after a meeting: the
        parties, not whoever was named last ("They discussed Russia's war" is the two who
        met, not Russia)."""
        if word in ("we", "us", "our") and discourse.we:
            return list(discourse.we)
        if word in PLURAL | {"both"} and (word != "them" and tok.dep_ in (
                "nsubj", "nsubjpass", "poss") or word == "both"):
            live = discourse.live_gathering()
            if live is not None:
                return list(live.participants)
        return None

    def _pronoun(self, word: str, discourse: Discourse, speaker: Actor | None,
                 tok: Token | None = None, earlier: Iterable[Mention] = (), base: int = 0
                 ) -> list[Actor]:
        if word in FIRST:
            if speaker is not None:
                return [speaker]
            pub = discourse.publisher
            if pub is not None:
                holder = self.k.holder(pub.country, pub.speaker_role or "", discourse.date) \
                    if word in ("i", "me", "my") else None
                if holder is not None:
                    return [Actor(holder.name, holder.name, holder.country,
                                  holder.sector or pub.sector)]
                return [Actor(pub.name, pub.name, pub.country, pub.sector)]
            return []
        if word in IT:
            # only the subject of the clause that holds it: "China said it would ...", "Germany
            # reaffirmed its readiness to ..." ("it" is as often a place, an act or a thing)
            node = tok
            while node is not None and node.head.i != node.i:
                node = node.head
                subj = [c for c in node.children if c.dep_ == "nsubj" and c.i != tok.i]
                if node.pos_ in ("VERB", "AUX") and subj:
                    m = next((m for m in earlier if m.head + base == subj[0].i), None)
                    if m is not None and not m.person and not m.plural and len(m.actors) == 1:
                        return list(m.actors)
                    break
            return []
        if word in PERSONAL:
            # an object pronoun is not the subject of its own clause ("X spoke with Y to
            # thank him": him is Y); a subject or possessive pronoun may be anyone before
            is_object = tok is not None and tok.dep_ in ("dobj", "pobj", "dative")
            for m in reversed(list(earlier)):
                if m.person and not m.plural and m.resolved:
                    if is_object and tok is not None and tok.doc[m.head + base].dep_ in (
                            "nsubj", "nsubjpass"):
                        continue
                    return list(m.actors[:1])
            if tok is not None and tok.dep_ in ("nsubj", "nsubjpass"):
                m = discourse.last(lambda m: m.person and not m.plural and m.subject)
                if m is not None and discourse.history.index(m) >= len(discourse.history) - 8:
                    return list(m.actors[:1])
            m = discourse.last(lambda m: m.person and not m.plural)
            return list(m.actors[:1]) if m else []
        if word == "both":  # "both countries", "the two": the last two actors named
            sector = "GOV" if tok is not None and tok.lemma_.lower() in (
                "president", "leader", "minister", "government", "secretary", "delegation",
                "side") else None
            pair: list[Actor] = []
            recent = discourse.history[-8:]
            people = [m for m in discourse.history if m.person and not m.plural]
            for mention in [*reversed(people), *reversed(recent)]:  # people first
                for actor in mention.actors:
                    if actor.country and all(actor.country != p.country for p in pair):
                        pair.append(Actor(actor.text, actor.name if mention.person else None,
                                          actor.country, actor.sector if mention.person
                                          else sector))
            return list(reversed(pair[:2]))
        if word in PLURAL or word == "they":
            people = [m for m in discourse.history[-4:] if m.person and not m.plural]
            if tok is not None and tok.dep_ == "nsubj" and len(people) >= 2 and \
                    people[-1].actors[0].country != people[-2].actors[0].country:
                return [people[-2].actors[0], people[-1].actors[0]]  # the two who just met
            m = discourse.last(lambda m: m.plural or len(m.actors) > 1)
            recent = discourse.history[-6:]
            # "the two": the last two different actors
            distinct: list[Actor] = []
            for mention in reversed(recent):
                for actor in mention.actors:
                    if all(actor.country != d.country or actor.name != d.name for d in distinct):
                        distinct.append(actor)
            if m is not None and m in recent[-3:]:
                return list(m.actors)
            return list(reversed(distinct[:2]))
        return []


def _inherit_from_groups(doc, mentions: list[Mention], discourse: Discourse | None = None
                         ) -> list[Mention]:
    """People listed under a group take its country: "American leaders, including
    Secretary of State Marco Rubio and Steve Witkoff"; people an apposition places
    ("Phil Chetwynd, director of global news for AFP"); and, last, people a government's
    own release names with no nationality at all, who are its own."""
    base = _base(doc)
    by_head = {m.head: m for m in mentions}
    by_token = {j: m for m in mentions for j in range(m.start, m.end)}
    for m in mentions:
        if m.group or not m.actors:
            continue
        actor = m.actors[0]
        if actor.country is not None or not m.person:
            continue
        # "Phil Chetwynd, director of global news for AFP": the apposition says who
        for appos in (c for c in doc[m.head].children if c.dep_ == "appos"):
            inside = [by_token[t.i - base] for t in appos.subtree
                      if t.i - base in by_token and by_token[t.i - base] is not m]
            found = next((o for o in inside if o.actors and o.actors[0].country), None)
            if found is not None:
                g = found.actors[0]
                m.actors = (Actor(actor.text, actor.name, g.country, actor.sector or g.sector,
                                  actor.start, actor.end, actor.how + " apposition"),)
                break
        if m.actors[0].country is not None:
            continue
        tok = doc[m.head]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ in ("including", "like", "such", "among"):
            group = by_head.get(prep.head.i - base)
            if group is not None and group.actors and group.actors[0].country:
                g = group.actors[0]
                m.actors = (Actor(actor.text, actor.name, g.country, actor.sector or g.sector,
                                  actor.start, actor.end, actor.how + " group"),)
        pub = discourse.publisher if discourse is not None else None
        if m.actors[0].country is None and pub is not None and m.role is None:
            a = m.actors[0]
            m.actors = (Actor(a.text, a.name, pub.country, a.sector, a.start, a.end,
                              a.how + " publisher"),)
    return mentions


def _with_text(actor: Actor, text: str, start: int, end: int, how: str) -> Actor:
    return Actor(text=text, name=actor.name, country=actor.country, sector=actor.sector,
                 start=start, end=end, how=how)


def _base(doc) -> int:
    return doc.start if isinstance(doc, Span) else 0


def _char_base(doc) -> int:
    return doc.start_char if isinstance(doc, Span) else 0


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON"


def _fits(entry: Entry, span) -> bool:
    """Reject matches whose part of speech shows another meaning."""
    if entry.kind in ("title", "sector"):
        root = span.root
        return root.pos_ in ("NOUN", "PROPN", "ADJ") and not (root.pos_ == "ADJ"
                                                             and entry.kind == "title")
    if entry.kind in ("country", "capital", "seat", "org", "dependency", "person"):
        return any(t.pos_ in ("PROPN", "NOUN", "ADJ", "X") or t.is_upper for t in span)
    return True


def _actor_noun(k: Knowledge, tok: Token, covered, base) -> bool:
    """Whether a head word makes its possessor part of the actor ("Iraq's government")."""
    atom = covered.get(tok.i - base)
    if atom is None:
        return _is_person(tok)
    return any(e.kind in ("title", "sector", "person", "person?", "org") for e in atom.entries)


def _gaps(group: list[Atom]) -> list[tuple[int, int]]:
    """The token ranges between consecutive atoms of a mention."""
    atoms = sorted(group, key=lambda a: a.start)
    return [(a.end, b.start) for a, b in zip(atoms, atoms[1:], strict=False)]


def _singular(tok: Token) -> str:
    """The lowercase singular of a word: its lemma, or a plain '-s' dropped where the tagger
    took a capitalized plural ("Heads of State") for a proper noun."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    if lemma and lemma != low:
        return lemma
    if tok.pos_ == "PROPN" and low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def _names_country(atom: Atom) -> bool:
    return any(e.kind in ("country", "dependency") for e in atom.entries)


def _title_noun(k: Knowledge, tok: Token, covered, base) -> bool:
    atom = covered.get(tok.i - base)
    return atom is not None and any(e.kind in ("title", "sector") for e in atom.entries)


def _locative(tok: Token) -> bool:
    """A place name used as a place ("in Moscow"), not as a government ("Moscow said")."""
    head = tok
    while head.dep_ in ("compound", "appos", "conj") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS


def resolve_phrase(text: str, date: str | None = None, context: str | None = None
                   ) -> Actor | None:
    """How a phrase resolves on its own (``detente resolve``): the main mention of the
    phrase, after the context (if any) has been read as discourse. The country the
    context names most, in actors and places, is the story's country: it decides bare
    titles ("the prime minister") and names several places share."""
    from .nlp import full_pipeline
    from .places import locate, place_names

    nlp = full_pipeline()
    finder = ActorFinder()
    discourse = Discourse(date=date)
    if context:
        counts: dict[str, int] = {}
        for sent in nlp(context).sents:
            doc = sent.as_doc()
            for mention in finder.mentions(doc, discourse):
                discourse.remember(mention)
                for actor in mention.actors:
                    if actor.country and actor.country not in INTERNATIONAL:
                        counts[actor.country] = counts.get(actor.country, 0) + 1
            for name in place_names(doc):
                place = locate(name.text)
                if place is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + 1
        if counts:
            discourse.focus = max(counts, key=lambda c: counts[c])
    doc = nlp(text)
    mentions = finder.mentions(doc, discourse)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.resolved, m.end - m.start))
    actor = best.actors[0]
    country, how = actor.country, best.how
    if country is None and best.role and discourse.focus:
        country, how = discourse.focus, how + " context-country"  # "the prime minister"
    return Actor(text=text, name=actor.name, country=country, sector=actor.sector,
                 start=0, end=len(text), how=how)
