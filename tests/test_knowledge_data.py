"""Schema and fact checks for the knowledge data files (countries, organizations, people...).

The coder resolves actors from these files, so a typo here silently mis-codes events. These
tests read the packaged TSV files with ``detente.tsv.read_tsv`` (no spaCy) and check formats,
codes, uniqueness, dates and coverage, plus a few well-known facts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

import pycountry
import pytest

from detente.codebook import INTERNATIONAL, SECTORS
from detente.knowledge.build import HEADERS as BUILT_HEADERS
from detente.knowledge.tsv import data_path, read_tsv, split_list

HEADERS = {
    "countries.tsv": ["iso3", "name", "aliases", "adjectives", "people", "capital", "seats"],
    "dependencies.tsv": ["name", "aliases", "adjectives", "country", "sector"],
    "organizations.tsv": ["name", "aliases", "country", "sector", "kind"],
    "office_holders.tsv": ["name", "aliases", "country", "sector", "role", "start", "end"],
    "sector_words.tsv": ["phrase", "sector", "note"],
    "titles.tsv": ["title", "sector", "note"],
    "org_history.tsv": ["name", "as_name", "country", "sector", "start", "end", "note"],
    **BUILT_HEADERS,  # the files the knowledge build writes, with its columns
}
SOURCES = frozenset({"factbook", "reign", "phoenix"})
LIST_COLUMNS = {"aliases", "adjectives", "people", "capital", "seats"}

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = frozenset("""
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA
BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK
DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY
HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ
MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY
QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD
TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB
ZWE
""".split())
# Not UN members, but the codebook gives them their own code.
OWN_CODES = frozenset({"KOS", "PSE", "TWN", "HKG", "VAT"})

G20_AND_P5 = ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
              "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA")
COVERAGE_DATES = ("2001-01-01", "2010-06-01", "2019-06-01", "2022-06-01", "2025-06-01")
HEAD_ROLES = frozenset({
    "President", "Acting President", "Prime Minister", "Chancellor", "Premier", "Taoiseach",
    "King", "Queen", "Emperor", "Emir", "Supreme Leader",
})
# International bodies carry no sector (codebook), except where the gold files give one.
SECTOR_EXCEPTIONS = frozenset({"Combined Joint Task Force - Operation Inherent Resolve"})


def rows(name: str) -> list[dict[str, str]]:
    return [row for _, row in read_tsv(name)]


def norm(text: str) -> str:
    """The key the loader matches on: case-insensitive, curly apostrophes straightened."""
    return text.replace("\u2019", "'").casefold()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def until(row: dict[str, str]) -> dt.date:
    """The end of a term; an open term runs on."""
    return day(row["end"]) if row["end"] else dt.date.max


def is_state_code(code: str) -> bool:
    return code == "KOS" or pycountry.countries.get(alpha_3=code) is not None


def holders_on(date: str, **match: str) -> list[dict[str, str]]:
    """Office-holder rows in force on a date (start <= date < end), filtered by column."""
    when = day(date)
    return [r for r in rows("office_holders.tsv")
            if day(r["start"]) <= when < until(r) and all(r[k] == v for k, v in match.items())]


def place_keys() -> dict[str, set[str]]:
    """Every name, alias, demonym, capital and seat in countries + dependencies -> countries."""
    keys: dict[str, set[str]] = defaultdict(set)
    for row in rows("countries.tsv"):
        for column in ("name", *HEADERS["countries.tsv"][2:]):
            for key in split_list(row[column]):
                keys[norm(key)].add(row["iso3"])
    for row in rows("dependencies.tsv"):
        for key in [row["name"], *split_list(row["aliases"]), *split_list(row["adjectives"])]:
            keys[norm(key)].add(row["country"])
    return keys


def duplicates(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({i for i in items if i in seen or seen.add(i)})


# --- format -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_is_exactly_as_specified(name: str) -> None:
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.strip() and not line.startswith("#"))
    assert header.split("\t") == HEADERS[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_line_is_clean(name: str) -> None:
    """Same number of cells as the header, no stray spaces, no empty list items."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    width = len(HEADERS[name])
    body = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
    assert lines[0].startswith("#"), "files open with comments saying what they are"
    for lineno, line in body:
        where = f"{name}:{lineno}"
        assert line.strip(), f"{where}: blank line"
        cells = line.split("\t")
        assert len(cells) == width, f"{where}: {len(cells)} cells, header has {width}"
        for column, cell in zip(HEADERS[name], cells, strict=True):
            assert cell == cell.strip(), f"{where}: spaces around {column!r}"
            if column in LIST_COLUMNS and cell:
                items = cell.split("|")
                assert all(i and i == i.strip() for i in items), f"{where}: bad list {cell!r}"
                # built files list case variants on purpose ("De Croo", "de Croo"): the
                # phrase index matches names case-sensitively
                key = (lambda i: i) if name.startswith("built_") else norm
                assert not duplicates(key(i) for i in items), f"{where}: repeated item in {column}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_duplicate_rows(name: str) -> None:
    assert not duplicates("\t".join(row.values()) for row in rows(name))


