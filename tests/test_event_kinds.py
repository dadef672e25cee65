"""Kinds of sentence the reader codes: states of mind, topics of a discussion, hyphenated
pairs, threats held out on a condition, the content of demands and threats.

Each test names the kind of sentence it stands for; the texts are written for the tests.
"""

from coding_helpers import STATE, WH, code, of_type, parties

from detente.actors import resolve_phrase


def test_a_state_of_mind_about_someone_is_an_event():
    # kind: "X is (deeply) concerned by/about Y", "X is grateful to/for Y"
    coded = code("The United States remains troubled by Venezuela's detention of "
                 "opposition leaders. We are grateful for Colombia's support.",
                 source="U.S. Department of State")
    got = {(e.type, e.source[0].country, e.target[0].country) for e in coded.events
           if e.target}
    assert ("ACCUSE", "USA", "VEN") in got
    assert ("SUPPORT", "USA", "COL") in got


def test_a_state_of_mind_about_no_one_is_no_event():
    # kind: "X is concerned about the situation", "we are alarmed that delays ...": a state
    # of mind that names no one it is about says nothing between actors
    coded = code("Kenya is deeply concerned about the worsening drought. We are alarmed "
                 "that the rains have failed again.", source=STATE, explain=True)
    assert [e for e in coded.events if e.rule.startswith("state:")] == []
    assert any("needs someone on the other side" in d.reason for d in coded.decisions)


def test_a_concern_over_acts_is_over_those_who_did_them_or_where_they_happen():
    # kinds: "concerned by reports of abuses committed by X" (the doers, however deep);
    # "militiamen linked to the X Army" (the group's country, not the story's);
    # "troubled by reports that offices were closed" (acts, doer unnamed: where they
    # happen, else the story's country); a state of things ("the drought") stays no event
    coded = code("Clashes spread across northern Mozambique this month. The United States "
                 "is alarmed by accounts of killings carried out by militiamen linked to "
                 "the Lord's Resistance Army. We are troubled by reports that two radio "
                 "stations were shut down in Pemba. We are also concerned about the drought.",
                 source=STATE, date="2022-04-02", explain=True)
    got = sorted((e.source[0].country, tuple(a.country for a in e.target))
                 for e in of_type(coded, "ACCUSE"))
    assert got == [("USA", ("MOZ",)), ("USA", ("UGA",))]
    assert [d.reason for d in coded.decisions if d.sentence == 3] == [
        "concerned needs someone on the other side"]


def test_leading_a_delegation_to_a_place_is_a_visit():
    # kind: "led a (presidential, interagency) delegation to CITY": a visit to its government
    coded = code("Deputy Secretary Jones led an interagency delegation to Nairobi on Monday.",
                 source=STATE, date="2022-06-07")
    assert [(e.mode, parties(e)) for e in of_type(coded, "CONSULT")] == [
        ("visit", ["KEN", "USA"])]


def test_condolences_on_a_death_go_to_the_mourners_country_not_to_whom_one_speaks_for():
    # kinds: "condolences on the passing of X", "regarding the death of X"; "on behalf of
    # the American people" says for whom the speaker speaks, not to whom
    coded = code("On behalf of the American people, the Secretary offered condolences on the "
                 "passing of former Chilean President Sebastian Pinera.", source=STATE,
                 date="2024-02-07")
    assert [(e.source[0].country, [a.country for a in e.target])
            for e in of_type(coded, "SUPPORT")] == [("USA", ["CHL"])]


def test_telling_the_press_is_no_consultation():
    # kind: "a ministry spokeswoman told CNN ...", "the mayor told the BBC ...": the
    # story quoting its source; telling a minister is a consultation
    coded = code("A Kenyan police spokesman told Reuters that four people had died. Chilean "
                 "Foreign Minister Ana Soto told the Peruvian ambassador that Chile would "
                 "help.", date="2023-01-10")
    assert [parties(e) for e in of_type(coded, "CONSULT")] == [["CHL", "PER"]]


def test_people_named_by_role_are_civilians_and_a_later_pronoun_is_them():
    # kinds: "police questioned the driver and detained him", "a gunman shot shoppers",
    # "urged motorists to stay home": the people an incident report names by role
    coded = code("A tram crashed in Krakow, Poland on Monday. Police questioned the driver and "
                 "detained him. The city urged commuters to avoid the center.",
                 date="2023-01-10")
    (held,) = of_type(coded, "COERCE")
    assert [(a.country, a.sector) for a in held.target] == [("POL", "CVL")]


def test_people_a_government_represses_are_its_own_unless_a_place_says_otherwise():
    # kind: "X's crackdown on activists", "the regime arrested journalists": with no place
    # in the sentence the people are the repressor's, not the story's default country
    coded = code("The United States condemns the Nicaraguan regime. Venezuela's government "
                 "continued its crackdown on activists.", source=STATE, date="2023-06-05")
    (crackdown,) = of_type(coded, "COERCE")
    assert [(a.country, a.sector) for a in crackdown.target] == [("VEN", "CVL")]


def test_a_participle_after_a_document_or_a_platform_is_said_by_the_clauses_subject():
    # kinds: "issued a statement blaming X", "shared a video on Facebook accusing X",
    # "sent a letter requesting ...": the one who issued it acts; "a resolution condemning
    # X" by a named body, or "protesters demanding ...", is said of its own noun
    coded = code("Kenyan Foreign Minister Alfred Mutua shared a video on Facebook accusing "
                 "Somalia of the raid. The African Union passed a resolution condemning "
                 "Sudan's generals.", date="2022-08-01")
    got = sorted((e.source[0].country, e.target[0].country) for e in of_type(coded, "ACCUSE"))
    assert got == [("IGO", "SDN"), ("KEN", "SOM")]


