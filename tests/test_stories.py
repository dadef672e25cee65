"""Story grouping on article pairs written for these tests, and event merging across a story.

The texts are original, written for the tests: a Chile-Argentina river-data accord, the
same copy under a new headline, another outlet's rewrite of it, and a different story
(a fishing dispute) between the same two countries and ministers.
"""

from __future__ import annotations

import pytest

from detente.errors import ConfigError
from detente.records import Actor, Article, CodedArticle, Event, Rejected, Span, Structure
from detente.stories import Evidence, StoryClusterer, cluster_stories, merge_events, shingles


def _article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


BODY = (
    ("The foreign ministers of Chile and Argentina signed an agreement in Santiago on "
     "Tuesday to share water and glacier data from the rivers that cross their long Andean"
     " border, a step both governments described as overdue."),
    ("Under the accord, the two countries will exchange daily readings from forty gauging "
     "stations and publish a joint report on glacier retreat every year. A binational "
     "commission of hydrologists will meet twice a year, alternating between Mendoza and "
     "Santiago."),
    ('"Water does not stop at the border, and neither should the information about it," '
     "the Chilean foreign minister told reporters after the signing ceremony at the La "
     "Moneda palace."),
    ("His Argentine counterpart said the agreement would help farmers in the Cuyo region "
     "plan their planting seasons and would give both countries early warning of floods "
     "from melting ice."),
    ("The accord still has to be ratified by the congresses of both countries. Officials "
     "said they expected the first joint report to be published next spring."),
)

ORIGINAL = _article("Chile and Argentina agree to share Andean river data", *BODY)

# the same wire copy under a new headline
NEW_HEADLINE = _article("Neighbours sign Andes water pact after years of talks", *BODY)

REWRITE = _article(
    "Argentina, Chile to pool data on shared Andean rivers",
    ("SANTIAGO - Chile and Argentina on Tuesday signed an agreement to share water and "
     "glacier data from the rivers that cross their long Andean border, in a deal both "
     "governments described as overdue."),
    ("The two countries will exchange daily readings from forty gauging stations and "
     "publish a joint report on glacier retreat every year, according to the text released"
     " by the Chilean foreign ministry. Hydrologists from both sides will form a "
     "binational commission meeting twice a year."),
    ('"Water does not stop at the border, and neither should the information about it," '
     "the Chilean foreign minister said after the signing ceremony at the La Moneda "
     "palace."),
    ("The Argentine foreign minister said farmers in the Cuyo region would be able to plan"
     " their planting seasons better, and that both countries would get early warning of "
     "floods from melting ice."),
    "The accord must still be ratified by the congresses of both countries.",
)

SAME_ACTORS = _article(
    "Chile and Argentina trade protests over fishing boats in the Beagle Channel",
    ("Argentina's foreign ministry summoned the Chilean ambassador in Buenos Aires on "
     "Friday to protest what it called the harassment of two Argentine fishing boats by a "
     "Chilean navy patrol near the Beagle Channel."),
    ("The Chilean foreign minister rejected the protest, saying the boats had been fishing"
     " without a permit inside Chilean waters and had been asked to leave, not detained."),
    ('"We will not accept lessons about our own waters," the Chilean minister told a radio'
     " station in Punta Arenas, adding that Chile remained open to talks through the "
     "existing border commission."),
    ("The Argentine foreign minister said her government would send a formal note to "
     "Santiago and raise the matter with the binational commission that oversees fishing "
     "in the southern channels."),
    ("The incident is the third of its kind this year. Fishing unions in Ushuaia called on"
     " both governments to settle the rules for the channel before the southern summer "
     "season begins."),
)

PAIRS = {"accord": ORIGINAL, "headline": NEW_HEADLINE, "rewrite": REWRITE,
         "fishing": SAME_ACTORS}


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Chile, and ARGENTINA!", 2) == {b"chile and", b"and argentina"}
    assert shingles("Talks end.", 5) == {b"talks end"}
    assert shingles("  ...  ", 5) == set()


def test_copy_with_a_new_headline_is_the_same_story():
    stories = cluster_stories(PAIRS.items())
    assert stories["headline"] == "accord"


def test_rewrite_is_the_same_story_only_at_a_lower_threshold():
    assert cluster_stories(PAIRS.items())["rewrite"] == "rewrite"
    assert cluster_stories(PAIRS.items(), threshold=0.2)["rewrite"] == "accord"


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.8])
def test_different_story_with_the_same_actors_stays_apart(threshold):
    assert cluster_stories(PAIRS.items(), threshold=threshold)["fishing"] == "fishing"


def test_similarity_estimates_order_the_pairs():
    clusterer = StoryClusterer()
    for article_id, text in PAIRS.items():
        clusterer.add(article_id, text)
    copy, rewrite, other = (clusterer.similarity("accord", other_id)
                            for other_id in ("headline", "rewrite", "fishing"))
    assert copy > 0.8 > 0.5 > rewrite > 0.2 > 0.05 > other


