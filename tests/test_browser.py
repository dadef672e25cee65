"""A real browser (Debian's headless Chromium, driven by Playwright) opens the report and
the dashboard, applies a filter, opens an event and saves screenshots.

Chromium comes from apt (``apt-get install -y chromium``); Playwright never downloads a
browser here. Without Chromium the test skips, except under CI=true where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from store_samples import sample_articles

from detente.report import write_report
from detente.store import Store
from detente.web import start_in_thread

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _need(condition: bool, message: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    _need(CHROMIUM.exists(), f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "s.duckdb"
    with Store(path) as s:
        s.add_batch(sample_articles())
    return path


@pytest.fixture
def page(browser):
    """A page that records console errors and fails on any JavaScript dialog (an alert
    would mean article text ran as code)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    yield page
    context.close()


def _is_png(path: Path) -> bool:
    data = path.read_bytes()
    return len(data) > 1000 and data.startswith(PNG_SIGNATURE)


def test_report_opens_offline_with_charts_and_escaped_text(page, db, tmp_path):
    report = tmp_path / "report.html"
    with Store(db, read_only=True) as store:
        write_report(store, report)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.wait_for_selector("#dyads .plotly-graph-div .main-svg")
    assert page.locator(".plotly-graph-div .main-svg").count() >= 5
    shown = page.locator("#events").inner_text()
    assert "<img src=x onerror=alert(1)>" in shown and "<b>any</b>" in shown
    assert page.locator("#events img, #events script").count() == 0
    page.screenshot(path=tmp_path / "report.png", full_page=True)
    assert _is_png(tmp_path / "report.png")
    assert [url for url in requests if not url.startswith("file:")] == []
    assert page.problems == []


def test_dashboard_filter_then_event(page, db, tmp_path):
    with Store(db, read_only=True) as store:
        server, thread = start_in_thread(store)
        try:
            page.goto(server.url)
            assert page.locator("#total").inner_text() == "1-9 of 9 events"
            page.fill("input[name=actor]", "RUS")
            page.select_option("select[name=type]", "ACCUSE")
            page.click("button[type=submit]")
            page.wait_for_url("**/?*actor=RUS*")
            assert page.locator("#total").inner_text() == "1-1 of 1 events"
            page.screenshot(path=tmp_path / "filtered.png", full_page=True)

            page.click("#events a.badge")
            page.wait_for_url("**/event/rus-accuses")
            evidence = page.locator("#evidence")
            assert evidence.inner_text() == "Russia"
            assert page.locator(".article .m-trigger").inner_text() == "accused"
            article = page.locator(".article").inner_text()
            assert '<script>alert("x")</script> and <img src=x onerror=alert(1)>' in article
            assert page.locator(".article img, .article script").count() == 0
            page.screenshot(path=tmp_path / "event.png", full_page=True)

            page.goto(server.url + "dyad?a=USA&b=CHN")
            page.wait_for_selector(".plotly-graph-div .main-svg")
            page.screenshot(path=tmp_path / "dyad.png", full_page=True)
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
    for name in ("filtered.png", "event.png", "dyad.png"):
        assert _is_png(tmp_path / name), name
    assert page.problems == []
