"""Reading every input format into ``RawDocument`` records, or ``Rejected`` ones.

One entry point, :func:`read_inputs`, takes what the user named (files, directories,
``-`` for stdin, feed URLs) and streams documents in a stable order. Each reader turns
one format into documents; a bad file, line or record becomes a ``Rejected`` with a
code from ``errors.REJECTIONS`` and the stream goes on, because one bad line in a
million-line JSONL file must not stop a run.

Formats: plain text and Markdown (``**heading**`` / ``# heading`` lines, hard-wrapped
paragraphs joined), JSONL (streamed line by line), HTML (trafilatura), WARC archives
(warcio) and RSS/Atom feeds (feedparser). Nothing here touches the network except a
feed URL the user passed.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import json
import os
import re
import sys
import time
import warnings
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date
from pathlib import Path
from typing import IO, TextIO

from .errors import ConfigError, rejection
from .records import RawDocument, Rejected

Item = RawDocument | Rejected
Block = tuple[str, str]  # (kind, text), kind "heading" | "para"

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_ENDINGS = (".warc", ".warc.gz")

BINARY_SNIFF_BYTES = 8192
# A file, JSONL line, archive record or stdin document larger than this is rejected
# (E015) without being read whole, so a stray 50 MB dump cannot fill the memory. Cleaning
# then rejects articles over clean.MAX_TEXT_CHARS.
MAX_INPUT_BYTES = 20_000_000
HARD_WRAP_WIDTH = 90  # lines shorter than this, in blank-line separated blocks, are wrapped text

STDIN_WHERE = "<stdin>"


def read_inputs(paths: Iterable[str], *, date: str | None = None,
                stdin: TextIO | None = None, include: Sequence[str] = (),
                all_files: bool = False) -> Iterator[Item]:
    """Stream documents and rejections from the inputs the user named, in order.

    ``date`` (YYYY-MM-DD) is the publication date for documents that carry none of their
    own; a document's own date (JSONL field, HTML metadata, WARC or feed date) wins.
    ``stdin`` is read for ``-`` (``sys.stdin`` when not given). A malformed ``date``
    raises ``ConfigError`` at once, since it is an option, not a document.

    Inside a directory, files of unknown extension and hidden files are skipped, each
    with a rejection of its own (code S001/S002) saying so; ``include`` (glob patterns
    such as ``*.text``) or ``all_files`` reads them too, as plain text. Ids are made
    unique across all the inputs (see ``unique_ids``).
    """
    fallback = None
    if date is not None:
        fallback = checked_date(date)
        if fallback is None:
            raise ConfigError(f"--date: {rejection('E011', value=date)}")
    selection = Selection(tuple(include), all_files)
    return unique_ids(_read_all(list(paths), fallback, stdin, selection))


@dataclass(frozen=True)
class Selection:
    """Which files of a directory are read: known extensions, plus what the user asks."""

    include: tuple[str, ...] = ()
    all_files: bool = False

    def skip_reason(self, name: str, kind: str | None) -> tuple[str, str] | None:
        """(code, why) when a file of a directory is skipped, None when it is read."""
        if self.all_files or any(fnmatch.fnmatch(name, p) for p in self.include):
            return None
        if name.startswith("."):
            return "S001", rejection("S001")
        if kind is None:
            suffix = Path(name).suffix
            return "S002", rejection("S002", what=f"extension {suffix}" if suffix
                                     else "no extension", pattern=f"*{suffix}" if suffix
                                     else name)
        return None


def _read_all(paths: list[str], fallback: str | None, stdin: TextIO | None,
              selection: Selection) -> Iterator[Item]:
    for name in paths:
        if name == "-":
            yield from read_stdin(stdin if stdin is not None else _stdin_utf8(), fallback)
        elif re.match(r"https?://", name, re.IGNORECASE):
            yield from read_feed(name, name, fallback, explicit=True)
        else:
            yield from read_path(Path(name), fallback, selection)


def content_hash(text: str) -> str:
    """12 hex digits of the text's SHA-1: the id of a document with no name of its own."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    """Documents with ids unique across one reading of the inputs.

    A second document with a taken id and the same text passes unchanged (the same input
    given twice: a store skips it). With a different text, an id from a file name or
    line number ("name") gets the text's hash appended (``news-1a2b3c4d5e6f``), while an
    id the input itself gave ("field", e.g. a JSONL ``id``) is rejected (E016) naming the
    line that used it first, since renaming it would hide the user's mistake.
    """
    seen: dict[str, tuple[str, str]] = {}  # id -> (hash of its text, where it was read)
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        digest = content_hash(item.text)
        first = seen.get(item.id)
        if first is None or first[0] == digest:
            seen.setdefault(item.id, (digest, item.where))
            yield item
        elif item.id_from == "field":
            yield Rejected(item.where, rejection("E016", id=item.id, other=first[1]), "E016")
        else:
            new_id = f"{item.id}-{digest}"
            taken = seen.get(new_id)
            if taken is not None and taken[0] != digest:  # pragma: no cover - a hash clash
                yield Rejected(item.where, rejection("E016", id=new_id, other=taken[1]),
                               "E016")
                continue
            seen.setdefault(new_id, (digest, item.where))
            yield replace(item, id=new_id, id_from="content")


# --------------------------------------------------------------------------- dates

_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")


def checked_date(value: object) -> str | None:
    """``value`` as YYYY-MM-DD, or None when it is not a valid date.

    A trailing ISO time (``2024-05-01T12:00:00Z``) is accepted and cut off, because
    feeds, archives and many JSON exports stamp times on their dates.
    """
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    try:
        return Date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- paths

def read_path(path: Path, fallback: str | None,
              selection: Selection = Selection()) -> Iterator[Item]:
    """Documents from one named path: a file of any known format or a directory tree.

    A file named explicitly is read even when its extension is unknown (as plain text);
    inside a directory, unknown extensions and hidden files are skipped, each with a
    rejection that says so (``selection`` can ask for them). A file's id is its path
    relative to the named directory, without extension (``sub/news``); a file named
    itself has its name without extension as id.
    """
    where = str(path)
    if not os.path.lexists(path) or (path.is_symlink() and not path.exists()):
        yield Rejected(where, rejection("E001"), "E001")
        return
    if path.is_dir():
        found = False
        for item in _read_directory(path, path, fallback, selection, seen=set()):
            found = True
            yield item
        if not found:
            yield Rejected(where, rejection("E018"), "E018")
        return
    yield from _read_file(path, path.stem, fallback, explicit=True)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(WARC_ENDINGS):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return None


def _relative_id(path: Path, top: Path) -> str:
    """``sub/news`` for ``top/sub/news.txt``: unique among the files of one directory up
    to the extension (``news.txt`` and ``news.html`` are told apart by unique_ids)."""
    relative = path.relative_to(top)
    name = relative.name
    for ending in WARC_ENDINGS:
        if name.lower().endswith(ending):
            name = name[:-len(ending)]
            break
    else:
        name = relative.stem
    return "/".join([*relative.parent.parts, name])


def _read_directory(top: Path, here: Path, fallback: str | None, selection: Selection,
                    seen: set[str]) -> Iterator[Item]:
    real = os.path.realpath(here)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(here), key=lambda e: e.name)
    except OSError as err:
        yield Rejected(str(here), rejection("E004", err=err.strerror or err), "E004")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:  # pragma: no cover - a vanished entry
            is_dir = False
        if is_dir:
            if entry.name.startswith(".") and not selection.all_files:
                yield Rejected(str(path), rejection("S001"), "S001")
                continue
            yield from _read_directory(top, path, fallback, selection, seen)
            continue
        kind = _kind(path)
        skipped = selection.skip_reason(entry.name, kind)
        if skipped is not None:
            yield Rejected(str(path), skipped[1], skipped[0])
            continue
        yield from _read_file(path, _relative_id(path, top), fallback,
                              explicit=kind is None)


def _read_file(path: Path, doc_id: str, fallback: str | None, *,
               explicit: bool) -> Iterator[Item]:
    kind = _kind(path) or "text"
    if kind == "jsonl":
        yield from _not_silent(read_jsonl_file(path, fallback, doc_id), path)
    elif kind == "warc":
        yield from _not_silent(read_warc(path, fallback), path)
    elif kind == "feed":
        yield from _not_silent(read_feed(path, str(path), fallback, explicit=explicit), path)
    else:
        data = _read_bytes(path)
        if isinstance(data, Rejected):
            yield data
        elif kind == "html":
            yield html_document(data, doc_id=doc_id, where=str(path), fallback=fallback)
        else:
            yield from _text_file_document(data, path, doc_id, fallback)


def _not_silent(items: Iterator[Item], path: Path) -> Iterator[Item]:
    """The items of a container file, or one rejection (E019) when it holds none: an empty
    JSONL file, an archive without HTML pages, a feed without entries."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Rejected(str(path), rejection("E019"), "E019")


