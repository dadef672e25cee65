"""The knowledge build: source readers, code mapping, name casing, and a re-run that gives
the committed files byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import need_shared

from detente.knowledge import build, cameo
from detente.knowledge.names import fold, name_variants, proper_case
from detente.knowledge.sources import factbook, phoenix, reign
from detente.knowledge.tsv import data_path

# --- the build re-run ---------------------------------------------------------------------


def test_rerunning_the_build_gives_the_committed_files(tmp_path: Path) -> None:
    sources = need_shared("knowledge-sources")
    assert build.main(["--sources", str(sources), "--out", str(tmp_path)]) == 0
    for name in build.HEADERS:
        fresh = (tmp_path / name).read_bytes()
        assert fresh == data_path(name).read_bytes(), f"{name} differs: re-run the build"


def test_the_build_says_which_folder_is_wrong(tmp_path: Path, capsys) -> None:
    assert build.main(["--sources", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "not a knowledge-sources folder" in capsys.readouterr().err


# --- CAMEO codes --------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "expected"), [
    ("USAGOV", ("USA", "GOV")), ("RUSMIL", ("RUS", "MIL")), ("AFGGOVAGR", ("AFG", "GOV")),
    ("FRAGOVMIL", ("FRA", "GOV")),  # a defence minister is the executive
    ("USAMED", ("USA", "JRN")),  # CAMEO's media are the codebook's journalists
    ("GBRHLH", ("GBR", "MED")),  # CAMEO's health is the codebook's MED
    ("COLUAF", ("COL", "REB")), ("IRQINS", ("IRQ", "REB")), ("ESPSEP", ("ESP", "REB")),
    ("IRQMODREB", ("IRQ", "REB")),  # a modifier decides nothing; the next role does
    ("EGYMUS", ("EGY", "REL")), ("ZAFLAB", ("ZAF", "CVL")), ("KSVGOV", ("KOS", "GOV")),
    ("IGOUNOREFHCR", ("UNO", None)), ("IGOUNO", ("UNO", None)), ("IGOEUREEC", ("EUR", None)),
    ("IGOWSTBUS", ("IGO", None)), ("NGOUSAHRI", ("NGO", None)), ("MNCUSA", ("MNC", None)),
    ("IMGMUSALQ", ("IMG", None)), ("CAFGOV", ("CAF", "GOV")), ("NAMMIL", ("NAM", "MIL")),
])
def test_cameo_codes_map_to_codebook_codes(code: str, expected) -> None:
    assert cameo.to_codebook(code) == expected


def test_codes_that_name_no_country_map_to_nothing() -> None:
    assert cameo.to_codebook("---") is None
    assert cameo.to_codebook("AFRGOV") is None  # a region
    assert cameo.to_codebook("KKLREB") is None
    assert cameo.to_codebook("ELI", default_country="FRA") == ("FRA", "ELI")


def test_every_cameo_role_maps_to_a_codebook_sector_or_to_none() -> None:
    from detente.codebook import SECTORS

    assert {s for s in cameo.ROLE_SECTORS.values() if s} <= SECTORS


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(("caps", "proper"), [
    ("Recep Tayyip ERDOGAN", "Recep Tayyip Erdogan"),
    ("Ursula VON DER LEYEN", "Ursula von der Leyen"),
    ("TAMIM bin Hamad Al Thani", "Tamim bin Hamad Al Thani"),
    ("Bashar AL-ASAD", "Bashar al-Asad"),
    ("Kevin MCCARTHY", "Kevin McCarthy"),
    ("Ramsay MACDONALD", "Ramsay MacDonald"),
    ("Emmanuel MACRON", "Emmanuel Macron"),  # not "MacRon"
    ("Riek MACHAR", "Riek Machar"),
    ("Queen ELIZABETH II", "Queen Elizabeth II"),
    ("CARL XVI GUSTAF", "Carl XVI Gustaf"),
    ("XI Jinping", "Xi Jinping"),  # a surname, not a numeral
    ("Elio DI RUPO", "Elio di Rupo"),
    ("Martin O'NEILL", "Martin O'Neill"),
    ("Valery GISCARD D'ESTAING", "Valery Giscard d'Estaing"),
    ("Dileeni Daniel-SELVARATNAM", "Dileeni Daniel-Selvaratnam"),
])
def test_names_in_capitals_get_proper_case(caps: str, proper: str) -> None:
    assert proper_case(caps) == proper


def test_folding_makes_spellings_meet() -> None:
    assert fold("Recep Tayyip Erdoğan") == fold("RECEP TAYYIP ERDOGAN") == "recep tayyip erdogan"
    assert fold("Kim Jong-un") == "kim jong un"


def test_name_variants_add_ascii_and_particle_forms() -> None:
    assert name_variants("Recep Tayyip Erdoğan") == ["Recep Tayyip Erdoğan",
                                                      "Recep Tayyip Erdogan"]
    assert "Alexander De Croo" in name_variants("Alexander de Croo")


def test_name_variants_add_other_transliterations_of_a_given_name() -> None:
    # kind: one Arabic given name spelled several ways in English news
    assert {"Mohammed bin Salman", "Muhammad bin Salman"} <= set(
        name_variants("Mohamed bin Salman"))
    assert "Abdul Fattah el-Sisi" in name_variants("Abdel Fattah el-Sisi")
    assert name_variants("Khalid") == ["Khalid"]  # one word alone: too common to respell


def test_transliteration_classes_are_disjoint() -> None:
    from detente.knowledge.names import transliterations

    spelled = transliterations()
    for word, others in spelled.items():
        assert word not in others and all(word in spelled[o] for o in others), word


# --- source readers, on made-up lines in each source's format ------------------------------


def test_phoenix_actor_entries_codes_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text("\n".join([
        "# a comment",
        "RUTHENIA_  [RTH]",
        "+RUTHENIAN_",
        "JANE_Q_PUBLIC_  # CountryInfo.txt",
        "+PUBLIC_",
        "+PRIME_MINISTER_JANE_PUBLIC",
        "\t[FRAELI 600101-991231]",
        "\t[FRAGOV 000101-050630]",
        "\t[FRAGOV >20070101]",
        "\t[FRAELI]",
        "KOFI_DOE_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt",
        "SOME_COMPANY_\t[MNCUSA]\tBanks $1,000",
    ]), encoding="utf-8")
    entries = phoenix.read_actors(path)
    assert [e.phrase for e in entries] == ["RUTHENIA", "JANE Q PUBLIC", "KOFI DOE",
                                           "SOME COMPANY"]
    jane = entries[1]
    assert jane.synonyms == ["PUBLIC", "PRIME MINISTER JANE PUBLIC"]
    assert [(c.code, c.start, c.end) for c in jane.codes] == [
        ("FRAELI", "1960-01-01", "1999-12-31"), ("FRAGOV", "2000-01-01", "2005-06-30"),
        ("FRAGOV", "2007-01-01", None), ("FRAELI", None, None)]
    assert [c.code for c in entries[2].codes] == ["IGOUNO", "ELI"]


def test_phoenix_agents_expand_macros_and_plurals(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text("!PERSON! = MAN, MEN, WOMAN\nRIOT_POLICE {} [~COP]\n"
                    "FISHER!PERSON! [~AGR]\nTHIEF {THIEVES} [~CRM]\n", encoding="utf-8")
    nouns = phoenix.read_agents(path)
    assert [(n.phrase, n.code) for n in nouns] == [
        ("riot police", "COP"), ("fisherman", "AGR"), ("fishermen", "AGR"),
        ("fisherwoman", "AGR"), ("thief", "CRM")]
    assert nouns[-1].plural == "thieves"


def test_factbook_holders_titles_names_and_since_dates() -> None:
    [h] = factbook.holders("President Jane Q. DOE (chief of state since 28 August 2014; head "
                           "of government since 9 July 2018); Vice President John ROE "
                           "(since 9 July 2018); note - the president is both", "government")
    assert (h.title, h.name, h.short, h.since) == ("President", "Jane Q. Doe", "Doe",
                                                   "2018-07-09")
    [h] = factbook.holders("Prime Minister Alexandra DE VRIES (since 1 October 2020)",
                           "government")
    assert (h.name, h.short) == ("Alexandra de Vries", "de Vries")
    pair = factbook.holders("co-chiefs of state Captain Regent Ana BIANCHI and Captain Marco "
                            "NERI (for the period 1 October 2022 - 1 April 2023)", "state")
    assert [(p.name, p.since) for p in pair] == [("Ana Bianchi", "2022-10-01"),
                                                ("Marco Neri", "2022-10-01")]
    [h] = factbook.holders("King BOROMIR (since 6 February 1952), also spelled BOROMEER",
                           "state")
    assert h.name == "Boromir"


def test_factbook_timelines_end_a_term_when_the_successor_starts() -> None:
    def snap(date: str, text: str) -> factbook.Snapshot:
        return factbook.Snapshot(date, "RTH", factbook.holders(text, "state"), ())

    terms = factbook.timelines([
        snap("2015-10-01", "President Ann ONE (since 1 May 2010)"),
        snap("2018-03-01", "President Ann ONE (since 1 May 2010)"),
        snap("2019-02-01", "President Bob TWO (since 20 January 2019)"),
    ])
    assert [(t.holder.name, t.start, t.end) for t in terms] == [
        ("Ann One", "2010-05-01", "2019-01-20"), ("Bob Two", "2019-01-20", None)]


def test_reign_leaders_get_iso_codes_and_end_days(tmp_path: Path) -> None:
    path = tmp_path / "leaders.csv"
    header = ("stateabb,ccode,leadid,leader,sdate,smonth,syear,emonth,eyear,birthyear,gender,"
              "militarycareer,l_month,l_year,,,codedby,notes\n")
    path.write_text(header + "FRN,220,x1,Ann One,12,4,2001,5,2006,,,,,,,,,\n"
                    "FRN,220,x2,Bob Two,16,5,2006,,,,,,,,,,,\n", encoding="utf-8")
    leaders = reign.read_leaders(path)
    assert [(x.iso3, x.name, x.start, x.end) for x in leaders] == [
        ("FRA", "Ann One", "2001-04-12", "2006-05-16"), ("FRA", "Bob Two", "2006-05-16", None)]


def test_cow_codes_are_iso_codes_of_states() -> None:
    import pycountry

    for code in reign.COW_TO_ISO3.values():
        assert code == "KOS" or pycountry.countries.get(alpha_3=code), code


def test_plurals_of_agent_nouns() -> None:
    assert [build.plural(w) for w in ("militiaman", "spokesperson", "navy", "witness",
                                      "riot policeman")] == [
        "militiamen", "spokespeople", "navies", "witnesses", "riot policemen"]