def test_an_attitude_received_or_defied_goes_to_the_one_who_received_or_defied_it():
    # kinds: "X drew condemnation from Y", "X received support from Y" (reversed: Y to X);
    # "X went ahead despite criticism by Y" (Y criticized X)
    coded = code("Serbia drew condemnation from the European Union. Kosovo's prime minister "
                 "opened the bridge despite sharp criticism from the United Nations.",
                 date="2023-01-10")
    got = sorted((e.source[0].country, e.target[0].country) for e in of_type(coded, "ACCUSE"))
    assert got == [("EUR", "SRB"), ("UNO", "KOS")]


def test_help_carried_to_a_place_goes_to_the_country_there():
    # kinds: "delivered aid to Kabul", "In Laos, the United States has provided $7 million":
    # no recipient named but the place helped
    coded = code("Japan delivered humanitarian aid to Kabul on Monday. In Nepal, the United "
                 "States has provided $5 million in flood relief.", date="2022-08-01")
    got = sorted((e.source[0].country, e.target[0].country) for e in of_type(coded, "AID"))
    assert got == [("JPN", "AFG"), ("USA", "NPL")]


def test_pledges_made_by_several_givers_are_one_pledge_each():
    # kind: "commitments of $2 billion were made by A, B and C": each gave its word, they
    # made no agreement with one another; "the two leaders reaffirmed their commitment to
    # ..." stays one shared pledge
    coded = code("Commitments totaling $2 billion have been made by Norway, Japan and "
                 "Canada.", date="2022-09-01")
    assert sorted(parties(e) for e in of_type(coded, "AGREE")) == [["CAN"], ["JPN"], ["NOR"]]
    assert all(not e.target for e in of_type(coded, "AGREE"))


def test_coercion_held_out_on_a_condition_is_a_threat():
    # kind: "will impose costs on X if/should X ...", "readiness to impose sanctions"
    coded = code("The leaders warned that they would impose severe sanctions on Russia "
                 "should it invade Ukraine. Germany reaffirmed its readiness to impose "
                 "sanctions on Belarus.", date="2022-01-20")
    kinds = {(e.type, e.target[0].country) for e in coded.events if e.target}
    assert ("THREATEN", "BLR") in kinds
    assert ("SANCTION", "BLR") not in kinds and ("SANCTION", "RUS") not in kinds


def test_what_a_meeting_discussed_is_no_event():
    # kind: "They discussed X's war / how to cooperate / their commitment to ..."
    coded = code(
        "Foreign Minister Annalena Baerbock met with Secretary of State Antony Blinken in "
        "Berlin. They discussed Russia's invasion of Ukraine and their commitment to "
        "support Kyiv.", source=STATE, explain=True)
    assert {e.type for e in coded.events} == {"CONSULT"}
    assert any("is about" in d.reason for d in coded.decisions)


def test_a_hyphenated_pair_names_both_sides_of_a_meeting():
    # kind: "the U.S.-Kenya Trade Dialogue", "India-China border talks"
    coded = code("On Monday the United States hosted the U.S.-Kenya Trade Dialogue in "
                 "Washington. India-China border talks resumed on Tuesday.",
                 source="U.S. Department of State")
    pairs = [parties(e) for e in of_type(coded, "CONSULT")]
    assert ["KEN", "USA"] in pairs and ["CHN", "IND"] in pairs
    assert all(len(set(p)) == 2 for p in pairs)  # no USA-USA from "hosted"


def test_a_hyphenated_pair_before_cooperation_is_a_relationship():
    # kind: "expand U.S.-Japan-ROK cooperation": a description, not an act
    coded = code("They welcomed trilateral U.S.-Japan-ROK cooperation.",
                 source="U.S. Department of State")
    assert not of_type(coded, "COOPERATE")


def test_acts_inside_a_demand_or_a_threat_are_its_content():
    # kind: "urged X to release ...", "threatened to impose sanctions on Y", "called for Z
    # to end ...": one REQUEST or THREATEN, not the act it asks for or holds out
    coded = code("The United States urged China to release the detained activists. Germany "
                 "threatened to impose sanctions on Belarus. France called for Russia to end "
                 "its attacks.", date="2022-06-01", source="U.S. Department of State")
    got = {(e.type, e.source[0].country, e.target[0].country if e.target else None)
           for e in coded.events}
    assert ("REQUEST", "USA", "CHN") in got and ("THREATEN", "DEU", "BLR") in got
    assert ("REQUEST", "FRA", "RUS") in got
    assert not {t for t, _, _ in got} & {"RETREAT", "SANCTION"}


def test_a_commitment_to_a_countrys_security_or_sovereignty_is_support():
    # kind: "reaffirmed the commitment to X's sovereignty (security, territorial integrity)"
    # defends X verbally (CODEBOOK: SUPPORT), where a commitment to a plan is AGREE
    coded = code("Secretary Blinken reaffirmed the United States' commitment to Kenya's "
                 "sovereignty and security.", source=STATE)
    assert [(e.type, e.source[0].country, e.target[0].country) for e in coded.events] == [
        ("SUPPORT", "USA", "KEN")]