# --- countries and dependencies -----------------------------------------------------------


def test_country_codes_are_iso_3166_alpha_3_or_kosovo() -> None:
    codes = [row["iso3"] for row in rows("countries.tsv")]
    assert not duplicates(codes)
    assert [c for c in codes if not is_state_code(c)] == []


def test_countries_are_the_un_members_plus_the_codebook_extras() -> None:
    codes = {row["iso3"] for row in rows("countries.tsv")}
    assert len(UN_MEMBERS) == 193
    assert sorted(UN_MEMBERS - codes) == [], "UN members missing"
    assert sorted(codes - UN_MEMBERS - OWN_CODES) == [], "territories belong in dependencies.tsv"
    assert OWN_CODES <= codes


def test_every_place_word_maps_to_one_country() -> None:
    clashes = {k: sorted(v) for k, v in place_keys().items() if len(v) > 1}
    assert clashes == {}


def test_dependencies_take_a_state_and_only_the_pre_sector() -> None:
    for row in rows("dependencies.tsv"):
        assert is_state_code(row["country"]), row
        assert row["country"] not in INTERNATIONAL, row
        assert row["sector"] in ("", "PRE"), row


# --- organizations ------------------------------------------------------------------------


def test_organizations_have_valid_codes_and_sectors() -> None:
    for row in rows("organizations.tsv"):
        code, sector = row["country"], row["sector"]
        assert code in INTERNATIONAL or is_state_code(code), row
        if code in INTERNATIONAL and row["name"] not in SECTOR_EXCEPTIONS:
            assert sector == "", f"{row['name']}: international codes carry no sector"
        if code not in INTERNATIONAL:
            assert sector in SECTORS, f"{row['name']}: a national body needs a sector"
        assert row["kind"], row


def test_organization_names_are_unique_and_not_place_names() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows("organizations.tsv"):
        for key in [row["name"], *split_list(row["aliases"])]:
            owners[norm(key)].add(row["name"])
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}
    assert sorted(set(owners) & set(place_keys())) == []


# --- sector words and titles --------------------------------------------------------------


@pytest.mark.parametrize(("name", "column"), [("sector_words.tsv", "phrase"),
                                              ("titles.tsv", "title")])
def test_sector_words_and_titles_are_lowercase_unique_and_coded(name: str, column: str) -> None:
    table = rows(name)
    phrases = [row[column] for row in table]
    assert not duplicates(phrases)
    assert [p for p in phrases if p != p.lower()] == []
    assert [row for row in table if row["sector"] not in SECTORS] == []


# --- office holders -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["office_holders.tsv", "built_office_holders.tsv"])
def test_office_holders_have_valid_codes_sectors_and_dates(name: str) -> None:
    for row in rows(name):
        code, sector = row["country"], row["sector"]
        assert code in INTERNATIONAL or is_state_code(code), row
        assert sector == "" if code in INTERNATIONAL else sector in SECTORS, row
        assert row["role"], row
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["start"]), row
        assert row["end"] == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", row["end"]), row
        assert day(row["start"]) < until(row), f"{row['name']}: start must come before end"


def test_terms_of_one_person_in_one_role_do_not_overlap() -> None:
    terms: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows("office_holders.tsv"):
        terms[row["name"], row["role"]].append(row)
    for (name, role), spans in terms.items():
        spans.sort(key=lambda r: r["start"])
        for earlier, later in zip(spans, spans[1:], strict=False):
            assert day(later["start"]) >= until(earlier), f"{name} ({role}) terms overlap"


