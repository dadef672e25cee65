"""Gatherings: a meeting's parties named once, then spoken of as a group.

Each test names the kind of sentence it stands for; the texts are written for the tests.
"""

from coding_helpers import WH, code, of_type, parties


def test_closing_participant_list_joins_every_event_told_of_the_group():
    # kind: a readout that says "leaders" and lists them only in its last paragraph
    coded = code(
        "The President held a video call with European leaders today. The leaders "
        "condemned Russia's attacks on Ukrainian power plants.\n\n"
        "Participants in the call included Chancellor Olaf Scholz of Germany, President "
        "Emmanuel Macron of France, and Prime Minister Mark Rutte of the Netherlands.",
        source=WH)
    (call,) = of_type(coded, "CONSULT")
    assert parties(call) == ["DEU", "FRA", "NLD", "USA"]
    assert call.target == ()  # a multilateral meeting lists every party as a source
    (accuse,) = of_type(coded, "ACCUSE")
    assert sorted(a.country for a in accuse.source) == ["DEU", "FRA", "NLD", "USA"]
    assert [a.country for a in accuse.target] == ["RUS"]


def test_they_after_a_meeting_are_the_two_who_met_not_the_country_discussed():
    # kind: "X met Y. They discussed Z's war" (Z is a topic, not a party)
    coded = code(
        "Secretary of State Antony Blinken met with Japanese Foreign Minister Yoshimasa "
        "Hayashi in Tokyo. They discussed Russia's war against Ukraine and agreed to "
        "deepen cooperation on energy security.", source="U.S. Department of State")
    assert all(parties(e) == ["JPN", "USA"] for e in of_type(coded, "CONSULT"))
    (agree,) = of_type(coded, "AGREE")
    assert parties(agree) == ["JPN", "USA"]


def test_group_nouns_stand_for_the_meeting_parties():
    # kind: "the two leaders", "both sides", "the three governments" after a meeting
    coded = code(
        "Prime Minister Rishi Sunak met President Joe Biden and Prime Minister Anthony "
        "Albanese in San Diego. The three leaders agreed to expand cooperation on "
        "submarines.", date="2023-03-13")
    (agree,) = of_type(coded, "AGREE")
    assert parties(agree) == ["AUS", "GBR", "USA"]


def test_we_of_a_joint_declaration_is_every_signatory():
    # kind: a joint declaration opening "We, the Heads of State and Government of ..."
    coded = code(
        "We, the Heads of State and Government of the Republic of Chile, the Argentine "
        "Republic, Canada, and the United Mexican States, gathered in Santiago, reaffirm "
        "our commitment to regional cooperation.\n\n"
        "We intend to cooperate closely on disaster response.", source=WH)
    for event in coded.events:
        assert {"ARG", "CAN", "CHL", "MEX"} <= set(parties(event)), event.rule


def test_officials_from_a_list_of_countries_are_each_country():
    # kind: "officials from A, B and C", "the foreign ministers of A, B and C"
    coded = code("The envoy met with officials from Kenya, Uganda, and Tanzania on Monday. "
                 "Later the minister spoke with the foreign ministers of Chile, Peru and "
                 "Bolivia.", source=WH)
    meetings = of_type(coded, "CONSULT")
    assert {"KEN", "UGA", "TZA"} <= set(parties(meetings[0]))
    assert {"CHL", "PER", "BOL"} <= set(parties(meetings[-1]))


def test_one_countrys_own_meeting_keeps_both_sides():
    # kind: a domestic call (a president and a governor): both ends are the same country
    coded = code("President Biden spoke this afternoon with Governor Gavin Newsom of "
                 "California about the wildfires.", date="2021-08-20", source=WH)
    (call,) = of_type(coded, "CONSULT")
    assert [a.country for a in call.source] == ["USA"] and call.target


def test_leaders_gathered_is_a_multilateral_meeting():
    # kind: "X, Y and Z gathered in ...", "the ministers convened"
    coded = code("The presidents of Kenya, Uganda and Tanzania gathered in Arusha on "
                 "Friday.", source=WH)
    (meeting,) = of_type(coded, "CONSULT")
    assert parties(meeting) == ["KEN", "TZA", "UGA"] and meeting.mode == "multilateral"


def test_what_the_group_does_after_a_host_met_several_is_the_hosts_with_each():
    # kind: "X spoke with A of France, B of Germany and C of Italy. The leaders
    # discussed ...": the host's call with each, not a meeting of France with Germany
    from coding_helpers import WH, code
    coded = code("The President spoke this morning with President Rossi of Italy, Prime Minister "
                 "Dupont of Belgium and Prime Minister Jansen of the Netherlands. The leaders "
                 "discussed energy security in Europe.", source=WH)
    for event in coded.events:
        assert {a.country for a in event.source} == {"USA"}
        assert {a.country for a in event.target} == {"ITA", "BEL", "NLD"}


def test_a_meeting_the_story_calls_trilateral_is_all_with_all():
    # kind: "X met with A and B ... the trilateral meeting": all three met together
    from coding_helpers import STATE, code
    coded = code("Secretary Blinken met today with Foreign Minister Sato of Japan and "
                 "Foreign Minister Kim of South Korea in Jakarta. It was their second "
                 "trilateral meeting this year.", source=STATE)
    (meeting, *_) = [e for e in coded.events if e.type == "CONSULT"]
    assert {a.country for a in meeting.source} == {"USA", "JPN", "KOR"}
    assert not meeting.target
    coded = code("Secretary Blinken spoke today with Foreign Minister Sato of Japan and "
                 "Foreign Minister Kim of South Korea. They discussed trilateral cooperation "
                 "on maritime security.", source=STATE)
    for event in coded.events:
        assert {a.country for a in event.source} == {"USA", "JPN", "KOR"}