def test_a_delegation_designated_to_a_country_is_an_announced_visit():
    # kind: "announced the designation of a (Presidential) Delegation to X to attend ...",
    # the White House's way of announcing a visit: AGREE, future (CODEBOOK: announced
    # visits are AGREE with modality future)
    coded = code("President Biden today announced the designation of a Presidential "
                 "Delegation to the Republic of Kenya to attend the inauguration in Nairobi.",
                 source=WH)
    assert [(e.type, e.modality, e.source[0].country, e.target[0].country)
            for e in coded.events if e.trigger.text == "designation"] == [
        ("AGREE", "future", "USA", "KEN")]


def test_condemning_an_attack_accuses_its_author_not_where_it_struck():
    # kind: "condemned the bombing in <city>, <country>", "the attack against <place>":
    # the place and the victims suffered the act; the accused is its author, named as
    # the possessor ("Russia's attack") or by "by", else no one
    coded = code("The United States strongly condemns the bombing in Mombasa, Kenya, that "
                 "killed four people. Britain condemned Russia's missile attack on Kyiv. "
                 "Japan condemned the attack by militants against a school in Nigeria.",
                 date="2022-03-01", source=STATE)
    accused = {(e.source[0].country, tuple(a.country for a in e.target))
               for e in of_type(coded, "ACCUSE")}
    assert accused == {("USA", ()), ("GBR", ("RUS",)), ("JPN", ("NGA",))}
    japan = next(e for e in of_type(coded, "ACCUSE") if e.source[0].country == "JPN")
    assert [a.sector for a in japan.target] == ["REB"]  # the militants, not Nigeria


def test_the_parties_of_a_conflict_are_the_country_it_is_in():
    # kind: "calls on all parties to ...", "urged the warring parties to ...", with no
    # meeting in the story: the sides of the conflict it tells of, coded as its country
    coded = code("Fighting between the army and rebel groups has displaced thousands in "
                 "South Sudan this week. The United Nations called on all parties to end "
                 "the violence. Japan urged the warring parties to return to talks. "
                 "Several political parties boycotted the vote.", date="2022-03-01")
    asked = {(e.source[0].country, tuple(a.country for a in e.target))
             for e in of_type(coded, "REQUEST")}
    assert asked == {("UNO", ("SSD",)), ("JPN", ("SSD",))}


def test_the_parties_after_a_meeting_are_its_participants():
    # kind: "the two sides agreed": a meeting's parties, not the story's country
    coded = code("President Ruto met Prime Minister Abiy in Nairobi on Monday. Both sides "
                 "agreed to expand trade.", date="2023-06-05")
    assert {tuple(sorted({a.country for a in [*e.source, *e.target]}))
            for e in of_type(coded, "AGREE")} == {("ETH", "KEN")}


def test_a_group_noun_the_lexicon_lacks_still_names_the_meetings_parties():
    # kind: "The sides agreed", "Participants discussed", "urged the sides to ...": group
    # nouns that are no sector word still point back at the parties; "all countries",
    # "the countries of the region" and "Treasury participants" do not
    coded = code("Foreign Minister Rao met her Chilean counterpart Ana Soto in Lima on "
                 "Friday. The sides agreed to open a consulate. Participants discussed "
                 "fisheries. Peru urged all countries to join the fisheries pact.",
                 date="2023-06-05")
    assert {tuple(parties(e)) for e in of_type(coded, "AGREE")} == {("CHL", "PER")}
    assert {tuple(parties(e)) for e in of_type(coded, "CONSULT")} == {("CHL", "PER")}
    assert all(not e.target or "CHL" not in {a.country for a in e.target}
               for e in of_type(coded, "REQUEST"))


def test_a_group_noun_coordinated_after_a_title_shares_its_determiner():
    # kind: "The Minister and Ambassadors denounced ...", "The President and Prime
    # Ministers agreed": the ministers are the meeting's; "the regime and its leaders" and
    # "The United States and countries around the world" are not
    coded = code("Secretary Blinken hosted Brazilian Foreign Minister Mauro Vieira and Argentine "
                 "Foreign Minister Santiago Cafiero in Washington. The Secretary and Foreign "
                 "Ministers deplored Venezuela's crackdown on protesters.", source=STATE,
                 date="2023-06-05")
    (blame,) = of_type(coded, "ACCUSE")
    assert sorted({a.country for a in blame.source}) == ["ARG", "BRA", "USA"]
    assert [a.country for a in blame.target] == ["VEN"]


def test_a_party_the_parser_hangs_on_a_list_of_countries_is_still_a_party():
    # kind: "spoke with the Foreign Ministers of A, B, C, and the Secretary General of
    # NATO": the last party is parsed as one more item of the country list
    coded = code("The Secretary spoke today with the Foreign Ministers of Norway, Sweden, "
                 "Denmark, and the Secretary General of NATO.", source=STATE,
                 date="2022-03-02")
    (call,) = of_type(coded, "CONSULT")
    assert [a.country for a in call.target] == ["NOR", "SWE", "DNK", "IGO"]


def test_the_secretary_and_a_foreign_minister_are_two_people_one_with_two_titles_is_one():
    # kinds: "The Secretary and Foreign Minister X condemned ..." (the parser makes "The
    # Secretary" a modifier of X's name); "Israeli Deputy Prime Minister and Foreign
    # Minister Y" (one person, two titles, no article before the second)
    coded = code("Secretary Blinken spoke with Danish Foreign Minister Lars Lokke Rasmussen. "
                 "The Secretary and Foreign Minister Rasmussen condemned Iran's drone "
                 "deliveries to Russia.", source=STATE, date="2023-01-10")
    (blame,) = of_type(coded, "ACCUSE")
    assert sorted(a.country for a in blame.source) == ["DNK", "USA"]
    assert resolve_phrase("Estonian Prime Minister and Defense Minister Jaan Tamm").country \
        == "EST"