def test_each_person_lists_the_same_aliases_in_every_row() -> None:
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows("office_holders.tsv"):
        aliases[row["name"]].add(row["aliases"])
    assert {name: sorted(v) for name, v in aliases.items() if len(v) > 1} == {}


def test_no_alias_is_shared_by_two_people_in_office_at_once() -> None:
    holders: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows("office_holders.tsv"):
        for key in {norm(row["name"]), *(norm(a) for a in split_list(row["aliases"]))}:
            holders[key].append(row)
    shared = []
    for key, terms in holders.items():
        for a in terms:
            for b in terms:
                if a["name"] < b["name"] and day(a["start"]) < until(b) \
                        and day(b["start"]) < until(a):
                    shared.append((key, a["name"], b["name"]))
    assert sorted(set(shared)) == []



def test_people_are_not_named_like_places_or_organizations() -> None:
    organizations = {norm(k) for r in rows("organizations.tsv")
                     for k in [r["name"], *split_list(r["aliases"])]}
    taken = set(place_keys()) | organizations
    people = {norm(k) for r in rows("office_holders.tsv")
              for k in [r["name"], *split_list(r["aliases"])]}
    assert sorted(people & taken) == []

@pytest.mark.parametrize("date", COVERAGE_DATES)
@pytest.mark.parametrize("country", G20_AND_P5)
def test_every_g20_and_p5_country_has_a_leader_on_each_date(country: str, date: str) -> None:
    leaders = [r for r in holders_on(date, country=country) if r["role"] in HEAD_ROLES]
    assert leaders, f"no head of state or government for {country} on {date}"


def test_people_marked_uncertain_are_in_the_file() -> None:
    text = data_path("office_holders.tsv").read_text(encoding="utf-8")
    listed = [name.strip() for line in text.splitlines() if line.startswith("# uncertain:")
              for name in line.removeprefix("# uncertain:").split(",")]
    names = {row["name"] for row in rows("office_holders.tsv")}
    assert listed and sorted(set(listed) - names) == []


# --- spot checks of well-known facts ------------------------------------------------------


def test_macron_is_frances_head_of_state_on_2025_03_20() -> None:
    heads = holders_on("2025-03-20", country="FRA", role="President")
    assert [(r["name"], r["sector"]) for r in heads] == [("Emmanuel Macron", "GOV")]


def test_blinken_is_secretary_of_state_on_2022_07_29() -> None:
    held = holders_on("2022-07-29", country="USA", role="Secretary of State")
    assert [r["name"] for r in held] == ["Antony Blinken"]
    assert "Blinken" in split_list(held[0]["aliases"])


def test_trump_holds_no_office_on_2022_06_01_but_does_in_2019_and_2025() -> None:
    assert holders_on("2022-06-01", name="Donald Trump") == []
    for date in ("2019-06-01", "2025-06-01"):
        assert [r["role"] for r in holders_on(date, name="Donald Trump")] == ["President"]


@pytest.mark.parametrize(("date", "name", "role", "sector"), [
    ("2022-03-01", "Volodymyr Zelensky", "President", "GOV"),
    ("2022-03-01", "Sergey Lavrov", "Foreign Minister", "GOV"),
    ("2010-06-01", "Joe Biden", "Vice President", "GOV"),
    ("2022-06-01", "Keir Starmer", "Leader of the Opposition", "OPP"),
    ("2025-06-01", "Keir Starmer", "Prime Minister", "GOV"),
    ("2021-06-01", "António Guterres", "Secretary-General", ""),
    ("2020-01-01", "Jens Stoltenberg", "Secretary General of NATO", ""),
])
def test_people_hold_the_office_they_held(date: str, name: str, role: str, sector: str) -> None:
    assert [(r["role"], r["sector"]) for r in holders_on(date, name=name)
            if r["role"] == role] == [(role, sector)]


def test_ambiguous_short_names_are_not_aliases() -> None:
    aliases = {norm(a) for r in rows("office_holders.tsv") for a in split_list(r["aliases"])}
    assert {"kim", "lee", "li", "wang", "singh", "khan", "castro", "harris"} & aliases == set()


