"""The readers of the CAMEO verb dictionary and the CAMEO-to-PLOVER crosswalk, on small
files written for these tests (in the sources' formats), and on the shared sources."""

from pathlib import Path

import pytest
from conftest import need_shared

from detente.knowledge.sources.cameo import (
    CameoFormatError,
    Marker,
    Phrase,
    Prep,
    Syn,
    Word,
    read_dictionary,
)
from detente.knowledge.sources.plover import CrosswalkFormatError, read_crosswalk

DICTIONARY = """\
# a header comment
####### SYNONYM SETS #######

&VEHICLE
+TRUCK
+ARMORED_CAR
+CONVOY_

####### VERB PATTERNS #######

---  HAUL   [---]  ---
HAUL
TOW {TOWS TOWED TOWING }  # a comment
+PULL_IN [040]
RE_+LOAD
- * &VEHICLE                          [070]         # HAUL
- * {SMALL BOAT} (TO +)               [042:043]     # TOW
- $ * (ACROSS RIVER)                  [:173]
- PORT * (TO)                         [190]         # HAUL
- * OFF) BROKEN                       [190]         # HAUL
- * TO HELP                           [030]         ; TOW

######## TRANSFORMATIONS ##########
~ a (a b HAUL) SAY = a b 010
"""

CROSSWALK = """\
# a comment
07: AID
070: AID,   ,  # Provide aid
073: AID,   ,   humanitarian # Provide humanitarian aid
0871: RETREAT, ceasefire, military # Declare truce
0871: ASSAULT, , # a second line for one code is ignored
~~~~~
999: NOT, read, # after the end
"""


def test_cameo_reader_synsets_blocks_verbs_and_patterns(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    d = read_dictionary(path)
    vehicle = d.synsets["&VEHICLE"]
    assert vehicle.members == (("truck",), ("armored", "car"), ("convoy",))
    assert vehicle.plurals == (True, True, False)
    (block,) = d.blocks
    assert (block.name, block.code) == ("HAUL", "---")
    haul, tow, pull_in, reload = block.verbs
    assert tow.forms == (("tows",), ("towed",), ("towing",)) and tow.code is None
    assert (pull_in.words, pull_in.head, pull_in.code) == (("pull", "in"), 0, "040")
    assert (reload.words, reload.head, reload.lemma) == (("re", "load"), 1, "load")
    first, second, third, fourth, fifth = block.patterns
    assert first.post == (Syn("&VEHICLE"),) and first.code == "070"
    assert first.verbs == ("haul",)
    assert second.post == (Phrase((Word("small"),), Word("boat")),
                           Prep("to", (Marker("+"),)))
    assert second.code == "042:043" and second.verbs == ("tow",)
    assert third.pre == (Marker("$"),) and third.code == ":173"
    assert fourth.pre == (Word("port"),)
    assert fifth.post == (Word("to"), Word("help")) and fifth.verbs == ("tow",)
    # the unbalanced line is listed with its reason, not raised
    assert d.unreadable == ((20, "')' without its opening bracket"),)
    assert d.expand(Syn("&VEHICLE"))[1] == ("armored", "car")


def test_cameo_reader_names_the_line_it_cannot_place(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("####### VERB PATTERNS #######\nHAUL\n", encoding="utf-8")
    with pytest.raises(CameoFormatError, match=r"bad.txt:2: a verb or pattern before any"):
        read_dictionary(path)


def test_crosswalk_reader(tmp_path):
    path = tmp_path / "crosswalk.txt"
    path.write_text(CROSSWALK, encoding="utf-8")
    table = read_crosswalk(path)
    assert set(table) == {"070", "073", "0871"}
    assert table["073"].type == "AID" and table["073"].context == ("humanitarian",)
    assert table["0871"].mode == "ceasefire" and table["0871"].line == 5
    assert table["070"].mode is None


def test_crosswalk_reader_names_a_bad_line(tmp_path):
    path = tmp_path / "crosswalk.txt"
    path.write_text("070 AID\n", encoding="utf-8")
    with pytest.raises(CrosswalkFormatError, match=r"crosswalk.txt:1: expected"):
        read_crosswalk(path)


def test_the_shared_sources_read_whole():
    sources = need_shared("knowledge-sources")
    d = read_dictionary(sources / "petrarch2" / "CAMEO.2.0.txt")
    assert len(d.blocks) > 350 and sum(len(b.verbs) for b in d.blocks) > 1700
    assert sum(len(b.patterns) for b in d.blocks) + len(d.unreadable) > 4600
    assert len(d.unreadable) < 10
    table = read_crosswalk(Path(sources / "plover" / "CAMEO2PLOVER-2021.txt"))
    assert table["190"].type == "ASSAULT" and table["0871"].mode == "ceasefire"
