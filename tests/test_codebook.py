"""The codebook's tables: 16 types, their quads, intensities and modes (CODEBOOK s. 2)."""

from detente import codebook


def test_sixteen_types_in_four_quads():
    types = codebook.event_types()
    assert len(types) == 16
    assert {t.quad for t in types.values()} == {1, 2, 3, 4}
    assert types["SANCTION"].quad == 3  # the codebook's choice where PLOVER contradicts itself
    assert types["ACCUSE"].intensity == -3.0  # and its sign fix
    assert types["ASSAULT"].intensity == -9.0
    assert types["AID"].intensity == 10.0


def test_undirected_types_are_the_scorers():
    assert codebook.UNDIRECTED == {"CONSULT", "AGREE", "COOPERATE"}


def test_modes_listed_by_the_codebook():
    assert set(codebook.event_type("CONSULT").modes) == {"visit", "phone", "multilateral",
                                                         "third-party"}
    assert "resign" in codebook.event_type("RETREAT").modes
    assert "aerial" in codebook.event_type("ASSAULT").modes