def too_large(where: str, size: int) -> Rejected:
    """The rejection of an input over ``MAX_INPUT_BYTES``."""
    return Rejected(where, rejection("E015", size=f"{size / 1e6:.1f} MB",
                                     limit=f"{MAX_INPUT_BYTES / 1e6:.0f} MB"), "E015")


def _read_bytes(path: Path) -> bytes | Rejected:
    """The file's bytes, or the rejection that says why they cannot be used."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            return too_large(where, size)
        data = path.read_bytes()
    except FileNotFoundError:
        return Rejected(where, rejection("E001"), "E001")
    except OSError as err:
        return Rejected(where, rejection("E004", err=err.strerror or err), "E004")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return Rejected(where, rejection("E002"), "E002")
    return data


def _decode(data: bytes, where: str) -> str | Rejected:
    """Text as UTF-8; failing that, as Windows-1252 or Latin-1 (``fallback_decode``)."""
    del where  # every byte string decodes one way or another; kept for the callers
    return fallback_decode(data).removeprefix("\ufeff")


def fallback_decode(data: bytes) -> str:
    """UTF-8 when the bytes are UTF-8; else Windows-1252 (Latin-1 with curly quotes and
    dashes in 0x80-0x9F, what older Western European text files are); else Latin-1,
    which decodes any byte."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# --------------------------------------------------------------------------- plain text

