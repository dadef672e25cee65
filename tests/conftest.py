"""Shared test fixtures.

Tests that need ``../shared`` (the gold files, seed and corpus) use the ``shared``
fixture: it skips with a reason on a user's fresh clone, and fails under CI=true so
that CI can never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", REPO.parent / "shared"))


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail under CI) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is not present (../shared holds the gold files and corpus)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return path


@pytest.fixture
def shared() -> Path:
    return need_shared()