def test_talks_held_between_two_parties_are_their_talks():
    # kind: "praised the talks held between A and B", "the deal brokered between A and
    # B": the participle carries the parties
    coded = code("Japan praised the talks held last week between Armenia and Azerbaijan "
                 "in Brussels.", source=STATE, date="2022-05-23")
    assert [parties(e) for e in of_type(coded, "CONSULT")] == [["ARM", "AZE"]]


def test_a_joint_statement_issued_or_an_agreement_entered_into_is_an_agreement():
    # kinds: "the two countries concluded/issued a joint statement", "X entered into an
    # agreement with Y" (the object comes through "into")
    coded = code("Ghana and Togo issued a joint statement on border security. Nigeria entered "
                 "into an agreement with Niger on power supplies.", date="2022-05-23")
    assert sorted(parties(e) for e in of_type(coded, "AGREE")) == [
        ["GHA", "TGO"], ["NER", "NGA"]]


def test_a_plural_title_over_several_countries_is_one_official_of_each():
    # kind: "spoke with the G7 Foreign Ministers of A, B, C and D" (the tagger may read
    # "Ministers" as a singular name): one party per country, not one person of the first
    coded = code("The Secretary spoke on Tuesday with the G20 Trade Ministers of Brazil, "
                 "India, Mexico, Turkey and Japan.", source=STATE, date="2022-02-24")
    (call,) = of_type(coded, "CONSULT")
    assert [a.country for a in call.target] == ["BRA", "IND", "MEX", "TUR", "JPN"]


def test_an_attitude_to_an_act_is_one_to_those_who_did_it():
    # kind: "welcomed the talks held between A and B", "appreciates the actions taken by A
    # and B", "condemned the strikes carried out by A": the doers named in the act's own
    # phrase are the target; the flight of "a flight between two states" did nothing
    coded = code("The United States applauds the talks held on Monday between Ethiopia and "
                 "Eritrea. France appreciates the joint steps taken this week by Canada "
                 "and Japan. Germany condemned the grounding of a plane between two EU "
                 "capitals.", date="2022-03-01", source=STATE)
    got = {(e.type, e.source[0].country, tuple(a.country for a in e.target))
           for e in coded.events if e.type in ("SUPPORT", "ACCUSE")}
    assert ("SUPPORT", "USA", ("ETH", "ERI")) in got
    assert ("SUPPORT", "FRA", ("CAN", "JPN")) in got
    assert not any(t == ("EUR",) for _, _, t in got)


def test_stressing_the_need_for_someone_to_act_asks_them_to():
    # kind: "underscored (stressed, emphasized, reiterated) the need for X to ...", the
    # readout's way of asking X; "the need for swift implementation of a deal among A and
    # B" asks no one
    coded = code("Secretary Blinken underscored the need for Kenya to hold credible "
                 "elections. He stressed the need for rapid progress on the accord "
                 "between Ethiopia and Eritrea.", source=STATE, date="2022-06-01")
    asked = [(e.source[0].country, tuple(a.country for a in e.target))
             for e in of_type(coded, "REQUEST")]
    assert asked == [("USA", ("KEN",))]


def test_working_with_ones_own_partners_is_with_others():
    # kind: "will work with our partners", "stands with our African partners", "coordinate
    # with its neighbors": the possessor's partners are others, not the possessor
    coded = code("The United States stands with our Asian partners against piracy at sea. "
                 "Kenya will work with its neighbors to end the drought.",
                 source=STATE, date="2023-03-01")
    assert not [e for e in coded.events
                if {a.country for a in e.source} & {a.country for a in e.target}]


def test_an_announced_reckoning_is_a_threat():
    # kind: "we will hold X accountable" announces coercion (THREATEN), where "reaffirmed
    # the commitment to hold X accountable" accuses X now (ACCUSE)
    coded = code("The United States will hold the junta in Burma accountable for its crimes.",
                 source=STATE, date="2023-03-01")
    assert [(e.type, e.target[0].country) for e in coded.events] == [("THREATEN", "MMR")]


def test_the_last_of_a_list_the_parser_hangs_on_the_verb_is_in_the_list():
    # kind: "spoke with A of Canada, B of Poland, and C of Japan": the parser may make
    # the last item a conjunct of the verb
    coded = code("President Biden spoke on Monday with Prime Minister Mark Rutte of the "
                 "Netherlands, President Gitanas Nauseda of Lithuania, and Prime Minister "
                 "Pedro Sanchez of Spain.", source=WH, date="2022-03-01")
    (call,) = of_type(coded, "CONSULT")
    assert [a.country for a in call.target] == ["NLD", "LTU", "ESP"]


def test_those_who_attended_for_other_countries_join_the_summit():
    # kind: "The summit was attended by the presidents of A and B. Foreign ministers
    # attended for C and D.": a later list of who attended adds to the meeting's parties,
    # with the office the list names
    coded = code("The forum in Accra was attended by the presidents of Ghana, Togo and "
                 "Benin. Trade ministers attended for Nigeria and Senegal.",
                 date="2004-12-09")
    (forum,) = of_type(coded, "CONSULT")
    parties = {(a.country, a.sector) for a in [*forum.source, *forum.target]}
    assert {("NGA", "GOV"), ("SEN", "GOV"), ("GHA", "GOV")} <= parties


