"""Export formats parse back with the records they were given."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest
from store_samples import sample_articles

from detente.errors import ConfigError
from detente.export import export
from detente.store import Store


@pytest.fixture(scope="module")
def store():
    with Store(None) as s:
        s.add_batch(sample_articles())
        yield s


def test_parquet_round_trip(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, path, "parquet") == 9
    table = pq.read_table(path)
    assert table.num_rows == 9
    row = [r for r in table.to_pylist() if r["id"] == "ukr-denies"][0]
    assert row["source_countries"] == ["UKR"] and row["evidence_start"] == 116


def test_parquet_of_a_stored_table(store, tmp_path):
    path = tmp_path / "articles.parquet"
    assert export(store, path, "parquet", table="articles") == 5
    assert sorted(pq.read_table(path).column("id").to_pylist()) == ["a1", "a2", "a3", "a4", "a5"]


def test_csv_round_trip(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export(store, path, "csv", count="reports") == 9
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = [r for r in rows if r["id"] == "ukr-denies"][0]
    assert json.loads(row["target_countries"]) == ["RUS"]
    assert row["evidence_text"] == "Ukraine told Russia it denied <b>any</b> role."


def test_plover_json_lines(store, tmp_path):
    path = tmp_path / "events.jsonl"
    assert export(store, path, "plover") == 9
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    accuse = [r for r in records if r["event"] == "ACCUSE" and r["actor"] == "USA"][0]
    assert {"id", "date", "actor", "recipient", "event", "mode", "quad_code", "event_text",
            "text_info", "cite_info"} <= set(accuse)
    assert (accuse["recipient"], accuse["quad_code"], accuse["date"]) == ("CHN", 3, "2025-03-10")
    info = accuse["text_info"]
    article_text = sample_articles()[0].article.text
    start, end = info["evidence"]["start"], info["evidence"]["end"]
    assert article_text[start:end] == accuse["event_text"]
    assert article_text[info["trigger"]["start"]:info["trigger"]["end"]] == "accused"
    assert accuse["cite_info"] == {"url": "https://news.example/a1", "license": "CC BY 4.0",
                                   "source": "Test Wire"}
    meeting = [r for r in records if r["event"] == "CONSULT" and r["actor"] == "CHN;USA"][0]
    assert meeting["recipient"] is None and meeting["geolocation"]["placename"] == "Geneva"


def test_graphml_round_trip(store, tmp_path):
    path = tmp_path / "network.graphml"
    assert export(store, path, "graphml") == 6
    g = nx.read_graphml(path)
    assert g.is_directed()
    assert g.edges["USA", "CHN"]["mean_intensity"] == -3.0
    assert g.nodes["CHN"]["name"] == "China"


def test_bad_export_options(store, tmp_path):
    with pytest.raises(ConfigError, match="format must be one of parquet, csv, plover, graphml"):
        export(store, tmp_path / "x", "xlsx")
    with pytest.raises(ConfigError, match="parquet is binary"):
        export(store, "-", "parquet")
    with pytest.raises(ConfigError, match="--table actors needs --format parquet or csv"):
        export(store, tmp_path / "x", "plover", table="actors")
