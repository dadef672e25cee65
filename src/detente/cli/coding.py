"""Commands that code text: code, eval, resolve."""

from __future__ import annotations

from . import main  # noqa: F401
