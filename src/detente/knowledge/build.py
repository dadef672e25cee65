"""The knowledge build: the public sources in, the project's generated data files out.

    python -m detente.knowledge.build --sources ../shared/knowledge-sources

reads PETRARCH2's Phoenix dictionaries, the REIGN leader list and the World Factbook's
executive texts (see ``sources/``) together with the hand-written files, and writes
``data/built_*.tsv`` (``--out DIR`` writes them elsewhere). The files are committed and
the package reads them; it never reads the sources. Re-running gives identical files.

What it decides, in order:

- Heads of state and of government (``built_heads.tsv``): the Factbook's holders with
  their "since" dates (2015-2026, and before where a holder was in office since), then
  REIGN's effective leaders (1945-2021) for the dates the Factbook leaves, in the office
  the Factbook shows REIGN following (a prime minister or a president). The later and
  more specific source wins where they overlap.
- People (``built_office_holders.tsv``): every head, and every person of the Phoenix
  dictionaries with dated roles (ministers, officials, international figures to 2014),
  with aliases: spellings the sources give, ASCII forms, the name news uses alone when it
  is no English word, no given name and no place.
- Organizations (``built_organizations.tsv``): the Phoenix institutions, international
  bodies, companies and armed groups, coded by ``cameo.to_codebook``.
- Sector nouns (``built_sector_words.tsv``, ``built_titles.tsv``): Phoenix's agent nouns.

Hand-written rows win: a person, organization, sector word or title the hand files have is
not written again, and a built term is kept for a hand person only where it ends before
the hand rows begin (older history). Every such decision is counted in the summary the
build prints; every row says which source it came from.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import cameo
from .names import fold, from_underscores, name_variants
from .sources import factbook, phoenix, reign
from .tsv import read_tsv, split_list

DATA = Path(__file__).resolve().parent / "data"
PHOENIX_DATE = "2014-01-30"  # the Phoenix country dictionary was compiled then
REIGN_DATE = "2021-03-01"

SOURCE_NAMES = {
    "factbook": "CIA World Factbook (factbook.json), executive branch 2015-2026",
    "reign": "REIGN leader list 2021 (Bell 2016)",
    "phoenix": "PETRARCH2 Phoenix dictionaries (2014)",
}


# ---- hand data ------------------------------------------------------------------------

@dataclass
class Hand:
    """What the hand-written files already say, which the build must not contradict."""

    persons: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # name -> rows
    person_keys: dict[str, set[str]] = field(default_factory=dict)  # folded alias -> names
    by_last: dict[str, set[str]] = field(default_factory=dict)  # last folded word -> names
    # the last words of hand people's names: news may call them so even where the hand file
    # gives no such alias (Harris, Kim): no built person takes them as a short name
    surnames: set[str] = field(default_factory=set)
    org_keys: set[str] = field(default_factory=set)  # folded names and aliases
    org_exact: set[str] = field(default_factory=set)
    place_keys: set[str] = field(default_factory=set)
    place_words: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)  # folded name -> iso3
    codes: set[str] = field(default_factory=set)
    sector_phrases: set[str] = field(default_factory=set)


def read_hand(data: Path) -> Hand:
    def rows(name: str) -> list[dict[str, str]]:
        return [r for _, r in read_tsv(name, data)]

    hand = Hand()
    for row in rows("countries.tsv"):
        hand.codes.add(row["iso3"])
        for col in ("name", "aliases"):
            for n in split_list(row[col]):
                hand.country_names[fold(n)] = row["iso3"]
        for col in ("name", "aliases", "adjectives", "people", "capital", "seats"):
            for n in split_list(row[col]):
                hand.place_keys.add(fold(n))
    for row in rows("dependencies.tsv"):
        for n in [row["name"], *split_list(row["aliases"]), *split_list(row["adjectives"])]:
            hand.place_keys.add(fold(n))
    for row in rows("regions.tsv"):
        hand.place_keys.add(fold(row["phrase"].removeprefix("the ")))
    hand.place_words = frozenset(w for k in hand.country_names for w in k.split()) - {
        "and", "the", "of", "republic", "islands", "island", "saint", "st", "democratic",
        "people", "peoples"}
    for row in rows("organizations.tsv"):
        for n in [row["name"], *split_list(row["aliases"])]:
            hand.org_keys.add(fold(n))
            hand.org_exact.add(n)
    for row in rows("office_holders.tsv"):
        hand.persons.setdefault(row["name"], []).append(row)
        hand.surnames.add(fold(row["name"]).split()[-1])
        for n in [row["name"], *split_list(row["aliases"])]:
            hand.person_keys.setdefault(fold(n), set()).add(row["name"])
            if fold(n):
                hand.by_last.setdefault(fold(n).split()[-1], set()).add(row["name"])
    for name, col in (("sector_words.tsv", "phrase"), ("titles.tsv", "title")):
        for row in rows(name):
            hand.sector_phrases.add(row[col].lower())
    return hand


# ---- people and terms ------------------------------------------------------------------

@dataclass
class BTerm:
    country: str
    sector: str | None
    role: str
    start: str | None  # None: a default role (no dates)
    end: str | None
    source: str
    office: str = ""  # "state" | "government" for heads


@dataclass
class Person:
    name: str
    country: str  # the country of the first source that named them
    spellings: list[str] = field(default_factory=list)
    shorts: list[str] = field(default_factory=list)  # names news may use alone
    terms: list[BTerm] = field(default_factory=list)
    hand: str | None = None  # the hand person this is


ROLE_WORDS = [  # title words to the role a term records, most specific first
    ("vice president", "Vice President"), ("prime minister", "Prime Minister"),
    ("premier", "Premier"), ("chancellor", "Chancellor"), ("taoiseach", "Taoiseach"),
    ("captain regent", "Captain Regent"), ("co-prince", "Co-Prince"), ("coprince", "Co-Prince"),
    ("supreme leader", "Supreme Leader"), ("taliban leader", "Supreme Leader"),
    ("grand duke", "Grand Duke"), ("emperor", "Emperor"), ("king", "King"), ("queen", "Queen"),
    ("amir", "Emir"), ("emir", "Emir"), ("sultan", "Sultan"), ("pope", "Pope"),
    ("prince", "Prince"), ("president of the government", "Prime Minister"),
    ("head of government", "Prime Minister"), ("secretary of state", "Secretary of State"),
    ("chairman", "Chairman"), ("chairperson", "Chairman"), ("chair", "Chairman"),
    ("president", "President"), ("leader", "Leader"), ("governor", "Governor"),
]
_OFFICE_DEFAULT = {"state": "Head of State", "government": "Head of Government"}


def role_from_title(title: str, office: str) -> str:
    low = title.lower()
    for key, role in ROLE_WORDS:
        if key in low:
            return role
    return _OFFICE_DEFAULT[office]


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return (a_start or "") < (b_end or "9999") and (b_start or "") < (a_end or "9999")


def subtract(start: str, end: str | None, cuts: list[tuple[str, str | None]]
             ) -> list[tuple[str, str | None]]:
    """The parts of [start, end) no cut covers."""
    parts = [(start, end)]
    for c_start, c_end in cuts:
        nxt = []
        for s, e in parts:
            if not overlaps(s, e, c_start, c_end):
                nxt.append((s, e))
                continue
            if s < c_start:
                nxt.append((s, c_start))
            if c_end is not None and (e is None or c_end < e):
                nxt.append((c_end, e))
        parts = [(s, e) for s, e in nxt if e is None or s < e]
    return parts


# ---- the build ---------------------------------------------------------------------------

class Build:
    def __init__(self, sources: Path, data: Path):
        self.src = sources
        self.data = data
        self.hand = read_hand(data)
        self.people: dict[str, Person] = {}  # folded name -> person
        self.heads: list[dict[str, str]] = []
        self.counts: dict[str, int] = defaultdict(int)
        self.english = _english_words()
        self.given_names: set[str] = set()
        self.owner: dict[int, Person] = {}  # id(term) -> person
        self.by_last: dict[str, set[str]] = defaultdict(set)  # last folded word -> keys

    # -- identity ---------------------------------------------------------------------
    def person(self, name: str, country: str) -> Person:
        key = fold(name)
        found = self.people.get(key)
        if found is None:
            found = self.people[key] = Person(name, country)
        if name not in found.spellings:
            found.spellings.append(name)
        self.index(key, name)
        return found

    def index(self, key: str, name: str) -> None:
        toks = fold(name).split()
        if toks:
            self.by_last[toks[-1]].add(key)

    def add_term(self, person: Person, term: BTerm) -> None:
        person.terms.append(term)
        self.owner[id(term)] = person

    def find(self, surname: str, country: str, start: str, end: str | None,
             sector: str = "GOV") -> Person | None:
        """The person of this country whose name ends with the surname and who holds a
        term of this sector overlapping the dates, if exactly one."""
        want = fold(surname).split()
        if not want:
            return None
        found, anytime = [], []
        for key in sorted(self.by_last.get(want[-1], ())):
            p = self.people[key]
            names = [fold(s).split() for s in [p.name, *p.spellings, *p.shorts]]
            if not any(n[-len(want):] == want for n in names if n):
                continue
            if any(t.country == country and t.sector == sector and
                   overlaps(t.start, t.end, start, end) for t in p.terms):
                found.append(p)
            elif any(t.country == country and t.sector == sector for t in p.terms):
                anytime.append(p)
        if len(found) == 1:
            return found[0]
        return anytime[0] if not found and len(anytime) == 1 else None

    # -- sources ------------------------------------------------------------------------
    def iso3_of(self, short: str, long: str, file: str) -> str | None:
        for text in (short, long):
            key = fold(re.sub(r"[()]", " ", text))
            key = {"the bahamas": "bahamas", "the gambia": "gambia", "drc": "dr congo",
                   "the dominican": "dominican republic", "congo brazzaville": "congo-brazzaville",
                   "holy see vatican city": "holy see", "cote divoire": "cote d'ivoire",
                   "cabo verde": "cape verde", "turkey turkiye": "turkey"}.get(key, key)
            if fold(key) in self.hand.country_names:
                return self.hand.country_names[fold(key)]
        return None

    def read_factbook(self) -> list[factbook.Term]:
        snaps = factbook.read_snapshots(self.src / "factbook" / "executive.jsonl",
                                        self.iso3_of, self.hand.place_words)
        return factbook.timelines(snaps)

    def add_factbook(self) -> dict[tuple[str, str], list[BTerm]]:
        offices: dict[tuple[str, str], list[BTerm]] = defaultdict(list)
        for t in self.read_factbook():
            role = role_from_title(t.holder.title, t.office)
            name = t.holder.name
            if len(name.split()) == 1:
                name = f"{role} {name}"  # "King Philippe": the name alone is a given name
            p = self.person(name, t.iso3)
            for n in t.names:
                if n not in p.spellings:
                    p.spellings.append(n)
            if t.holder.short and t.holder.short not in p.shorts:
                p.shorts.append(t.holder.short)
                self.index(fold(p.name), t.holder.short)
            term = BTerm(t.iso3, "GOV", role, t.start, t.end, "factbook", t.office)
            self.add_term(p, term)
            offices[(t.iso3, t.office)].append(term)
            self.heads.append({"country": t.iso3, "office": t.office, "name": p.name,
                               "role": role, "start": t.start, "end": t.end or "",
                               "source": "factbook"})
        return offices

    def add_reign(self, offices: dict[tuple[str, str], list[BTerm]]) -> None:
        leaders = reign.read_leaders(self.src / "reign" / "leaderlist_3_21.csv")
        by_country: dict[str, list[reign.Leader]] = defaultdict(list)
        for leader in leaders:
            if leader.end is None or leader.end >= "1989-01-01":
                by_country[leader.iso3].append(leader)
        for iso3, rows in sorted(by_country.items()):
            # which offices REIGN follows in this state: those its leaders hold in the
            # Factbook (a president may hold both), nearest in time
            resolved: list[tuple[reign.Leader, Person | None, tuple[str, ...]]] = []
            for leader in rows:
                surname = leader.name.split()[-1]
                person = None
                for off in ("state", "government"):
                    for term in offices.get((iso3, off), ()):
                        p = self._holder_of(term)
                        if p is not None and overlaps(term.start, term.end, leader.start,
                                                      leader.end) and _surname_match(surname, p):
                            person = p
                            break
                    if person:
                        break
                held: list[str] = []
                if person is not None:
                    # the offices they hold the first day the Factbook shows them
                    fb = [t for t in person.terms if t.source == "factbook" and
                          t.country == iso3 and overlaps(t.start, t.end, leader.start,
                                                         leader.end)]
                    day = max(leader.start, min(t.start or "" for t in fb))
                    held = sorted({t.office for t in fb if overlaps(t.start, t.end, day,
                                                                    _next_day(day))})
                resolved.append((leader, person, tuple(held)))
            matched = [(leader.start, held) for leader, _, held in resolved if held]
            for leader, person, held in resolved:
                hand = self._hand_by_surname(leader.name.split()[-1], iso3, leader.start,
                                             leader.end)
                if not held and hand is not None:
                    held = tuple(sorted({_head_office_of_role(r["role"])
                                         for r in self.hand.persons[hand]
                                         if r["country"] == iso3 and overlaps(
                                             r["start"], r["end"] or None, leader.start,
                                             leader.end)} - {""}))
                if not held:
                    later = [h for st, h in matched if st >= leader.start]
                    earlier = [h for st, h in matched if st < leader.start]
                    held = later[0] if later else (earlier[-1] if earlier else ("government",))
                for office in held:
                    self._reign_term(offices, iso3, office, leader, person)

    def _reign_term(self, offices, iso3: str, office: str, leader: reign.Leader,
                    person: Person | None) -> None:
        cuts = [(t.start or "", t.end) for t in offices.get((iso3, office), ())
                if t.source == "factbook"]
        later_starts = sorted(t.start or "" for t in offices.get((iso3, office), ())
                              if t.source == "factbook" and (t.start or "") > leader.start)
        for start, stop in subtract(leader.start, leader.end, cuts):
            if stop is None and later_starts:
                stop = later_starts[0]  # in office when REIGN ends, until the Factbook's next
            if person is None:
                person = self._reign_person(leader, iso3, start, stop)
            if person is None:
                self.counts["reign leaders without a usable name"] += 1
                return
            role = self._role_for(offices, iso3, office, start)
            term = BTerm(iso3, "GOV", role, start, stop, "reign", office)
            self.add_term(person, term)
            offices[(iso3, office)].append(term)
            self.heads.append({"country": iso3, "office": office, "name": person.name,
                               "role": role, "start": start, "end": stop or "",
                               "source": "reign"})

    def _holder_of(self, term: BTerm) -> Person | None:
        return self.owner.get(id(term))

    def _role_for(self, offices, iso3: str, office: str, start: str) -> str:
        fb = sorted((t for t in offices.get((iso3, office), ()) if t.source == "factbook"),
                    key=lambda t: t.start or "")
        return fb[0].role if fb else _OFFICE_DEFAULT[office]

    def _reign_person(self, leader: reign.Leader, iso3: str, start: str,
                      end: str | None) -> Person | None:
        name = leader.name.replace("G.W. Bush", "George W. Bush")
        surname = name.split()[-1]
        found = self.find(surname, iso3, start, end)
        if found is not None:
            return found
        hand = self._hand_by_surname(surname, iso3, start, end)
        if hand is not None:
            return self.person(hand, iso3)
        if len(name.split()) < 2 and (fold(name) in self.english or len(name) < 4):
            return None
        p = self.person(name, iso3)
        if len(name.split()) == 1:
            p.shorts.append(name)
        return p

    def _hand_by_surname(self, surname: str, iso3: str, start: str, end: str | None
                         ) -> str | None:
        want = fold(surname)
        found = {n for n in sorted(self.hand.by_last.get(want, ()))
                 if any(r["country"] == iso3 and overlaps(r["start"], r["end"] or None,
                                                          start, end)
                        for r in self.hand.persons[n])}
        return found.pop() if len(found) == 1 else None

    def add_phoenix_people(self) -> None:
        for file in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
            for entry in phoenix.read_actors(self.src / "petrarch2" / file):
                self._phoenix_person(entry, file)

    def _phoenix_person(self, entry: phoenix.ActorEntry, file: str) -> None:
        dated = [c for c in entry.codes if c.dated]
        if not dated or _looks_like_org(entry.phrase):
            return
        terms = []
        default_country = None
        for code in entry.codes:
            mapped = cameo.to_codebook(code.code)
            if mapped is None:
                continue
            country, sector = mapped
            default_country = default_country or country
            if not code.dated:
                continue
            if sector == "ELI" or (sector is None and country not in cameo.INTERNATIONAL_CODES):
                continue  # "elite" before office: role_of says former afterwards
            start = code.start or "1900-01-01"
            end = code.end
            if end is None and start < PHOENIX_DATE:
                end = PHOENIX_DATE  # "in office" when the dictionary was compiled
            if end is not None and end <= start:
                continue
            role = _role_of_code(code.code, sector)
            terms.append(BTerm(country, sector, role, start, end, "phoenix"))
        if not terms:
            return
        name = _phoenix_name(entry.phrase)
        if name is None:
            return
        p = self.person(name, terms[0].country)
        for syn in entry.synonyms:
            alias = _strip_title(syn)
            if alias is None:
                continue
            alias = _phoenix_name(alias)
            if alias is None:
                continue
            if len(alias.split()) == 1:
                if alias not in p.shorts:
                    p.shorts.append(alias)
            elif alias not in p.spellings:
                p.spellings.append(alias)
            self.index(fold(p.name), alias)
        for term in terms:
            self.add_term(p, term)
        self.counts["phoenix people"] += 1

    # -- reconciling --------------------------------------------------------------------
    def reconcile(self) -> None:
        """Merge each person's terms (later source wins), tie people to hand persons,
        and keep hand rows authoritative."""
        rank = {"factbook": 0, "reign": 1, "phoenix": 2}
        for p in self.people.values():
            p.hand = self._hand_match(p)
            kept: list[BTerm] = []
            for term in sorted(p.terms, key=lambda t: (rank[t.source], t.start or "")):
                cuts = [(k.start or "", k.end) for k in kept
                        if k.country == term.country and (k.sector == term.sector or
                                                          term.source == "phoenix")]
                for start, end in subtract(term.start or "", term.end, cuts):
                    kept.append(BTerm(term.country, term.sector, term.role, start, end,
                                      term.source, term.office))
            # one role per day: of two terms of one person and role, the earlier ends
            kept.sort(key=lambda t: (t.start or "", rank[t.source]))
            p.terms = _no_overlaps(kept)
            if p.hand is not None:
                first = min(r["start"] for r in self.hand.persons[p.hand])
                before = [t for t in p.terms if t.end is not None and t.end <= first]
                self.counts["terms of hand persons dropped (hand rows win)"] += len(
                    p.terms) - len(before)
                p.terms = before

    def _hand_match(self, p: Person) -> str | None:
        for name in [p.name, *p.spellings]:
            names = {n for n in self.hand.person_keys.get(fold(name), ())
                     if any(r["country"] == p.country or r["country"] in cameo.INTERNATIONAL_CODES
                            for r in self.hand.persons[n])}
            if len(names) == 1:
                return names.pop()
        for short in p.shorts:
            for t in p.terms:
                found = self._hand_by_surname(short.split()[-1], t.country, t.start or "",
                                              t.end)
                if found and fold(found).split()[:1] == fold(p.name).split()[:1]:
                    return found
                if found and fold(short) in self.hand.person_keys:
                    return found
        return None

    def clip_heads(self) -> None:
        """The heads timeline: the hand rows of heads, then the built rows for the dates
        no hand row covers in that office. A built row names the hand person it is."""
        built = []
        for row in self.heads:
            p = self.people.get(fold(row["name"]))
            if p is not None and p.hand is not None:
                row = {**row, "name": p.hand}
            built.append(row)
        hand_rows = []
        for name, rows in sorted(self.hand.persons.items()):
            for r in rows:
                if r["country"] not in self.hand.codes or not _is_head_role(r["role"]):
                    continue
                for office, st, e in self._hand_pieces(name, r, built):
                    hand_rows.append({"country": r["country"], "office": office, "name": name,
                                      "role": r["role"], "start": st, "end": e or "",
                                      "source": "hand"})
        # a president's piece of the government office gives way to a hand prime minister
        prime = defaultdict(list)
        for r in hand_rows:
            if r["office"] == "government" and _head_office_of_role(
                    r["role"].lower().removeprefix("acting ")) == "government":
                prime[r["country"]].append((r["start"], r["end"] or None))
        kept = []
        for r in hand_rows:
            if r["office"] == "government" and _head_office_of_role(
                    r["role"].lower().removeprefix("acting ")) != "government":
                kept += [{**r, "start": a, "end": b or ""} for a, b in subtract(
                    r["start"], r["end"] or None, prime.get(r["country"], []))]
            else:
                kept.append(r)
        hand_rows = kept
        cuts = defaultdict(list)
        for r in hand_rows:
            cuts[(r["country"], r["office"])].append((r["start"], r["end"] or None))
        final = list(hand_rows)
        for row in built:
            parts = subtract(row["start"], row["end"] or None,
                             cuts.get((row["country"], row["office"]), []))
            if parts != [(row["start"], row["end"] or None)]:
                self.counts["built head rows cut where hand rows cover the office"] += 1
            final += [{**row, "start": st, "end": e or ""} for st, e in parts]
        final.sort(key=lambda r: (r["country"], r["office"], r["start"], r["name"]))
        for earlier, later in zip(final, final[1:], strict=False):
            same_office = (earlier["country"], earlier["office"]) == (later["country"],
                                                                      later["office"])
            if same_office and earlier["source"] != "hand" and earlier["start"] < \
                    later["start"] < (earlier["end"] or "9999"):
                earlier["end"] = later["start"]  # a successor's start ends a built term
        final = [r for r in final if not r["end"] or r["start"] < r["end"]]
        merged: list[dict[str, str]] = []
        for row in final:  # pieces of one term that meet are one row
            last = merged[-1] if merged else None
            if last is not None and all(last[k] == row[k] for k in (
                    "country", "office", "name", "role", "source")) and last["end"] == row["start"]:
                last["end"] = row["end"]
            else:
                merged.append(dict(row))
        self.heads = merged

    def _hand_pieces(self, name: str, r: dict[str, str], built: list[dict[str, str]]
                     ) -> list[tuple[str, str, str | None]]:
        """(office, start, end) of a hand row of a head: where the Factbook shows this
        person in an office, that office; elsewhere the offices the role has in that
        state nearest in time (Iran's President heads the government, the U.S. President
        both), else by the role's name."""
        start, end = r["start"], r["end"] or None
        base = r["role"].lower().removeprefix("acting ").strip()
        if _head_office_of_role(base) == "government":
            return [("government", start, end)]  # a prime minister heads a government only
        same = [b for b in built if b["country"] == r["country"] and b["source"] == "factbook"
                and b["role"].lower() == base]
        pieces: list[tuple[str, str, str | None]] = []
        covered: list[tuple[str, str | None]] = []
        for b in same:
            if b["name"] == name and overlaps(b["start"], b["end"] or None, start, end):
                lo = max(b["start"], start)
                hi = min(b["end"] or "9999", end or "9999")
                pieces.append((b["office"], lo, None if hi == "9999" else hi))
                covered.append((lo, None if hi == "9999" else hi))
        rest = subtract(start, end, covered)
        for lo, hi in rest:
            if same:
                def distance(b: dict[str, str], lo=lo, hi=hi) -> int:
                    return abs(_ordinal(b["start"]) - _ordinal(lo))

                near = min(same, key=distance)
                at = near["start"]
                offices = sorted({b["office"] for b in same if b["name"] == near["name"] and
                                  overlaps(b["start"], b["end"] or None, at, _next_day(at))})
            else:
                office = _head_office_of_role(r["role"])
                offices = [office] if office else []
            pieces += [(o, lo, hi) for o in offices]
        return pieces

    # -- aliases ------------------------------------------------------------------------
    def aliases(self) -> dict[str, list[str]]:
        first_words: dict[str, set[str]] = defaultdict(set)
        for p in self.people.values():
            for n in [p.name, *p.spellings]:
                toks = fold(n).split()
                if len(toks) > 1:
                    first_words[toks[0]].add(fold(p.name))
        self.given_names = {w for w, who in first_words.items() if len(who) >= 3}
        out: dict[str, list[str]] = {}
        for key, p in self.people.items():
            if p.hand is not None or not p.terms:
                continue
            names: list[str] = []
            for n in [p.name, *p.spellings]:
                names += name_variants(n)
            for s in p.shorts:
                if self._usable_short(s):
                    names += name_variants(s)
            out[key] = [n for n in dict.fromkeys(names) if n != p.name and self._free(n)]
        # an alias two people share while both hold office in one country names neither
        holders: dict[str, list[str]] = defaultdict(list)
        for key, names in out.items():
            for n in [self.people[key].name, *names]:
                holders[n].append(key)
        for n, keys in holders.items():
            if len(keys) < 2:
                continue
            clash = any(_same_country_overlap(self.people[a], self.people[b])
                        for i, a in enumerate(keys) for b in keys[i + 1:])
            if clash:
                for key in keys:
                    if n in out[key]:
                        out[key].remove(n)
                        self.counts["aliases dropped: shared by two people in office"] += 1
        return out

    def _usable_short(self, short: str) -> bool:
        key = fold(short)
        toks = key.split()
        if len(toks) == 1:
            if len(key) < 3 or key in self.english or key in self.given_names:
                self.counts["short names dropped (word or given name)"] += 1
                return False
        return True

    def _free(self, name: str) -> bool:
        key = fold(name).removeprefix("the ")
        if key in self.hand.place_keys or key in self.hand.org_keys or \
                key in self.hand.person_keys or key in self.hand.sector_phrases or \
                key in self.hand.surnames:
            self.counts["aliases dropped: a place, organization or hand name"] += 1
            return False
        return True

    # -- organizations ------------------------------------------------------------------
    def organizations(self) -> list[list[str]]:
        """Institutions of the country dictionary, international bodies and companies,
        armed non-state groups: (name, aliases, country, sector, kind, source)."""
        found: dict[str, dict] = {}  # folded name -> row
        clashes: set[str] = set()
        base = self.src / "petrarch2"
        for file, kind_of in (("Phoenix.MilNonState.actors.txt", "armed"),
                              ("Phoenix.International.actors.txt", None),
                              ("Phoenix.Countries.actors.txt", None)):
            for entry in phoenix.read_actors(base / file):
                row = self._org_row(entry, file, kind_of)
                if row is None:
                    continue
                key = fold(row["name"])
                if key in found and (found[key]["country"], found[key]["sector"]) != (
                        row["country"], row["sector"]):
                    clashes.add(key)
                    continue
                if key in found:
                    found[key]["aliases"] += [a for a in row["aliases"]
                                              if a not in found[key]["aliases"]]
                else:
                    found[key] = row
        owners: dict[str, set[str]] = defaultdict(set)
        for key, row in found.items():
            for n in [row["name"], *row["aliases"]]:
                owners[fold(n)].add(key)
        people = {fold(n) for p in self.people.values() if p.hand is None and p.terms
                  for n in [p.name, *p.spellings]}
        rows = []
        for key, row in sorted(found.items(), key=lambda kv: kv[1]["name"]):
            if key in clashes or not self._org_free(row["name"]) or key in people:
                self.counts["organizations dropped: ambiguous or taken"] += 1
                continue
            aliases = [a for a in dict.fromkeys(row["aliases"]) if a != row["name"] and
                       len(owners[fold(a)]) == 1 and self._org_free(a) and fold(a) not in people]
            rows.append([row["name"], "|".join(aliases), row["country"], row["sector"] or "",
                         row["kind"], "phoenix"])
        return rows

    def _org_free(self, name: str) -> bool:
        key = fold(name).removeprefix("the ")
        if not key or key in self.hand.org_keys or key in self.hand.place_keys or \
                key in self.hand.person_keys or key in self.hand.sector_phrases:
            return False
        toks = key.split()
        if all(t in _GENERIC_ORG for t in toks):
            return False  # "House of Representatives", "Ministry of Defence": whose?
        return not (len(toks) == 1 and (key in self.english or len(key) < 2))

    def _org_row(self, entry: phoenix.ActorEntry, file: str, kind_of: str | None) -> dict | None:
        codes = [c for c in entry.codes if not c.dated]
        if not codes or any(c.dated for c in entry.codes):
            return None
        mapped = cameo.to_codebook(codes[0].code)
        if mapped is None:
            return None
        country, sector = mapped
        if country not in cameo.INTERNATIONAL_CODES and sector is None:
            return None
        if country in cameo.INTERNATIONAL_CODES:
            sector = None
        phrase = entry.phrase
        if file != "Phoenix.MilNonState.actors.txt":
            if "CountryInfo" in entry.comment:
                return None
            if not (_looks_like_org(phrase) or _is_acronym(phrase) or country == "MNC"):
                return None
        if country == "MNC" and len(phrase.split()) == 1 and len(phrase) < 4:
            return None
        name, acronyms = org_name(phrase)
        if not name:
            return None
        aliases = list(acronyms)
        for syn in entry.synonyms:
            alias, more = org_name(syn)
            if alias:
                aliases.append(alias)
            aliases += more
        aliases += [v for n in [name, *aliases] for v in _org_variants(n)]
        kind = kind_of or _kind(country, sector)
        if country in ("IMG",) or sector == "REB":
            kind = "armed"
        return {"name": name, "aliases": [a for a in aliases if a != name], "country": country,
                "sector": sector, "kind": kind}

    # -- sector nouns -------------------------------------------------------------------
    def sector_nouns(self) -> tuple[list[list[str]], list[list[str]]]:
        """Agent nouns as (sector words, titles): (phrase, sector, source)."""
        words: dict[str, str] = {}
        titles: dict[str, str] = {}
        dropped: set[str] = set()
        for noun in phoenix.read_agents(self.src / "petrarch2" / "Phoenix.agents.txt"):
            sector = cameo.sector_of(cameo.roles(noun.code))
            if sector is None or sector == "ELI" or not re.fullmatch(
                    r"[a-z][a-z' -]*[a-z]", noun.phrase):
                continue  # CAMEO's ELI are elites (actors, celebrities), not former officials
            if noun.phrase.split()[0] in ("a", "an", "the", "of"):
                continue
            if _not_an_actor(noun.phrase, sector):
                self.counts["sector nouns left out: no actor"] += 1
                continue
            if noun.phrase.split()[-1] in _TRAILING or len(noun.phrase) < 3:
                continue
            forms = [noun.phrase, noun.plural or plural(noun.phrase)]
            if _is_plural(noun.phrase) and not noun.plural:
                forms = [noun.phrase]
            table = titles if _is_title(noun.phrase) else words
            for form in forms:
                if not form or form in self.hand.sector_phrases:
                    continue
                if form in table and table[form] != sector:
                    dropped.add(form)
                table.setdefault(form, sector)
        for form in dropped:
            words.pop(form, None)
            titles.pop(form, None)
        self.counts["sector nouns dropped: two sectors"] = len(dropped)
        words = {w: sec for w, sec in words.items() if w not in titles}
        return ([[w, sec, "phoenix"] for w, sec in sorted(words.items())],
                [[t, sec, "phoenix"] for t, sec in sorted(titles.items())])

    # -- writing ------------------------------------------------------------------------
    def people_rows(self) -> list[list[str]]:
        aliases = self.aliases()
        by_name: dict[str, tuple[str, list[BTerm]]] = {}  # name -> (aliases, terms)
        for key, p in sorted(self.people.items(), key=lambda kv: (kv[1].name, kv[0])):
            if not p.terms:
                continue
            name = p.hand or p.name
            if p.hand is None and not self._free(p.name):
                continue
            cell, terms = by_name.get(name, ("", []))
            if not p.hand and not cell:
                cell = "|".join(aliases.get(key, []))
            by_name[name] = (cell, terms + list(p.terms))  # two records of one hand person
        rows = []
        for name, (cell, terms) in sorted(by_name.items()):
            for t in sorted(_no_overlaps(terms), key=lambda t: (t.start or "", t.role)):
                rows.append([name, cell, t.country, "" if t.country in
                             cameo.INTERNATIONAL_CODES else (t.sector or "GOV"), t.role,
                             t.start or "", t.end or "", t.source])
        return rows

    def run(self) -> dict[str, list[list[str]]]:
        offices = self.add_factbook()
        self.add_phoenix_people()
        self.add_reign(offices)
        self.reconcile()
        self.clip_heads()
        people = self.people_rows()
        heads = [[h["country"], h["office"], h["name"], h["role"], h["start"], h["end"],
                  h["source"]] for h in self.heads]
        words, titles = self.sector_nouns()
        return {"built_office_holders.tsv": people, "built_heads.tsv": heads,
                "built_organizations.tsv": self.organizations(),
                "built_sector_words.tsv": words, "built_titles.tsv": titles}


