"""Event rules on hand-built parses: no model, the dependency tree is written out."""

from spacy.tokens import Doc

from detente.actors import ActorFinder, Discourse
from detente.events import EventReader, modality, negated
from detente.nlp import tokenizer_only


def parse(words, heads, deps, pos, lemmas, tags=None):
    doc = Doc(tokenizer_only().vocab, words=words, heads=heads, deps=deps, pos=pos,
              lemmas=lemmas, tags=tags or [""] * len(words))
    return doc


def candidates(doc):
    mentions = ActorFinder().mentions(doc, Discourse(date="2024-05-08"))
    return EventReader().candidates(doc[:], mentions)


def labels(mentions):
    return [m.actors[0].label for m in mentions]


def test_active_clause_subject_is_source_object_is_target():
    doc = parse(["Russia", "attacked", "Ukraine", "."], [1, 1, 1, 1],
                ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PUNCT"],
                ["Russia", "attack", "Ukraine", "."], ["NNP", "VBD", "NNP", "."])
    (cand,) = candidates(doc)
    assert cand.trigger.type == "ASSAULT"
    assert labels(cand.source) == ["RUS:"] and labels(cand.target) == ["UKR:"]
    assert cand.rule.startswith("verb:attack/subject")


def test_passive_clause_takes_the_agent_as_source():
    doc = parse(["Protesters", "were", "arrested", "by", "Iranian", "police", "."],
                [2, 2, 2, 2, 5, 3, 2],
                ["nsubjpass", "auxpass", "ROOT", "agent", "amod", "pobj", "punct"],
                ["NOUN", "AUX", "VERB", "ADP", "ADJ", "NOUN", "PUNCT"],
                ["protester", "be", "arrest", "by", "iranian", "police", "."],
                ["NNS", "VBD", "VBN", "IN", "JJ", "NN", "."])
    (cand,) = candidates(doc)
    assert cand.trigger.type == "COERCE"
    assert labels(cand.source) == ["IRN:COP"]
    assert cand.rule.endswith("/passive")


def test_met_with_takes_the_object_of_with():
    doc = parse(["Japan", "met", "with", "China", "."], [1, 1, 1, 2, 1],
                ["nsubj", "ROOT", "prep", "pobj", "punct"], ["PROPN", "VERB", "ADP", "PROPN",
                                                             "PUNCT"],
                ["Japan", "meet", "with", "China", "."])
    (cand,) = candidates(doc)
    assert cand.trigger.type == "CONSULT"
    assert labels(cand.source) == ["JPN:"] and labels(cand.target) == ["CHN:"]


def test_negated_trigger_is_not_an_event():
    doc = parse(["France", "did", "not", "meet", "Germany", "."], [3, 3, 3, 3, 3, 3],
                ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
                ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
                ["France", "do", "not", "meet", "Germany", "."])
    (cand,) = candidates(doc)
    assert negated(cand.governor, cand.token)


def test_will_makes_the_event_future():
    doc = parse(["Chile", "will", "sanction", "Peru", "."], [2, 2, 2, 2, 2],
                ["nsubj", "aux", "ROOT", "dobj", "punct"],
                ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
                ["Chile", "will", "sanction", "Peru", "."])
    (cand,) = candidates(doc)
    assert modality(cand.governor, cand.token, 2024) == "future"


def test_nominal_event_possessive_source_of_target():
    # "Russia 's invasion of Ukraine"
    doc = parse(["Russia", "'s", "invasion", "of", "Ukraine"], [2, 0, 2, 2, 3],
                ["poss", "case", "ROOT", "prep", "pobj"],
                ["PROPN", "PART", "NOUN", "ADP", "PROPN"],
                ["Russia", "'s", "invasion", "of", "Ukraine"])
    (cand,) = candidates(doc)
    assert cand.trigger.type == "ASSAULT"
    assert labels(cand.source) == ["RUS:"] and labels(cand.target) == ["UKR:"]


def test_market_subjects_and_transitive_rallies_are_no_protests():
    # "Indian shares rallied": a demonym on a non-agent noun names no source
    doc = parse(["Indian", "shares", "rallied", "."], [1, 2, 2, 2],
                ["amod", "nsubj", "ROOT", "punct"], ["ADJ", "NOUN", "VERB", "PUNCT"],
                ["indian", "share", "rally", "."])
    (cand,) = candidates(doc)
    assert cand.source == []
    # "France rallied support": rally with an object is no protest
    doc = parse(["France", "rallied", "support", "."], [1, 1, 1, 1],
                ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "NOUN", "PUNCT"],
                ["France", "rally", "support", "."])
    assert [c.trigger.type for c in candidates(doc)] == ["SUPPORT"]  # the noun, no PROTEST