@pytest.mark.parametrize(("key", "country"), [
    ("the Kremlin", "RUS"), ("Washington", "USA"), ("Kiev", "UKR"), ("Emirati", "ARE"),
    ("Congolese", "COD"), ("Burma", "MMR"), ("Türkiye", "TUR"), ("Holy See", "VAT"),
    ("Puerto Rico", "USA"), ("Greenland", "DNK"), ("Donetsk People's Republic", "UKR"),
    ("Gaza Strip", "PSE"), ("DPRK", "PRK"), ("Korea", "KOR"), ("Côte d’Ivoire", "CIV"),
])
def test_place_words_resolve_to_their_country(key: str, country: str) -> None:
    assert place_keys()[norm(key)] == {country}


def test_breakaway_entities_are_pre() -> None:
    sectors = {r["name"]: r["sector"] for r in rows("dependencies.tsv")}
    assert sectors["Donetsk People's Republic"] == "PRE"
    assert sectors["Transnistria"] == "PRE"
    assert sectors["Puerto Rico"] == ""


@pytest.mark.parametrize(("alias", "country", "sector"), [
    ("NATO", "IGO", ""), ("IAEA", "IGO", ""), ("EU", "EUR", ""), ("Pentagon", "USA", "MIL"),
    ("Houthis", "YEM", "REB"), ("ISIS", "IMG", ""), ("KCNA", "PRK", "JRN"),
    ("Doctors Without Borders", "NGO", ""), ("Thames Valley Police", "GBR", "COP"),
])
def test_organizations_resolve_to_their_code(alias: str, country: str, sector: str) -> None:
    found = [(r["country"], r["sector"]) for r in rows("organizations.tsv")
             if norm(alias) in {norm(r["name"]), *(norm(a) for a in split_list(r["aliases"]))}]
    assert found == [(country, sector)]


# --- the built files (python -m detente.knowledge.build) ---------------------------------

from knowledge_gaps import KNOWN_GAPS  # noqa: E402

END_OF_KNOWLEDGE = "2026-11-24"


def people_rows() -> list[dict[str, str]]:
    """Hand rows and built rows of people, as the loader merges them."""
    return rows("office_holders.tsv") + rows("built_office_holders.tsv")


@pytest.mark.parametrize("name", ["built_office_holders.tsv", "built_heads.tsv",
                                  "built_organizations.tsv", "built_sector_words.tsv",
                                  "built_titles.tsv"])
def test_every_built_row_names_its_source(name: str) -> None:
    assert {row["source"] for row in rows(name)} <= SOURCES | {"hand"}


def test_hand_people_keep_their_aliases_and_their_recent_rows() -> None:
    """A built row of a hand person adds an older term only: no aliases, and it ends
    before the person's hand rows begin."""
    first = {}
    for row in rows("office_holders.tsv"):
        first[row["name"]] = min(first.get(row["name"], row["start"]), row["start"])
    for row in rows("built_office_holders.tsv"):
        if row["name"] in first:
            assert row["aliases"] == "", row
            assert row["end"] and row["end"] <= first[row["name"]], row


def test_no_person_holds_one_role_twice_at_once() -> None:
    terms: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in people_rows():
        terms[row["name"], row["country"], row["role"]].append(row)
    for (name, _, role), spans in terms.items():
        spans.sort(key=lambda r: r["start"])
        for earlier, later in zip(spans, spans[1:], strict=False):
            assert day(later["start"]) >= until(earlier), f"{name} ({role}) terms overlap"


def test_no_alias_names_two_people_on_one_date_without_a_rule() -> None:
    """An alias two people share while both hold office is decided by the article's
    country (Knowledge.on_date), so the two must be of different countries; one two people
    share in one country at once would name neither, and the build leaves it out."""
    holders: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for row in people_rows():
        for key in {norm(row["name"]), *(norm(a) for a in split_list(row["aliases"]))}:
            holders[key][row["name"]].append(row)
    clashes = []
    for key, people in holders.items():
        names = sorted(people)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                for ra in people[a]:
                    for rb in people[b]:
                        if ra["country"] == rb["country"] and day(ra["start"]) < until(rb) \
                                and day(rb["start"]) < until(ra):
                            clashes.append((key, a, b))
    assert sorted(set(clashes)) == []


def test_built_people_are_not_named_like_places_or_organizations() -> None:
    organizations = {norm(k) for name in ("organizations.tsv", "built_organizations.tsv")
                     for r in rows(name) for k in [r["name"], *split_list(r["aliases"])]}
    taken = set(place_keys()) | organizations
    people = {norm(k) for r in rows("built_office_holders.tsv")
              for k in [r["name"], *split_list(r["aliases"])]}
    assert sorted(people & taken) == []


