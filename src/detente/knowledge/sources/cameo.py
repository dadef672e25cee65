"""Reading PETRARCH2's CAMEO verb dictionary (``CAMEO.2.0.txt``).

The file has three parts:

- synonym sets: ``&NAME`` followed by ``+WORD`` lines (``_`` joins the words of a phrase;
  a trailing ``_`` on a word or on the label means no plural is formed);
- verb blocks: a ``---  NAME   [CODE]  ---`` header, the block's verbs (``SEND {SENDS
  SENDING SENT }``, ``+CALL_OFF [160]``, ``RE_+ARREST``: ``+`` marks the inflected word of
  a multiword verb, ``{...}`` lists irregular forms, ``[...]`` the verb's own code), then
  its patterns ``- PRE * POST [CODE] # VERBS``: words before ``*`` stand before the verb
  (its subject), words after it follow; a bare word is a noun head (or a particle),
  ``{A B}`` a noun phrase with head B, ``(PREP ...)`` a prepositional phrase, ``&SET`` any
  member of a synonym set, ``+`` and ``$`` mark target and source; the comment names the
  verb(s) the pattern was first written for;
- transformations (``~ ...``), which this reader skips.

Codes are CAMEO event codes; ``[042:043]`` is a pair (the second code is the event of the
target back to the source), ``[:173]`` only that reverse event, ``[---]`` no event.

This module only reads: it knows nothing of PLOVER or of detente's lexicon (see
``detente.knowledge.build_verbs``). It is used at build time, never at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import ConfigError


class CameoFormatError(ConfigError):
    """A line of the CAMEO dictionary this reader cannot read."""


# ---- pattern elements ---------------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    """A literal word (lowercase). ``plural`` is False where the dictionary forbids one."""

    text: str
    plural: bool = True


@dataclass(frozen=True)
class Syn:
    """A reference to a synonym set: ``&WEAPON``."""

    name: str


@dataclass(frozen=True)
class Marker:
    """``+`` (target), ``$`` (source), ``^`` (any noun phrase), ``%`` (compound actor)."""

    sign: str


@dataclass(frozen=True)
class Phrase:
    """A noun phrase ``{A B C}``: modifiers A, B and head C (each a Word, Syn or Marker)."""

    modifiers: tuple
    head: Word | Syn | Marker


@dataclass(frozen=True)
class Prep:
    """A prepositional phrase ``(PREP ...)``; ``objects`` may be empty: ``(TO)``."""

    prep: str
    objects: tuple


Element = Word | Syn | Marker | Phrase | Prep


@dataclass(frozen=True)
class Pattern:
    """One ``- PRE * POST [CODE] # VERBS`` line of a verb block."""

    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: str  # as written inside the brackets: "190", "042:043", ":173", "---"
    verbs: tuple[str, ...]  # lowercase verbs named in the comment (where it was written)
    text: str  # the pattern as written, without the leading '-' and the comment
    line: int


@dataclass(frozen=True)
class Verb:
    """One verb line of a block: ``words`` of the verb phrase with ``head`` the inflected one."""

    words: tuple[str, ...]
    head: int
    forms: tuple[tuple[str, ...], ...]  # irregular forms, each as words ({+CAME_UPON})
    code: str | None  # the verb's own code, or None: the block's applies
    line: int

    @property
    def lemma(self) -> str:
        return self.words[self.head]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Block:
    name: str
    code: str
    verbs: tuple[Verb, ...]
    patterns: tuple[Pattern, ...]
    line: int


@dataclass(frozen=True)
class Synset:
    name: str  # with its '&'
    members: tuple[tuple[str, ...], ...]  # lowercase words of each phrase
    plurals: tuple[bool, ...]  # whether each member takes a plural
    line: int


@dataclass(frozen=True)
class Dictionary:
    synsets: dict[str, Synset]
    blocks: tuple[Block, ...]
    # pattern lines the source itself gets wrong (unbalanced brackets...): (line, why)
    unreadable: tuple[tuple[int, str], ...] = ()

    def expand(self, element: Word | Syn | Marker) -> list[tuple[str, ...]]:
        """The word sequences an element stands for (a synset's members, or the word)."""
        if isinstance(element, Word):
            return [(element.text,)]
        if isinstance(element, Syn):
            synset = self.synsets.get(element.name)
            if synset is None:
                raise KeyError(element.name)
            return list(synset.members)
        return []


_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")