# ---- helpers -----------------------------------------------------------------------------

_ORG_WORDS = frozenset("""
army forces force party ministry ministers council committee commission assembly parliament
court tribunal front movement brigade brigades battalion group union league association
organization organisation agency bank fund office department bureau service services police
guard guards navy air corps company corporation inc ltd government administration authority
institute center centre foundation federation alliance coalition network people's
republic kingdom state states national international news radio television agency press
senate congress cabinet presidency embassy mission university church mosque jihad
revolutionary liberation islamic regime troops militia militias rebels junta
""".split())
_TITLES = ("PRIME MINISTER", "PRESIDENT", "FOREIGN MINISTER", "DEFENSE MINISTER",
           "DEFENCE MINISTER", "MINISTER", "CHANCELLOR", "KING", "QUEEN", "PRINCE", "SHEIKH",
           "GENERAL", "GEN.", "SECRETARY-GENERAL", "SECRETARY GENERAL", "SECRETARY",
           "EX-PRESIDENT", "FORMER PRESIDENT", "FORMER", "DR.", "MR.", "MRS.", "MS.",
           "PREMIER", "AMBASSADOR", "ENVOY", "CHAIRMAN", "SPEAKER", "SENATOR", "GOVERNOR",
           "MAYOR", "POPE", "CARDINAL", "ARCHBISHOP", "BISHOP", "AYATOLLAH", "MULLAH",
           "COLONEL", "COL.", "MARSHAL", "ADMIRAL", "LEADER", "EMIR", "SULTAN", "CROWN PRINCE")


