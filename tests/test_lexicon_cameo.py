"""The trigger lexicon's CAMEO part (knowledge/data/triggers_cameo.tsv): its schema and
codes, the build that writes it, how the loader merges it with the hand-written rows, the
reader's condition forms it uses, and sentences written for these tests that show the
kinds of event it adds."""

from __future__ import annotations

import re

import pytest
from conftest import need_shared
from spacy.tokens import Doc

from detente.actors import ActorFinder, Discourse
from detente.clean import clean
from detente.codebook import event_types
from detente.events import EventReader
from detente.knowledge import build_verbs as bv
from detente.knowledge import load_triggers, trigger_cues
from detente.knowledge.sources.plover import read_crosswalk
from detente.knowledge.tsv import data_path, read_tsv
from detente.nlp import tokenizer_only
from detente.pipeline import _coder
from detente.records import RawDocument

KINDS = {"prep", "prt", "dobj", "child", "sub", "xcomp", "pobj", "active"}
FLAGS = {"reverse", "noobj", "future", "speech", "selfonly", "needtarget", "directobj",
         "intransitive", "nocomplement", "accused", "light", "mutual", "copula"}
ROWS = list(read_tsv("triggers_cameo.tsv"))
HAND = list(read_tsv("triggers.tsv"))


# ---- the file -----------------------------------------------------------------------------
def test_generated_rows_have_the_schema_and_valid_types_and_modes():
    types = event_types()
    assert len(ROWS) > 2000
    for line, row in ROWS:
        where = f"triggers_cameo.tsv:{line}"
        assert tuple(row) == bv.HEADER, where
        assert row["pos"] in ("VERB", "NOUN"), where
        assert re.fullmatch(r"[a-z][a-z-]*", row["lemma"]), where
        assert row["type"] in types, where
        assert not row["mode"] or row["mode"] in types[row["type"]].modes, where
        for part in filter(None, row["requires"].split(",")):
            kind, _, words = part.partition(":")
            assert kind in KINDS, where
            if kind == "pobj":
                prep, _, words = words.partition(":")
                assert prep.isalpha(), where
            assert words and all(re.fullmatch(r"[a-z0-9][a-z0-9'-]*(~[a-z][a-z-]*)?", w)
                                 for w in words.split("|")), where
        assert set(filter(None, row["flags"].split("|"))) <= FLAGS, where
        assert re.fullmatch(r"\d{3,4}", row["cameo"]), where
        assert re.search(r"\(CAMEO\.2\.0\.txt:\d+\)$", row["pattern"]), where


def test_generated_rows_are_unique_and_never_repeat_a_hand_row():
    keys = [(r["lemma"], r["pos"], r["requires"]) for _, r in ROWS]
    assert len(keys) == len(set(keys))
    hand = {(r["lemma"], r["pos"], r["requires"]) for _, r in HAND}
    assert not hand & set(keys)


def test_no_light_or_many_sense_verb_is_a_trigger_alone():
    light = {r["lemma"] for _, r in HAND if r["pos"] == "LIGHT"}
    bare = {r["lemma"] for _, r in ROWS if r["pos"] == "VERB" and not r["requires"]}
    assert not bare & (light | bv.GENERAL_VERBS)
    for verb in ("make", "take", "give", "set", "put", "get", "hold", "call"):
        assert verb not in bare


def test_every_generated_row_counts_in_the_report():
    counts = {}
    for _, row in ROWS:
        counts[row["type"]] = counts.get(row["type"], 0) + 1
    assert set(counts) == set(event_types())  # all 16 types get rows


def test_every_code_comes_from_the_crosswalk_or_the_codebook_table():
    crosswalk = read_crosswalk(need_shared("knowledge-sources", "plover",
                                           "CAMEO2PLOVER-2021.txt"))
    for line, row in ROWS:
        code = row["cameo"]
        by_codebook = any(code.startswith(p) for p in bv.CODEBOOK_CODES)
        assert code in crosswalk or by_codebook, f"triggers_cameo.tsv:{line}: {code}"
        if code in crosswalk and not by_codebook and row["type"] != "MOBILIZE" \
                and not (code == "036" and row["type"] == "CONSULT"):
            assert row["type"] == crosswalk[code].type, f"triggers_cameo.tsv:{line}"