def test_national_day_greetings_support_the_people_greeted():
    # kind: the national-day message: "I send my congratulations to the people of X",
    # "I wish a happy anniversary to the people of X"
    coded = code("Speaking for our government, I send my congratulations to the people of "
                 "Kenya on their Independence Day. I wish a happy anniversary to the people "
                 "of Ghana.", source=STATE, date="2022-12-12")
    assert {e.target[0].country for e in of_type(coded, "SUPPORT")} == {"KEN", "GHA"}


def test_a_sum_in_assistance_announced_is_aid():
    # kind: "announced (provided) $N million in humanitarian assistance for X": the sum is
    # the light verb's object, the help inside it is the event
    coded = code("The United States announced nearly $100 million in humanitarian "
                 "assistance for the people of Uganda.", source=STATE, date="2023-03-01")
    assert [(e.type, e.source[0].country, e.target[0].country)
            for e in coded.events] == [("AID", "USA", "UGA")]


def test_a_pledge_of_aid_with_no_recipient_named_is_still_a_pledge():
    # kind: "pledged $20 million in aid for flood relief", "committed $50 million":
    # AGREE with no one on the other side (CODEBOOK s. 7: pledges of aid are AGREE); aid
    # given to no one named is not coded
    coded = code("Japan pledged $20 million in aid for flood relief. The United "
                 "States provided $40 million in assistance.", date="2005-01-05")
    assert [(e.type, e.source[0].country, e.target) for e in coded.events
            if e.type in ("AGREE", "AID")] == [("AGREE", "JPN", ())]


def test_costs_announced_on_a_condition_are_a_threat_and_the_condition_no_act():
    # kind: "if X invades, we will respond and impose severe costs on X": the costs are
    # held out (THREATEN; the conjunct shares "will"), and the invasion is the condition,
    # not a threat by X
    coded = code("The Chancellor said that, if Serbia invades Kosovo, Germany will act at "
                 "once and impose heavy costs on Serbia.", date="2022-01-20")
    got = {(e.type, e.source[0].country, e.target[0].country, e.modality)
           for e in coded.events}
    assert ("THREATEN", "DEU", "SRB", "asserted") in got
    assert not any(t == "THREATEN" and s == "SRB" for t, s, _, _ in got)
    assert not any(t == "SANCTION" for t, _, _, _ in got)


def test_calling_for_an_act_with_no_one_addressed_is_a_request_to_no_one():
    # kind: "X called for an inquiry / a ceasefire / restraint": the demand is made in
    # public, the one who should act is unnamed; "called for Y to release" still names Y
    coded = code("Human Rights Watch called for an independent inquiry into the raid. "
                 "Peru called for calm after the vote. Chile called for Bolivia to reopen "
                 "the border.", date="2022-03-01")
    got = sorted((e.source[0].country, tuple(a.country for a in e.target))
                 for e in of_type(coded, "REQUEST"))
    assert got == [("CHL", ("BOL",)), ("NGO", ()), ("PER", ())]


def test_pledging_allegiance_is_support_not_an_agreement():
    # kind: "X pledged allegiance / loyalty to Y": a declaration of support (PLOVER
    # SUPPORT); "pledged to hold talks" stays a promise (AGREE)
    coded = code("The rebel commander Karim Talal, a Malian citizen, has pledged allegiance "
                 "to the leader of al-Shabaab. Chad pledged to hold talks with Niger.",
                 date="2022-03-01")
    got = sorted((e.type, e.source[0].country, e.target[0].country) for e in coded.events)
    assert got == [("AGREE", "TCD", "NER"), ("SUPPORT", "MLI", "SOM")]


def test_an_attack_on_a_place_with_no_victim_named_is_on_the_country_there():
    # kinds: "jets bombed <city>", "shelled the outskirts of <town>", "an attack on a
    # market in <city>": the place struck names the country attacked; the attacker's own
    # country named in the clause is no place it attacked
    coded = code("Turkish warplanes bombed Homs on Monday, a monitoring group said. Gunmen "
                 "attacked a market in Mogadishu. Any further Russian aggression would bring "
                 "severe costs to the Russian Federation.", source="Wikinews")
    assert sorted((parties(e), e.target[0].how) for e in of_type(coded, "ASSAULT")) == [
        (["SOM"], "place attacked"), (["SYR", "TUR"], "place attacked")]
    assert not of_type(coded, "THREATEN")


def test_two_sides_that_clash_each_attack_the_other():
    # kinds: "A and B troops clashed", "clashes between A and B forces": a fight between
    # two named sides is an attack by each on the other; with one side named, "clashed
    # with" names the other
    coded = code("Thai and Cambodian soldiers clashed near the temple on Monday. Clashes "
                 "between Indian and Pakistani troops killed four people on Friday. "
                 "Protesters clashed with police in Lagos.", source="Wikinews")
    got = sorted((e.source[0].country, e.target[0].country) for e in of_type(coded, "ASSAULT"))
    assert ("THA", "KHM") in got and ("KHM", "THA") in got
    assert ("IND", "PAK") in got and ("PAK", "IND") in got
    assert ("NGA", "NGA") in got


def test_an_agreement_signed_with_someone_is_agreed_with_them():
    # kinds: "signed an agreement with B", "signed a ceasefire accord with the rebels":
    # the object is the agreement, its "with" names the other party
    coded = code("Colombia signed a trade agreement with Peru on Monday.", source="Wikinews")
    assert [parties(e) for e in of_type(coded, "AGREE")] == [["COL", "PER"]]