def _looks_like_org(phrase: str) -> bool:
    words = {w.lower().strip(".,()") for w in from_underscores(phrase).split()}
    return bool(words & _ORG_WORDS)


_ORG_LOWER = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "des", "du",
                        "la", "le", "al", "el", "del", "y", "et", "a", "an", "or", "with"})
_TRAILING = frozenset({"of", "for", "at", "to", "in", "on", "the", "and", "from"})
_TITLE_HEADS = ("minister", "secretary", "ambassador", "envoy", "president", "governor",
                "mayor", "prosecutor", "judge", "general", "admiral", "commander", "chief",
                "inspector", "ombudsman", "commissioner", "attorney", "senator", "premier",
                "chancellor", "king", "queen", "prince", "emir", "sultan", "spokesman",
                "spokeswoman", "spokesperson", "colonel", "captain", "lieutenant", "marshal")


# Words of institution names that say nothing of whose they are.
_GENERIC_ORG = frozenset("""
house of the representatives national assembly ministry ministries defence defense council
supreme court senate parliament army navy air force forces police federal republic state
department interior foreign affairs justice finance central bank government cabinet
security service services intelligence general staff high commission committee office
presidential guard guards party people's peoples democratic republican liberal
conservative socialist communist labour labor union front congress constitutional
administrative legislative executive judicial national and for on in tribunal agency
military navy coast border ministers prime minister president presidency chamber deputies
upper lower regional provincial municipal city council's public prosecutor general's
""".split())
# Agent nouns that name no actor in news: weapons, places and buildings, believers (who are
# of a faith, not its clergy), and people in general.
_NOT_ACTORS = frozenset("""
artillery terrorist tank tanks missile missiles rocket rockets warplane warplanes jet jets
community communities settlement settlements neighborhood neighborhoods neighbourhood
neighbourhoods village villages school schools schoolhouse schoolhouses university
universities college colleges kindergarden kindergardens kindergarten kindergartens preschool
preschools conservatory conservatories population populations peoples customer customers
passenger passengers infant infants mother mothers native natives airliner airliners
jetliner jetliners mob mobs rabble rabbles tourer tourers constituent constituents elector
electors electorate electorates voter voters mens womens childrens childs personses
victimses taxpayerses townspeoples naturalized naturalizeds religion religions believer
believers worshiper worshipers worshipper worshippers pilgrim pilgrims buddhist buddhists
christian christians hindu hindus jew jews jewish jewishes muslim muslims moslem moslems
islamic islamics islamist islamists sunni sunnis shia shias shiite shiites maronite
maronites anglican anglicans unitarian unitarians hebrew hebrews hasid hasids hasidim
hasidims catholic catholics protestant protestants orthodox diocese dioceses archdiocese
archdioceses monastery monasteries mendicant mendicants actor actors player players
""".split())


