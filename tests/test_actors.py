"""Actor resolution (CODEBOOK s. 3), through the same path as ``detente resolve``."""

import pytest

from detente.actors import resolve_phrase


@pytest.mark.parametrize(("text", "date", "country", "sector"), [
    ("French President Emmanuel Macron", None, "FRA", "GOV"),
    ("Secretary of State Marco Rubio", "2025-03-20", "USA", "GOV"),
    ("Ukrainian President Volodymyr Zelensky", "2025-03-20", "UKR", "GOV"),
    ("the Kremlin", None, "RUS", "GOV"),
    ("Washington", None, "USA", "GOV"),
    ("the Élysée", None, "FRA", "GOV"),
    ("NATO", None, "IGO", None),
    ("the UN Security Council", None, "UNO", None),
    ("the European Commission", None, "EUR", None),
    ("Russian troops", None, "RUS", "MIL"),
    ("Iraqi police", None, "IRQ", "COP"),
    ("Kenyan lawmakers", None, "KEN", "LEG"),
    ("the Cambodian people", None, "KHM", "CVL"),
    ("Puerto Rico", None, "USA", None),
    ("the Donetsk People's Republic", None, "UKR", "PRE"),
    ("Justin Trudeau, Prime Minister of Canada", "2021-08-03", "CAN", "GOV"),
])
def test_phrases_resolve_to_country_and_sector(text, date, country, sector):
    actor = resolve_phrase(text, date=date)
    assert actor is not None, text
    assert (actor.country, actor.sector) == (country, sector), (text, actor)


def test_people_are_coded_by_their_role_on_the_date():
    assert resolve_phrase("Trump", date="2019-05-01").sector == "GOV"
    assert resolve_phrase("Trump", date="2022-06-01").sector == "ELI"
    assert resolve_phrase("Trump", date="2025-02-01").sector == "GOV"


def test_later_mentions_resolve_to_the_actor_already_introduced():
    actor = resolve_phrase("the president", date="2021-07-19",
                           context="President Joe Biden met King Abdullah II of Jordan.")
    assert (actor.country, actor.sector) == ("USA", "GOV")
    actor = resolve_phrase("Kuleba", date="2022-07-29",
                           context="Ukrainian Foreign Minister Dmytro Kuleba spoke.")
    assert (actor.country, actor.sector, actor.name) == ("UKR", "GOV", "Dmytro Kuleba")


def test_regions_are_not_actors():
    for text in ("the West", "Latin America", "the international community"):
        actor = resolve_phrase(text)
        assert actor is None or actor.country is None, (text, actor)


def test_a_surname_after_another_given_name_and_a_particle_is_someone_else():
    # kind: "Ahmed bin Mubarak" is not Hosni Mubarak: the given name before "bin" (al, de,
    # van ...) is checked as it is when it comes straight before the surname
    from detente.clean import clean
    from detente.pipeline import _coder
    from detente.records import RawDocument

    text = "Yemeni Foreign Minister Ahmed bin Mubarak met the Kenyan envoy in Aden."
    article = clean(RawDocument(id="t", text=text, where="test", date="2022-04-08"))
    coded = _coder().code(article)
    (yemeni,) = [a for a in coded.actors if a.country == "YEM"]
    assert yemeni.sector == "GOV" and yemeni.name != "Hosni Mubarak"


def test_a_full_name_after_an_honorific_alias_is_one_person():
    # kind: "Sheikh <given> bin <father> <family>", where the alias "Sheikh <given> bin
    # <father>" matches first and the family name would be left over as someone else;
    # and a given name spelled another way ("Mohammed" for "Mohamed")
    for phrase in ("Sheikh Mohammed bin Zayed Al Nahyan", "Mohammed bin Zayed"):
        actor = resolve_phrase(phrase, "2022-06-01")
        assert (actor.country, actor.sector, actor.name) == (
            "ARE", "GOV", "Mohamed bin Zayed Al Nahyan"), phrase


def test_a_title_and_a_surname_name_the_one_such_office_holder_then():
    # kind: "Prime Minister <surname>", "Vice President <surname>" where the knowledge has
    # no surname alias: the one person of that surname who held such an office that day
    assert resolve_phrase("Prime Minister Morrison", "2021-06-12").name == "Scott Morrison"
    rice = resolve_phrase("Secretary Rice", "2006-06-12")
    assert (rice.country, rice.name) == ("USA", "Condoleezza Rice")
    assert resolve_phrase("Secretary Rice", "2021-06-12").name == "Rice"  # no one then