def test_heads_have_valid_codes_offices_and_dates() -> None:
    names = {r["name"] for r in people_rows()}
    for row in rows("built_heads.tsv"):
        assert is_state_code(row["country"]) and row["country"] not in INTERNATIONAL, row
        assert row["office"] in ("state", "government"), row
        assert row["name"] in names, f"{row['name']}: a head who is nobody's row"
        assert day(row["start"]) < until(row), row


# Offices that several people hold at once.
SHARED_OFFICES = {("SMR", "state"), ("AND", "state"), ("BIH", "state"), ("CHE", "state"),
                  ("CHE", "government")}


def test_no_two_heads_of_one_office_at_once() -> None:
    spans: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows("built_heads.tsv"):
        spans[row["country"], row["office"]].append(row)
    overlapping = []
    for office, held in spans.items():
        if office in SHARED_OFFICES:
            continue
        held.sort(key=lambda r: r["start"])
        for i, earlier in enumerate(held):
            for later in held[i + 1:]:
                acting = "acting" in (earlier["role"] + later["role"]).lower()
                if day(later["start"]) < until(earlier) and not acting and \
                        earlier["name"] != later["name"]:
                    overlapping.append((*office, earlier["name"], later["name"]))
    # an acting holder may stand in for a suspended one (the hand rows list both)
    assert overlapping == []


def heads_gaps(country: str, office: str, since: str = "2000-01-01",
               upto: str = END_OF_KNOWLEDGE) -> list[tuple[str, str]]:
    spans = sorted((r["start"], r["end"] or "9999-12-31") for r in rows("built_heads.tsv")
                   if r["country"] == country and r["office"] == office)
    gaps, covered = [], since
    for start, end in spans:
        if start > covered:
            gaps.append((covered, min(start, upto)))
        covered = max(covered, end)
    if covered < upto:
        gaps.append((covered, upto))
    return [(a, b) for a, b in gaps if a < b and a < upto]


@pytest.mark.parametrize("office", ["state", "government"])
def test_every_un_member_has_a_head_on_every_date_from_2000(office: str) -> None:
    """Every UN member has a head of state and a head of government on every date from
    2000-01-01 to the end of the knowledge, except where the sources leave a gap
    (tests/knowledge_gaps.py says which and why)."""
    unexplained = {}
    for country in sorted(UN_MEMBERS):
        gaps = heads_gaps(country, office)
        known = KNOWN_GAPS.get((country, office), ())
        extra = [g for g in gaps if not any(k[0] <= g[0] and g[1] <= k[1] for k in known)]
        if extra:
            unexplained[country] = extra
    assert unexplained == {}


def test_from_2015_every_un_member_has_both_heads_but_for_vacancies() -> None:
    """From the Factbook's first snapshot on, the gaps left are short vacancies."""
    long_gaps = {(c, o, a, b) for c in UN_MEMBERS for o in ("state", "government")
                 for a, b in heads_gaps(c, o, since="2016-01-01")
                 if (day(b) - day(a)).days > 400}
    assert sorted(long_gaps) == []


def test_the_known_gaps_are_still_gaps() -> None:
    """A gap closed (by a hand row or a better build) leaves knowledge_gaps.py."""
    closed = [(c, o, g) for (c, o), gaps in KNOWN_GAPS.items() for g in gaps
              if not any(a <= g[0] and g[1] <= b or (a < g[1] and g[0] < b)
                         for a, b in heads_gaps(c, o))]
    assert closed == []


def test_built_organizations_have_valid_codes_and_unique_names() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for name in ("organizations.tsv", "built_organizations.tsv"):
        for row in rows(name):
            code, sector = row["country"], row["sector"]
            assert code in INTERNATIONAL or is_state_code(code), row
            if name.startswith("built"):
                assert (sector == "") if code in INTERNATIONAL else sector in SECTORS, row
            for key in [row["name"], *split_list(row["aliases"])]:
                owners[norm(key).removeprefix("the ")].add(row["name"])
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}
    assert sorted(set(owners) & set(place_keys())) == []


