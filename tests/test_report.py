"""The HTML report: self-contained, has the events, shows hostile text as text."""

from __future__ import annotations

import re

import pytest
from store_samples import sample_articles

from detente.report import build_report, highlight_html, safe_url
from detente.store import Store


@pytest.fixture(scope="module")
def page() -> str:
    with Store(None) as s:
        s.add_batch(sample_articles())
        return build_report(s)


def test_report_is_self_contained(page):
    scripts = re.findall(r"<script\b[^>]*>", page, flags=re.IGNORECASE)
    assert scripts and not any("src=" in tag.lower() for tag in scripts)
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?https?://""", page,
                         flags=re.IGNORECASE)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "Plotly" in page  # the library itself is inline


def test_report_has_the_charts_and_events(page):
    assert page.count('class="plotly-graph-div"') == 5  # 3 dyads, network, type mix
    assert "USA &ndash; CHN" in page or "CHN &ndash; USA" in page
    assert ('<span class="m-source">The United States</span> '
            '<span class="m-trigger">accused</span> <span class="m-target">China</span> '
            "of hacking government networks.") in page
    assert "fd94e174bfd68eb7" in page  # the event id, to look it up with detente show


def test_hostile_article_text_is_shown_as_text(page):
    # The evidence and title carry markup; it must come out escaped, never live.
    assert "Ukraine</span> told <span class=\"m-target\">Russia</span> it " in page
    assert "&lt;b&gt;any&lt;/b&gt; role." in page
    assert "Russia blames &lt;i&gt;Ukraine&lt;/i&gt;" in page
    assert "<b>any</b>" not in page and "<i>Ukraine</i>" not in page
    assert ("of posting &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and "
            "&lt;img src=x onerror=alert(1)&gt; on a state website.") in page
    assert "<img src=x" not in page and 'alert("x")' not in page


def test_highlight_escapes_everything():
    text = '<script>alert("x")</script> and <img src=x onerror=alert(1)>'
    out = highlight_html(text, [(0, 8, "trigger")])
    assert out == ('<span class="m-trigger">&lt;script&gt;</span>alert(&quot;x&quot;)'
                   "&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;")


def test_only_web_urls_become_links():
    assert safe_url("https://news.example/a") == "https://news.example/a"
    assert safe_url("javascript:alert(1)") is None and safe_url(None) is None


def test_cli_report_writes_the_file(tmp_path):
    from click.testing import CliRunner

    from detente.cli import main

    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.add_batch(sample_articles())
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"wrote {re.escape(str(out))} \(\d+\.\d MB\)\n", result.stderr)
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
