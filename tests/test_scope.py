"""Event scope (international or domestic) and counts that agree across views."""

from __future__ import annotations

import networkx as nx
from click.testing import CliRunner
from store_samples import coded, sample_articles

from detente import analysis
from detente.cli import main
from detente.export import export
from detente.records import Actor, Location, event_scope
from detente.report import build_report
from detente.store import Store


def a(country: str | None, sector: str | None = None) -> Actor:
    return Actor(text="x", country=country, sector=sector)


def test_the_scope_rule() -> None:
    assert event_scope([a("USA", "LEG")], [a("USA", "GOV")]) == "domestic"
    assert event_scope([a("USA")], []) == "domestic"
    assert event_scope([a(None)], [a(None)]) == "domestic"  # no country known at all
    assert event_scope([a("USA")], [a("CHN")]) == "international"
    assert event_scope([a("FRA"), a("DEU")], []) == "international"  # two sources
    assert event_scope([a("UNO")], []) == "international"  # an international code alone
    assert event_scope([a("KEN")], [a("NGO")]) == "international"
    # the place counts when it is known, not when the city name is shared and unresolved
    assert event_scope([a("IND")], [], Location("Geneva", "CHE")) == "international"
    assert event_scope([a("IND")], [], Location("Springfield", "USA", known=False)) == \
        "domestic"
    assert event_scope([a("IND")], [], Location("Delhi", "IND")) == "domestic"


def domestic_articles():
    text = ("The Senate criticized the White House over the budget. "
            "Kenyan police arrested protesters in Nairobi.")
    return [coded("d1", text, "2025-06-02", [
        {"type": "ACCUSE", "sentence": "The Senate criticized the White House over the "
         "budget.", "trigger": "criticized", "source": [("The Senate", "USA", "LEG")],
         "target": [("the White House", "USA", "GOV")], "id": "senate"},
        {"type": "COERCE", "sentence": "Kenyan police arrested protesters in Nairobi.",
         "trigger": "arrested", "source": [("Kenyan police", "KEN", "COP")],
         "target": [("protesters", "KEN", "CVL")], "id": "police"},
    ], title="Two domestic events")]


def store_with_both() -> Store:
    store = Store()
    store.add_batch([*sample_articles(), *domestic_articles()])
    store.set_stories({"a3": "meeting", "a4": "meeting"})
    return store


def test_scope_is_in_the_record_the_store_and_every_query() -> None:
    (article,) = domestic_articles()
    assert [e.to_dict()["scope"] for e in article.events] == ["domestic", "domestic"]
    with store_with_both() as store:
        everything = store.events(count="reports")
        assert set(everything.loc[everything["id"].isin(["senate", "police"]), "scope"]) == {
            "domestic"}
        assert set(store.events(scope="domestic")["id"]) == {"senate", "police"}
        assert "senate" not in set(store.events(scope="international")["id"])
        assert store.count_events(scope="domestic") == 2
        assert store.count_events(scope="international") + 2 == store.count_events()
        assert "KEN" not in set(analysis.actors(store, scope="international")["actor"])
        assert set(analysis.actors(store, scope="domestic")["actor"]) == {"USA", "KEN"}
        assert analysis.network(store, scope="domestic").empty  # no edge within a country
        assert len(analysis.dyad(store, "USA", "CHN", scope="domestic").top) == 0


def test_the_report_lists_international_top_events_by_default() -> None:
    with store_with_both() as store:
        page = build_report(store)
        assert "Top international events" in page and "over the budget" not in page
        assert "over the budget" in build_report(store, scope="all")


def test_cli_scope_filters(tmp_path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.add_batch([*sample_articles(), *domestic_articles()])
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--scope", "domestic"])
    assert result.exit_code == 0
    assert "senate" in result.output and "rus-accuses" not in result.output
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--scope", "nowhere"])
    assert result.exit_code == 2 and "Invalid value for '--scope'" in result.output
    for command in (["dyad", "USA", "CHN"], ["network"], ["actors"]):
        assert CliRunner().invoke(main, [*command, "--db", str(db), "--scope",
                                         "international"]).exit_code == 0, command


def test_actors_and_graphml_count_the_same_events(tmp_path) -> None:
    """An event with two targets was counted twice for its source in the GraphML node
    (once per edge) and once by `detente actors`: now a node's `events` is the actors
    count, and `edge_events` says what the edges add up to."""
    text = "Russia accused Ukraine and Poland of provocations. Russia warned Estonia."
    many = coded("m1", text, "2025-07-01", [
        {"type": "ACCUSE", "sentence": "Russia accused Ukraine and Poland of provocations.",
         "trigger": "accused", "source": [("Russia", "RUS", None)],
         "target": [("Ukraine", "UKR", None), ("Poland", "POL", None)]},
        {"type": "THREATEN", "sentence": "Russia warned Estonia.", "trigger": "warned",
         "source": [("Russia", "RUS", None)], "target": [("Estonia", "EST", None)]},
    ])
    with Store() as store:
        store.add_batch([*sample_articles(), *domestic_articles(), many])
        out = tmp_path / "net.graphml"
        export(store, out, "graphml")
        g = nx.read_graphml(out)
        table = analysis.actors(store, top=None)
        counts = dict(zip(table["actor"], table["events"], strict=True))
        for node, data in g.nodes(data=True):
            assert data["events"] == counts[node], node
        assert g.nodes["RUS"]["events"] == 4 and g.nodes["RUS"]["edge_events"] == 5


def test_a_store_from_before_scope_is_read_and_upgraded(tmp_path) -> None:
    import duckdb

    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.add_batch([*sample_articles(), *domestic_articles()])
    con = duckdb.connect(str(db))  # as schema 1 left it: no scope column
    con.execute("ALTER TABLE events DROP COLUMN scope")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with Store(db, read_only=True) as store:  # read as it is, scope from the countries
        assert set(store.events(scope="domestic")["id"]) == {"senate", "police"}
    with Store(db) as store:  # a writer upgrades it in place
        assert store.schema_version == 2
        assert set(store.events(scope="domestic")["id"]) == {"senate", "police"}
