"""The knowledge loader: phrase index, date-aware office holders, trigger lexicon."""

from detente.codebook import TYPES
from detente.knowledge import inflections, load_knowledge, load_triggers, trigger_surface_forms


def test_seats_of_government_stand_for_governments():
    k = load_knowledge()
    kremlin = [e for e in k.lookup(("Kremlin",)) if e.kind == "seat"]
    assert kremlin and kremlin[0].country == "RUS" and kremlin[0].sector == "GOV"


def test_demonyms_and_names_are_case_sensitive_proper_names():
    k = load_knowledge()
    assert any(e.country == "FRA" for e in k.lookup(("French",)))
    assert not any(e.kind == "country" for e in k.lookup(("us",)))  # the pronoun is not USA
    assert any(e.country == "USA" for e in k.lookup(("US",)))


def test_people_take_their_role_on_the_articles_date():
    k = load_knowledge()
    assert k.role_of("Donald Trump", "2019-06-01").sector == "GOV"
    assert k.role_of("Donald Trump", "2022-06-01").sector == "ELI"
    assert k.role_of("Donald Trump", "2025-06-01").sector == "GOV"
    assert k.role_of("Donald Trump", None).sector == "GOV"  # no date: today


def test_office_holder_on_a_date():
    k = load_knowledge()
    holder = k.holder("USA", "president", "2021-07-19")
    assert holder is not None and holder.name == "Joe Biden"


def test_trigger_lexicon_rows_use_codebook_types():
    for (_, pos), rows in load_triggers().items():
        for row in rows:
            assert pos in ("VERB", "NOUN", "LIGHT", "STATE")
            assert pos == "LIGHT" or row.type in TYPES, row


def test_surface_forms_cover_irregular_verbs():
    forms = trigger_surface_forms()
    assert {"met", "spoke", "meeting", "attacked", "sanctions"} <= forms
    assert "shot" in inflections("shoot")


def test_coder_data_files_are_well_formed():
    import pycountry

    from detente.codebook import SECTORS
    from detente.knowledge.tsv import read_tsv

    iso3 = {c.alpha_3 for c in pycountry.countries} | {"KOS"}
    for _, row in read_tsv("publishers.tsv"):
        assert row["country"] in iso3 and row["sector"] in SECTORS, row
    heads = [row["word"] for _, row in read_tsv("name_heads.tsv")]
    assert len(heads) == len(set(heads)) and all(h[:1].isupper() for h in heads)
    for name in ("non_agents.tsv", "weapons.tsv"):  # lemmas: lowercase, one word, once
        lemmas = [row["word"] for _, row in read_tsv(name)]
        assert len(lemmas) == len(set(lemmas)) and all(
            w == w.lower() and " " not in w for w in lemmas), name
    assert not {row["word"] for _, row in read_tsv("weapons.tsv")} & {
        row["word"] for _, row in read_tsv("non_agents.tsv")}
    k = load_knowledge()
    for _, row in read_tsv("regions.tsv"):  # a region never also names a country
        words = tuple(row["phrase"].removeprefix("the ").split())
        assert not any(e.kind == "country" for e in k.proper.get(words, [])), row
    seen = set()
    for line, row in read_tsv("triggers.tsv"):
        key = (row["lemma"], row["pos"], row["requires"])
        assert key not in seen, f"triggers.tsv:{line} repeats {key}"
        seen.add(key)