# Civilians are groups news makes actors of; an occupation ("professor", "scientist")
# describes a person the text names and would hide their country.
_CIVILIAN_HEADS = frozenset("""
student students worker workers farmer farmers peasant peasants activist activists
environmentalist environmentalists laborer laborers labourer labourers villager villagers
settler settlers union unions teacher teachers fisherman fishermen herdsman herdsmen
demonstrator demonstrators
""".split())
# Words the hand files leave out on purpose (titles.tsv, sector_words.tsv): too vague.
_HAND_LEFT_OUT = frozenset("""
chief of staff representative representatives deputy deputies commissioner commissioners
chairman chairmen director directors director-general administrator administrators major
majors captain captains sergeant sergeants marshal marshals prince princes sheikh sheikhs
counselor counselors officer officers leader leaders detainee detainees prisoner prisoners
""".split("\n"))


def _not_an_actor(phrase: str, sector: str) -> bool:
    if phrase in _NOT_ACTORS or phrase in _HAND_LEFT_OUT_WORDS:
        return True
    if sector == "CVL":
        return phrase.split()[-1] not in _CIVILIAN_HEADS
    return phrase.split()[-1] in _NOT_ACTORS and sector == "REL"


_HAND_LEFT_OUT_WORDS = frozenset({"chief of staff", "director-general"} | {
    w for line in _HAND_LEFT_OUT for w in line.split() if w not in ("chief", "of", "staff")})