def test_story_id_is_the_first_article_of_the_story():
    stories = cluster_stories([("b-copy", NEW_HEADLINE), ("a-orig", ORIGINAL)])
    assert stories == {"b-copy": "b-copy", "a-orig": "b-copy"}


def test_merged_sketches_give_the_same_stories_as_one_clusterer():
    whole = StoryClusterer(threshold=0.2)
    first, second = StoryClusterer(threshold=0.2), StoryClusterer(threshold=0.2)
    for i, (article_id, text) in enumerate(PAIRS.items()):
        whole.add(article_id, text)
        (first if i % 2 == 0 else second).add(article_id, text)
    first.merge(second)
    assert len(first) == 4
    assert first.assignments() == {
        "accord": "accord", "headline": "accord", "rewrite": "accord", "fishing": "fishing"}
    # Merge order decides which article is "first", but not the grouping.
    assert sorted(map(sorted, _groups(first.assignments()))) \
        == sorted(map(sorted, _groups(whole.assignments())))


def _groups(assignments: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for article_id, story in assignments.items():
        groups.setdefault(story, []).append(article_id)
    return list(groups.values())


def test_adding_an_id_twice_unions_its_text():
    halves = StoryClusterer()
    paragraphs = ORIGINAL.split("\n\n")
    halves.add("accord", "\n\n".join(paragraphs[:3]))
    halves.add("accord", "\n\n".join(paragraphs[3:]))
    halves.add("headline", NEW_HEADLINE)
    assert len(halves) == 2
    # Shingles that span the cut are missing, so the estimate is close to, not exactly, 1.
    assert halves.similarity("accord", "headline") > 0.8


def test_many_identical_sketches_stay_linear_and_grouped():
    stories = cluster_stories((f"empty-{i:03d}", "") for i in range(200))
    assert set(stories.values()) == {"empty-000"}


def test_no_articles_no_stories():
    assert StoryClusterer().assignments() == {}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"threshold": 0.0}, "story threshold must be in (0, 1], got 0.0"),
    ({"threshold": 1.5}, "story threshold must be in (0, 1], got 1.5"),
    ({"num_perm": 8}, "num_perm must be at least 16 for a usable estimate, got 8"),
    ({"shingle": 0}, "shingle size must be at least 1 word, got 0"),
    ({"window_days": -1}, "story window must be 0 days or more, got -1"),
])
def test_bad_settings_say_what_is_wrong(kwargs, message):
    with pytest.raises(ConfigError) as error:
        StoryClusterer(**kwargs)
    assert str(error.value) == message


def test_sketches_with_other_settings_do_not_merge():
    with pytest.raises(ConfigError, match="different num_perm or shingle size"):
        StoryClusterer().merge(StoryClusterer(shingle=3))


def _event(article_id: str, type_: str = "AGREE", date: str | None = "2024-05-07",
           source: tuple[str, ...] = ("CHL",), target: tuple[str, ...] = ("ARG",),
           start: int = 0, mentions: int = 1) -> Event:
    text = "The ministers signed an agreement."
    return Event(
        article_id=article_id, type=type_, mode=None,
        source=tuple(Actor(text=c, country=c, sector="GOV") for c in source),
        target=tuple(Actor(text=c, country=c, sector="GOV") for c in target),
        quad=1, intensity=4.0, evidence=Span(text, start, start + len(text)),
        trigger=Span("signed", start + 14, start + 20), rule="test", date=date,
        mentions=mentions, id=f"{article_id}-{type_}-{start}")


def test_events_of_one_story_merge_into_one_with_mentions_and_every_evidence():
    stories = {"accord": "accord", "headline": "accord", "rewrite": "accord",
               "fishing": "fishing"}
    events = [
        _event("accord"),
        _event("headline", start=90),
        _event("rewrite", target=("BOL",)),  # another target: stays apart
        _event("rewrite", start=200, mentions=2),  # the coder counted it twice already
        _event("fishing"),  # same event shape, other story
        _event("headline", type_="CONSULT", start=300),
    ]
    merged, links = merge_events(events, stories)
    assert [(e.id, e.mentions) for e in merged] == [
        ("accord-AGREE-0", 4), ("rewrite-AGREE-0", 1), ("fishing-AGREE-0", 1),
        ("headline-CONSULT-300", 1)]
    assert links["accord-AGREE-0"] == [
        Evidence("accord", "accord-AGREE-0", events[0].evidence),
        Evidence("headline", "headline-AGREE-90", events[1].evidence),
        Evidence("rewrite", "rewrite-AGREE-200", events[3].evidence),
    ]
    assert merged[0] == events[0].__class__(**{**events[0].__dict__, "mentions": 4})


def test_events_on_other_dates_or_unassigned_articles_do_not_merge():
    events = [_event("a"), _event("b", date="2024-05-08"), _event("c")]
    merged, _ = merge_events(events, {"a": "a", "b": "a"})
    assert [e.mentions for e in merged] == [1, 1, 1]