def test_a_past_tense_the_parser_reads_as_a_participle_keeps_its_subject():
    # kind: "Israeli air strikes killed 20 people in Gaza, officials said": a participle
    # with an object of its own is no passive; the noun before it acts
    coded = code("Israeli air strikes killed at least 20 people in Gaza on Tuesday, health "
                 "officials said.", source="Wikinews")
    (attack,) = of_type(coded, "ASSAULT")
    assert [a.country for a in attack.source] == ["ISR"]
    assert [a.country for a in attack.target] == ["PSE"]


def test_a_protest_lodged_with_a_government_accuses_it():
    # kind: "Japan protested to China over ...": a diplomatic protest made to someone is
    # an accusation (CODEBOOK: PROTEST is demonstrating, ACCUSE is criticizing)
    coded = code("Vietnam protested to China over the new fishing ban on Monday.",
                 source="Wikinews")
    assert [(e.type, parties(e)) for e in coded.events] == [("ACCUSE", ["CHN", "VNM"])]


def test_a_hostile_act_on_a_thing_two_share_is_against_the_other():
    # kinds: "closed its border with Belarus", "shut its airspace with ...": the thing acted
    # on names no one, its "with" the other side
    coded = code("Lithuania closed its border with Belarus on Monday.", source="Wikinews")
    assert [(e.source[0].country, e.target[0].country) for e in coded.events] == [
        ("LTU", "BLR")]


def test_an_act_named_by_a_relative_clause_is_its_subjects():
    # kinds: "commended the role Jordan plays", "appreciate the steps the government has
    # taken", "supports the progress the Libyan people have made": the noun is what the
    # clause's subject did, and an attitude to it is to them
    coded = code("We appreciate the steps the Kenyan government has taken to end the crisis. "
                 "The Secretary commended the role Ghana plays in the region.", source=STATE)
    assert sorted(e.target[0].country for e in of_type(coded, "SUPPORT")) == ["GHA", "KEN"]


def test_a_second_verb_the_parser_joins_to_a_relative_clause_keeps_the_main_subject():
    # kind: "X commended the role Y plays ... and welcomed Z": the second verb's tense is
    # the main clause's, so it is X who welcomed
    coded = code("The Secretary commended the constructive role Qatar plays in regional "
                 "diplomacy and welcomed the recent summit in Nairobi between Somalia, Kenya, "
                 "and Ethiopia.", source=STATE)
    welcomed = [e for e in of_type(coded, "SUPPORT") if e.trigger.text == "welcomed"]
    assert [[a.country for a in e.source] for e in welcomed] == [["USA"]]


def test_allies_who_condemn_together_do_not_accuse_each_other():
    # kind: "They condemned the violence and called for access": two sources of a verbal
    # act with no target are one side, not two sides against each other (only material
    # acts are mutual: "both countries put their militaries on alert")
    coded = code("Secretary Blinken and Foreign Minister Sato of Japan condemned the "
                 "violence and called for humanitarian access.", source=STATE)
    assert all(not e.target for e in coded.events if e.type in ("ACCUSE", "REQUEST"))


def test_talks_between_a_government_and_its_insurgents_are_a_meeting_of_both():
    # kind: "welcomed the talks held between the government of X and the rebels": two
    # sides of one country's conflict are two parties, though one country
    coded = code("We welcome the negotiations held this week between the Government of "
                 "Colombia and the ELN in Havana.", source=STATE,
                 date="2023-03-08")
    (talks,) = of_type(coded, "CONSULT")
    assert sorted(a.sector for a in talks.source) == ["GOV", "REB"]


def test_calling_someone_to_discuss_something_is_a_call():
    # kind: "X called his counterpart to discuss ...": the infinitive is the call's
    # purpose, not a name given ("called him a liar" is no call)
    coded = code("Chile's foreign minister called his Peruvian counterpart to discuss the "
                 "fishing dispute. The senator called him a liar.", source="Wikinews")
    assert [(e.type, parties(e)) for e in coded.events] == [("CONSULT", ["CHL", "PER"])]


def test_what_someone_denies_doing_is_not_reported_as_done():
    # kinds: "X denied supporting the rebels", "denied that it had jailed activists"
    coded = code("Uganda denied supporting the rebels in South Sudan. Belarus denied that "
                 "it had jailed opposition activists.", source="Wikinews")
    assert not of_type(coded, "SUPPORT") and not of_type(coded, "COERCE")


def test_a_weapon_or_blast_that_hit_someone_is_an_attack_by_someone_unnamed():
    # kinds: "a car bomb exploded outside X, wounding eight police officers", "a missile
    # struck a hospital in Y": no attacker named, as in "was shot"; the doer is of where it
    # happened. A weapon with a country of its own is that country's ("Israeli air strikes")
    coded = code("A car bomb exploded outside a police station in Diyarbakir on Monday, "
                 "wounding eight police officers.", source="Wikinews")
    (attack,) = of_type(coded, "ASSAULT")
    assert [(a.country, a.sector) for a in attack.source] == [("TUR", "UNK")]
    assert [(a.country, a.sector) for a in attack.target] == [("TUR", "COP")]


def test_storming_a_place_or_going_on_strike_are_events():
    # kinds: "militants stormed a hotel in Mogadishu", "protesters stormed parliament"
    # (ASSAULT, as the gold codes storming); "teachers went on strike" (PROTEST/strike)
    coded = code("Gunmen stormed a hotel in Mogadishu on Friday. Thousands of teachers went "
                 "on strike in Nairobi on Monday.", source="Wikinews")
    assert [parties(e) for e in of_type(coded, "ASSAULT")] == [["SOM"]]
    assert [(e.mode, parties(e)) for e in of_type(coded, "PROTEST")] == [("strike", ["KEN"])]