def read_dictionary(path: Path) -> Dictionary:
    """Read the whole dictionary. A pattern line the source writes wrongly is listed in
    ``unreadable``; any other line this reader cannot place raises CameoFormatError."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, Synset] = {}
    blocks: list[Block] = []
    section = "head"
    current: dict | None = None
    syn_name: str | None = None
    syn_line = 0
    members: list[tuple[str, ...]] = []
    plurals: list[bool] = []
    unreadable: list[tuple[int, str]] = []

    def close_synset() -> None:
        nonlocal syn_name, members, plurals
        if syn_name is not None:
            synsets[syn_name] = Synset(syn_name, tuple(members), tuple(plurals), syn_line)
        syn_name, members, plurals = None, [], []

    def close_block() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Block(current["name"], current["code"], tuple(current["verbs"]),
                                tuple(current["patterns"]), current["line"]))
        current = None

    for lineno, raw in enumerate(lines, 1):
        where = f"{path.name}:{lineno}"
        if raw.startswith("#######") and "SYNONYM SETS" in raw:
            section = "synsets"
            continue
        if raw.startswith("#######") and "VERB PATTERNS" in raw:
            close_synset()
            section = "verbs"
            continue
        if raw.startswith("########") and "TRANSFORMATIONS" in raw:
            close_block()
            section = "transformations"
            continue
        line = raw.rstrip()
        if section in ("head", "transformations") or not line.strip() or \
                line.lstrip().startswith("#") or line.startswith("<!"):
            continue
        if section == "synsets":
            text = line.split("#", 1)[0].strip()
            if text.startswith("&"):
                close_synset()
                syn_name, syn_line = text, lineno
            elif text.startswith("+") and syn_name is not None:
                word = text[1:].strip()
                no_plural = word.endswith("_") or syn_name.endswith("_")
                words = tuple(w.lower() for w in word.strip("_").replace("_", " ").split())
                if words:
                    members.append(words)
                    plurals.append(not no_plural)
            elif text:
                raise CameoFormatError(f"{where}: a synonym set line must start with & or +")
            continue
        # section == "verbs"
        header = _HEADER.match(line)
        if header:
            close_block()
            current = {"name": header.group(1), "code": header.group(2).strip(),
                       "verbs": [], "patterns": [], "line": lineno}
            continue
        if current is None:
            raise CameoFormatError(f"{where}: a verb or pattern before any block header")
        if line.startswith("-"):
            try:
                current["patterns"].append(_pattern(line, lineno, where))
            except CameoFormatError as bad:
                unreadable.append((lineno, str(bad).split(": ", 1)[1]))
        else:
            try:
                verb = _verb(line, lineno, where)
            except CameoFormatError as bad:
                unreadable.append((lineno, str(bad).split(": ", 1)[1]))
                continue
            if verb is not None:
                current["verbs"].append(verb)
    close_block()
    return Dictionary(synsets, tuple(blocks), tuple(unreadable))


def _verb(line: str, lineno: int, where: str) -> Verb | None:
    text = line.partition("#")[0].partition(";")[0]  # ';' is the old TABARI comment
    code = None
    found = _CODE.search(text)
    if found:
        code = found.group(1).strip()
        text = text[:found.start()] + text[found.end():]
    forms_text = ""
    if "{" in text:
        start = text.index("{")
        end = text.find("}", start)
        if end < 0:
            raise CameoFormatError(f"{where}: '{{' without '}}' in a verb line")
        forms_text = text[start + 1:end]
        text = text[:start] + text[end + 1:]
    words = text.split()
    if not words:
        return None
    if len(words) > 1:
        raise CameoFormatError(f"{where}: a verb line holds one verb, not {words!r}")
    words_, head = _verb_words(words[0])
    forms = tuple(_verb_words(f)[0] for f in forms_text.replace(",", " ").split())
    return Verb(words_, head, forms, code, lineno)


def _verb_words(token: str) -> tuple[tuple[str, ...], int]:
    """``+CALL_OFF`` -> (("call", "off"), 0); ``RE_+ARREST`` -> (("re", "arrest"), 1)."""
    parts = token.split("_")
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    return tuple(p.lstrip("+").lower() for p in parts if p.lstrip("+")), head


def _pattern(line: str, lineno: int, where: str) -> Pattern:
    body, _, comment = line[1:].partition("#")
    body, _, legacy = body.partition(";")
    comment = comment or legacy
    codes = list(_CODE.finditer(body))
    if not codes:
        raise CameoFormatError(f"{where}: a pattern without a [code]")
    code = codes[-1].group(1).strip()
    text = body[:codes[-1].start()].strip()
    if "*" not in text:
        raise CameoFormatError(f"{where}: a pattern without '*' for the verb")
    pre_text, _, post_text = text.partition("*")
    verbs = tuple(v.lower() for v in re.findall(r"[A-Z][A-Z_-]+", comment.split("<")[0]))
    return Pattern(_elements(pre_text, where), _elements(post_text.lstrip("_"), where), code,
                   verbs, text, lineno)


def _elements(text: str, where: str) -> tuple[Element, ...]:
    """Parse a side of a pattern into elements."""
    tokens = re.findall(r"[{}()]|[^\s{}()]+", text)
    out: list[Element] = []
    i = 0

    def atom(tok: str) -> Word | Syn | Marker:
        if tok.startswith("&"):
            return Syn(tok)
        if tok in ("+", "$", "^", "%"):
            return Marker(tok)
        return Word(tok.strip("_").replace("_", " ").lower(), plural=not tok.endswith("_"))

    while i < len(tokens):
        tok = tokens[i]
        if tok == "{":
            end = _close(tokens, i, "{", "}", where)
            inner = [atom(t) for t in tokens[i + 1:end]]
            if not inner:
                raise CameoFormatError(f"{where}: an empty {{}} noun phrase")
            out.append(Phrase(tuple(inner[:-1]), inner[-1]))
            i = end + 1
        elif tok == "(":
            end = _close(tokens, i, "(", ")", where)
            inner_tokens = tokens[i + 1:end]
            if not inner_tokens:
                raise CameoFormatError(f"{where}: an empty () phrase")
            objects = _elements(" ".join(inner_tokens[1:]), where)
            out.append(Prep(inner_tokens[0].lower(), objects))
            i = end + 1
        elif tok in ("}", ")"):
            raise CameoFormatError(f"{where}: {tok!r} without its opening bracket")
        else:
            out.append(atom(tok))
            i += 1
    return tuple(out)


def _close(tokens: list[str], start: int, opening: str, closing: str, where: str) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j] == opening:
            depth += 1
        elif tokens[j] == closing:
            depth -= 1
            if depth == 0:
                return j
    raise CameoFormatError(f"{where}: {opening!r} without {closing!r}")
