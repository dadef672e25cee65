"""What detente knows about the world, loaded from the packaged data files.

Countries, dependencies, organizations, office holders with their terms, titles, sector
words and the trigger lexicon live in ``knowledge/data/*.tsv`` (readable, reviewed, under test).
This module turns them into lookup tables: a phrase index over token sequences for the
actor matcher, and date-aware office-holder queries ("who was USA's president on
2021-07-19", "what was Trump on 2022-06-01").
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .tsv import data_path, read_tsv, split_list

TODAY = "2026-11-24"  # reference date for articles without one: people take their latest role

# Apostrophes and dashes are normalized before matching, so data files use plain ASCII forms.
_NORMALIZE = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def norm(text: str) -> str:
    return text.translate(_NORMALIZE)


class Entry(NamedTuple):
    """One meaning a phrase can have. (A named tuple: tens of thousands of them load from
    the compiled cache in a fraction of a second.)"""

    # country | adjective | people | capital | seat | dependency | org | person | title | sector
    # | region (a place that is no actor: matching it keeps its words from naming a country)
    kind: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None  # canonical name (persons, organizations, countries)
    person: str | None = None  # key into Knowledge.terms for persons
    role: str | None = None  # for titles: the normalized role ("president", "foreign minister")


def _during(start: str, end: str | None, day: str) -> bool:
    """Whether a span of ISO dates (end exclusive, none for still running) holds the day."""
    return start <= day and (end is None or day < end)


class Term(NamedTuple):
    """One continuous term of one person in one office."""

    name: str
    country: str
    sector: str | None
    role: str
    start: str
    end: str | None


@dataclass
class Knowledge:
    """Phrase index and office-holder tables. Build with ``load_knowledge()`` (cached)."""

    # Proper names match case-sensitively on normalized token texts; common words on lowercase.
    proper: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    common: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # person name -> terms
    country_names: dict[str, str] = field(default_factory=dict)  # iso3 -> name
    capitals: dict[str, str] = field(default_factory=dict)  # iso3 -> capital
    first_words: frozenset[str] = frozenset()  # lowercase first tokens of every phrase
    name_heads: frozenset[str] = frozenset()  # last words of names of things, not people
    # lowercase first token -> the lengths of the phrases it starts, longest first
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # an alias several people share ("~Kim") -> their names; resolved by date and country
    candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # organization name -> its dated codes and names (org_history.tsv), in date order
    org_eras: dict[str, tuple[OrgEra, ...]] = field(default_factory=dict)
    # (country, "state" | "government") -> heads in date order (built_heads.tsv)
    heads: dict[tuple[str, str], tuple[tuple[str, str | None, str], ...]] = field(
        default_factory=dict)

    # ---- building -------------------------------------------------------------------
    def add(self, phrase: str, entry: Entry, *, case_sensitive: bool) -> None:
        tokens = tokenize(phrase)
        if tokens and tokens[0].lower() == "the" and len(tokens) > 1:
            tokens = tokens[1:]
        if not tokens:
            return
        if case_sensitive:
            key = tuple(tokens)
            table = self.proper
        else:
            key = tuple(t.lower() for t in tokens)
            table = self.common
        bucket = table.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    # ---- queries --------------------------------------------------------------------
    def lookup(self, tokens: tuple[str, ...], lowered: tuple[str, ...] | None = None
               ) -> list[Entry]:
        """Entries for a token sequence: proper names first (exact case, so the pronoun
        "us" is never "US"), then common words. ``lowered``: the tokens in lowercase, if
        the caller has them already (the phrase scans ask hundreds of thousands of times)."""
        found = list(self.proper.get(tokens, ()))
        found += self.common.get(lowered or tuple(t.lower() for t in tokens), ())
        return found

    def on_date(self, entry: Entry, date: str | None, country: str | None = None) -> Entry:
        """The entry as it stands on the date: an organization under the code and name it
        had then (the Taliban are AFG REB before 2021-08-15 and AFG GOV after; "Chrysler"
        in 2009 is Chrysler, not Stellantis), a surname several people share resolved to
        the one in office then (of ``country`` when several are), else an unknown person."""
        if entry.kind == "org" and entry.name in self.org_eras:
            day = date or TODAY
            for era in self.org_eras[entry.name]:
                if _during(era.start, era.end, day):
                    return Entry("org", era.country, era.sector, era.name)
            return entry
        if entry.kind == "person" and entry.person in self.candidates:
            found = self.in_office(entry.person, date, country)
            if found is None:
                return Entry("person?", name=entry.name)
            return Entry("person", found.country, None, found.name, person=found.name)
        return entry

    def in_office(self, key: str, date: str | None, country: str | None = None) -> Term | None:
        """Of the people an ambiguous alias names, the one in office on the date (of the
        country, when several are); None when no rule decides."""
        day = date or TODAY
        held = []
        for name in self.candidates.get(key, ()):
            term = next((t for t in self.terms.get(name, ()) if _during(t.start, t.end, day)),
                        None)
            if term is not None:
                held.append(term)
        if len(held) > 1 and country:
            held = [t for t in held if t.country == country]
        return held[0] if len(held) == 1 else None

    def head_of(self, country: str, office: str, date: str | None) -> str | None:
        """The name of the head of state (``office="state"``) or of government on the date."""
        day = date or TODAY
        for start, end, name in self.heads.get((country, office), ()):
            if _during(start, end, day):
                return name
        return None

    def role_of(self, person: str, date: str | None) -> Term | None:
        """The person's office on the date, or an ELI pseudo-term when they had left office,
        or None when they held none yet. No date means today. An alias several people
        share (``~Kim``) gives the role of the one in office on the date, if one is."""
        if person in self.candidates:
            return self.in_office(person, date)
        terms = self.terms.get(person)
        if not terms:
            return None
        day = date or TODAY
        for term in terms:
            if _during(term.start, term.end, day):
                return term
        before = [t for t in terms if t.end is not None and t.end <= day]
        if before:
            last = max(before, key=lambda t: t.end or "")
            sector = "ELI" if last.country not in _INTERNATIONAL else None
            return Term(last.name, last.country, sector, "former " + last.role, last.start,
                        last.end)
        first = min(terms, key=lambda t: t.start)
        return Term(first.name, first.country, None, "", first.start, first.end)

    def holder(self, country: str, role: str, date: str | None) -> Term | None:
        """Who held ``role`` for ``country`` on the date (the latest holder without a date)."""
        day = date or TODAY
        for terms in self._by_office.get((country, role), ()):
            if _during(terms.start, terms.end, day):
                return terms
        return None

    def titled_surname(self, surname: str, role: str | None, date: str | None,
                       country: str | None = None) -> Term | None:
        """Who "<title> <surname>" names on the date: the one person of that surname in
        office then (of ``country``, if given), whose office the title fits ("Prime
        Minister Morrison", "Secretary Rice"); None when no one or several do."""
        day = date or TODAY
        found = []
        for person in self._by_surname.get(surname.lower(), ()):
            for term in self.terms[person]:
                if _during(term.start, term.end, day) and (
                        country is None or term.country == country) and (
                        not role or set(role.split()) <= set(term.role.split())):
                    found.append(term)
                    break
        return found[0] if len(found) == 1 else None

    @property
    def _by_surname(self) -> dict[str, list[str]]:
        cached = self.__dict__.get("_surname_index")
        if cached is None:
            cached = defaultdict(list)
            for person in self.terms:
                words = person.split()
                if len(words) > 1:
                    cached[words[-1].lower()].append(person)
            self.__dict__["_surname_index"] = cached
        return cached

    @property
    def _by_office(self) -> dict[tuple[str, str], list[Term]]:
        cached = self.__dict__.get("_office_index")
        if cached is None:
            cached = defaultdict(list)
            for terms in self.terms.values():
                for term in terms:
                    cached[(term.country, term.role)].append(term)
            self.__dict__["_office_index"] = cached
        return cached


_INTERNATIONAL = {"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "ISM"}


class OrgEra(NamedTuple):
    """What an organization was from ``start`` to ``end`` (org_history.tsv)."""

    name: str
    country: str
    sector: str | None
    start: str
    end: str | None


_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def tokenize(phrase: str) -> list[str]:
    """Tokens of a data-file phrase, split the way spaCy's English tokenizer splits names.
    Words of letters only split on spaces, as spaCy splits them; anything else (hyphens,
    apostrophes, periods) goes through spaCy's tokenizer."""
    phrase = norm(phrase)
    if _PLAIN.fullmatch(phrase):
        return phrase.split(" ")
    from ..nlp import tokenizer_only

    return [t.text for t in tokenizer_only().tokenizer(phrase)]


def normalize_role(title: str) -> str:
    """Collapse spelling variants of a role so titles and office-holder rows meet."""
    role = title.lower().strip()
    role = role.replace("defense", "defence").replace("secretary-general", "secretary general")
    aliases = {
        "minister of foreign affairs": "foreign minister",
        "foreign affairs minister": "foreign minister",
        "minister for foreign affairs": "foreign minister",
        "minister of defence": "defence minister",
        "secretary of defence": "defence minister",
        "defence secretary": "defence minister",
        "premier": "prime minister",
        "pm": "prime minister",
    }
    return aliases.get(role, role)


# The files the knowledge is read from; their bytes (and this module's) key the cache.
KNOWLEDGE_FILES = ("countries.tsv", "dependencies.tsv", "organizations.tsv",
                   "built_organizations.tsv", "org_history.tsv", "office_holders.tsv",
                   "built_office_holders.tsv", "built_heads.tsv", "name_heads.tsv",
                   "regions.tsv", "titles.tsv", "built_titles.tsv", "sector_words.tsv",
                   "built_sector_words.tsv")
_SOURCE_RANK = {"": 0, "hand": 0, "factbook": 1, "reign": 2, "phoenix": 3}


def knowledge_hash() -> str:
    """A digest of the knowledge files and of the code that reads them."""
    digest = hashlib.sha256()
    for name in KNOWLEDGE_FILES:
        digest.update(name.encode())
        digest.update(data_path(name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:20]


def cache_dir() -> Path:
    """Where the compiled knowledge is kept: $DETENTE_CACHE, else the user's cache folder."""
    if os.environ.get("DETENTE_CACHE"):
        return Path(os.environ["DETENTE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "detente"


@cache
def load_knowledge() -> Knowledge:
    """The knowledge, once per process: from the compiled cache when it matches the data
    files' hash, else read from the files (and the cache written, where it can be)."""
    path = cache_dir() / f"knowledge-{knowledge_hash()}.pickle"
    enabled = gc.isenabled()
    gc.disable()  # unpickling makes many small objects: collecting meanwhile halves speed
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, Knowledge):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    finally:
        if enabled:
            gc.enable()
    k = read_knowledge()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(k, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: read the files each time
    return k


def read_knowledge() -> Knowledge:
    """Read every knowledge file and build the tables (what the cache holds)."""
    k = Knowledge()
    for _, row in read_tsv("countries.tsv"):
        iso3, name = row["iso3"], row["name"]
        k.country_names[iso3] = name
        caps = split_list(row.get("capital", ""))
        if caps:
            k.capitals[iso3] = caps[0]
        for phrase in [name, *split_list(row["aliases"])]:
            k.add(phrase, Entry("country", iso3, None, name), case_sensitive=True)
        for phrase in split_list(row["adjectives"]):
            k.add(phrase, Entry("adjective", iso3, None, name), case_sensitive=True)
        for phrase in split_list(row["people"]):
            k.add(phrase, Entry("people", iso3, "CVL", name), case_sensitive=True)
        for phrase in caps:
            k.add(phrase, Entry("capital", iso3, "GOV", name), case_sensitive=True)
        for phrase in split_list(row.get("seats", "")):
            k.add(phrase, Entry("seat", iso3, "GOV", name), case_sensitive=True)
    for _, row in read_tsv("dependencies.tsv"):
        entry = Entry("dependency", row["country"], row["sector"] or None, row["name"])
        for phrase in [row["name"], *split_list(row["aliases"])]:
            k.add(phrase, entry, case_sensitive=True)
        for phrase in split_list(row["adjectives"]):
            k.add(phrase, Entry("adjective", row["country"], row["sector"] or None, row["name"]),
                  case_sensitive=True)
    for name in ("organizations.tsv", "built_organizations.tsv"):
        for _, row in read_tsv(name):
            entry = Entry("org", row["country"], row["sector"] or None, row["name"])
            for phrase in [row["name"], *split_list(row["aliases"])]:
                k.add(phrase, entry, case_sensitive=True)
    eras: dict[str, list[OrgEra]] = defaultdict(list)
    for _, row in read_tsv("org_history.tsv"):
        eras[row["name"]].append(OrgEra(row["as_name"] or row["name"], row["country"],
                                        row["sector"] or None, row["start"] or "",
                                        row["end"] or None))
    k.org_eras = {n: tuple(sorted(v, key=lambda e: e.start)) for n, v in eras.items()}
    ranks: dict[tuple[str, str], int] = {}
    hand_names: set[str] = set()
    for name in ("office_holders.tsv", "built_office_holders.tsv"):
        for _, row in read_tsv(name):
            term = Term(row["name"], row["country"], row["sector"] or None,
                        normalize_role(row["role"]), row["start"], row["end"] or None)
            k.terms.setdefault(row["name"], []).append(term)
            ranks[(row["name"], row["start"] + row["role"])] = _SOURCE_RANK.get(
                row.get("source", ""), 4)
            if name == "office_holders.tsv":
                hand_names.add(row["name"])
            elif row["name"] in hand_names:
                continue  # a hand person's older terms: the hand rows own the aliases
            entry = Entry("person", row["country"], None, row["name"], person=row["name"])
            for phrase in [row["name"], *split_list(row["aliases"])]:
                k.add(phrase, entry, case_sensitive=True)
    for person, terms in k.terms.items():  # hand terms first, then the later sources
        terms.sort(key=lambda t: (ranks.get((person, t.start + t.role), 4), t.start))
    _merge_shared_names(k)
    heads: dict[tuple[str, str], list[tuple[str, str | None, str]]] = defaultdict(list)
    for _, row in read_tsv("built_heads.tsv"):
        heads[(row["country"], row["office"])].append((row["start"], row["end"] or None,
                                                       row["name"]))
    k.heads = {key: tuple(sorted(v)) for key, v in heads.items()}
    k.name_heads = frozenset(row["word"] for _, row in read_tsv("name_heads.tsv"))
    for _, row in read_tsv("regions.tsv"):
        k.add(row["phrase"], Entry("region", name=row["phrase"]), case_sensitive=True)
        k.add(row["phrase"], Entry("region", name=row["phrase"]), case_sensitive=False)
    for name in ("titles.tsv", "built_titles.tsv"):
        for _, row in read_tsv(name):
            k.add(row["title"], Entry("title", None, row["sector"],
                                      role=normalize_role(row["title"])), case_sensitive=False)
    for name in ("sector_words.tsv", "built_sector_words.tsv"):
        for _, row in read_tsv(name):
            k.add(row["phrase"], Entry("sector", None, row["sector"], role=row["phrase"].lower()),
                  case_sensitive=False)
    by_first: dict[str, set[int]] = defaultdict(set)
    for key in [*k.proper, *k.common]:
        by_first[key[0].lower()].add(len(key))
    k.lengths = {w: tuple(sorted(n, reverse=True)) for w, n in by_first.items()}
    k.first_words = frozenset(k.lengths)
    return k


def _merge_shared_names(k: Knowledge) -> None:
    """A phrase that names several people becomes one entry whose person key ("~Kim")
    lists them: Knowledge.on_date and role_of pick the one in office on the date."""
    for key, bucket in k.proper.items():
        people = [e for e in bucket if e.kind == "person"]
        names = tuple(dict.fromkeys(e.person for e in people if e.person))
        if len(names) < 2:
            continue
        shared = "~" + " ".join(key)
        k.candidates[shared] = names
        merged = Entry("person", None, None, " ".join(key), person=shared)
        k.proper[key] = [e for e in bucket if e.kind != "person"] + [merged]


@dataclass(frozen=True)
class Trigger:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    requires: str
    target_preps: tuple[str, ...]
    flags: frozenset[str]
    line: int
    file: str = "triggers.tsv"
    forms: tuple[str, ...] = ()  # irregular word forms the pre-pass must also look for


TRIGGER_FILES = ("triggers.tsv", "triggers_cameo.tsv")  # hand-written first, then generated


def _phrasal(requires: str) -> bool:
    """Whether a row's condition names a particle: "call off" is another verb than "call"."""
    return any(part.startswith("prt:") for part in requires.split(","))


def _worded(requires: str) -> bool:
    """Whether a row's condition names words ("prt:off", "dobj:visit"), not only a slot."""
    return any(":" in part for part in requires.split(","))


@cache
def load_triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, pos) -> trigger rows in the order they are tried; pos LIGHT rows list the
    light verbs. The hand-written rows (triggers.tsv) come first and win; a generated row
    (triggers_cameo.tsv, from CAMEO) for a phrasal verb is only tried before the hand rows
    of its lemma whose condition names no word ("call" + a direct object), so that "call
    off" can be read: a particle makes another verb."""
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for name in TRIGGER_FILES:
        for line, row in read_tsv(name):
            preps = row["target_preps"]
            trigger = Trigger(
                lemma=row["lemma"], pos=row["pos"], type=row["type"],
                mode=row["mode"] or None, requires=row["requires"],
                target_preps=() if preps in ("", "-") else tuple(split_list(preps)),
                flags=frozenset(split_list(row["flags"].replace(",", "|"))), line=line,
                file=name, forms=tuple(split_list(row.get("forms", ""))))
            rows = table[(trigger.lemma, trigger.pos)]
            at = len(rows)
            if name != TRIGGER_FILES[0] and _phrasal(trigger.requires):
                at = next((i for i, r in enumerate(rows) if r.file == TRIGGER_FILES[0]
                           and not _worded(r.requires)), at)
            rows.insert(at, trigger)
    return dict(table)


@cache
def trigger_surface_forms() -> frozenset[str]:
    """Lowercase word forms that may realize a trigger: the cheap pre-pass looks for these
    before a sentence is parsed. Generated from lemmas with regular English inflection
    plus the irregular forms the lexicon needs."""
    return frozenset(trigger_cues())


def _needed_words(requires: str) -> set[str] | None:
    """Word forms one of which a sentence must hold for the condition to hold, or None.
    Of several conditions (all must hold) the first that names words is enough."""
    for part in requires.split(","):
        kind, _, words = part.partition(":")
        if kind == "pobj":  # "pobj:in:custody": the object noun is the rarer word
            words = words.partition(":")[2]
        elif kind not in ("prep", "prt", "child", "sub", "dobj", "xcomp"):
            continue
        if words:
            needed: set[str] = set()
            for word in words.split("|"):
                needed |= inflections(word.partition("~")[0])
            return needed
    return None


def _follows(requires: str) -> bool:
    """Whether the word ``_needed_words`` names for this condition comes after the trigger
    in any English clause: a particle or preposition ("call on", "look forward to"), not
    an object (a passive puts it first: "aid was provided")."""
    for part in requires.split(","):
        kind, _, words = part.partition(":")
        if kind in ("prep", "prt", "child", "sub", "dobj", "xcomp", "pobj") and (
                words.partition(":")[2] if kind == "pobj" else words):
            return kind in ("prep", "prt")
    return False


def _entry_forms(lemma: str, pos: str, rows: list[Trigger]) -> set[str]:
    """The word forms a lexicon entry can be read off: a noun's plurals, a verb's
    inflections, a state word as written (the reader matches it so), and the forms its
    rows list."""
    forms = {lemma} if pos == "STATE" else plurals(lemma) if pos == "NOUN" else \
        inflections(lemma)
    return forms.union(*(row.forms for row in rows))


@cache
def trigger_cues_following() -> frozenset[str]:
    """Word forms whose every lexicon row needs a particle or preposition after it: the
    pre-pass looks for that word after the form, not anywhere ("on" in "on Monday, they
    called for" does not make "called on")."""
    table = load_triggers()
    following: dict[str, bool] = {}
    for (lemma, pos), rows in table.items():
        if pos == "LIGHT":
            continue
        after = all("light" not in row.flags and _follows(row.requires) for row in rows)
        for form in _entry_forms(lemma, pos, rows):
            following[form] = following.get(form, True) and after
    return frozenset(form for form, after in following.items() if after)


@cache
def trigger_form_kinds() -> dict[str, frozenset[str]]:
    """Word form -> the parts of speech its lexicon rows read it as (VERB, NOUN, STATE):
    once a sentence is tagged, a form tagged as none of them ("back" as an adverb, "free"
    as an adjective, "march" as a month) cannot be a trigger there."""
    kinds: dict[str, set[str]] = {}
    for (lemma, pos), rows in load_triggers().items():
        if pos == "LIGHT":
            continue
        for form in _entry_forms(lemma, pos, rows):
            kinds.setdefault(form, set()).add(pos)
    return {form: frozenset(pos) for form, pos in kinds.items()}


@cache
def trigger_cues() -> dict[str, frozenset[str] | None]:
    """Word form -> the words one of which must also be in the sentence for any of its
    lexicon rows to apply (None: no such condition). Derived from the rows' ``requires``:
    "call on", "look forward", "hold ... accountable", "provide aid" need their second
    word, so a sentence without it is not worth parsing for that form."""
    cues: dict[str, frozenset[str] | None] = {}
    table = load_triggers()
    light: set[str] = set()  # a 'light' noun needs one of the light verbs: "staged a sit-in"
    for lemma, pos in table:
        if pos == "LIGHT":
            light |= inflections(lemma)
    for (lemma, pos), rows in table.items():
        if pos == "LIGHT":
            continue
        needed: set[str] | None = set()
        for row in rows:
            words = light if "light" in row.flags else _needed_words(row.requires)
            if words is None:
                needed = None
            elif needed is not None:
                needed |= words
        frozen = None if needed is None else frozenset(needed)  # one set for all its forms
        for form in _entry_forms(lemma, pos, rows):
            if form not in cues:
                cues[form] = frozen
            elif cues[form] is None or frozen is None:
                cues[form] = None
            elif cues[form] is not frozen:
                cues[form] = cues[form] | frozen  # type: ignore[operator]
    return cues


_IRREGULAR = {
    "meet": {"met"}, "speak": {"spoke", "spoken"}, "hold": {"held"}, "shoot": {"shot"},
    "strike": {"struck", "stricken"}, "seek": {"sought"}, "lead": {"led"},
    "give": {"gave", "given"}, "say": {"said"}, "tell": {"told"},
    "write": {"wrote", "written"},
    "send": {"sent"}, "withdraw": {"withdrew", "withdrawn"}, "put": {"put"}, "have": {"had", "has"},
    "make": {"made"}, "pay": {"paid"}, "take": {"took", "taken"}, "fight": {"fought"},
    "bring": {"brought"}, "begin": {"began", "begun"}, "sentence": {"sentenced"},
    "forward": {"forward"}, "talks": {"talks"}, "sanctions": {"sanctions"},
    "wishes": {"wishes"}, "congratulations": {"congratulations"},
    "be": {"is", "are", "was", "were", "been", "am", "'m", "'re", "'s"},
}


def plurals(noun: str) -> set[str]:
    """A noun lemma's own forms: a noun row is read off a noun, and "according" is not a
    form of the noun "accord" (as a verb form it only made the pre-pass parse for it)."""
    forms = {noun, noun + "s", noun + "es"} | _IRREGULAR.get(noun, set())
    if noun.endswith("y"):
        forms.add(noun[:-1] + "ies")
    return forms


def inflections(lemma: str) -> set[str]:
    """Regular inflections of an English verb or noun lemma. The pre-pass must never miss
    one; a form that is another word ("speaker" of "speak", "band" of "ban") only makes
    it parse for nothing, so none is made up."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(lemma + "es")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= _IRREGULAR.get(lemma, set())
    return forms
