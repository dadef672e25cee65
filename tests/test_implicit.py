"""The sides a sentence leaves unnamed (detente.implicit), on records built by hand."""

from detente.implicit import (
    concern_country,
    place_helped,
    place_visited,
    repressed_people,
    unidentified_doer,
)
from detente.records import Actor, Location

US = Actor("the Secretary", None, "USA", "GOV")
NAIROBI = Location("Nairobi", "KEN", -1.29, 36.82)
SHARED_NAME = Location("San Jose", "CRI", known=False)  # several countries have one


def test_a_visit_to_a_place_is_with_its_government_but_not_a_reporters():
    assert [(a.country, a.sector) for a in place_visited("CONSULT", "visit", [US], NAIROBI)] \
        == [("KEN", "GOV")]
    reporter = Actor("a reporter", None, "USA", "JRN")
    assert place_visited("CONSULT", "visit", [reporter], NAIROBI) == []
    assert place_visited("CONSULT", None, [US], NAIROBI) == []


def test_help_goes_to_the_country_of_a_place_known_for_sure():
    assert [a.country for a in place_helped("AID", [US], NAIROBI)] == ["KEN"]
    assert place_helped("AID", [US], SHARED_NAME) == []
    assert place_helped("AID", [Actor("Kenya", None, "KEN", None)], NAIROBI) == []


def test_an_agentless_arrest_is_by_police_of_where_it_happened():
    held = [Actor("two men", None, "UGA", "CVL")]
    (doer,) = unidentified_doer("COERCE", "verb:arrest/passive-no-agent/passive", held,
                                NAIROBI, "UGA")
    assert (doer.country, doer.sector) == ("KEN", "COP")
    assert unidentified_doer("CONSULT", "verb:meet/passive", held, NAIROBI, None) == []


def test_people_repressed_with_no_place_named_are_the_repressors_own():
    venezuela = [Actor("Venezuela", None, "VEN", None)]
    activists = [Actor("activists", None, "USA", "CVL", how="sector:activists article-country")]
    (moved,) = repressed_people("COERCE", venezuela, activists, None)
    assert moved.country == "VEN" and moved.how.endswith("repressor-country")
    assert repressed_people("COERCE", venezuela, activists, NAIROBI) == activists


def test_a_governments_concern_is_about_the_place_else_the_storys_country():
    assert [a.country for a in concern_country([US], NAIROBI, "ETH")] == ["KEN"]
    assert [a.country for a in concern_country([US], None, "ETH")] == ["ETH"]
    assert concern_country([US], None, "USA") == []  # its own country is no reproach
    company = [Actor("Boeing", None, "MNC", None)]
    assert concern_country(company, None, "ETH") == []