def test_org_history_periods_are_valid_and_do_not_overlap() -> None:
    names = {r["name"] for n in ("organizations.tsv", "built_organizations.tsv") for r in rows(n)}
    periods: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows("org_history.tsv"):
        assert row["name"] in names, f"{row['name']}: no such organization"
        code, sector = row["country"], row["sector"]
        assert code in INTERNATIONAL or is_state_code(code), row
        assert sector == "" if code in INTERNATIONAL else sector in SECTORS, row
        for column in ("start", "end"):
            assert row[column] == "" or re.fullmatch(r"\d{4}-\d\d-\d\d", row[column]), row
        periods[row["name"]].append(row)
    for name, held in periods.items():
        held.sort(key=lambda r: r["start"])
        for earlier, later in zip(held, held[1:], strict=False):
            assert earlier["end"] and earlier["end"] <= later["start"], f"{name}: overlap"


@pytest.mark.parametrize(("name", "date", "code"), [
    ("Taliban", "2021-08-14", ("AFG", "REB")), ("Taliban", "2021-08-15", ("AFG", "GOV")),
    ("Chrysler", "2009-06-10", ("MNC", "", "Chrysler")),
    ("Chrysler", "2022-01-10", ("MNC", "", "Stellantis")),
    ("Sudan People's Liberation Army", "2004-01-10", ("SDN", "REB")),
    ("Sudan People's Liberation Army", "2016-07-10", ("SSD", "MIL")),
])
def test_org_history_gives_the_code_of_the_day(name: str, date: str, code: tuple) -> None:
    found = [r for r in rows("org_history.tsv") if r["name"] == name
             and (r["start"] or "0") <= date < (r["end"] or "9999")]
    assert len(found) == 1
    got = (found[0]["country"], found[0]["sector"], found[0]["as_name"])
    assert got[:len(code)] == code


def test_sector_words_and_titles_are_one_sector_each_across_files() -> None:
    seen: dict[str, str] = {}
    for name, column in (("sector_words.tsv", "phrase"), ("titles.tsv", "title"),
                         ("built_sector_words.tsv", "phrase"), ("built_titles.tsv", "title")):
        for row in rows(name):
            phrase = row[column]
            assert phrase == phrase.lower() and row["sector"] in SECTORS, row
            if name.startswith("built"):
                assert phrase not in seen, f"{phrase}: the hand files have it"
            seen.setdefault(phrase, row["sector"])


@pytest.mark.parametrize(("phrase", "sector"), [
    ("riot police", "COP"), ("insurgents", "REB"), ("militiamen", "REB"), ("navy", "MIL"),
    ("prosecutors", "JUD"),
])
def test_sector_nouns_of_the_agent_dictionary(phrase: str, sector: str) -> None:
    table = {r["phrase"]: r["sector"] for n in ("sector_words.tsv", "built_sector_words.tsv")
             for r in rows(n)} | {r["title"]: r["sector"]
                                  for n in ("titles.tsv", "built_titles.tsv") for r in rows(n)}
    assert table.get(phrase) == sector


def test_leaders_of_every_continent_hold_their_office() -> None:
    heads = rows("built_heads.tsv")

    def head(country: str, office: str, date: str) -> list[str]:
        return [r["name"] for r in heads if r["country"] == country and r["office"] == office
                and day(r["start"]) <= day(date) < until(r)]

    assert head("DEU", "state", "2019-06-01") == ["Frank-Walter Steinmeier"]
    assert head("SEN", "state", "2025-01-01") == ["Bassirou Diomaye Faye"]
    assert head("NLD", "government", "2015-06-01") == ["Mark Rutte"]
    assert head("USA", "government", "2022-06-01") == ["Joe Biden"]
    assert head("JPN", "state", "2018-06-01") == ["Akihito"] or head(
        "JPN", "state", "2018-06-01") == ["Emperor Akihito"]


def test_every_noun_trigger_is_a_lemma_the_parser_gives():
    # a NOUN row is matched on the token's lemma: a row for "congratulations" never matched
    # (spaCy's lemma is "congratulation"), so it must have a row for the lemma as well
    from detente.knowledge.tsv import read_tsv
    from detente.nlp import coder_pipeline

    nlp = coder_pipeline()
    rows = [r for _, r in read_tsv("triggers.tsv") if r["pos"] == "NOUN"]
    lemmas = {r["lemma"] for r in rows}
    unmatched = set()
    for row in rows:
        token = nlp(f"They discussed the {row['lemma']} yesterday.")[3]
        if token.lemma_.lower() not in lemmas:
            unmatched.add(row["lemma"])
    assert not unmatched
