"""`detente code`, `eval` and `resolve` through click's runner: exact messages and exit codes."""

import json

import pytest
from click.testing import CliRunner

from detente.cli import main

GOOD = {"id": "a1", "title": "Troops attack", "date": "2024-05-08",
        "text": "Russian troops attacked the Ukrainian city of Kharkiv on Monday."}


@pytest.fixture
def runner():
    return CliRunner()


def lines(text):
    return [line for line in text.splitlines() if line]


def test_code_writes_one_event_per_line(runner, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["code", str(source)])
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in lines(result.stdout)]
    assert record["article_id"] == "a1" and record["type"] == "ASSAULT"
    assert set(record) >= {"article_id", "type", "mode", "source", "target", "date", "location",
                           "modality", "quad", "intensity", "evidence", "trigger", "rule"}
    assert result.stderr.strip().endswith("0 input(s) rejected")


def test_bad_inputs_are_named_with_file_and_line_and_the_run_goes_on(runner, tmp_path):
    good = tmp_path / "in.jsonl"
    good.write_text(json.dumps(GOOD) + "\n{\"id\": broken\n" + json.dumps(
        {"id": "a3", "text": ""}) + "\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "fr.txt").write_text(
        "Le président français a rencontré le chancelier allemand à Berlin mardi pour "
        "discuter de la guerre en Ukraine et de la sécurité européenne.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["code", str(good), str(tmp_path / "bin.txt"),
                                  str(tmp_path / "latin1.txt"), str(tmp_path / "fr.txt"),
                                  str(tmp_path / "empty.txt"), str(missing)])
    assert result.exit_code == 0
    err = set(lines(result.stderr))
    assert f"detente: {good}:2: invalid JSON: Expecting value at column 8" in err
    assert f"detente: {good}:3: JSONL line lacks a non-empty 'text' field" in err
    assert f"detente: {tmp_path / 'bin.txt'}: binary file, not text" in err
    assert not any("latin1.txt" in line for line in err)  # read as Latin-1, not rejected
    assert f"detente: {tmp_path / 'fr.txt'}: text is not English (looks like fr)" in err
    assert f"detente: {tmp_path / 'empty.txt'}: empty text" in err
    assert f"detente: {missing}: no such file or directory" in err
    assert lines(result.stderr)[-1] == (
        "detente: coded 2 article(s), 2 sentence(s), 1 event(s); dropped 0 repeated "
        "paragraph(s) and 0 repeated headline(s); 6 input(s) rejected")
    assert len(lines(result.stdout)) == 1


def test_nothing_readable_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["code", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert lines(result.stderr)[0] == f"detente: {tmp_path / 'nope.txt'}: no such file or directory"


def test_bad_date_option_is_a_usage_error(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Chile sanctioned Peru.", encoding="utf-8")
    result = runner.invoke(main, ["code", str(tmp_path / "a.txt"), "--date", "May 5"])
    assert result.exit_code == 1
    assert "Error: --date: invalid date 'May 5': expected YYYY-MM-DD" in result.stderr


def test_code_from_stdin_and_to_a_file(runner, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(main, ["code", "-", "-o", str(out), "--date", "2024-05-08"],
                           input="Chile sanctioned Peru on Tuesday.\n")
    assert result.exit_code == 0
    (record,) = [json.loads(line) for line in lines(out.read_text(encoding="utf-8"))]
    assert record["article_id"].startswith("stdin-") and record["date"] == "2024-05-07"


def test_explain_shows_sentences_actors_and_decisions(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Germany did not meet with France. Chile sanctioned Peru.",
                                    encoding="utf-8")
    result = runner.invoke(main, ["code", "--explain", str(tmp_path / "a.txt")])
    assert result.exit_code == 0
    assert "[1] Germany did not meet with France." in result.stdout
    assert "no event from 'meet': negated" in result.stdout
    assert "EVENT SANCTION CHL: -> PER:" in result.stdout


def test_resolve_json(runner):
    result = runner.invoke(main, ["resolve", "the Kremlin", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"text": "the Kremlin", "name": None, "country": "RUS",
                                         "sector": "GOV"}


def test_resolve_batch_keeps_order_and_names_bad_lines(runner, tmp_path):
    batch = tmp_path / "phrases.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in [
        {"text": "Russian troops"}, {"text": "Trump", "date": "2022-06-01"},
        {"text": "the president", "date": "2021-07-19", "context": "President Joe Biden spoke."},
    ]) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["resolve", "--batch", str(batch)])
    assert result.exit_code == 0
    got = [json.loads(line) for line in lines(result.stdout)]
    assert [(g["country"], g["sector"]) for g in got] == [("RUS", "MIL"), ("USA", "ELI"),
                                                          ("USA", "GOV")]
    batch.write_text('{"text": "France"}\nnot json\n\n{"text": "Germany", "date": "soon"}\n'
                     '{"text": "Chancellor Merkel", "date": "10 May 2015"}\n', encoding="utf-8")
    result = runner.invoke(main, ["resolve", "--batch", str(batch)])
    assert result.exit_code == 0
    got = [json.loads(line) for line in lines(result.stdout)]
    assert len(got) == 5  # one line out per line in, bad ones included
    assert got[0]["country"] == "FRA" and got[4]["country"] == "DEU"
    assert got[1] == {"error": "invalid JSON: Expecting value", "where": f"{batch}:2"}
    assert got[2] == {"error": "empty line", "where": f"{batch}:3"}
    assert got[3]["error"].startswith("invalid date 'soon': expected a date such as")
    assert f"detente: {batch}:2: invalid JSON: Expecting value" in result.stderr
    assert lines(result.stderr)[-1] == "detente: resolved 2 phrase(s); 3 line(s) rejected"
    batch.write_text("not json\n", encoding="utf-8")
    assert runner.invoke(main, ["resolve", "--batch", str(batch)]).exit_code == 2
    result = runner.invoke(main, ["resolve", "--batch", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1 and "no such file or directory" in result.stderr


@pytest.mark.parametrize("date", ["10 May 2015", "May 10, 2015", "2015-05-10"])
def test_resolve_reads_dates_in_any_common_form(runner, date):
    result = runner.invoke(main, ["resolve", "Chancellor Merkel", "--date", date, "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["country"] == "DEU"


def test_resolve_bad_date_is_a_usage_error(runner):
    result = runner.invoke(main, ["resolve", "Merkel", "--date", "someday"])
    assert result.exit_code == 2
    assert "Error: --date: invalid date 'someday': expected a date such as" in result.stderr


def test_resolve_context_gives_the_country_of_bare_titles(runner):
    result = runner.invoke(main, ["resolve", "the prime minister", "--date", "2019-05-01",
                                  "--context", "Voters in India went to the polls in Delhi.",
                                  "--json"])
    assert result.exit_code == 0
    assert (json.loads(result.stdout)["country"], json.loads(result.stdout)["sector"]) == (
        "IND", "GOV")


def test_every_command_has_help(runner):
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