def _is_plural(phrase: str) -> bool:
    last = phrase.split()[-1]
    return last.endswith(("s", "men", "people", "children", "police", "militia")) and \
        not last.endswith(("ss", "us", "is"))


def _is_title(phrase: str) -> bool:
    last = phrase.split()[-1]
    return last in _TITLE_HEADS or last.rstrip("s") in _TITLE_HEADS


def plural(phrase: str) -> str:
    """The regular English plural of a noun phrase's last word."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        out = last[:-3] + "men"
    elif last.endswith("person"):
        out = last[:-6] + "people"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        out = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        out = last[:-1] + "ies"
    else:
        out = last + "s"
    return f"{head} {out}" if head else out


def _is_acronym(phrase: str) -> bool:
    text = from_underscores(phrase).replace(".", "")
    return len(text.split()) == 1 and 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def org_name(phrase: str) -> tuple[str, list[str]]:
    """A Phoenix organization phrase in proper case, and the acronyms in parentheses:
    "BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_" -> ("Basque Fatherland and Freedom", ["ETA"])."""
    text = from_underscores(phrase)
    acronyms = [a.replace(" ", "") for a in re.findall(r"\(([^)]*)\)", text)
                if re.fullmatch(r"[A-Z][A-Z0-9.\- ]{1,9}", a.strip())]
    text = " ".join(re.sub(r"\([^)]*\)", " ", text).split()).strip(" ,.-")
    if not text or not any(c.isalpha() for c in text) or len(text.split()) > 10:
        return "", acronyms
    if re.search(r"\b(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|"
                 r"NOVEMBER|DECEMBER)\b", text.upper()) or re.search(r"[$/]", text):
        return "", acronyms  # "21 June", "17 November": dates in running text
    toks = text.split()
    if len(toks) == 1 and _is_acronym(toks[0]):
        return toks[0], acronyms
    out = []
    for i, tok in enumerate(toks):
        low = tok.lower()
        if i > 0 and low in _ORG_LOWER:
            out.append(low)
        elif any(c.isdigit() for c in tok):
            out.append(tok.lower())  # "1st", "20th"
        elif re.fullmatch(r"(?:[A-Z]\.){2,}", tok) or (len(tok) <= 3 and not re.search(
                r"[AEIOUY]", tok)) or tok in ("UN", "EU", "US", "UK", "NATO", "OPEC", "ASEAN"):
            out.append(tok)  # "U.N.", "UN", "NLD"
        else:
            from .names import cap_word

            out.append("-".join(cap_word(p, first=True) if p else p for p in tok.split("-")))
    return " ".join(out), acronyms


def _org_variants(name: str) -> list[str]:
    """An acronym in capitals is also written with one capital ("NATO", "Nato")."""
    if _is_acronym(name) and len(name) >= 4 and re.search(r"[AEIOU]", name[1:]):
        return [name.capitalize()]
    return []


def _kind(country: str, sector: str | None) -> str:
    if country in ("IGO", "UNO", "EUR"):
        return "igo"
    if country == "NGO":
        return "ngo"
    if country == "MNC":
        return "mnc"
    if country == "IMG":
        return "armed"
    return {"MIL": "military", "COP": "police", "SPY": "intelligence", "LEG": "legislature",
            "JUD": "court", "PTY": "party", "OPP": "party", "JRN": "media", "BUS": "company",
            "GOV": "agency", "REL": "religious", "CVL": "movement", "REB": "armed",
            "MED": "agency", "REF": "movement", "ELI": "agency"}.get(sector or "", "agency")


def _strip_title(synonym: str) -> str | None:
    """A synonym without a title before it ("PRIME MINISTER RECEP ERDOGAN" -> "RECEP
    ERDOGAN"); None for synonyms that are descriptions, not names."""
    text = synonym.upper()
    changed = True
    while changed:
        changed = False
        for t in _TITLES:
            if text.startswith(t + " "):
                text = text[len(t) + 1:]
                changed = True
    if _looks_like_org(text) or not text or any(ch.isdigit() for ch in text):
        return None
    if len(text.split()) > 5:
        return None
    return text


def _phoenix_name(phrase: str) -> str | None:
    text = from_underscores(phrase).strip(" .,")
    if not text or not any(c.isalpha() for c in text) or "(" in text:
        return None
    if len(text.split()) > 6:
        return None
    words = []
    for i, w in enumerate(text.split()):
        if w.isupper() or not any(c.islower() for c in w):
            from .names import cap_word
            if len(w) <= 2 and w.endswith(".") or re.fullmatch(r"[A-Z]\.", w):
                words.append(w)  # an initial: "GEORGE W. BUSH"
            else:
                words.append(cap_word(w, first=(i == 0)))
        else:
            words.append(w)
    return " ".join(words)


def _role_of_code(code: str, sector: str | None) -> str:
    if sector is None:
        return "Official"
    return {"GOV": "Government Official", "MIL": "Military Officer", "LEG": "Legislator",
            "JUD": "Judge", "OPP": "Opposition Figure", "REB": "Rebel Leader",
            "PTY": "Party Official", "COP": "Police Official", "SPY": "Intelligence Official",
            "BUS": "Business Figure", "JRN": "Journalist", "REL": "Religious Leader",
            "MED": "Health Official", "CVL": "Activist", "REF": "Refugee"}.get(sector,
                                                                               "Official")


_HEAD_ROLES_STATE = {"president", "king", "queen", "emperor", "emir", "sultan", "supreme leader",
                     "captain regent", "co-prince", "grand duke", "prince", "pope",
                     "head of state", "acting president", "chairman"}
_HEAD_ROLES_GOV = {"prime minister", "premier", "chancellor", "taoiseach", "head of government"}


def _head_office_of_role(role: str) -> str:
    low = role.lower()
    if low in _HEAD_ROLES_GOV:
        return "government"
    if low in _HEAD_ROLES_STATE:
        return "state"
    return ""


def _is_head_role(role: str) -> bool:
    return bool(_head_office_of_role(role))


def _ordinal(day: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(day).toordinal()


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _surname_match(surname: str, p: Person) -> bool:
    want = fold(surname)
    for n in [p.name, *p.spellings, *p.shorts]:
        toks = fold(n).split()
        if want in toks or (toks and toks[-1][:5] == want[:5] and len(want) >= 5):
            return True
    return False


def _same_country_overlap(a: Person, b: Person) -> bool:
    return any(ta.country == tb.country and overlaps(ta.start, ta.end, tb.start, tb.end)
               for ta in a.terms for tb in b.terms)


def _no_overlaps(terms: list[BTerm]) -> list[BTerm]:
    """Terms of one role in one country that overlap become one (the sources repeat a
    role with sloppy dates); what is left is in date order."""
    out: list[BTerm] = []
    for t in sorted(terms, key=lambda t: (t.start or "", t.end or "9999")):
        same = next((o for o in reversed(out) if o.role == t.role and o.country == t.country
                     and overlaps(o.start, o.end, t.start, t.end)), None)
        if same is None:
            out.append(t)
        elif same.end is not None and (t.end is None or t.end > same.end):
            same.end = t.end
    return [t for t in out if t.end is None or (t.start or "") < t.end]


def _english_words() -> frozenset[str]:
    """Lower-case English dictionary words (GCIDE), which no short name may be."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


# ---- files -------------------------------------------------------------------------------

HEADERS = {
    "built_office_holders.tsv": ["name", "aliases", "country", "sector", "role", "start", "end",
                                 "source"],
    "built_heads.tsv": ["country", "office", "name", "role", "start", "end", "source"],
    "built_organizations.tsv": ["name", "aliases", "country", "sector", "kind", "source"],
    "built_sector_words.tsv": ["phrase", "sector", "source"],
    "built_titles.tsv": ["title", "sector", "source"],
}
COMMENTS = {
    "built_office_holders.tsv": """\
# built_office_holders.tsv: GENERATED by `python -m detente.knowledge.build`; do not edit,
# change the build or the hand-written office_holders.tsv instead.
# People and their dated terms from the public sources (NOTICE): heads of state and
# government from the CIA World Factbook (2015-2026) and REIGN (to 2021), officials with
# dated roles from PETRARCH2's Phoenix dictionaries (to 2014). Same columns as
# office_holders.tsv plus source. A hand-written person is not repeated here, except for
# terms that end before their hand rows begin (those rows have no aliases: the hand rows
# own them). An open Phoenix term ends on 2014-01-30, when the dictionary was compiled.
# Aliases: the sources' spellings, their ASCII forms, and the name news uses alone where
# it is no English word, no common given name, no place or organization, and no other
# person's while both hold office in one country.
""",
    "built_heads.tsv": """\
# built_heads.tsv: GENERATED by `python -m detente.knowledge.build`; do not edit.
# Heads of state and of government of every state, with dated terms: the CIA World
# Factbook's holders (2015-2026, and earlier where a holder was in office since), REIGN's
# effective leaders (to March 2021) in the office the Factbook shows REIGN following, for
# the dates the Factbook leaves. name is a person of office_holders.tsv or
# built_office_holders.tsv (a monarch of several realms keeps her own country there).
# office: state | government (one person may hold both).
""",
    "built_organizations.tsv": """\
# built_organizations.tsv: GENERATED by `python -m detente.knowledge.build`; do not edit,
# change the build or the hand-written organizations.tsv instead.
# Organizations of PETRARCH2's Phoenix dictionaries (2014): the institutions of the country
# dictionary, international bodies, NGOs and companies, and armed non-state groups, coded
# by detente.knowledge.cameo (IGOUNO... -> UNO, MNC... -> MNC, IMG... -> IMG, a country's
# REB, MIL, GOV ...). Same columns as organizations.tsv plus source. Names the hand files
# already have (organizations, places, people, sector words), names two entries give
# different codes, and single English words are left out. Dated codes (a company merged,
# an armed group that became a government) are in the hand-written org_history.tsv.
""",
    "built_sector_words.tsv": """\
# built_sector_words.tsv: GENERATED by `python -m detente.knowledge.build`; do not edit.
# Agent nouns of PETRARCH2's Phoenix.agents.txt (2014) that name a sector, mapped from
# their CAMEO role codes by detente.knowledge.cameo.ROLE_SECTORS (COP police, MIL armed
# forces, REB insurgents and militias, JUD courts and prosecutors, LAB/EDU/AGR/HRI groups
# CVL, MED media JRN, HLH health MED ...); criminals (CRM) are no codebook sector and are
# left out, as are phrases the hand-written sector_words.tsv or titles.tsv has and phrases
# two entries give different sectors. Plurals are added by regular English rules.
""",
    "built_titles.tsv": """\
# built_titles.tsv: GENERATED by `python -m detente.knowledge.build`; do not edit.
# The agent nouns of Phoenix.agents.txt that are titles of one person (their last word is a
# minister, secretary, ambassador, prosecutor, inspector, commander ...), as
# built_sector_words.tsv says.
""",
}


def write(files: dict[str, list[list[str]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        lines = [COMMENTS[name].rstrip("\n"), "\t".join(HEADERS[name])]
        lines += ["\t".join(cell.replace("\t", " ") for cell in row) for row in rows]
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True,
                        help="the knowledge-sources folder (../shared/knowledge-sources)")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write (data/)")
    args = parser.parse_args(argv)
    if not (args.sources / "petrarch2").is_dir():
        print(f"{args.sources}: not a knowledge-sources folder (no petrarch2/)",
              file=sys.stderr)
        return 2
    build = Build(args.sources, DATA)
    files = build.run()
    write(files, args.out)
    for name, rows in files.items():
        print(f"{name}: {len(rows)} rows")
    for what, n in sorted(build.counts.items()):
        print(f"  {what}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
