"""Property-based tests of ingest and clean (hypothesis): whatever bytes or text arrive,
every input gives a record or a counted rejection, never an exception.

Strategies: random bytes under every file kind, random Unicode, empty and huge texts,
malformed JSONL lines, HTML fragments, WARC-like archives and feed-like XML. Run with
``pytest tests/test_properties.py --hypothesis-show-statistics`` to see how many
examples each property ran.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.clean import MAX_PARAGRAPH_CHARS, clean, split_long_paragraph
from detente.errors import REJECTIONS
from detente.ingest import read_inputs
from detente.records import Article, RawDocument, Rejected

SETTINGS = settings(deadline=None, max_examples=120,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(deadline=None, max_examples=40,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".xml", ".rss", ".warc", ".warc.gz", ""]


def assert_accounted(items: list, inputs: int = 1) -> None:
    """Each item a document or a rejection with a catalogued code; at least one each."""
    assert len(items) >= inputs
    for item in items:
        assert isinstance(item, RawDocument | Rejected), item
        if isinstance(item, Rejected):
            assert item.code in REJECTIONS, item
            assert "\n" not in item.why and item.where


def cleaned(items: list) -> list:
    out = []
    for item in items:
        if isinstance(item, RawDocument):
            result = clean(item)
            assert isinstance(result, Article | Rejected), result
            if isinstance(result, Article):
                assert result.text == "\n\n".join(result.paragraphs)
                assert all(0 < len(p) <= MAX_PARAGRAPH_CHARS for p in result.paragraphs)
            out.append(result)
    return out


def read_file(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
        cleaned(items)
        directory = list(read_inputs([folder], all_files=True))  # the same, inside a folder
        cleaned(directory)
    assert_accounted(directory)
    return items


@SETTINGS
@given(st.binary(max_size=4000), st.sampled_from(SUFFIXES))
def test_random_bytes_under_every_file_kind(data: bytes, suffix: str) -> None:
    assert_accounted(read_file(data, suffix))


@SETTINGS
@given(st.text(max_size=3000), st.sampled_from([".txt", ".md", ""]))
def test_random_unicode_text_files(text: str, suffix: str) -> None:
    assert_accounted(read_file(text.encode("utf-8"), suffix))


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text_on_stdin(text: str) -> None:
    items = list(read_inputs(["-"], stdin=io.StringIO(text)))
    if text.strip():
        assert_accounted(items)
    cleaned(items)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=10)
RECORDS = st.fixed_dictionaries(
    {}, optional={"id": st.one_of(st.text(max_size=10), st.integers(), st.none()),
                  "text": st.one_of(st.text(max_size=400), st.integers(), st.none()),
                  "title": st.one_of(st.text(max_size=40), st.lists(st.integers())),
                  "date": st.one_of(st.text(max_size=12), st.dates().map(str), st.integers())})
LINES = st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps),
                  st.text(max_size=200).filter(lambda t: "\n" not in t and "\r" not in t),
                  st.binary(max_size=60).map(lambda b: b.decode("latin-1").replace("\n", " ")))


@SETTINGS
@given(st.lists(LINES, max_size=12))
def test_malformed_jsonl_lines_each_give_one_item(lines: list[str]) -> None:
    """One document or one rejection per non-blank line; an empty file says so (E019), and
    a binary one (NUL bytes, no line that is an object) is one rejection (E002)."""
    body = "\n".join(lines) + "\n"
    items = read_file(body.encode("utf-8"), ".jsonl")
    assert_accounted(items)
    physical = body.split("\n")
    physical[0] = physical[0].removeprefix("\ufeff")
    expected = sum(1 for line in physical if line.strip())
    if expected == 0:
        assert [i.code for i in items] == ["E019"]
    elif len(items) == 1 and isinstance(items[0], Rejected) and items[0].code == "E002" \
            and items[0].where.endswith(".jsonl"):
        assert "\x00" in body
    else:
        assert len(items) == expected


TAGS = st.sampled_from(["p", "div", "h1", "h2", "li", "ul", "script", "style", "article",
                        "br", "table", "td", "span", "b", "nav", "footer", "html", "body"])
HTML = st.recursive(st.text(max_size=80).map(lambda t: t.replace("<", " ")),
                    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(
                        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"),
                    max_leaves=20)


@SLOW
@given(HTML, st.booleans())
def test_html_pages_and_fragments(body: str, full: bool) -> None:
    page = f"<html><head><title>T</title></head><body>{body}</body></html>" if full else body
    assert_accounted(read_file(page.encode("utf-8"), ".html"))


ITEMS = st.lists(st.tuples(st.text(max_size=30), st.text(max_size=200), st.text(max_size=12)),
                 max_size=4)


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@SLOW
@given(ITEMS, st.booleans(), st.binary(max_size=40))
def test_feeds_well_formed_or_not(entries, truncate: bool, noise: bytes) -> None:
    items = "".join(f"<item><title>{xml_escape(t)}</title><description>{xml_escape(d)}"
                    f"</description><pubDate>{xml_escape(p)}</pubDate><guid>g{i}</guid></item>"
                    for i, (t, d, p) in enumerate(entries))
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}'
            "</channel></rss>").encode()
    if truncate:
        feed = feed[:len(feed) // 2] + noise
    assert_accounted(read_file(feed, ".rss"))


@SLOW
@given(st.lists(st.tuples(st.text(max_size=40), st.binary(max_size=300)), max_size=3),
       st.booleans(), st.integers(min_value=0, max_value=400))
def test_warc_archives_whole_or_cut(records, gzip_it: bool, cut: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_it)
    for number, (path, payload) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.0")
        record = writer.create_warc_record(f"https://example.org/{number}/{path}", "response",
                                           payload=io.BytesIO(payload), length=len(payload),
                                           http_headers=headers)
        writer.write_record(record)
    data = buffer.getvalue()
    if cut and data:
        data = data[:max(1, len(data) - cut)]
    assert_accounted(read_file(data, ".warc.gz" if gzip_it else ".warc"))


SENTENCE = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n"),
                   min_size=1, max_size=60).map(lambda t: t.strip() + ".")


@settings(deadline=None, max_examples=40,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(SENTENCE, min_size=1, max_size=30), st.integers(min_value=20, max_value=400))
def test_long_paragraphs_are_cut_below_the_limit_keeping_every_character(sentences, limit):
    paragraph = " ".join(s for s in sentences if s.strip())
    pieces = split_long_paragraph(paragraph, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join(pieces).replace(" ", "") == paragraph.replace(" ", "")


@settings(deadline=None, max_examples=10,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["Talks went on. ", "Ministers met in Rome and ", "x", " "]),
       st.integers(min_value=0, max_value=3))
def test_huge_and_empty_texts(unit: str, scale: int) -> None:
    text = unit * (10 ** (scale + 3))  # up to about 25 million characters
    document = RawDocument(id="big", text=text, where="big.txt")
    result = clean(document)
    if not text.strip():
        assert isinstance(result, Rejected) and result.code == "E007"
    elif len(text) > 2_000_000:
        assert isinstance(result, Rejected) and result.code == "E015"
    else:
        assert isinstance(result, Article)
        assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in result.paragraphs)
