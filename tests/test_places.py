"""Places: the gazetteer, names read whole, qualifiers, datelines, clause places and the
story's setting. Sentences are the project's own."""

import pytest

from detente.ingest import read_inputs
from detente.nlp import coder_pipeline
from detente.pipeline import process_batch
from detente.places import candidates, clause_place, dateline, key, locate, place_names


def country(name, prefer=None):
    found = locate(name, prefer)
    return found.country if found else None


@pytest.mark.parametrize("name, prefer, expected", [
    ("People's Republic of China", None, "CHN"),
    ("the People’s Republic of China", None, "CHN"),
    ("Bali, Indonesia", None, "IDN"),
    ("Bali", None, "IDN"),  # the province is larger than the towns called Bali
    ("Warsaw, Poland", None, "POL"),
    ("Atlanta, Georgia", None, "USA"),  # "City, State" decides
    ("Georgia", None, "GEO"),  # the country is the larger place
    ("Georgia", "USA", "USA"),  # unless the story is American
    ("Punjab", "PAK", "PAK"),
    ("Punjab", "IND", "IND"),
    ("Delaware", None, "USA"),
    ("Bavaria", None, "DEU"),  # English names from pycountry's catalogue
    ("Xinjiang", None, "CHN"),
    ("Paris", "USA", "FRA"),  # a small Paris at home loses to the big one abroad
    ("Victoria", "CAN", "CAN"),
    ("Kiev", None, "UKR"),
    ("Cox’s Bazar", None, "BGD"),
    ("South London", None, "GBR"),
    ("Miami-Dade County, Florida", None, "USA"),
    ("Kinshasa Park, Congo", None, "COD"),  # an unknown place in a known country
    ("Washington, D.C.", None, "USA"),
    ("the White House", None, "USA"),  # seats of government are where their capital is
    ("France, Germany", None, "FRA"),  # a list, not a place in Germany
])
def test_locate(name, prefer, expected):
    assert country(name, prefer) == expected


@pytest.mark.parametrize("name", ["March", "May", "Tuesday", "Summit", "Republic",
                                  "the Americas", "Middle East", "Summit of the Americas"])
def test_no_places(name):
    assert locate(name) is None


def test_small_places_count_in_their_story_and_coordinates_come_from_the_gazetteer():
    assert locate("Bucha") is None
    bucha = locate("Bucha", prefer="UKR")
    assert bucha.country == "UKR" and bucha.known and 50 < bucha.lat < 51
    assert locate("Bucha", small=True).known is False
    kyiv = locate("Kyiv")
    assert kyiv.lat == pytest.approx(50.45, abs=0.1) and kyiv.lon == pytest.approx(30.5, abs=0.2)


def test_key_folds_accents_apostrophes_and_spacy_possessives():
    assert key("People 's Republic") == key("People’s Republic") == "peoples republic"
    assert key("Brasília") == "brasilia" and key("the Hague") == "hague"
    assert candidates("Brasilia")[0].country == "BRA"


def parse(text):
    return coder_pipeline()(text)


def test_place_names_are_read_whole_with_their_qualifiers():
    doc = parse("The envoys met officials of the People's Republic of China in Lyon, France.")
    assert [p.text for p in place_names(doc)] == ["Lyon, France"]
    doc = parse("Leaders gathered at the Summit of the Americas in Lima.")
    names = [p.text for p in place_names(doc)]
    assert names == ["Summit of the Americas", "Lima"]


def test_clause_place_is_where_the_event_is_not_where_its_topic_is():
    doc = parse("She traveled to Nairobi to promote democracy in Somalia.")
    travel = next(t for t in doc if t.lemma_ == "travel")
    promote = next(t for t in doc if t.lemma_ == "promote")
    assert clause_place(doc, {travel.i}).country == "KEN"
    # "democracy in Somalia" is no venue; the purpose clause is where the trip went
    assert clause_place(doc, {promote.i}).country == "KEN"
    doc = parse("The secretary met the foreign minister in Bali, Indonesia, to discuss trade.")
    met = next(t for t in doc if t.lemma_ == "meet")
    minister = next(t for t in doc if t.text == "minister")
    assert clause_place(doc, {met.i}, {minister.i}).country == "IDN"
    doc = parse("Canada provided aid to Ukraine.")  # "to" names a recipient here
    assert clause_place(doc, {next(t for t in doc if t.lemma_ == "provide").i}) is None
    doc = parse("A reporter died in the city of Mosul after being shot.")
    shot = next(t for t in doc if t.text == "shot")
    assert clause_place(doc, {shot.i}).country == "IRQ"


@pytest.mark.parametrize("text, expected", [
    ("KYIV, Ukraine — Officials met on Monday.", "UKR"),
    ("WASHINGTON – The senator criticized the plan.", "USA"),
    ("BRASÍLIA, Brazil – The two presidents met.", "BRA"),
    ("Lima, Peru\n\nThe ministers met.", "PER"),
    ("NATO – the alliance met.", None),
    ("In March, the ministers met.", None),
])
def test_datelines(text, expected):
    found = dateline(text)
    assert (found.country if found else None) == expected


def code(tmp_path, text, date="2024-05-08"):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    (coded,) = process_batch(list(read_inputs([str(path)], date=date)))
    return coded.events


def test_a_readout_happens_where_the_meeting_was(tmp_path):
    events = code(tmp_path, (
        "French Foreign Minister Jean-Noël Barrot met with Kenyan President William Ruto in "
        "Nairobi on Monday. Barrot praised Kenya for its role in regional security."))
    assert events and all(e.location is not None and e.location.country == "KEN"
                          for e in events), [(e.type, e.location) for e in events]


def test_a_phone_call_happens_nowhere(tmp_path):
    events = code(tmp_path, (
        "German Chancellor Olaf Scholz met Polish Prime Minister Donald Tusk in Warsaw on "
        "Monday. On Tuesday, Scholz spoke by phone with Japanese Prime Minister Fumio "
        "Kishida."))
    calls = [e for e in events if e.mode == "phone"]
    assert calls and all(e.location is None for e in calls)


def test_the_gazetteer_is_built_once_and_kept_under_its_fingerprint(tmp_path, monkeypatch):
    from detente import places

    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path))
    places.gazetteer.cache_clear()
    try:
        built = places.gazetteer()
        (kept,) = tmp_path.glob("gazetteer-*.pickle")
        assert places._fingerprint() in kept.name
        places.gazetteer.cache_clear()
        assert places.gazetteer() == built  # read back from the file
    finally:
        places.gazetteer.cache_clear()
        places._places.cache_clear()


def test_a_place_named_by_an_object_s_of_is_where_an_attack_struck():
    # kind: "shelled the city of Kharkiv", "bombed the outskirts of Homs"
    from coding_helpers import code
    coded = code("Russian forces shelled the city of Kharkiv overnight.", source="Wikinews")
    (attack,) = [e for e in coded.events if e.type == "ASSAULT"]
    assert attack.location.country == "UKR" and [a.country for a in attack.target] == ["UKR"]
