"""The analysis API over a store of hand-built events."""

from __future__ import annotations

import pytest
from store_samples import sample_articles

from detente import analysis
from detente.errors import ConfigError, StoreError
from detente.store import Store


@pytest.fixture(scope="module")
def store():
    with Store(None) as s:
        s.add_batch(sample_articles())
        yield s


def test_events_filters_and_labels(store):
    frame = analysis.events(store, actor="fra", type="consult")
    assert frame["source_label"].tolist() == ["FRA:GOV", "DEU:GOV"]
    assert frame["target_label"].tolist() == ["DEU:GOV", "FRA:GOV"]
    april = analysis.events(store, since="2025-04", until="2025-04")
    assert set(april["day"].str[:7]) == {"2025-04"}
    assert len(analysis.events(store, limit=2)) == 2


@pytest.mark.parametrize("bad, message", [
    ({"type": "HUG"}, "unknown event type 'HUG': choose one of AGREE, CONSULT"),
    ({"actor": "France"}, "actor must be a three-letter code such as FRA or UNO, not 'France'"),
    ({"since": "2025-02-30"}, "invalid date '2025-02-30': no such day"),
    ({"until": "March"}, "invalid date 'March': expected YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_bad_options_say_what_to_do(store, bad, message):
    with pytest.raises(ConfigError, match=message):
        analysis.events(store, **bad)


def test_date_bounds_cover_whole_periods():
    assert analysis.check_day("2024-02", end=True) == "2024-02-29"
    assert analysis.check_day("2025", end=False) == "2025-01-01"
    with pytest.raises(ConfigError):
        analysis.check_day("2025-4-1")


def test_dyad_timeline_by_month(store):
    dyad = analysis.dyad(store, "USA", "CHN", by="month")
    rows = dyad.timeline.to_dict("records")
    assert [r["period"] for r in rows] == ["2025-03", "2025-04"]
    march, april = rows
    assert (march["events"], march["verbal_conflict"], march["intensity_sum"],
            march["intensity_mean"]) == (2, 2, -5.0, -2.5)
    assert (april["events"], april["verbal_cooperation"]) == (1, 1)
    assert dyad.top["type"].tolist()[0] == "ACCUSE"  # strongest first
    assert dyad.undated == 0


def test_dyad_by_week_uses_iso_weeks_and_leaves_out_hypotheticals(store):
    weeks = analysis.dyad(store, "FRA", "DEU", by="week").timeline
    assert weeks["period"].tolist() == ["2025-W16"]
    assert weeks["events"].tolist() == [3]  # two meetings and an agreement; not the threat


def test_dyad_needs_two_actors(store):
    with pytest.raises(ConfigError, match="two different actors"):
        analysis.dyad(store, "FRA", "fra")


def test_actors_and_network(store):
    actors = analysis.actors(store, top=3)
    assert len(actors) == 3 and set(actors.columns) >= {"actor", "name", "events"}
    assert analysis.country_name("UNO") == "United Nations"
    assert analysis.country_name("FRA") == "France"
    edges = analysis.network(store)
    usa_chn = edges[(edges.source == "USA") & (edges.target == "CHN")].iloc[0]
    assert (usa_chn.events, usa_chn.mean_intensity) == (1, -3.0)
    assert ("CHN", "USA") in analysis.top_dyads(store, 3)


def test_type_mix_lists_every_type(store):
    mix = analysis.type_mix(store)
    assert len(mix) == 16
    assert dict(zip(mix["type"], mix["events"], strict=True))["CONSULT"] == 3


def test_show_marks_trigger_and_actors(store):
    detail = analysis.show(store, "ukr-denies")
    event = detail.event
    assert event["trigger_text"] == "denied"
    text = analysis.marked_text(event["evidence_text"], detail.marks,
                                offset=event["evidence_start"])
    assert text == "{Ukraine} told {Russia} it [[denied]] <b>any</b> role."
    assert len(detail.reports) == 1
    with pytest.raises(StoreError, match="no event with id 'nope'"):
        analysis.show(store, "nope")


def test_segments_do_not_nest():
    pieces = analysis.segments("abcdef", [(0, 4, "evidence"), (2, 6, "trigger")])
    assert pieces == [("ab", frozenset({"evidence"})),
                      ("cd", frozenset({"evidence", "trigger"})),
                      ("ef", frozenset({"trigger"}))]


def test_text_table():
    import pandas as pd

    table = analysis.text_table(pd.DataFrame({"a": ["x", None], "n": [1.5, 10.0]}))
    assert table.splitlines() == ["a    n", "-  ---", "x  1.5", "    10"]
    assert analysis.text_table(pd.DataFrame()) == "(no rows)"


def test_cli_dyad_prints_the_timeline_and_top_events(tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.add_batch(sample_articles())
    result = CliRunner().invoke(main, ["dyad", "USA", "CHN", "--db", str(db), "--by", "month"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "USA-CHN by month: 3 events"
    assert lines[1].split() == ["period", "events", "verbal_cooperation", "material_cooperation",
                                "verbal_conflict", "material_conflict", "intensity_sum",
                                "intensity_mean"]
    assert lines[3].split() == ["2025-03", "2", "0", "0", "2", "0", "-5", "-2.5"]
    assert lines[4].split() == ["2025-04", "1", "1", "0", "0", "0", "2.5", "2.5"]
    assert lines[6] == "top 3 event(s):"
    assert "The United States accused China of hacking government networks." in lines[9]


def test_cli_show_events_actors_network(tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.add_batch(sample_articles())
    runner = CliRunner()
    shown = runner.invoke(main, ["show", "ukr-denies", "--db", str(db)])
    assert shown.exit_code == 0
    assert "evidence  {Ukraine} told {Russia} it [[denied]] <b>any</b> role." in shown.stdout
    listed = runner.invoke(main, ["events", "--db", str(db), "--actor", "RUS"])
    assert [line.split()[0] for line in listed.stdout.splitlines()[2:]] == [
        "rus-accuses", "ukr-denies"]
    top = runner.invoke(main, ["actors", "--db", str(db), "--top", "2"])
    assert len(top.stdout.splitlines()) == 4
    edges = runner.invoke(main, ["network", "--db", str(db), "--undirected"])
    assert edges.stdout.splitlines()[2].split()[:3] == ["CHN", "USA", "3"]
    bad = runner.invoke(main, ["events", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code == 1
    assert bad.stderr == ("Error: invalid date 'yesterday': expected YYYY-MM-DD, YYYY-MM or "
                          "YYYY\n")