def test_every_row_points_at_its_pattern_in_the_source():
    lines = need_shared("knowledge-sources", "petrarch2", "CAMEO.2.0.txt").read_text(
        encoding="utf-8", errors="replace").splitlines()
    for line, row in ROWS:
        number = int(row["pattern"].rsplit(":", 1)[1].rstrip(")"))
        assert row["cameo"] in lines[number - 1] or "[" not in lines[number - 1], line


def test_the_codebook_wins_where_it_differs_from_the_crosswalk():
    crosswalk = read_crosswalk(need_shared("knowledge-sources", "plover",
                                           "CAMEO2PLOVER-2021.txt"))
    assert crosswalk["163"].type == "COERCE"
    assert bv.plover_of("163", crosswalk)[0] == "SANCTION"  # sanctions: SANCTION, quad 3
    assert event_types()["SANCTION"].quad == 3
    assert bv.plover_of("090", crosswalk)[:2] == ("ACCUSE", "investigate")
    assert bv.plover_of("0333", crosswalk)[0] == "AGREE"  # a pledge of aid
    assert bv.plover_of("073", crosswalk)[:2] == ("AID", "humanitarian")  # its delivery
    assert bv.plover_of("175", crosswalk)[0] == "ASSAULT"  # repression with force
    assert bv.plover_of("176", crosswalk)[:2] == ("COERCE", "cyber")
    assert bv.plover_of("055", crosswalk)[0] == "CONCEDE"
    assert bv.plover_of("1123", crosswalk)[:2] == ("ACCUSE", "allege")
    assert bv.plover_of("0251", crosswalk)[:2] == ("REQUEST", "yield")
    with pytest.raises(bv.Unusable):
        bv.plover_of("010", crosswalk)  # a statement is no event


def test_the_build_is_deterministic_and_matches_the_committed_file(tmp_path):
    sources = need_shared("knowledge-sources")
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    assert bv.main(["--sources", str(sources), "--output", str(first)]) == 0
    assert bv.main(["--sources", str(sources), "--output", str(second)]) == 0
    committed = data_path("triggers_cameo.tsv").read_text(encoding="utf-8")
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == committed


def test_the_build_says_which_sources_are_missing(tmp_path, capsys):
    assert bv.main(["--sources", str(tmp_path)]) == 2
    assert "CAMEO.2.0.txt not found" in capsys.readouterr().err


# ---- the loader ---------------------------------------------------------------------------
def test_hand_rows_come_first_and_phrasal_rows_before_wordless_ones():
    rows = load_triggers()
    attack = rows[("attack", "VERB")]
    assert attack[0].file == "triggers.tsv"
    assert [r.file for r in attack] == sorted((r.file for r in attack),
                                              key=lambda f: f != "triggers.tsv")
    call = [(r.file, r.requires) for r in rows[("call", "VERB")]]
    off = call.index(("triggers_cameo.tsv", "prt:off,dobj:talk"))
    assert off < call.index(("triggers.tsv", "dobj"))  # "called off talks" is no phone call
    assert call.index(("triggers.tsv", "prep:for")) < off


def test_cues_know_irregular_forms_and_second_words():
    cues = trigger_cues()
    assert "stood" in cues and "sent" in cues and "bought" in cues
    assert cues["cancelled"] is not None and "visit" in cues["cancelled"]
    assert cues["placed"] is None or "detention" in cues["placed"]


# ---- the reader's condition forms, on hand-built parses ------------------------------------
def parse(words, heads, deps, pos, lemmas, tags=None):
    return Doc(tokenizer_only().vocab, words=words, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas, tags=tags or [""] * len(words))


