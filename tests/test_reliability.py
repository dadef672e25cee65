"""One test for each defect issue 9 found (its "Why" list), through the CLI as a user
meets them. The texts are written here."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_samples import synthetic_jsonl

from detente.cli import main
from detente.ingest import MAX_INPUT_BYTES
from detente.store import Store

FILLER = "The weather in the valley was mild in the afternoon. "  # no trigger word
GOOD = "Chile sanctioned Peru on Tuesday.\n"


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def stored_ids(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        return {row[0] for row in store._read("SELECT id FROM articles")}


# 1. A paragraph over 1,000,000 characters crashed the run and lost its neighbours.

def test_a_paragraph_over_a_million_characters_is_coded_with_its_neighbours(tmp_path):
    good, big = tmp_path / "good.txt", tmp_path / "big.txt"
    good.write_text(GOOD, encoding="utf-8")
    big.write_text(FILLER * 20_000 + "Japan protested to China.", encoding="utf-8")
    assert big.stat().st_size > 1_000_000
    out = tmp_path / "events.jsonl"
    result = invoke("code", str(good), str(big), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {e["article_id"] for e in events} == {"good", "big"}  # both articles' events
    text = big.read_text(encoding="utf-8")
    far = next(e for e in events if e["article_id"] == "big")
    assert far["evidence"]["start"] > 1_000_000  # offsets into the whole article
    assert "coded 2 article(s)" in result.stderr

    db = tmp_path / "s.duckdb"
    assert invoke("run", str(good), str(big), "--db", str(db)).exit_code == 0
    assert stored_ids(db) == {"good", "big"}
    with Store(db, read_only=True) as store:
        stored = store.article("big")["text"]
        event = store.events(actor="JPN")
        start, end = int(event["evidence_start"][0]), int(event["evidence_end"][0])
        assert stored[start:end] == "Japan protested to China."
        assert stored.replace("\n\n", " ").strip() == " ".join(text.split())


def test_an_input_over_the_limit_is_rejected_in_one_line_without_being_read(tmp_path):
    good, huge = tmp_path / "good.txt", tmp_path / "dump.txt"
    good.write_text(GOOD, encoding="utf-8")
    with huge.open("wb") as handle:  # one line, over the limit, sparse on disk
        handle.truncate(MAX_INPUT_BYTES + 1)
        handle.seek(MAX_INPUT_BYTES)
        handle.write(b"x")
    long_text = tmp_path / "long.txt"
    long_text.write_text("word " * 450_000, encoding="utf-8")  # 2.25 M characters
    result = invoke("code", str(good), str(huge), str(long_text))
    assert result.exit_code == 0
    assert f"detente: {huge}: too large to code: 20.0 MB; the limit is 20 MB" in result.stderr
    assert f"detente: {long_text}: too large to code: 2,25" in result.stderr
    assert "characters; the limit is 2,000,000 (split it into several articles)" in result.stderr
    assert "coded 1 article(s)" in result.stderr and "2 input(s) rejected" in result.stderr


# 2. Different articles that shared an id were silently dropped.

def test_files_of_the_same_name_in_two_folders_are_two_articles(tmp_path):
    for folder, text in (("d1", "Chile sanctioned Peru."), ("d2", "Kenya thanked Uganda.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    d1, d2 = str(tmp_path / "d1"), str(tmp_path / "d2")
    result = invoke("run", d1, d2, "--db", str(db))
    assert result.exit_code == 0 and "stored 2 article(s)" in result.stdout
    assert len(stored_ids(db)) == 2 and "news" in stored_ids(db)
    again = invoke("run", d1, d2, "--db", str(db))
    assert "stored 0 article(s)" in again.stdout and "2 skipped as already stored" in again.stdout
    # the second folder alone, in a later run: its news.txt is not the stored one
    (tmp_path / "d3").mkdir()
    (tmp_path / "d3" / "news.txt").write_text("Norway aided Chile.", encoding="utf-8")
    third = invoke("run", str(tmp_path / "d3"), "--db", str(db))
    assert "stored 1 article(s)" in third.stdout and len(stored_ids(db)) == 3


def test_two_documents_on_stdin_in_two_runs_are_two_articles(tmp_path):
    db = tmp_path / "s.duckdb"
    assert "stored 1 article(s)" in invoke("run", "-", "--db", str(db),
                                           input="Chile sanctioned Peru.\n").stdout
    assert "stored 1 article(s)" in invoke("run", "-", "--db", str(db),
                                           input="Kenya thanked Uganda.\n").stdout
    assert "0 article(s)" in invoke("run", "-", "--db", str(db),
                                    input="Kenya thanked Uganda.\n").stdout  # idempotent
    assert len(stored_ids(db)) == 2


def test_a_jsonl_id_repeated_with_another_text_is_a_counted_rejection(tmp_path):
    data = tmp_path / "news.jsonl"
    data.write_text("\n".join([
        json.dumps({"id": "n1", "text": "Chile sanctioned Peru."}),
        json.dumps({"id": "n1", "text": "Chile sanctioned Peru."}),  # the same again: fine
        json.dumps({"id": "n1", "text": "Kenya thanked Uganda."}),
    ]) + "\n", encoding="utf-8")
    result = invoke("run", str(data), "--db", str(tmp_path / "s.duckdb"))
    assert (f"detente: {data}:3: id 'n1' was already used by {data}:1 for a different text"
            in result.stderr)
    assert "1 input(s) rejected" in result.stdout and "stored 1 article(s)" in result.stdout


# 6. Tracebacks instead of messages.

@pytest.fixture
def store_file(tmp_path) -> Path:
    data = tmp_path / "news.jsonl"
    data.write_text("\n".join(synthetic_jsonl(6)) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert invoke("run", str(data), "--db", str(db)).exit_code == 0
    return db


def test_a_truncated_database_is_one_line_for_every_command(tmp_path, store_file):
    data = store_file.read_bytes()
    for size, name in ((100, "stub"), (len(data) // 2, "half")):
        broken = tmp_path / f"{name}.duckdb"
        broken.write_bytes(data[:size])
        for command in (["events"], ["actors"], ["report", "-o", str(tmp_path / "r.html")],
                        ["serve", "--port", "0"], ["run", "-"]):
            result = invoke(*command, "--db", str(broken), input="")
            assert result.exit_code != 0, (name, command)
            assert "Traceback" not in result.output and result.exception is None or \
                isinstance(result.exception, SystemExit), (name, command, result.output)
            message = result.stderr.strip().splitlines()
            assert message and message[-1].startswith("Error: "), (name, command, message)
            assert str(broken) in message[-1], (name, command, message)


def test_outputs_in_a_missing_folder_or_on_a_full_disk_are_one_line(tmp_path, store_file):
    nowhere = tmp_path / "no" / "such" / "folder"
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    cases = [["code", str(good), "-o", f"{nowhere}/e.jsonl"],
             ["export", "--db", str(store_file), "--format", "csv", "-o", f"{nowhere}/e.csv"],
             ["report", "--db", str(store_file), "-o", f"{nowhere}/r.html"]]
    for command in cases:
        result = invoke(*command)
        assert result.exit_code == 1, command
        assert result.stderr.startswith(f"Error: cannot write {nowhere}/"), command
        assert "the folder" in result.stderr and "does not exist" in result.stderr
    if os.path.exists("/dev/full"):
        for command in (["code", str(good), "-o", "/dev/full"],
                        ["export", "--db", str(store_file), "--format", "plover", "-o",
                         "/dev/full"],
                        ["report", "--db", str(store_file), "-o", "/dev/full"]):
            result = invoke(*command)
            assert result.exit_code == 1, command
            assert "Error: cannot write /dev/full: the disk is full" in result.stderr, command


def test_a_database_held_by_another_program_is_named_in_detentes_words(tmp_path, store_file):
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time\n"
         f"con = duckdb.connect({str(store_file)!r})\nprint('open', flush=True)\n"
         "time.sleep(30)\n"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        import detente.store as store_module

        old = store_module.LOCK_WAIT_SECONDS
        store_module.LOCK_WAIT_SECONDS = 0.5
        try:
            result = invoke("events", "--db", str(store_file))
        finally:
            store_module.LOCK_WAIT_SECONDS = old
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: database {store_file} is in use by another "
                                    f"program (process {holder.pid}) that does not take "
                                    "turns with detente: close it and try again")
    assert "-readonly" not in result.stderr and "duckdb.org" not in result.stderr


# 7. Silent skips and surprises.

def test_directory_skips_are_listed_and_an_empty_folder_says_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.text").write_text("Kenya thanked Uganda.", encoding="utf-8")
    (folder / "README").write_text("Norway aided Chile.", encoding="utf-8")
    (folder / ".draft.txt").write_text("Peru thanked Chile.", encoding="utf-8")
    result = invoke("code", str(folder))
    assert f"detente: {folder / 'b.text'}: skipped: extension .text is not a known input " \
           "format (--include '*.text' or --all reads it as plain text)" in result.stderr
    assert f"detente: {folder / 'README'}: skipped: no extension" in result.stderr
    assert f"detente: {folder / '.draft.txt'}: skipped: hidden" in result.stderr
    assert "coded 1 article(s)" in result.stderr and "3 file(s) skipped" in result.stderr
    assert "coded 4 article(s)" in invoke("code", str(folder), "--all").stderr
    assert "coded 2 article(s)" in invoke("code", str(folder), "--include", "*.text").stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("code", str(empty))
    assert result.exit_code == 2
    assert f"detente: {empty}: the directory holds no files" in result.stderr


def test_partitions_in_a_missing_folder_create_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "missing" / "parts"
    result = invoke("run", str(good), "--db", str(tmp_path / "s.duckdb"), "--partitions",
                    str(target))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: --partitions {target}: the folder {target.parent} does "
                             "not exist; create it first or give another folder\n")
    assert not target.parent.exists()
    ok = invoke("run", str(good), "--db", str(tmp_path / "s.duckdb"), "--partitions",
                str(tmp_path / "parts"))
    assert ok.exit_code == 0 and list((tmp_path / "parts").glob("run=*/events-*.parquet"))


def test_latin1_text_is_read_with_a_fallback_decoding(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Chile sanctioned Perú on Tuesday, the café said.".encode("latin-1"))
    out = tmp_path / "e.jsonl"
    result = invoke("code", str(latin), "-o", str(out))
    assert result.exit_code == 0 and "coded 1 article(s)" in result.stderr
    assert "Perú" in out.read_text(encoding="utf-8") or out.read_text(encoding="utf-8") == ""
