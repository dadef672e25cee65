"""The evaluation gate: pinned floors on the seed and dev gold sets.

The coder must code the seed exactly (every required dyad, no false one) and keep the
dev scores above the floors below. The figures are also checked against the shared
scorer, so ``detente eval`` and ``gold/score.py`` never disagree.
"""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO, need_shared

from detente.cli import main

# Floors pinned a little under the measured scores: a change that lowers them fails CI.
DEV_DYAD_F1 = 0.76  # measured 0.777
DEV_SECTOR_F1 = 0.60  # measured 0.617
# train.jsonl, all 180 articles, and its two parts (eval/train_holdout.txt lists the 30
# articles that are only scored, never studied)
TRAIN_FLOORS = {
    "all": {"dyad": 0.82, "macro": 0.64, "sector": 0.74},  # measured 0.832, 0.653, 0.754
    "studied": {"dyad": 0.84, "macro": 0.64, "sector": 0.77},  # measured 0.849, 0.658, 0.783
    "held_out": {"dyad": 0.60, "macro": 0.61, "sector": 0.43},  # 0.614, 0.627, 0.444
}

def run_eval(gold, inputs, tmp_path):
    pred = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", str(gold), *map(str, inputs), "--json",
                                       "--pred", str(pred)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), pred


def without_location(ours):
    """Our figures less the location share, which score.py does not compute."""
    return {k: v for k, v in ours.items() if k != "location"}


def shared_score(gold, pred):
    out = subprocess.run([sys.executable, str(need_shared("gold", "score.py")), str(gold),
                          str(pred), "--json", "--per-type"], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def test_seed_is_coded_exactly(tmp_path):
    gold = need_shared("gold", "seed.jsonl")
    seed = need_shared("seed", "macron_ukraine_dialogue.txt")
    ours, pred = run_eval(gold, [seed], tmp_path)
    assert ours["dyad"]["f1"] == 1.0 and ours["dyad"]["fp"] == 0
    assert ours["sector"]["f1"] == 1.0
    assert ours["location"] == {"share": 1.0, "right": 1, "found": 1, "gold": 1}
    assert without_location(ours) == shared_score(gold, pred)


def test_seed_quote_is_the_french_presidency():
    from detente.ingest import read_inputs
    from detente.pipeline import process_batch

    seed = need_shared("seed", "macron_ukraine_dialogue.txt")
    (coded,) = process_batch(list(read_inputs([str(seed)])))
    quotes = [q for q in coded.quotes if q.text.startswith("peace negotiations")]
    assert quotes and quotes[0].speaker is not None
    assert (quotes[0].speaker.country, quotes[0].speaker.sector) == ("FRA", "GOV")


@pytest.fixture(scope="module")
def dev_articles(tmp_path_factory):
    gold = need_shared("gold", "dev.jsonl")
    ids = {json.loads(line)["id"] for line in gold.read_text(encoding="utf-8").splitlines()}
    path = tmp_path_factory.mktemp("dev") / "dev_articles.jsonl"
    with open(need_shared("corpus", "articles.jsonl"), encoding="utf-8") as corpus, \
            open(path, "w", encoding="utf-8") as out:
        for line in corpus:
            if json.loads(line)["id"] in ids:
                out.write(line)
    return gold, path


def test_dev_scores_stay_above_the_floors(dev_articles, tmp_path):
    gold, articles = dev_articles
    ours, pred = run_eval(gold, [articles], tmp_path)
    assert ours["dyad"]["f1"] >= DEV_DYAD_F1, ours["dyad"]
    assert ours["sector"]["f1"] >= DEV_SECTOR_F1, ours["sector"]
    assert without_location(ours) == shared_score(gold, pred)


def test_text_report_is_score_py_then_the_location_line(tmp_path):
    gold = need_shared("gold", "seed.jsonl")
    seed = need_shared("seed", "macron_ukraine_dialogue.txt")
    pred = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(main, ["eval", str(gold), str(seed), "--pred", str(pred)])
    assert result.exit_code == 0, result.stderr
    theirs = subprocess.run([sys.executable, str(need_shared("gold", "score.py")), str(gold),
                             str(pred), "--per-type"], capture_output=True, text=True,
                            check=True).stdout
    lines = result.stdout.splitlines()
    assert lines[:-1] == theirs.splitlines()
    assert lines[-1] == ("location: 1.000 right country (1 of 1 found gold events with a "
                         "place; 1 in gold)")


def test_train_scores_stay_above_the_floors_in_both_parts():
    gold = need_shared("gold", "train.jsonl")
    corpus = need_shared("corpus", "articles.jsonl")
    holdout = REPO / "eval" / "train_holdout.txt"
    result = CliRunner().invoke(main, ["eval", str(gold), str(corpus), "--holdout",
                                       str(holdout), "--json"])
    assert result.exit_code == 0, result.stderr
    parts = json.loads(result.stdout)
    assert parts["held_out"]["articles"] == 30 and parts["studied"]["articles"] == 150
    for name, floors in TRAIN_FLOORS.items():
        got = parts[name]
        assert got["dyad"]["f1"] >= floors["dyad"], (name, got["dyad"])
        assert got["dyad_macro_f1"] >= floors["macro"], (name, got["dyad_macro_f1"])
        assert got["sector"]["f1"] >= floors["sector"], (name, got["sector"])