def test_people_listed_by_apposition_are_each_a_party():
    # kind: "Prime Minister A, President B and Chancellor C met ...": the parser hangs B on
    # A as an apposition, which must not make A and B one person
    from detente.clean import clean
    from detente.pipeline import _coder
    from detente.records import RawDocument

    text = ("Prime Minister Kishida, President Biden and Chancellor Scholz met on the "
            "margins of the summit in Madrid.")
    article = clean(RawDocument(id="t", text=text, where="test", date="2022-06-28"))
    coded = _coder().code(article)
    (meeting,) = [e for e in coded.events if e.type == "CONSULT"]
    assert sorted(a.country for a in [*meeting.source, *meeting.target]) == [
        "DEU", "JPN", "USA"]


def test_a_things_name_in_a_release_is_not_the_publishers_person():
    # kind: an unknown capitalized chain in a government's own release is taken for one
    # of its people ("Jane Okafor" in a State Department text is American), unless it ends
    # in a common noun and so names a thing: "the Marimba Wharf", "the Unity Order"
    from detente.clean import clean
    from detente.pipeline import _coder
    from detente.records import RawDocument

    text = ("Secretary Blinken will honor Jane Okafor for her service. She will also visit "
            "the Marimba Wharf in Brazil.")
    article = clean(RawDocument(id="t", text=text, where="test", date="2022-06-28",
                                source="U.S. Department of State"))
    coded = _coder().code(article)
    countries = {a.text: a.country for a in coded.actors}
    assert countries.get("Jane Okafor") == "USA"
    assert countries.get("the Marimba Wharf") in (None, "BRA")


def test_refugees_take_the_country_they_fled_not_the_one_they_are_in():
    # kind: "refugees in Chad", "hosting refugees": a refugee's country is the one the text
    # says they came from ("Sudanese refugees"), never by default the story's
    from detente.clean import clean
    from detente.pipeline import _coder
    from detente.records import RawDocument

    text = ("Chad is hosting refugees in camps near Abeche. Police in Chad arrested "
            "Sudanese refugees on Monday.")
    article = clean(RawDocument(id="t", text=text, where="test", date="2023-06-05"))
    coded = _coder().code(article)
    found = {(a.text, a.country) for a in coded.actors if a.sector == "REF"}
    assert ("Sudanese refugees", "SDN") in found
    assert not any(country == "TCD" for _, country in found)


def test_an_honorific_and_the_given_name_spelled_another_way_is_the_person_named_before():
    # kind: "Sheikh Mohammed" after "Mohamed bin Zayed": Arabic given names have several
    # English spellings, and the short form is honorific plus given name
    from coding_helpers import code
    coded = code("President Biden spoke with UAE President Mohamed bin Zayed on Monday. Mr. "
                 "Biden later praised Sheikh Mohammed for his leadership.",
                 source="The White House", date="2022-05-16")
    (cheer,) = [e for e in coded.events if e.type == "SUPPORT"]
    assert [(a.country, a.name) for a in cheer.target] == [("ARE", "Mohamed bin Zayed Al Nahyan")]


def test_the_publishers_own_title_as_a_subject_is_its_own_office_holder():
    # kind: "President Biden met President X. The President underscored ...": in the White
    # House's own release the President who acts is the U.S. one, though a foreign
    # president was named last; a name written without its accents is the same person
    from coding_helpers import code
    coded = code("President Biden met President Alberto Fernandez of Argentina on Monday. The "
                 "President invited President Fernandez to visit Washington in July.",
                 source="The White House", date="2022-06-02")
    (invite,) = [e for e in coded.events if e.type == "AGREE"]
    assert [a.country for a in invite.source] == ["USA"]
    assert [a.country for a in invite.target] == ["ARG"]


def test_states_alone_are_sovereign_states_and_a_city_after_in_is_no_person():
    # kinds: "the efforts of States in our region", "Member States" (not "the States",
    # America); "met in Los Angeles" (a city the entity recognizer may take for a name)
    from coding_helpers import code
    coded = code("We, the leaders of Chile, Peru and Mexico, met in Los Angeles. We commend "
                 "the efforts of States in our region in hosting refugees.",
                 source="The White House", date="2022-06-10")
    assert all("USA" not in {a.country for a in (*e.source, *e.target)} for e in coded.events)
    assert resolve_phrase("She moved to the States in 1990.").country == "USA"