def _text_file_document(data: bytes, path: Path, doc_id: str,
                        fallback: str | None) -> Iterator[Item]:
    text = _decode(data, str(path))
    if isinstance(text, Rejected):
        yield text
        return
    markdown = path.suffix.lower() in {".md", ".markdown"}
    yield text_document(text, doc_id=doc_id, where=str(path), fallback=fallback,
                        markdown=markdown)


def text_document(text: str, *, doc_id: str, where: str, fallback: str | None = None,
                  markdown: bool = False) -> Item:
    """A plain-text or Markdown article as a document with its heading/paragraph blocks."""
    meta: dict[str, str] = {}
    if markdown:
        meta, text = _front_matter(text)
    day = fallback
    if "date" in meta:
        day = checked_date(meta["date"])
        if day is None:
            return Rejected(where, rejection("E011", value=meta["date"]), "E011")
    blocks = text_blocks(text, markdown=markdown)
    return RawDocument(
        id=doc_id, text="\n\n".join(t for _, t in blocks), where=where,
        title=meta.get("title"), date=day, url=meta.get("url"), source=meta.get("source"),
        license=meta.get("license"),
        headings=tuple(t for k, t in blocks if k == "heading"), blocks=tuple(blocks),
    )


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` YAML front matter of a Markdown file, and the text after it."""
    match = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        return {}, text
    meta = {}
    for line in match[1].splitlines():
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z_]+", key.strip()):
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[match.end():]


_BOLD_LINE = re.compile(r"\*\*(?!\*)(.+?)\*\*\s*$")
_ATX_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_RULE_LINE = re.compile(r"[-*_=~ \t]{3,}$")
_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,3}[.)])[ \t]+")


def _heading_of(line: str) -> str | None:
    """The heading text when the whole line is ``**text**`` or ``# text``."""
    stripped = line.strip()
    match = _BOLD_LINE.fullmatch(stripped) or _ATX_HEADING.fullmatch(stripped)
    if match and "**" not in match[1] and match[1].strip():
        return match[1].strip()
    return None


def text_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Ordered (kind, text) blocks of a plain-text article.

    Heading lines stand alone. Otherwise each non-empty line is a paragraph, unless the
    text is hard-wrapped: blank-line separated blocks whose lines are mostly shorter
    than ``HARD_WRAP_WIDTH`` and break off mid-sentence; then the lines of a block are
    joined with spaces (a list item still starts its own paragraph).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    groups: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if groups[-1]:
                groups.append([])
        elif not (_RULE_LINE.fullmatch(line.strip()) and _heading_of(line) is None):
            groups[-1].append(line)
    groups = [g for g in groups if g]
    wrapped = len(groups) > 1 and _looks_hard_wrapped(groups)

    blocks: list[Block] = []
    for group in groups:
        pending: list[str] = []
        for line in group:
            heading = _heading_of(line)
            if heading is not None or not wrapped or _LIST_ITEM.match(line.strip()):
                if pending:
                    blocks.append(("para", " ".join(pending)))
                    pending = []
            if heading is not None:
                blocks.append(("heading", heading))
            elif wrapped:
                pending.append(line.strip())
            else:
                blocks.append(("para", line.strip()))
        if pending:
            blocks.append(("para", " ".join(pending)))
    if markdown:
        blocks = [(kind, _unmark(t)) for kind, t in blocks]
    return [(kind, t) for kind, t in blocks if t]


_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")


def _looks_hard_wrapped(groups: list[list[str]]) -> bool:
    """Lines mostly shorter than ``HARD_WRAP_WIDTH``, and lines followed by another line
    of their block mostly break off mid-sentence (one-sentence-per-line text does not)."""
    body = [[ln.strip() for ln in g if _heading_of(ln) is None] for g in groups]
    lines = [ln for g in body for ln in g]
    continued = [ln for g in body for ln in g[:-1]]
    if not continued:
        return False
    short = sum(len(ln) < HARD_WRAP_WIDTH for ln in lines)
    mid_sentence = sum(not _SENTENCE_END.search(ln) for ln in continued)
    return short * 2 > len(lines) and mid_sentence * 2 >= len(continued)


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`]+)`")


def _unmark(text: str) -> str:
    """Markdown inline markup removed (links keep their label), so the text reads as prose."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPHASIS.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    return re.sub(r"^>\s*", "", text).strip()


# --------------------------------------------------------------------------- stdin

def read_stdin(stream: TextIO, fallback: str | None) -> Iterator[Item]:
    """Standard input: JSONL when its first non-empty line starts with ``{`` (then read
    line by line), otherwise one plain-text article with a hash of its text as id. JSONL
    lines must be UTF-8 (E003 names the bad byte); plain text that is not UTF-8 is read as
    Windows-1252 or Latin-1, as a file would be."""
    lines = iter(_stdin_lines(stream))
    head: list[tuple[int, str]] = []
    for lineno, line in lines:
        if isinstance(line, Rejected):
            yield line
            return
        head.append((lineno, line))
        if line.strip():
            break
    if head and head[-1][1].lstrip().startswith("{"):
        def numbered() -> Iterator[tuple[int, str | Rejected]]:
            yield from head
            yield from lines
        yield from _jsonl_objects(_utf8_checked(numbered()), STDIN_WHERE, None, fallback)
        return
    rest: list[str] = [_plain(line) for _, line in head]
    size = sum(len(line) for line in rest)
    for _, line in lines:
        if isinstance(line, Rejected):
            yield line
            return
        size += len(line)
        if size > MAX_INPUT_BYTES:
            for _, more in lines:  # read to the end, keeping nothing
                size += len(more) if isinstance(more, str) else 0
            yield too_large(STDIN_WHERE, size)
            return
        rest.append(_plain(line))
    text = "".join(rest).removeprefix("\ufeff")
    document = text_document(text, doc_id=f"stdin-{content_hash(text)}", where=STDIN_WHERE,
                             fallback=fallback)
    yield replace(document, id_from="content") if isinstance(document, RawDocument) \
        else document


def _plain(line: str) -> str:
    """A stdin line as text: its undecodable bytes read again by ``fallback_decode``."""
    if _BAD_BYTE.search(line):
        return fallback_decode(line.encode("utf-8", "surrogateescape"))
    return line


def _stdin_utf8() -> TextIO:
    """The process's stdin as UTF-8 whatever the locale, bad bytes kept as surrogates so
    that they can be reported with their byte offset."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape")


_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of undecodable bytes


def _stdin_lines(stream: TextIO) -> Iterator[tuple[int, str | Rejected]]:
    """Numbered lines of stdin, undecodable bytes kept as surrogates (``_stdin_utf8``)."""
    lineno = 0
    offset = 0
    try:
        for lineno, line in enumerate(stream, 1):
            yield lineno, line
            offset += len(line.encode("utf-8", "surrogateescape"))
    except UnicodeDecodeError as err:  # a stream opened with strict errors
        yield lineno + 1, Rejected(f"{STDIN_WHERE}:{lineno + 1}",
                                   rejection("E003", pos=offset + err.start), "E003")


def _utf8_checked(lines: Iterable[tuple[int, str | Rejected]]
                  ) -> Iterator[tuple[int, str | Rejected]]:
    """JSONL lines of stdin, a line with undecodable bytes rejected (E003) at its byte."""
    offset = 0
    for lineno, line in lines:
        if isinstance(line, Rejected):
            yield lineno, line
            continue
        bad = _BAD_BYTE.search(line)
        if bad:
            pos = offset + len(line[:bad.start()].encode("utf-8", "surrogateescape"))
            yield lineno, Rejected(f"{STDIN_WHERE}:{lineno}", rejection("E003", pos=pos),
                                   "E003")
        else:
            yield lineno, line
        offset += len(line.encode("utf-8", "surrogateescape"))


# --------------------------------------------------------------------------- JSONL

def _open_binary(path: Path, where: str) -> IO[bytes] | Rejected:
    """The file opened for streaming, or the rejection that says why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        return Rejected(where, rejection("E001"), "E001")
    except OSError as err:
        return Rejected(where, rejection("E004", err=err.strerror or err), "E004")


def read_jsonl_file(path: Path, fallback: str | None,
                    stem: str | None = None) -> Iterator[Item]:
    """A JSONL file, streamed one line at a time so memory stays bounded."""
    where = str(path)
    handle = _open_binary(path, where)
    if isinstance(handle, Rejected):
        yield handle
        return
    with handle:
        try:
            head = handle.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]
            if b"\x00" in head and not any(line.lstrip().startswith(b"{")
                                            for line in head.split(b"\n")):
                yield Rejected(where, rejection("E002"), "E002")  # a binary file, not JSONL
                return
        except OSError as err:  # e.g. a directory named x.jsonl on some systems
            yield Rejected(where, rejection("E004", err=err.strerror or err), "E004")
            return
        yield from _jsonl_objects(_decoded_lines(handle, where), where, stem or path.stem,
                                  fallback)


def _bounded_lines(handle: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """(line, its length in bytes) per line; a line over ``MAX_INPUT_BYTES`` comes as
    ``b""`` with its length, read past in chunks rather than held whole."""
    while True:
        raw = handle.readline(MAX_INPUT_BYTES + 1)
        if not raw:
            return
        if len(raw) <= MAX_INPUT_BYTES or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        size = len(raw)
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(1 << 20)
            size += len(raw)
        yield b"", size


def _decoded_lines(handle: IO[bytes], where: str) -> Iterator[tuple[int, str | Rejected]]:
    offset = 0
    for lineno, (raw, size) in enumerate(_bounded_lines(handle), 1):
        if size > MAX_INPUT_BYTES:
            yield lineno, too_large(f"{where}:{lineno}", size)
            offset += size
            continue
        if b"\x00" in raw:  # one damaged line of a JSONL file: the others are read
            yield lineno, Rejected(f"{where}:{lineno}", rejection("E002"), "E002")
            offset += size
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield lineno, Rejected(f"{where}:{lineno}",
                                   rejection("E003", pos=offset + err.start), "E003")
        else:
            yield lineno, line.removeprefix("\ufeff") if lineno == 1 else line
        offset += len(raw)


def _jsonl_objects(lines: Iterable[tuple[int, str | Rejected]], where: str, stem: str | None,
                   fallback: str | None) -> Iterator[Item]:
    """Documents of JSONL lines. A line without an ``id`` gets ``STEM-LINENO`` (the file's
    name and the line), or with ``stem`` None (stdin) a hash of its text."""
    for lineno, line in lines:
        if isinstance(line, Rejected):
            yield line
            continue
        if not line.strip():
            continue
        here = f"{where}:{lineno}"
        try:
            obj = json.loads(line.rstrip())
        except json.JSONDecodeError as err:
            yield Rejected(here, rejection("E005", err=f"{err.msg} at column {err.colno}"),
                           "E005")
            continue
        yield jsonl_document(obj, where=here, fallback=fallback,
                             default_id=None if stem is None else f"{stem}-{lineno}")


def jsonl_document(obj: object, *, where: str, default_id: str | None,
                   fallback: str | None = None) -> Item:
    """One JSONL object (the corpus format) as a document. Its own date wins; without an
    id of its own it takes ``default_id``, or (None) ``stdin-`` and a hash of its text."""
    if not isinstance(obj, dict):
        return Rejected(where, rejection("E009"), "E009")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(where, rejection("E006"), "E006")
    for field in ("text", "title"):
        value = obj.get(field)
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate:  # JSON may escape one ("\\udc80"); no encoder or model accepts it
            return Rejected(where, rejection("E014", char=f"U+{ord(surrogate[0]):04X}",
                                             pos=surrogate.start(), field=field), "E014")
    day = fallback
    raw_date = obj.get("date")
    if raw_date not in (None, ""):
        day = checked_date(raw_date)
        if day is None:
            return Rejected(where, rejection("E011", value=raw_date), "E011")
    raw_id = obj.get("id")
    if raw_id not in (None, ""):
        doc_id, id_from = str(raw_id), "field"
    elif default_id is not None:
        doc_id, id_from = default_id, "name"
    else:
        doc_id, id_from = f"stdin-{content_hash(text)}", "content"
    return RawDocument(
        id=doc_id, id_from=id_from, text=text, where=where,
        title=_optional_str(obj.get("title")), date=day,
        url=_optional_str(obj.get("url")), source=_optional_str(obj.get("source")),
        license=_optional_str(obj.get("license")),
    )


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = {"p": "para", "li": "para", "blockquote": "para", "pre": "para", "dd": "para",
               "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
               "h5": "heading", "h6": "heading"}
_DROP_TAGS = ("script", "style", "nav", "footer", "header", "aside", "form", "noscript",
              "template", "figcaption")


def html_document(html: bytes | str, *, doc_id: str, where: str, fallback: str | None = None,
                  url: str | None = None, day: str | None = None, title: str | None = None,
                  source: str | None = None) -> Item:
    """An HTML page (or fragment) as a document: main text by trafilatura, paragraphs kept.

    ``day``, ``title`` and ``url`` are what the container (archive, feed) already knows;
    they win over what the page's metadata says, which wins over ``fallback``.
    """
    found_title, found_date, blocks = html_blocks(html, url=url)
    if not any(kind == "para" for kind, _ in blocks):
        return Rejected(where, rejection("E010"), "E010")
    return RawDocument(
        id=doc_id, text="\n\n".join(t for _, t in blocks), where=where,
        title=title or found_title, date=day or found_date or fallback, url=url,
        source=source, headings=tuple(t for k, t in blocks if k == "heading"),
        blocks=tuple(blocks),
    )


def html_blocks(html: bytes | str, *, url: str | None = None
                ) -> tuple[str | None, str | None, list[Block]]:
    """(title, date, blocks) of an HTML page.

    trafilatura finds the main text of a full page; for fragments too small for it (a
    feed item's summary) a plain walk over the block elements is the fallback.
    """
    import trafilatura

    title: str | None = None
    day: str | None = None
    blocks: list[Block] = []
    # Control characters are not allowed in HTML (nor in lxml's trees): drop them first.
    if isinstance(html, bytes):
        html = _CONTROL_BYTES.sub(b"", html)
    else:
        html = _CONTROL_CHARS.sub("", html)
    if html.strip():
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, include_tables=False)
        if doc is not None:
            title = _optional_str(doc.title)
            day = checked_date(doc.date) if doc.date else None
            if doc.body is not None:
                blocks = _trafilatura_blocks(doc.body)
        if not any(kind == "para" for kind, _ in blocks):
            fallback_title, blocks = _lxml_blocks(html)
            title = title or fallback_title
    return title, day, blocks


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _trafilatura_blocks(body) -> list[Block]:  # body: lxml element in trafilatura's XML
    blocks: list[Block] = []
    for element in body:
        if element.tag == "list":
            items = [_squash("".join(item.itertext())) for item in element.iter("item")]
            blocks.extend(("para", t) for t in items if t)
            continue
        text = _squash("".join(element.itertext()))
        if text:
            blocks.append(("heading" if element.tag == "head" else "para", text))
    return blocks


def _lxml_blocks(html: bytes | str) -> tuple[str | None, list[Block]]:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None, []
    title_element = root.find(".//title")
    title = _squash(title_element.text_content()) if title_element is not None else None
    for element in list(root.iter(*_DROP_TAGS, "title")):
        element.drop_tree()
    blocks: list[Block] = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue  # the inner block elements speak for themselves
        text = _squash(element.text_content())
        if text:
            blocks.append((_BLOCK_TAGS[element.tag], text))
    if not blocks:
        blocks = [("para", t) for t in map(_squash, root.text_content().split("\n")) if t]
    return title or None, blocks


def _squash(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


# --------------------------------------------------------------------------- WARC

def read_warc(path: Path, fallback: str | None) -> Iterator[Item]:
    """Every HTML ``response`` record of a WARC file, through the HTML path.

    Ids are ``warc-`` + 12 hex of sha1(target URI), stable across re-crawls of a page.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    handle = _open_binary(path, where)
    if isinstance(handle, Rejected):
        yield handle
        return
    number = 0
    with handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), 1):
                here = f"{where}#{number}"
                if record.format != "warc":  # warcio reads any 5-word line as an ARC header
                    yield Rejected(here, rejection("E012", err="not a WARC record"), "E012")
                    return
                if record.rec_type != "response":
                    continue
                try:
                    item = _warc_record_document(record, here, fallback)
                except (ValueError, OSError, EOFError, LookupError, AttributeError, TypeError,
                        zlib.error) as err:  # warcio on a damaged record
                    item = Rejected(here, rejection("E012", err=_first_line(err)), "E012")
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, ValueError, OSError, EOFError, LookupError, AttributeError,
                TypeError, zlib.error) as err:  # warcio on a cut or damaged archive
            yield Rejected(f"{where}#{number + 1}", rejection("E012", err=_first_line(err)),
                           "E012")


def _warc_record_document(record, where: str, fallback: str | None) -> Item | None:
    content_type = ""
    if record.http_headers is not None:
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        return Rejected(where, rejection("E012", err="record has no WARC-Target-URI"), "E012")
    payload = record.content_stream().read(MAX_INPUT_BYTES + 1)
    if len(payload) > MAX_INPUT_BYTES:
        return too_large(where, len(payload))
    day = checked_date(record.rec_headers.get_header("WARC-Date") or "")
    doc_id = "warc-" + hashlib.sha1(uri.encode("utf-8")).hexdigest()[:12]
    document = html_document(payload, doc_id=doc_id, where=where, fallback=fallback, url=uri,
                             day=day)
    return replace(document, id_from="field") if isinstance(document, RawDocument) \
        else document


def _first_line(err: BaseException, limit: int = 80) -> str:
    """A one-line, printable message: archive errors quote raw (maybe binary) bytes."""
    line = (str(err).strip().splitlines() or [type(err).__name__])[0]
    line = "".join(c if c.isprintable() and ord(c) < 0x7F else "?" for c in line)
    return line if len(line) <= limit else line[:limit - 3] + "..."


# --------------------------------------------------------------------------- feeds

def read_feed(source: Path | str, where: str, fallback: str | None, *,
              explicit: bool) -> Iterator[Item]:
    """Entries of an RSS or Atom feed (a file, or a URL the user gave) as documents.

    An ``.xml`` file found in a directory that is not a feed is skipped silently; one
    named explicitly is rejected.
    """
    import feedparser

    if isinstance(source, Path):
        data = _read_bytes(source)
        if isinstance(data, Rejected):
            yield data
            return
        parsed = feedparser.parse(data)
    else:
        parsed = feedparser.parse(source)  # a URL the user passed: theirs to fetch
    status = parsed.get("status")
    if isinstance(status, int) and status >= 400:
        yield Rejected(where, rejection("E013", err=f"HTTP status {status}"), "E013")
        return
    if not parsed.entries:
        if parsed.get("bozo"):
            err = _first_line(parsed.get("bozo_exception") or ValueError("not well-formed"))
            err = re.sub(r"^<unknown>:\d+:\d+: ", "", err)  # positions in feedparser's copy
            if explicit or parsed.get("version"):
                yield Rejected(where, rejection("E013", err=err), "E013")
            else:
                yield Rejected(where, rejection("S003"), "S003")
        elif not parsed.get("version"):
            if explicit:
                yield Rejected(where, rejection("E013", err="not an RSS or Atom feed"), "E013")
            else:
                yield Rejected(where, rejection("S003"), "S003")
        return
    feed_title = _optional_str(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, 1):
        document = _feed_entry_document(entry, f"{where}#{number}", feed_title, fallback)
        yield replace(document, id_from="field") if isinstance(document, RawDocument) \
            else document


def _feed_entry_document(entry, where: str, feed_title: str | None,
                         fallback: str | None) -> Item:
    link = _optional_str(entry.get("link"))
    key = _optional_str(entry.get("id")) or link or where
    doc_id = "feed-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    with warnings.catch_warnings():  # feedparser warns when it maps a missing date key
        warnings.simplefilter("ignore", DeprecationWarning)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    day = time.strftime("%Y-%m-%d", stamp) if stamp else None
    title = _optional_str(entry.get("title"))
    content = entry.get("content") or []
    body, body_type = "", "text/html"
    if content:
        body, body_type = content[0].get("value", ""), content[0].get("type", "text/html")
    elif entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        body, body_type = entry["summary"], detail.get("type", "text/html")
    if "html" not in body_type:
        if not body.strip():
            return Rejected(where, rejection("E010"), "E010")
        document = text_document(body, doc_id=doc_id, where=where, fallback=fallback)
        if isinstance(document, Rejected):
            return document
        return replace(document, title=title, date=day or fallback, url=link,
                       source=feed_title)
    return html_document(body, doc_id=doc_id, where=where, fallback=fallback, url=link,
                         day=day, title=title, source=feed_title)
