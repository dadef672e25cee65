"""The coder end to end on short articles written for these tests."""

from detente.clean import clean
from detente.explain import explain
from detente.pipeline import _coder
from detente.records import RawDocument


def code(text, date="2024-05-08", source=None):
    article = clean(RawDocument(id="t", text=text, where="test", date=date, source=source))
    return _coder().code(article, explain=True)


def dyads(coded):
    return {(e.type, tuple(a.country for a in e.source), tuple(a.country for a in e.target))
            for e in coded.events}


def test_attack_with_date_and_evidence_offsets():
    coded = code("Russian troops attacked the Ukrainian city of Kharkiv on Monday, "
                 "officials said.")
    (event,) = coded.events
    assert (event.type, event.source[0].label, event.target[0].country) == (
        "ASSAULT", "RUS:MIL", "UKR")
    assert event.date == "2024-05-06" and event.date_precision == "day"
    text = coded.article.text
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert text[event.trigger.start:event.trigger.end] == "attacked"
    assert event.rule.startswith("verb:attack") and "triggers.tsv:" in event.rule
    assert event.quad == 4 and event.intensity == -9.0


def test_negated_events_are_not_coded():
    coded = code("Germany did not meet with France on Tuesday.")
    assert coded.events == ()
    assert any(d.reason == "negated" for d in coded.decisions)


def test_reported_speech_codes_the_inner_clause():
    coded = code("Ukraine's foreign ministry said Russia shelled Ukrainian positions "
                 "near Kharkiv.")
    assert ("ASSAULT", ("RUS",), ("UKR",)) in dyads(coded)
    assert not any(e.source[0].country == "UKR" for e in coded.events)


def test_future_meetings_are_agree():
    coded = code("China will host the Japanese foreign minister in Beijing next week.")
    (event,) = coded.events
    assert event.type == "AGREE" and event.modality == "future"


def test_hedged_and_historical_modality():
    coded = code("Iran reportedly attacked a Saudi oil tanker in the Gulf of Oman.")
    assert [e.modality for e in coded.events] == ["hedged"]
    coded = code("Iraq had invaded Kuwait in 1990.", date="2021-03-01")
    assert [e.modality for e in coded.events] == ["historical"]


def test_one_record_per_event_per_article():
    coded = code("Japan condemned North Korea's missile launch.\n\n"
                 "Japan condemned North Korea over the launch on Tuesday.")
    (event,) = coded.events
    assert event.mentions == 2


def test_quote_is_attributed_to_its_speaker():
    coded = code('"We will not accept any interference," said Chinese Foreign Minister '
                 'Wang Yi.')
    (quote,) = coded.quotes
    assert quote.text.startswith("We will not accept")
    assert (quote.speaker.country, quote.speaker.sector) == ("CHN", "GOV")


def test_publisher_voice_resolves_first_person():
    coded = code("We condemn the arrest of journalists by Belarusian authorities.",
                 source="U.S. Department of State")
    assert ("ACCUSE", ("USA",), ("BLR",)) in dyads(coded)


def test_compound_actors_share_one_event():
    coded = code("Hungarian and Romanian officials agreed on a new border crossing.")
    (event,) = coded.events
    assert event.type == "AGREE"
    assert {a.country for a in event.source} | {a.country for a in event.target} == {
        "HUN", "ROU"}


def test_explain_names_actors_and_decisions():
    coded = code("Germany did not meet with France. Chile sanctioned Peru.")
    text = explain(coded)
    assert "no event from 'meet': negated" in text
    assert "EVENT SANCTION CHL: -> PER:" in text


def test_unparsed_sentences_with_emoticon_tokens_do_not_crash():
    # spaCy's blank tokenizer gives "):" corrupt tree edges; walking them used to segfault
    coded = code("WKRN (CBS Nashville, TN): The mayor is here today.\n\n"
                 "Chile sanctioned Peru.")
    assert [e.type for e in coded.events] == ["SANCTION"]


def test_protest_nouns_name_the_story_civilians_and_what_they_are_against():
    coded = code("Anti-government protests continued in Baghdad on Sunday, and police "
                 "arrested dozens of students.")
    assert ("PROTEST", ("IRQ",), ("IRQ",)) in dyads(coded)
    protest = next(e for e in coded.events if e.type == "PROTEST")
    assert (protest.source[0].sector, protest.target[0].sector) == ("CVL", "GOV")


def test_the_victim_of_a_condemned_act_is_not_the_accused():
    coded = code("Canada condemned the killing of the journalist by Saudi agents.\n\n"
                 "Japan condemned their unlawful detention.")
    assert dyads(coded) == {("ACCUSE", ("CAN",), ("SAU",))}


def _prepass_reason(text):
    coder = _coder()
    article = clean(RawDocument(id="t", text=text, where="test", date="2024-05-08"))
    return [coder.why_not_parsed(s) for s in coder.sentences(article)]


def test_prepass_parses_only_sentences_that_can_hold_an_event_or_a_speaker():
    # kind: a trigger word with no word that can name anyone (no known phrase, name,
    # pronoun or group word) cannot give an event
    assert _prepass_reason("The rain forced the talks indoors.") == [
        "no word that can name an actor"]
    # kind: the same with someone to name is parsed: a country, a pronoun, a group word,
    # or a capitalized name the article may have introduced
    for text in ("The rain forced Kenya to cancel the talks.",
                 "They attacked the convoy at dawn.", "Both sides attacked at dawn.",
                 "Okonjo attacked the plan."):
        assert _prepass_reason(text) == [None], text
    # kind: a quotation is parsed for its speaker only with a speech verb
    assert _prepass_reason('Rain fell. "We will win this one," she said.')[1] is None
    assert _prepass_reason('Rain fell. The banner read "We will win this one" in red.')[1] \
        == "no trigger word"


def test_prepass_forms_are_real_inflections():
    # kind: a noun row is read off the noun ("according" is no form of the noun "accord"),
    # a verb's agent noun is no form of it ("speaker", "supporters"), and a particle a
    # row needs must follow its verb ("on" before "called" is no "called on")
    coder = _coder()
    assert "according" not in coder.forms and "accords" in coder.forms
    assert "speaker" not in coder.forms and "supporters" not in coder.forms
    assert _prepass_reason("Over the years the Kenyan envoy lashed his horse.") == [
        "no trigger word"]
    assert _prepass_reason("The Kenyan envoy lashed out at Uganda.") == [None]
    # and quotes of sentences not parsed are still recorded, with no speaker
    coded = code('Rain fell. The banner read "We will win this one" in red.')
    assert [q.text for q in coded.quotes] == ["We will win this one"]
    assert coded.quotes[0].speaker is None


def test_a_tagged_sentence_is_parsed_only_where_a_trigger_form_has_its_rows_tag():
    # kind: once tagged, a form its rows cannot read is no trigger: "back" as an adverb
    # (the verb "back" is SUPPORT), "free" as an adjective (the verb frees prisoners)
    from detente.nlp import coder_pipeline

    coder, nlp = _coder(), coder_pipeline()
    for text in ("The Kenyan envoy came back home.", "The Kenyan meals were free."):
        assert not coder.tagged_as_trigger(nlp(text)), text
    for text in ("Kenya will back the plan.", "Kenya freed the prisoners."):
        assert coder.tagged_as_trigger(nlp(text)), text