def test_an_accident_that_kills_is_no_attack_by_the_owner_of_the_thing():
    # kinds: "the jetliner crashed into the sea, killing all 228 on board", "a ferry
    # capsized, killing 40": an accident, not an ASSAULT by the airline or the maker;
    # "jets bombed the town, killing 12" is still an attack
    coded = code("A Boeing 737 jetliner crashed into the sea on Monday, killing all 116 "
                 "people on board. Russian jets bombed Homs on Tuesday, killing 12 civilians.",
                 source="Wikinews")
    assert all(e.trigger.text != "killing" or "Homs" in e.evidence.text
               for e in of_type(coded, "ASSAULT"))
    assert any("Homs" in e.evidence.text for e in of_type(coded, "ASSAULT"))


def test_what_a_measure_would_have_allowed_is_hypothetical():
    # kind: "a decree that would have let the army detain people": a counterfactual
    coded = code("The junta drafted a decree that would have allowed the Russian "
                 "government to extradite dissidents from Belarus.", source="Wikinews")
    assert {e.modality for e in coded.events if e.trigger.text == "extradite"} == {
        "hypothetical"}


def test_a_measure_imposed_to_hold_someone_to_account_is_against_them():
    # kinds: "imposing severe costs to hold Russia accountable", "imposed penalties to
    # punish the regime": the costs name no one; the purpose says whom they are aimed at
    coded = code("The United States is imposing severe costs to hold Belarus accountable "
                 "for its actions.", source=STATE)
    assert [(e.source[0].country, e.target[0].country) for e in of_type(
        coded, "SANCTION")] == [("USA", "BLR")]


def test_sanctions_levied_or_leveraged_are_sanctions():
    # kind: light verbs of sanctions beyond "impose": "levied sanctions against X"
    coded = code("The European Union levied sanctions against Belarus on Monday.",
                 source="Wikinews")
    assert [parties(e) for e in of_type(coded, "SANCTION")] == [["BLR", "EUR"]]


def test_sympathy_for_the_bereaved_goes_to_the_country_where_they_were_lost():
    # kinds: "we send condolences to each family that lost someone", "our hearts go out
    # to every victim", "our thoughts are with the wounded": the bereaved are named by
    # their loss alone; the sympathy goes to the country of the loss
    coded = code("A gunman killed six people at a market in Nairobi, Kenya, on Sunday. We "
                 "send condolences to each family that lost someone. Our hearts go out to "
                 "every wounded shopper. Our thoughts are with the people of Kenya.",
                 source=STATE)
    support = of_type(coded, "SUPPORT")
    assert sorted(e.trigger.text for e in support) == ["condolences", "go", "thoughts"]
    assert all([a.country for a in e.source] == ["USA"] and
               [a.country for a in e.target] == ["KEN"] for e in support)


def test_recommending_that_someone_act_asks_them_to():
    # kinds: "recommended (that) the foreign troops withdraw", "recommends citizens
    # reconsider travel": a request to the one who is to act; the act is its content
    coded = code("The Malian prime minister recommended that French troops withdraw from "
                 "the country.", source="Wikinews")
    assert [(e.type, e.source[0].country, e.target[0].country) for e in coded.events] == [
        ("REQUEST", "MLI", "FRA")]


def test_help_given_to_support_those_in_a_country_goes_to_that_country():
    # kinds: "giving $N in relief to help the people hit by X's war on Y", "to help
    # people in A and B": the purpose names whom the help is for; the doer of the
    # act it answers is not helped
    coded = code("The United States is providing $90 million in emergency aid to help "
                 "families hurt by Ethiopia's war on Tigray in northern Ethiopia. We are "
                 "providing assistance to help people in Somalia and Kenya.", source=STATE)
    got = sorted(tuple(sorted(a.country for a in e.target)) for e in of_type(coded, "AID"))
    assert got == [("ETH",), ("KEN", "SOM")]


def test_the_last_of_a_list_after_a_state_of_mind_is_in_the_list():
    # kind: "I am grateful for the work of A, and the UN's envoy, B": the parser hangs
    # the last item on the verb; it is still one of those thanked
    coded = code("I am grateful for the patient work of my Special Envoy Lena Holt, and "
                 "the UN's Envoy to Libya, Karl Weber.", source=WH)
    assert {a.country for e in of_type(coded, "SUPPORT") for a in e.target} >= {"UNO"}


def test_things_given_are_aid_and_no_call_and_including_by_keeps_the_main_subject():
    # kinds: "providing mobile phones and radios to officials" (AID: goods given, not
    # a phone call), "we enhanced our support, including by providing X to Y" (the
    # participle under "including by" is the main clause subject's)
    coded = code("We have stepped up our help for Moldova's border police, including by "
                 "providing mobile phones and radios to Moldovan border guards.",
                 source=STATE)
    assert not of_type(coded, "CONSULT")
    assert [(e.source[0].country, e.target[0].country) for e in of_type(coded, "AID")] == [
        ("USA", "MDA")]


def test_lifting_a_measure_is_a_concession_not_the_measure():
    # kind: "lifted its sanctions on X", "eased the restrictions on Y": no SANCTION from
    # the noun the verb ends
    coded = code("Canada lifted its sanctions on Belarus on Monday.", source="Wikinews")
    assert [e.type for e in coded.events] == ["CONCEDE"]