def candidates(doc):
    mentions = ActorFinder().mentions(doc, Discourse(date="2024-05-08"))
    return EventReader().candidates(doc[:], mentions)


def test_pattern_pobj_in_detention():
    # "Iran placed the sailors in detention": PLACE * (IN &DETENTION)
    doc = parse(["Iran", "placed", "the", "sailors", "in", "detention", "."],
                [1, 1, 3, 1, 1, 4, 1],
                ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
                ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
                ["Iran", "place", "the", "sailor", "in", "detention", "."])
    (cand,) = [c for c in candidates(doc) if c.trigger.lemma == "place"]
    assert cand.trigger.type == "COERCE" and cand.trigger.mode == "arrest"
    assert cand.trigger.requires.startswith("pobj:in:") and "detention" in \
        cand.trigger.requires


def test_pattern_joined_conditions_hand_over_supplies():
    # "Japan handed over supplies to Chile": prt:over,dobj:supply
    doc = parse(["Japan", "handed", "over", "supplies", "to", "Chile", "."],
                [1, 1, 1, 1, 1, 4, 1],
                ["nsubj", "ROOT", "prt", "dobj", "prep", "pobj", "punct"],
                ["PROPN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
                ["Japan", "hand", "over", "supply", "to", "Chile", "."])
    (cand,) = candidates(doc)
    assert cand.trigger.type == "AID" and cand.trigger.requires.startswith("prt:over,")
    assert [m.actors[0].country for m in cand.target] == ["CHL"]
    # without its particle the row does not apply
    doc = parse(["Japan", "handed", "supplies", "to", "Chile", "."], [1, 1, 1, 1, 3, 1],
                ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                ["Japan", "hand", "supply", "to", "Chile", "."])
    assert candidates(doc) == []


def test_pattern_object_modifier_medical_aid():
    # SEND * {MEDICAL AID}: the object with its modifier, "aid~medical"
    doc = parse(["Cuba", "sent", "medical", "aid", "to", "Haiti", "."],
                [1, 1, 3, 1, 1, 4, 1],
                ["nsubj", "ROOT", "amod", "dobj", "prep", "pobj", "punct"],
                ["PROPN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
                ["Cuba", "send", "medical", "aid", "to", "Haiti", "."])
    (cand,) = [c for c in candidates(doc) if c.trigger.pos == "VERB"]
    assert cand.trigger.type == "AID"
    row = next(r for r in load_triggers()[("send", "VERB")] if "aid~medical" in r.requires)
    assert row.mode == "humanitarian"


def test_pattern_light_noun_only_after_a_light_verb():
    # STAGE * SIT-IN: "sit-in" is an event as the object of a light verb, not alone
    rows = load_triggers()[("sit-in", "NOUN")]
    assert rows[0].type == "PROTEST" and "light" in rows[0].flags
    doc = parse(["the", "sit-in", "ended", "."], [1, 2, 2, 2],
                ["det", "nsubj", "ROOT", "punct"], ["DET", "NOUN", "VERB", "PUNCT"],
                ["the", "sit-in", "end", "."])
    assert not [c for c in candidates(doc) if c.trigger.lemma == "sit-in"]


# ---- sentences written for these tests, coded end to end -----------------------------------
def code(text):
    article = clean(RawDocument(id="t", text=text, where="test", date="2024-05-08"))
    return _coder().code(article)


CASES = [
    # (pattern, sentence, type, source countries, target countries, rule file)
    ("send dobj:arm", "Russia sent arms to Venezuela on Monday.",
     "AID", ["RUS"], ["VEN"], "triggers.tsv"),
    ("hand prt:over,dobj:supply", "Turkish officials handed over supplies to Syrian refugees.",
     "AID", ["TUR"], ["SYR"], "triggers.tsv"),
    ("TORTURE [1822]", "Egyptian police tortured a British student in a prison in Cairo "
     "last year, the report said.", "ASSAULT", ["EGY"], ["GBR"], "triggers_cameo.tsv"),
    ("wound", "Syrian government forces wounded three Turkish soldiers near the border.",
     "ASSAULT", ["SYR"], ["TUR"], "triggers.tsv"),
    ("SET * FIRE", "Protesters set fire to the Israeli embassy in Amman.",
     "ASSAULT", ["JOR"], ["ISR"], "triggers_cameo.tsv"),
    ("CALL_OFF * TALKS", "Iran called off talks with the European Union.",
     "SANCTION", ["IRN"], ["EUR"], "triggers_cameo.tsv"),
    ("CANCEL * VISIT", "The Chinese foreign minister cancelled a visit to Japan.",
     "SANCTION", ["CHN"], ["JPN"], "triggers_cameo.tsv"),
    ("demobilize", "Colombia demobilized the rebel fighters.",
     "RETREAT", ["COL"], ["COL"], "triggers.tsv"),
    ("dispatch dobj:inspector", "The IAEA dispatched inspectors to Iran.",
     "ACCUSE", ["IGO"], ["IRN"], "triggers.tsv"),
    ("stand prep:with", "Poland stands with Ukraine.", "SUPPORT", ["POL"], ["UKR"],
     "triggers.tsv"),
    ("be child:grateful", "Kenya is grateful to Japan for its support.",
     "SUPPORT", ["KEN"], ["JPN"], "triggers.tsv"),
    ("warn prep:about", "The Philippines warned China about its actions in the South "
     "China Sea.", "THREATEN", ["PHL"], ["CHN"], "triggers.tsv"),
    ("question dobj", "Kenyan police questioned the Chinese ambassador.",
     "ACCUSE", ["KEN"], ["CHN"], "triggers.tsv"),
    ("resist", "Venezuela resisted pressure from the United States.",
     "REJECT", ["VEN"], ["USA"], "triggers.tsv"),
    ("ACCEPT * RESPONSIBILITY [015]", "Hamas accepted responsibility for the attack on Israel.",
     "CONCEDE", ["PSE"], [], "triggers_cameo.tsv"),
    ("resignation NOUN", "The Japanese prime minister announced his resignation.",
     "RETREAT", ["JPN"], [], "triggers.tsv"),
    ("STAGE * RALLIES (rally NOUN, light)", "Opposition supporters held a rally against "
     "the Venezuelan government.", "PROTEST", ["VEN"], ["VEN"], "triggers_cameo.tsv"),
]


@pytest.mark.parametrize("pattern,text,kind,source,target,file", CASES,
                         ids=[c[0] for c in CASES])
def test_sentences_code_the_kinds_the_issue_lists(pattern, text, kind, source, target, file):
    events = code(text).events
    assert [e.type for e in events] == [kind], (pattern, [e.rule for e in events])
    (event,) = events
    assert [a.country for a in event.source] == source, pattern
    assert [a.country for a in event.target] == target, pattern
    assert f"({file}:" in event.rule, (pattern, event.rule)


def test_a_bare_make_or_take_is_no_event():
    assert code("The Brazilian government made a decision on the budget and the minister "
                "took a long break from the debate on Monday.").events == ()


# ---- the PLOVER-style evaluation set (bench/plover_style.py) -------------------------------
def test_the_plover_style_set_is_well_formed():
    import json
    from pathlib import Path

    from detente.codebook import INTERNATIONAL

    path = Path(__file__).parent / "data" / "plover_style_sentences.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    countries = {r["iso3"] for _, r in read_tsv("countries.tsv")} | INTERNATIONAL
    assert len(rows) >= 150 and len({r["id"] for r in rows}) == len(rows)
    assert {r["type"] for r in rows} == set(event_types())
    for row in rows:
        assert set(row) == {"id", "text", "type", "source", "target"}, row["id"]
        assert row["source"] and set(row["source"] + row["target"]) <= countries, row["id"]
