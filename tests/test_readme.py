"""The README's sample record is what detente makes of the seed article, so it cannot
drift from the coder: this test regenerates it and compares. When the coder changes,
rewrite the block with the command in ``REGENERATE``."""

from __future__ import annotations

import json
import os
import re

from conftest import REPO, need_shared

from detente.ingest import read_inputs
from detente.pipeline import code_documents
from detente.records import CodedArticle

README = REPO / "README.md"
START = "<!-- sample record: generated from the seed by tests/test_readme.py -->"
END = "<!-- end of sample record -->"
REGENERATE = "DETENTE_WRITE_README=1 .venv/bin/python -m pytest tests/test_readme.py -q"


def render(record: dict) -> str:
    """One key per line, each value as compact JSON: valid JSON that reads at a glance."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
             for key, value in record.items()]
    return "{\n" + ",\n".join(lines) + "\n}"


def sample_block() -> str:
    seed = need_shared("seed", "macron_ukraine_dialogue.txt")
    events = [event for item in code_documents(read_inputs([str(seed)]))
              if isinstance(item, CodedArticle) for event in item.events]
    event = next((e for e in events if e.type == "CONSULT"), events[0])
    return (f"{START}\n```json\n{render(event.to_dict())}\n```\n"
            "(`detente code ../shared/seed/macron_ukraine_dialogue.txt`, its first CONSULT "
            f"event)\n{END}")


def test_readme_sample_record_is_what_the_seed_gives():
    text = README.read_text(encoding="utf-8")
    found = re.search(re.escape(START) + ".*?" + re.escape(END), text, re.DOTALL)
    assert found, f"README.md lacks the sample record block; write it with: {REGENERATE}"
    expected = sample_block()
    if found[0] != expected and os.environ.get("DETENTE_WRITE_README") == "1":
        README.write_text(text.replace(found[0], expected), encoding="utf-8")
        return
    assert found[0] == expected, (
        f"README.md's sample record is not what the seed gives now; rewrite it with: "
        f"{REGENERATE}")


def test_the_readme_output_is_ignored_by_git():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "events.jsonl" in ignored
