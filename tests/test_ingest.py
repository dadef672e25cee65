"""Reading inputs: every format, every kind of bad input, on files written here."""

from __future__ import annotations

import io
import json
from itertools import islice
from pathlib import Path

import pytest
from conftest import need_shared

from detente.errors import ConfigError
from detente.ingest import checked_date, content_hash, read_inputs, text_blocks
from detente.records import RawDocument, Rejected

HEADED_TXT = """\
**Ministers Agree to Reopen Border Crossings**

**Talks in Vienna End With a Joint Roadmap**
Austria hosted the foreign ministers of Serbia and Kosovo on Tuesday for talks on trade.
The two sides agreed to reopen three border crossings by the end of the month.
"""

WRAPPED_MD = """\
# Chile and Peru Sign Water-Sharing Accord

The foreign ministers of Chile and Peru signed an
agreement on Monday to share water from the rivers
that cross their northern border.

Officials said the accord ends a dispute that has
lasted more than a decade.
"""


def read_all(*paths: object, **kwargs) -> list[RawDocument | Rejected]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def only(items: list) -> RawDocument | Rejected:
    assert len(items) == 1, items
    return items[0]


def test_txt_with_bold_headings_gives_blocks_in_order(tmp_path: Path) -> None:
    path = tmp_path / "vienna_talks.txt"
    path.write_text(HEADED_TXT, encoding="utf-8")
    doc = only(read_all(path))
    assert isinstance(doc, RawDocument)
    assert doc.id == "vienna_talks"
    assert doc.where == str(path)
    assert doc.date is None
    assert doc.headings == ("Ministers Agree to Reopen Border Crossings",
                            "Talks in Vienna End With a Joint Roadmap")
    assert [kind for kind, _ in doc.blocks] == ["heading", "heading", "para", "para"]
    assert doc.blocks[3] == ("para", "The two sides agreed to reopen three border crossings "
                                     "by the end of the month.")


def test_date_option_dates_documents_without_one(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HEADED_TXT, encoding="utf-8")
    assert only(read_all(path, date="2025-02-11")).date == "2025-02-11"


def test_bad_date_option_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="invalid date '2025-13-01': expected YYYY-MM-DD"):
        read_inputs(["x.txt"], date="2025-13-01")


def test_hard_wrapped_markdown_lines_are_joined(tmp_path: Path) -> None:
    path = tmp_path / "water.md"
    path.write_text(WRAPPED_MD, encoding="utf-8")
    doc = only(read_all(path))
    assert doc.blocks == (
        ("heading", "Chile and Peru Sign Water-Sharing Accord"),
        ("para", "The foreign ministers of Chile and Peru signed an agreement on Monday to "
                 "share water from the rivers that cross their northern border."),
        ("para", "Officials said the accord ends a dispute that has lasted more than a decade."),
    )
    assert doc.text.split("\n\n")[1].startswith("The foreign ministers")


def test_long_lines_are_each_a_paragraph() -> None:
    long_a = "A" + " word" * 30 + "."
    long_b = "B" + " word" * 30 + "."
    assert text_blocks(f"{long_a}\n{long_b}\n\n{long_a}") == [
        ("para", long_a), ("para", long_b), ("para", long_a)]