def test_an_apposition_takes_no_country_from_a_clause_inside_it():
    # kind: "spoke with X, the brother of Y who is held in Iran": the clause says where Y
    # is held, not whose national X is
    from coding_helpers import code
    coded = code("President Biden spoke today with Maria Lopez, the sister of Ana Lopez who "
                 "is wrongfully detained in Venezuela.", source="The White House",
                 date="2022-07-08")
    (call,) = [e for e in coded.events if e.type == "CONSULT"]
    assert [a.country for a in call.target] == ["USA"]


def test_a_title_then_a_name_in_apposition_is_one_person_who_is_named_later():
    # kind: "the Assistant Secretary for Energy, Dr. Jane Doe, met ... Doe urged ...": the
    # apposition names the titled official, so the later surname is theirs; "Assistant to
    # the President" is a government title
    from coding_helpers import code
    coded = code("Last week the Assistant to the President for Trade, Dr. Mary Kowalski, met "
                 "Kenyan Foreign Minister Alfred Mutua in Nairobi. Kowalski urged Mutua to hold "
                 "free elections.", source="The White House", date="2022-05-01")
    (ask,) = [e for e in coded.events if e.type == "REQUEST"]
    assert [(a.country, a.sector, a.name) for a in ask.source] == [
        ("USA", "GOV", "Mary Kowalski")]


def test_a_possessive_after_a_titled_subject_is_that_official():
    # kind: "President X met President Y. The President restated his pledge to ...":
    # "his" is the titled subject of its own sentence, not the last person named before
    from coding_helpers import code
    coded = code("President Biden met President Gitanas Nauseda of Lithuania. The President "
                 "restated his pledge to back Lithuania.", source="The White House",
                 date="2022-06-29")
    (backing,) = [e for e in coded.events if e.type == "SUPPORT"]
    assert [a.country for a in backing.source] == ["USA"]


def test_a_ministry_named_without_its_country_is_the_story_countrys():
    # kinds: "the Foreign Ministry said", "the Ministry of Health urged": a ministry with no
    # country of its own, in a story about one country, is that country's, as "the
    # government" is; in a government's own release it is still the foreign country's
    from coding_helpers import code, of_type
    coded = code("Floods cut roads across northern Peru on Monday. The Foreign Ministry "
                 "called on travellers to stay home. The Ministry of Health urged residents "
                 "to boil water.", source="U.S. Department of State", date="2022-02-01")
    assert sorted((e.source[0].country, e.source[0].sector) for e in of_type(
        coded, "REQUEST")) == [("PER", "GOV"), ("PER", "GOV")]


def test_a_surname_with_an_arabic_article_is_a_name_on_its_own():
    # kind: "al-Masri, a Jordanian citizen, ... Al-Masri met": a hyphenated article and
    # surname is a person's name, met later by the same name, not the publisher's person
    from coding_helpers import code, of_type
    coded = code("Officials in Amman said al-Masri, a Jordanian citizen, was detained in "
                 "March. Al-Masri met with Egyptian officials in Cairo.",
                 source="U.S. Department of State", date="2022-05-01")
    assert [(e.source[0].country, e.target[0].country) for e in of_type(
        coded, "CONSULT")] == [("JOR", "EGY")]


def test_a_country_adjective_before_a_named_service_and_its_vehicles_is_one_actor():
    # kind: "Russian Air Force jets", "French Navy helicopters": the parser hangs the
    # adjective on the last noun, past the service it qualifies; the service is still that
    # country's, not the story's
    from coding_helpers import code
    coded = code("Floods hit Nepal on Monday. French Navy helicopters dropped food into the "
                 "flooded towns. Russian Air Force jets bombed rebel positions in Syria.",
                 source="Wikinews")
    assert sorted((a.text, a.country, a.sector) for a in coded.actors
                  if a.sector == "MIL") == [("French Navy", "FRA", "MIL"),
                                            ("Russian Air Force", "RUS", "MIL")]


def test_a_named_official_without_a_country_belongs_where_the_sentence_opens():
    # kind: "In Oman, the envoy met with Minister of Energy X and Minister of Trade Y": a
    # tour's paragraph puts its unplaced officials in the country it opens with, not in
    # the first country of the story, nor in a city the meeting is held in
    from coding_helpers import code
    coded = code("The Special Envoy visited Qatar and Oman this week. In Oman, the Special "
                 "Envoy met with Minister of Energy Salim Rashidi and Minister of Trade Qais "
                 "Hinai.", source="U.S. Department of State", date="2022-03-01")
    met = [e for e in coded.events if e.type == "CONSULT" and "Rashidi" in e.evidence.text]
    assert {a.country for e in met for a in e.target} == {"OMN"}