def test_articles_dated_further_apart_than_the_window_are_other_stories():
    # A templated release sent again a week later reports a new event, not the same one.
    dated = [("accord", ORIGINAL, "2024-05-07"), ("headline", NEW_HEADLINE, "2024-05-09"),
             ("resent", NEW_HEADLINE, "2024-05-14")]
    assert cluster_stories(dated) == {"accord": "accord", "headline": "accord",
                                      "resent": "resent"}
    assert set(cluster_stories(dated, window_days=None).values()) == {"accord"}
    assert set(cluster_stories(dated, window_days=10).values()) == {"accord"}
    # An article without a date may belong with any date (and so joins what it links).
    undated = [*dated, ("undated", NEW_HEADLINE, None)]
    assert set(cluster_stories(undated).values()) == {"accord"}


def test_merged_sketches_keep_their_dates():
    first, second = StoryClusterer(), StoryClusterer()
    first.add("accord", ORIGINAL, "2024-05-07")
    second.add("resent", NEW_HEADLINE, "2024-05-20")
    first.merge(second)
    assert first.assignments() == {"accord": "accord", "resent": "resent"}


def test_undirected_events_merge_whichever_side_is_named_first():
    meets = [_event("accord", type_="CONSULT"),
             _event("headline", type_="CONSULT", source=("ARG",), target=("CHL",))]
    merged, _ = merge_events(meets, {"accord": "accord", "headline": "accord"})
    assert [e.mentions for e in merged] == [2]
    accuses = [_event("accord", type_="ACCUSE"),
               _event("headline", type_="ACCUSE", source=("ARG",), target=("CHL",))]
    merged, _ = merge_events(accuses, {"accord": "accord", "headline": "accord"})
    assert [e.mentions for e in merged] == [1, 1]


def test_observe_sketches_coded_articles_as_they_stream_past():
    def coded(article_id: str, text: str, title: str) -> CodedArticle:
        structure = Structure(title, None, None, 1, 0, 0)
        article = Article(article_id, text, (text,), structure, "test", date="2024-05-07")
        return CodedArticle(article, events=())

    body = ORIGINAL.split("\n\n", 1)[1]
    items = [coded("accord", body, "Chile and Argentina agree to share Andean river data"),
             Rejected("x.jsonl:2", "empty text", "E007"),
             coded("headline", body, "Neighbours sign Andes water pact after years of talks")]
    clusterer = StoryClusterer()
    assert list(clusterer.observe(items)) == items
    assert clusterer.assignments() == {"accord": "accord", "headline": "accord"}


def test_run_groups_copies_into_one_story_and_counts_events_once(tmp_path):
    """`detente run` clusters what it stored: a wire copy with a new headline is the same
    story, so its events are one event with two reports."""
    import json

    from click.testing import CliRunner

    from detente.cli import main
    from detente.store import Store

    text = ("Japan's foreign minister met his South Korean counterpart in Tokyo on Monday. "
            "The two ministers agreed to expand security cooperation, officials said.\n\n"
            "Japan also condemned North Korea's latest missile launch in a statement.")
    rows = [{"id": "wire-1", "title": "Tokyo and Seoul agree to deepen ties", "date":
             "2025-03-04", "text": text},
            {"id": "wire-2", "title": "Japan, South Korea ministers meet", "date": "2025-03-04",
             "text": text},
            {"id": "other", "title": "Chile sanctions Peru", "date": "2025-03-04",
             "text": "Chile sanctioned Peru on Monday over a border dispute."}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 stories in the store" in result.stdout
    with Store(str(db), read_only=True) as store:
        events = store.events(count="events")
        reports = store.events(count="reports")
    assert len(reports) == 2 * len(events) - 1  # every event of the copy merged, plus Chile's
    assert events["mentions"].max() == 2


def test_run_writes_parquet_partitions_beside_the_store(tmp_path):
    """With --partitions, every stored batch also lands as a Parquet file, and together
    the files hold exactly the stored events."""
    import json

    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from detente.cli import main
    from detente.store import Store

    rows = [{"id": f"a{i}", "date": "2025-03-04", "text": text} for i, text in enumerate([
        "Chile sanctioned Peru on Monday.", "Japan condemned North Korea's missile launch.",
        "Russian troops attacked the Ukrainian city of Kharkiv."])]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db, parts = tmp_path / "p.duckdb", tmp_path / "parts"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "--batch-size", "2",
                                       "--partitions", str(parts)])
    assert result.exit_code == 0, result.output
    files = sorted(parts.glob("run=*/events-*.parquet"))
    assert len(files) == 2  # one per batch
    ids = {i for f in files for i in pq.read_table(f).column("id").to_pylist()}
    with Store(str(db), read_only=True) as store:
        assert ids == set(store.events(count="reports")["id"])