def test_warning_someone_against_an_act_threatens_them():
    # kind: "warned X against doing Y"
    coded = code("The Serbian president warned Kosovo against deploying police in the north.",
                 source="Wikinews")
    assert [(e.type, e.source[0].country, e.target[0].country) for e in coded.events] == [
        ("THREATEN", "SRB", "KOS")]


def test_restoring_or_establishing_relations_supports_the_other_side():
    # kinds: "X restored diplomatic relations with Y" (CAMEO 050/054, PLOVER SUPPORT),
    # "A and B established ties", "a deal normalizing relations between A and B": each
    # toward the other
    coded = code("Morocco restored diplomatic relations with Germany. Chile and Bolivia "
                 "established diplomatic ties. Officials agreed on a plan to normalize "
                 "relations between Serbia and Kosovo.", source="Wikinews")
    got = sorted((e.source[0].country, e.target[0].country) for e in of_type(coded, "SUPPORT"))
    assert got == [("BOL", "CHL"), ("CHL", "BOL"), ("KOS", "SRB"), ("MAR", "DEU"),
                   ("SRB", "KOS")]


def test_firing_on_people_retaliating_against_someone_and_deployed_forces():
    # kinds: "security forces fired on demonstrators" (no weapon named), "vowed to
    # retaliate against X" (a threat), "deployed troops to Y" (the troops are the
    # deployer's, the place is where they go)
    coded = code("Security forces fired on demonstrators in Khartoum. The Israeli defence "
                 "minister vowed to retaliate against Hezbollah. Uganda deployed troops to "
                 "eastern Congo.", source="Wikinews")
    assert [(e.source[0].sector, e.target[0].sector) for e in of_type(coded, "ASSAULT")] == [
        ("MIL", "CVL")]
    assert [parties(e) for e in of_type(coded, "THREATEN")] == [["ISR", "LBN"]]
    assert [[a.country for a in e.target] for e in of_type(coded, "MOBILIZE")] == [["COD"]]


def test_a_crowd_named_by_its_size_protests_and_a_call_received_is_a_call():
    # kinds: "Thousands rallied in X", "hundreds marched through Y": the crowd is the
    # civilians of the place; "the Emir received a phone call from the president": both
    coded = code("Hundreds marched through Lagos against police brutality. The Emir of "
                 "Kuwait received a phone call from the Egyptian president.",
                 source="Wikinews")
    assert [(e.source[0].country, e.source[0].sector) for e in of_type(coded, "PROTEST")] == [
        ("NGA", "CVL")]
    assert [parties(e) for e in of_type(coded, "CONSULT")] == [["EGY", "KWT"]]


def test_a_pledge_made_by_someone_and_news_reported_in_the_past_perfect():
    # kinds: "a $300 million pledge offered by Norway" (the pledger through the
    # participle's agent; a pledge of money with no recipient is still a pledge), "X said
    # it had reached an agreement with Y" (reported news, not background)
    coded = code("Officials noted a $300 million pledge offered last week by the Norwegian "
                 "government. Hamas said on Monday that it had entered into an accord with "
                 "the government of Egypt.", source="Wikinews", date="2023-03-08")
    assert sorted(tuple(parties(e)) for e in of_type(coded, "AGREE")) == [
        ("EGY", "PSE"), ("NOR",)]


def test_help_offered_or_vowed_is_a_pledge_of_help():
    # kinds: "offered humanitarian aid to X", "offered to send relief supplies to X",
    # "vowed to provide aid to X": a pledge of help, AGREE (CODEBOOK s. 7; CAMEO 033
    # "offer assistance"), not a delivery; the giver who owns the help ("offered the
    # country's assistance") is no recipient; condolences or support offered stay SUPPORT
    coded = code("Norway offered emergency aid to Chile. Sweden offered to send relief "
                 "supplies to Peru. Denmark vowed to provide aid to Bolivia. Finland offered "
                 "Finland's assistance with the census. Iceland offered its condolences to "
                 "Ecuador.", source="Wikinews")
    got = sorted((e.type, e.source[0].country, e.target[0].country if e.target else "-")
                 for e in coded.events)
    assert got == [("AGREE", "DNK", "BOL"), ("AGREE", "FIN", "-"), ("AGREE", "NOR", "CHL"),
                   ("AGREE", "SWE", "PER"), ("SUPPORT", "ISL", "ECU")]


def test_a_settlement_reached_or_concluded_is_an_agreement():
    # kind: "reached a settlement with X", "concluded a settlement with X" (CAMEO 057
    # sign a formal agreement); a settlement as a place ("settlements in the valley") is
    # no event
    coded = code("The Chilean government reached a settlement with Peru over the border. "
                 "Bolivia concluded a settlement with Paraguay. Israeli settlements in the "
                 "valley were expanded.", source="Wikinews")
    assert sorted((e.type, e.source[0].country, e.target[0].country) for e in coded.events) \
        == [("AGREE", "BOL", "PRY"), ("AGREE", "CHL", "PER")]


def test_a_state_of_emergency_lifted_is_a_concession_with_no_state_as_its_target():
    # kind: "lifted the state of emergency / of siege": a concession by the one who lifts
    # it; "the state" of "a state of emergency" is a condition, not a government
    coded = code("Peru lifted the state of emergency on Tuesday.", source="Wikinews")
    assert [(e.type, e.source[0].country, e.target) for e in coded.events] == [
        ("CONCEDE", "PER", ())]