def test_markdown_front_matter_and_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Envoys Meet\ndate: 2024-06-02\n---\n"
                    "The **envoys** met in [Doha](https://example.org/doha) on *Sunday*.\n",
                    encoding="utf-8")
    doc = only(read_all(path))
    assert (doc.title, doc.date) == ("Envoys Meet", "2024-06-02")
    assert doc.blocks == (("para", "The envoys met in Doha on Sunday."),)


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "k-1", "title": "Seoul Protests Launch", "date": "2024-09-03",
                    "text": "South Korea protested the launch.", "url": "https://example.org/1",
                    "source": "Example Wire", "license": "CC0"}),
        "",
        '{"id": "k-2", "text": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "k-4", "title": "No body"}),
        json.dumps({"id": "k-5", "text": "   "}),
        json.dumps({"id": "k-6", "text": "Dated badly.", "date": "3 May 2024"}),
        json.dumps({"text": "An article without an id."}),
        json.dumps({"id": 9, "text": "Numeric id.", "date": "2024-10-01T08:30:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path, date="2025-01-01")
    assert [getattr(i, "code", i.id if isinstance(i, RawDocument) else None) for i in items] == [
        "k-1", "E005", "E009", "E006", "E006", "E011", "feed-8", "9"]
    first = items[0]
    assert first == RawDocument(
        id="k-1", text="South Korea protested the launch.", where=f"{path}:1",
        title="Seoul Protests Launch", date="2024-09-03", url="https://example.org/1",
        source="Example Wire", license="CC0")
    assert items[1] == Rejected(f"{path}:3", "invalid JSON: Expecting value at column 22",
                                "E005")
    assert items[2] == Rejected(f"{path}:4", "JSONL line is not an object", "E009")
    assert items[3] == Rejected(f"{path}:5", "JSONL line lacks a non-empty 'text' field",
                                "E006")
    assert items[5] == Rejected(f"{path}:7",
                                "invalid date '3 May 2024': expected YYYY-MM-DD", "E011")
    assert items[6].date == "2025-01-01"  # no date of its own: the option's
    assert items[7].date == "2024-10-01"  # a time stamp is cut to the day


def test_jsonl_line_that_is_not_utf8_is_rejected_with_its_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": "Fine."}).encode() + b"\n"
    path.write_bytes(good + b'{"id": "b", "text": "caf\xe9"}\n' + good)
    items = read_all(path)
    assert items[1] == Rejected(f"{path}:2", f"not valid UTF-8 (byte {len(good) + 24})",
                                "E003")
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["a", "a"]


def test_jsonl_text_with_an_escaped_lone_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('{"id": "x", "text": "Half a pair: \\ud83d."}\n', encoding="utf-8")
    assert read_all(path) == [Rejected(
        f"{path}:1", "invalid Unicode: lone surrogate U+D83D at character 13 of the text",
        "E014")]


def test_missing_binary_and_non_utf8_files(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x02")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Déjà vu.".encode("latin-1"))
    missing = tmp_path / "nowhere.txt"
    missing_item, binary_item, latin_item = read_all(missing, binary, latin)
    assert missing_item == Rejected(str(missing), "no such file or directory", "E001")
    assert binary_item == Rejected(str(binary), "binary file, not text", "E002")
    assert latin_item.text == "Déjà vu."  # not UTF-8: read as Windows-1252 / Latin-1
    smart = tmp_path / "cp1252.txt"
    smart.write_bytes("“Quoted” – dash.".encode("cp1252"))
    assert only(read_all(smart)).text == "“Quoted” – dash."


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod cannot lock root out (CI runs as root), so the OS refusal is simulated.
    path = tmp_path / "locked.txt"
    path.write_text("Secret.", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert read_all(path) == [Rejected(str(path), "cannot read file: Permission denied",
                                       "E004")]


def test_a_directory_is_walked_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "folder.jsonl"
    path.mkdir()
    (path / "inner.txt").write_text("Inner text.", encoding="utf-8")
    assert [i.id for i in read_all(path)] == ["inner"]


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "a.md").write_text("One.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "three", "text": "Three."}) + "\n",
                                      encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    items = read_all(tmp_path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [(i.id, i.text) for i in docs] == [("a", "One."), ("b/two", "Two."),
                                              ("three", "Three.")]
    # what is left out is listed with the reason, never silently
    skipped = {Path(i.where).name: i.code for i in items if isinstance(i, Rejected)}
    assert skipped == {".git": "S001", ".hidden.txt": "S001", "data.csv": "S002",
                       "notes.docx": "S002"}
    every = [i for i in read_all(tmp_path, all_files=True) if isinstance(i, RawDocument)]
    assert [i.id for i in every] == [".git/x", ".hidden", "a", "b/two", "three", "data",
                                     "notes"]
    included = read_all(tmp_path, include=["*.csv"])
    assert "data" in [i.id for i in included if isinstance(i, RawDocument)]


def test_stdin_plain_text_is_one_article() -> None:
    items = read_all("-", stdin=io.StringIO(HEADED_TXT), date="2024-12-01")
    doc = only(items)
    assert (doc.id, doc.where, doc.date) == (f"stdin-{content_hash(HEADED_TXT)}", "<stdin>",
                                             "2024-12-01")
    assert doc.headings[0] == "Ministers Agree to Reopen Border Crossings"


def test_stdin_jsonl_is_read_line_by_line() -> None:
    stream = io.StringIO("\n" + json.dumps({"id": "s1", "text": "First."}) + "\n"
                         + json.dumps({"text": "Second."}) + "\nnot json\n")
    items = read_all("-", stdin=stream)
    assert [i.id for i in items[:2]] == ["s1", f"stdin-{content_hash('Second.')}"]
    assert items[1].where == "<stdin>:3"
    assert items[2] == Rejected("<stdin>:4", "invalid JSON: Expecting value at column 1",
                                "E005")


def test_stdin_bytes_that_are_not_utf8() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"Fine line.\nbad \xff here\n"), encoding="utf-8",
                              errors="surrogateescape")
    (doc,) = read_all("-", stdin=stream)  # plain text: the Latin-1 fallback reads it
    assert doc.text == "Fine line.\n\nbad ÿ here"
    lines = (json.dumps({"id": "a", "text": "Fine."}) + "\n").encode()
    stream = io.TextIOWrapper(io.BytesIO(lines + b'{"text": "\xff"}\n' + lines),
                              encoding="utf-8", errors="surrogateescape")
    items = read_all("-", stdin=stream)
    assert [getattr(i, "code", "doc") for i in items] == ["doc", "E003", "doc"]
    assert items[1].where == "<stdin>:2"


PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kenya and Somalia Reopen Border Posts | Example Wire</title>
<meta property="og:title" content="Kenya and Somalia Reopen Border Posts">
<meta property="article:published_time" content="2024-11-20">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Kenya and Somalia Reopen Border Posts</h1>
<p>Kenya and Somalia reopened two border posts on Wednesday after a closure of more than
ten years, the interior ministers of both countries said in a joint statement.</p>
<h2>Trade first</h2>
<p>Traders in Mandera welcomed the decision, saying that goods had until now been carried
across the frontier on footpaths far from the official crossings.</p>
<p>Somalia\xe2\x80\x99s foreign minister said the move would \xe2\x80\x9cbring our peoples
closer together\xe2\x80\x9d and thanked Nairobi for its patience.</p>
</article>
<footer>Copyright 2024 Example Wire. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "border.html"
    path.write_bytes(PAGE)
    doc = only(read_all(path))
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.title, doc.date) == ("border", "Kenya and Somalia Reopen Border Posts",
                                             "2024-11-20")
    assert doc.blocks[0] == ("heading", "Kenya and Somalia Reopen Border Posts")
    assert ("heading", "Trade first") in doc.blocks
    paras = [t for kind, t in doc.blocks if kind == "para"]
    assert len(paras) == 3
    assert paras[2].startswith("Somalia’s foreign minister said the move would “bring our")
    assert "Copyright" not in doc.text and "Sport" not in doc.text


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    assert read_all(path) == [Rejected(str(path), "no text could be extracted from HTML",
                                       "E010")]


def test_checked_date() -> None:
    assert checked_date("2024-02-29") == "2024-02-29"
    assert checked_date("2024-02-29T23:59:59+01:00") == "2024-02-29"
    assert checked_date("2023-02-29") is None
    assert checked_date("29/02/2024") is None
    assert checked_date(20240229) is None


def test_first_200_corpus_lines_are_documents() -> None:
    corpus = need_shared("corpus", "articles.jsonl")
    items = list(islice(read_inputs([str(corpus)]), 200))  # streamed: the rest is not read
    assert all(isinstance(i, RawDocument) for i in items)
    assert [i.where for i in items[:2]] == [f"{corpus}:1", f"{corpus}:2"]
    assert all(i.id and i.title and i.text for i in items)


# --------------------------------------------------------------------------- WARC and feeds

def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzip: bool) -> None:
    """A WARC file of response records (uri, content type, body), plus one request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        get = b"GET / HTTP/1.1\r\n\r\n"  # lengths given: warcio then needs no temp files
        request = writer.create_warc_record("https://example.org/", "request",
                                            payload=io.BytesIO(get), length=len(get))
        writer.write_record(request)
        for uri, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-11-21T09:15:00Z"})
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, [
        ("https://example.org/border", "text/html; charset=utf-8", PAGE),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://example.org/empty", "text/html", b"<html><body></body></html>"),
    ], gzip=name.endswith(".gz"))
    items = read_all(path)
    assert len(items) == 2
    doc, empty = items
    assert doc.id == "warc-" + __import__("hashlib").sha1(
        b"https://example.org/border").hexdigest()[:12]
    assert (doc.url, doc.date, doc.title) == ("https://example.org/border", "2024-11-21",
                                              "Kenya and Somalia Reopen Border Posts")
    assert doc.where == f"{path}#2"
    assert "reopened two border posts" in doc.text
    assert empty == Rejected(f"{path}#4", "no text could be extracted from HTML", "E010")


def test_broken_warc_records_are_rejected_and_the_stream_goes_on(tmp_path: Path) -> None:
    plain = tmp_path / "a.warc"
    write_warc(plain, [("https://example.org/one", "text/html", PAGE),
                       ("https://example.org/two", "text/html", PAGE)], gzip=False)
    data = plain.read_bytes()
    last = data.rfind(b"WARC/1.")
    plain.write_bytes(data[:last] + b"XARC" + data[last + 4:])  # the third record's header
    packed = tmp_path / "b.warc.gz"
    write_warc(packed, [("https://example.org/three", "text/html", PAGE)], gzip=True)
    data = packed.read_bytes()
    packed.write_bytes(data[:-300] + b"\x00garbage" * 8 + data[-220:])  # inside record 2
    garbage = tmp_path / "c.warc"
    garbage.write_text("this is not an archive\n", encoding="utf-8")
    items = read_all(tmp_path)
    assert isinstance(items[0], RawDocument) and items[0].where == f"{plain}#2"
    assert items[1] == Rejected(f"{plain}#3", "cannot read archive record: Invalid WARC "
                                "record, first line: XARC/1.0", "E012")
    assert [(i.where, i.code) for i in items[2:]] == [(f"{packed}#2", "E012"),
                                                      (f"{garbage}#1", "E012")]
    assert all(i.why.isprintable() and len(i.why) < 120 for i in items[1:])


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example Wire: World</title><link>https://example.org/</link>
<description>World news</description>
<item>
  <title>Kenya and Somalia Reopen Border Posts</title>
  <link>https://example.org/border</link>
  <guid>https://example.org/border</guid>
  <pubDate>Wed, 20 Nov 2024 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Kenya and Somalia reopened two border posts on Wednesday.&lt;/p&gt;
  &lt;p&gt;Traders welcomed the decision.&lt;/p&gt;</description>
</item>
<item>
  <title>No body</title>
  <link>https://example.org/nothing</link>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Wire</title>
  <id>urn:example:feed</id>
  <updated>2025-02-03T12:00:00Z</updated>
  <entry>
    <title>Peru Recalls Ambassador From Mexico</title>
    <id>urn:example:peru-recall</id>
    <link href="https://example.org/peru-recall"/>
    <updated>2025-02-03T11:00:00Z</updated>
    <content type="html">&lt;p&gt;Peru recalled its ambassador from Mexico on Monday
      after a dispute over comments by Mexican officials.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_and_atom_entries_become_documents(tmp_path: Path) -> None:
    rss = tmp_path / "world.rss"
    rss.write_text(RSS, encoding="utf-8")
    atom = tmp_path / "wire.xml"
    atom.write_text(ATOM, encoding="utf-8")
    items = read_all(rss, atom)
    border, nothing, peru = items
    assert isinstance(border, RawDocument)
    assert border.id == "feed-" + __import__("hashlib").sha1(
        b"https://example.org/border").hexdigest()[:12]
    assert (border.title, border.date, border.url, border.source, border.where) == (
        "Kenya and Somalia Reopen Border Posts", "2024-11-20", "https://example.org/border",
        "Example Wire: World", f"{rss}#1")
    assert border.blocks == (("para", "Kenya and Somalia reopened two border posts on "
                                      "Wednesday."),
                             ("para", "Traders welcomed the decision."))
    assert nothing == Rejected(f"{rss}#2", "no text could be extracted from HTML", "E010")
    assert (peru.title, peru.date, peru.url) == ("Peru Recalls Ambassador From Mexico",
                                                 "2025-02-03", "https://example.org/peru-recall")
    assert peru.text == ("Peru recalled its ambassador from Mexico on Monday after a dispute "
                         "over comments by Mexican officials.")


def test_xml_that_is_not_a_feed_and_broken_feeds(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url>'
                    "</urlset>", encoding="utf-8")
    assert [i.code for i in read_all(tmp_path)] == ["S003"]  # in a directory: skipped, said so
    assert read_all(path) == [Rejected(str(path), "cannot read feed: not an RSS or Atom feed",
                                       "E013")]
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>Cut off", encoding="utf-8")
    assert read_all(broken) == [Rejected(str(broken), "cannot read feed: no element found",
                                         "E013")]
    words = tmp_path / "words.atom"
    words.write_text("plain words here", encoding="utf-8")
    assert read_all(words) == [Rejected(str(words), "cannot read feed: syntax error", "E013")]


def test_a_feed_url_goes_to_feedparser(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    asked: list[str] = []
    real_parse = feedparser.parse

    def offline_parse(source: object) -> object:  # tests never touch the network
        asked.append(source)
        return real_parse(RSS.encode("utf-8"))

    monkeypatch.setattr(feedparser, "parse", offline_parse)
    items = read_all("https://example.org/world.rss")
    assert asked == ["https://example.org/world.rss"]
    assert items[0].where == "https://example.org/world.rss#1"
    assert items[0].title == "Kenya and Somalia Reopen Border Posts"