def test_a_country_in_a_title_s_brief_before_the_name_is_no_nationality():
    # kinds: "Special Representative for Sudan Lena Holt", "UN Special Envoy for Libya
    # X": the parser makes the country a modifier of the name; it is still the brief
    from coding_helpers import STATE, code
    coded = code("Special Envoy for Sudan Lena Holt met with Egyptian officials in Cairo.",
                 source=STATE, date="2022-05-01")
    (meeting,) = [e for e in coded.events if e.type == "CONSULT"]
    assert [(a.country, a.sector) for a in meeting.source] == [("USA", "GOV")]


def test_a_date_before_the_subject_without_a_comma_keeps_the_subject():
    # kind: "On April 5 Special Envoy X met with Y": the parser reads the title and name
    # as the date's object; they are still who met
    from coding_helpers import STATE, code
    coded = code("On April 5 Special Representative for Sudan Lena Holt met with Egyptian "
                 "Foreign Minister Karim Nassar in Cairo.", source=STATE, date="2022-04-08")
    assert [(e.source[0].country, e.target[0].country) for e in coded.events
            if e.type == "CONSULT"] == [("USA", "EGY")]


def test_a_domestic_body_in_a_release_about_no_other_country_is_the_publishers():
    # kinds: "I urge the Senate to act", "I thank the workers": in a government's own
    # release that names no other country, its unnamed legislators, workers or companies
    # are its own; armed forces are left alone (a release may speak of anyone's)
    from coding_helpers import WH, code
    coded = code("I urge the Senate to pass the bill quickly. I thank the nurses who kept "
                 "working.", source=WH)
    assert [(e.type, [(a.country, a.sector) for a in e.target]) for e in coded.events
            if e.type == "REQUEST"] == [("REQUEST", [("USA", "LEG")])]


def test_the_kingdom_is_the_monarchy_the_story_spoke_of_not_the_publisher():
    # kind: "the Houthi attacks against the Kingdom", "support for the Kingdom and its
    # people" in a republic's release about a monarchy
    from coding_helpers import STATE, code
    coded = code("Secretary Blinken met with Jordanian Foreign Minister Safadi. The Secretary "
                 "pledged continued support for the Kingdom and its people.", source=STATE,
                 date="2022-05-01")
    assert [a.country for a in coded.actors if a.text == "the Kingdom"] == ["JOR"]


def test_a_possessive_pronoun_after_a_country_is_that_countrys():
    # kind: "hold Syria and its army accountable", "the regime and its security
    # services": "its" is the conjunct before it, not the place the sentence names
    from coding_helpers import STATE, code
    coded = code("The United States will hold Syria and its forces accountable for abuses "
                 "in Lebanon.", source=STATE)
    assert {a.country for e in coded.events for a in e.target} == {"SYR"}


def test_a_named_state_body_without_a_country_is_the_storys_countrys():
    # kinds: "backing for the Transitional Sovereignty Council", "urged the Sovereign
    # Council to ...": a body named as a state's own (council, commission, assembly) in a
    # story about a foreign country is that country's, as "the government" is
    from coding_helpers import STATE, code
    coded = code("Fighting continued in Sudan this week. The Secretary urged the Transitional "
                 "Leadership Council to restore civilian rule.", source=STATE,
                 date="2022-05-01")
    assert [(e.type, e.target[0].country) for e in coded.events if e.type == "REQUEST"] == [
        ("REQUEST", "SDN")]


def test_our_or_my_before_a_sector_noun_is_the_speakers():
    # kinds: "my Administration is imposing sanctions on X", "I urge my colleagues in
    # Congress", "we thank our service members": the speaker's own body, the publisher's
    # in its release, though the story is about another country; and addressed, it is a
    # target, not something the speaker acts on ("deployed its forces" is)
    from coding_helpers import WH, code
    coded = code("Protests continued across Cuba on Monday. Today, my Administration is "
                 "imposing new sanctions on the Cuban regime. I thank our service members.",
                 source=WH, date="2021-07-22")
    assert [(a.text, a.country, a.sector) for a in coded.actors
            if a.text.lower().startswith(("my ", "our "))] == [
        ("my Administration", "USA", "GOV"), ("our service members", "USA", "MIL")]
    assert [[(a.country, a.sector) for a in e.target] for e in coded.events
            if e.type == "SUPPORT"] == [[("USA", "MIL")]]
