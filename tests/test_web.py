"""The dashboard over a read-only store, through real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.request

import pytest
from store_samples import sample_articles

from detente.store import Store
from detente.web import start_in_thread


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "s.duckdb"
    with Store(db) as s:
        s.add_batch(sample_articles())
        s.set_stories({"a3": "meeting", "a4": "meeting"})
    store = Store(db, read_only=True)
    server, thread = start_in_thread(store)
    yield server.url.rstrip("/")
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
    store.close()


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers["Content-Type"], err.read().decode()


def test_binds_loopback_and_serves_the_events_page(base):
    assert base.startswith("http://127.0.0.1:")
    status, kind, page = get(base + "/")
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert '<span id="total">1-8 of 8 events</span>' in page  # the two meeting reports merged
    assert re.findall(r'<script[^>]*src="([^"]+)"', page) == ["/static/plotly.min.js"]


def test_filters(base):
    _, _, page = get(base + "/?actor=rus&type=REJECT")
    assert '<span id="total">1-1 of 1 events</span>' in page
    assert 'href="/event/ukr-denies"' in page
    _, _, page = get(base + "/?text=battery&since=2025-04&until=2025-04")
    assert '<span id="total">1-1 of 1 events</span>' in page
    status, _, page = get(base + "/?type=HUG")
    assert status == 400 and "unknown event type &#x27;HUG&#x27;" in page


def test_event_page_highlights_evidence_in_the_article(base):
    status, _, page = get(base + "/event/ukr-denies")
    assert status == 200
    assert ('<span id="evidence" class="m-evidence m-source">Ukraine</span>'
            '<span class="m-evidence"> told </span>') in page
    assert '<span class="m-evidence m-trigger">denied</span>' in page


def test_hostile_article_text_is_escaped_in_the_dashboard(base):
    for path in ("/event/rus-accuses", "/?actor=RUS"):
        _, _, page = get(base + path)
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<img" not in page and 'alert("x")' not in page
        assert "<b>any</b>" not in page and "<i>Ukraine</i>" not in page


def test_merged_event_lists_every_report(base):
    _, _, page = get(base + "/?type=CONSULT&actor=FRA")
    event_id = re.search(r'href="/event/([^"]+)"', page)[1]
    _, _, page = get(f"{base}/event/{event_id}")
    assert "Reports of this event (2)" in page
    assert "Weber in Paris" in page and "Martin and Weber meet" in page


def test_json_endpoints(base):
    _, kind, body = get(base + "/api/events?actor=USA&count=reports")
    data = json.loads(body)
    assert kind == "application/json; charset=utf-8"
    assert data["total"] == 3 and {e["type"] for e in data["events"]} == {
        "ACCUSE", "REJECT", "CONSULT"}
    dyad = json.loads(get(base + "/api/dyad?a=USA&b=CHN&by=month")[2])
    assert [row["period"] for row in dyad["timeline"]] == ["2025-03", "2025-04"]
    edges = json.loads(get(base + "/api/network")[2])["edges"]
    assert {"source": "USA", "target": "CHN"}.items() <= edges[-1].items()
    event = json.loads(get(base + "/api/event/ukr-denies")[2])
    assert event["event"]["trigger_text"] == "denied" and event["article"]["id"] == "a5"
    assert json.loads(get(base + "/api/actors")[2])["actors"][0]["events"] == 3
    status, _, body = get(base + "/api/event/nope")
    assert status == 404 and json.loads(body)["error"].startswith("no event with id 'nope' in ")


def test_pages_and_assets(base):
    for path in ("/dyad", "/dyad?a=FRA&b=DEU&by=week", "/network", "/actors"):
        status, _, page = get(base + path)
        assert status == 200, path
    _, _, page = get(base + "/dyad?a=FRA&b=DEU&by=week")
    assert "FRA &ndash; DEU by week: 2 events" in page  # the two meeting reports merged
    assert "plotly-graph-div" in page
    status, kind, js = get(base + "/static/plotly.min.js")
    assert status == 200 and kind.startswith("text/javascript") and len(js) > 1_000_000
    assert get(base + "/static/style.css")[1].startswith("text/css")
    assert get(base + "/nowhere")[0] == 404


def test_read_only_and_local_only(base):
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("POST", "/", body=b"x=1")
    response = conn.getresponse()
    response.read()
    assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"
    conn.request("GET", "/", headers={"Host": "attacker.example"})
    response = conn.getresponse()
    response.read()
    assert response.status == 400  # DNS rebinding: a foreign Host is refused
    conn.request("GET", "/")
    response = conn.getresponse()
    response.read()
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    conn.close()


def test_bad_page_values_are_a_400_not_a_dropped_request(base):
    for query in ("page=99999999999999999999", "page=abc", "page=0", "page=-3"):
        status, kind, page = get(f"{base}/?{query}")
        assert status == 400 and kind.startswith("text/html"), query
        assert "bad parameter: page" in page
        status, kind, body = get(f"{base}/api/events?{query}")
        assert status == 400 and json.loads(body)["error"].startswith("bad parameter: page")
    assert get(base + "/?count=everything")[0] == 400
    assert get(base + "/dyad?by=fortnight")[0] == 400


def test_many_clients_at_once_all_get_an_answer(base):
    """20 threads x 10 requests on three kinds of page: every one is answered, none fails
    for another's sake (each request queries through a cursor of its own)."""
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/", "/api/events", "/event/ukr-denies", "/api/actors", "/dyad"]

    def client(n: int) -> list[int]:
        return [get(base + paths[(n + i) % len(paths)])[0] for i in range(10)]

    with ThreadPoolExecutor(20) as pool:
        statuses = [s for result in pool.map(client, range(20)) for s in result]
    assert len(statuses) == 200 and set(statuses) == {200}


def test_scope_filter_in_the_dashboard(base):
    status, _, page = get(base + "/?scope=international")
    assert status == 200 and '<option value="international" selected>' in page
    data = json.loads(get(base + "/api/events?scope=domestic")[2])
    assert data["total"] == 0  # every sample event is between two countries
    assert get(base + "/?scope=galactic")[0] == 400
    for path in ("/network?scope=international", "/actors?scope=domestic",
                 "/dyad?a=USA&b=CHN&scope=international"):
        assert get(base + path)[0] == 200, path
