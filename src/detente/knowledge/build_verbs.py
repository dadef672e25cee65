"""Build the generated trigger lexicon from the CAMEO verb dictionary and the PLOVER crosswalk.

    python -m detente.knowledge.build_verbs --sources ../shared/knowledge-sources

reads ``petrarch2/CAMEO.2.0.txt`` and ``plover/CAMEO2PLOVER-2021.txt`` and writes
``knowledge/data/triggers_cameo.tsv`` (the package never reads the sources at run time).
Re-running it gives the same file byte for byte.

Each CAMEO pattern becomes a row only where the reader can check its words:

- the verb's lemma, with the particle of a multiword verb (``+CALL_OFF`` -> ``prt:off``);
- words after the verb: a particle (``prt:``), an object noun or synonym set (``dobj:``),
  a preposition (``prep:``), a preposition with its object noun (``pobj:PREP:NOUN``), an
  infinitive complement (``TO ATTACK`` -> ``xcomp:attack``) or a small-clause adjective
  (``FOUND GUILTY`` -> ``child:guilty``); several of these are joined with ``,`` and must
  all hold.

Patterns that need what the reader cannot check are dropped, never turned into bare verbs:
words before the verb (its subject), a source after the verb (``$``), a reverse-only code
(``[:173]``), codes that are no PLOVER event (CAMEO 01 statements, ``---``). A pattern
applies to the verbs its comment names (``# SEND``), to all of its block only without a
comment. A verb alone becomes a row only from its own CAMEO code or, for the verb its block
is named for, the block's; never for a light or many-sense verb (``make``, ``take``,
``GENERAL_VERBS``): those need their pattern. Patterns on the pure light verbs ("staged a
rally", "launched an offensive") give NOUN rows flagged ``light``; on the other light
verbs of the lexicon only rows with a particle, a prepositional object or a complement.
Where CAMEO gives one condition several types, the patterns written for the verb decide,
then the type it gives most often; a tie is dropped.

CAMEO codes map to PLOVER through the crosswalk, and CODEBOOK.md wins where the two differ
(see ``CODEBOOK_CODES``): apologies are CONCEDE, signing is AGREE, easing sanctions is
CONCEDE, a guilty verdict is SANCTION convict, sanctions are SANCTION (quad 3), destroying
property and violent repression are ASSAULT, cyber attacks COERCE, appeals (CAMEO 02,
absent from the crosswalk) REQUEST. Modes are translated to the codebook's mode lists.

The hand-written ``triggers.tsv`` keeps priority: a generated row is dropped when a hand
row has its lemma and condition, when a hand row of its lemma reads every use of the word
(and the generated one names no particle), or when it names no word and the hand rows of
its lemma decide when the word alone is an event. ``lookup.load_triggers`` puts hand rows
first. ``python -m detente.knowledge.build_verbs`` prints what was read, mapped and dropped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..codebook import event_types
from .sources.cameo import (
    Block,
    Dictionary,
    Marker,
    Pattern,
    Phrase,
    Prep,
    Syn,
    Verb,
    Word,
    read_dictionary,
)
from .sources.plover import Mapping, read_crosswalk
from .tsv import data_path, read_tsv

CAMEO_FILE = ("petrarch2", "CAMEO.2.0.txt")
CROSSWALK_FILE = ("plover", "CAMEO2PLOVER-2021.txt")
OUTPUT = "triggers_cameo.tsv"

# ---- the codebook's choices where the crosswalk differs or is silent ------------------------
# code -> (type, mode); prefixes apply to every code they start (longest prefix wins).
CODEBOOK_CODES: dict[str, tuple[str, str | None]] = {
    # CAMEO 02 (appeals) is not in the crosswalk: asking someone to act is REQUEST (s. 2)
    "020": ("REQUEST", None), "021": ("REQUEST", "assist"), "022": ("REQUEST", "assist"),
    "023": ("REQUEST", "assist"), "024": ("REQUEST", "change"), "025": ("REQUEST", "yield"),
    "026": ("REQUEST", "meet"), "027": ("REQUEST", "meet"), "028": ("REQUEST", "meet"),
    "015": ("CONCEDE", None),  # acknowledge responsibility: CONCEDE is "admit" (s. 2)
    "018": ("SUPPORT", None),  # condolences and sympathy: SUPPORT, as triggers.tsv has them
    "045": ("CONSULT", "third-party"),  # mediation is the only third-party mode (s. 7)
    "044": ("CONSULT", None),  # a meeting in a third country is no third-party mode (s. 7)
    "055": ("CONCEDE", None),  # apologize is CONCEDE (s. 2), PLOVER's table says SUPPORT
    "057": ("AGREE", None),  # signing an agreement is AGREE (s. 2)
    "085": ("CONCEDE", None),  # easing sanctions and restrictions is CONCEDE (s. 2)
    "0813": ("CONCEDE", None), "0814": ("CONCEDE", None),
    "0842": ("RETREAT", "release"),
    "112": ("ACCUSE", "allege"),  # accusing is the codebook's 'allege' mode
    "116": ("SANCTION", "convict"),  # found guilty: SANCTION convict (s. 2)
    "163": ("SANCTION", None),  # sanctions are SANCTION, quad 3 (s. 2)
    "1712": ("ASSAULT", None),  # violence against property is ASSAULT (s. 2)
    "175": ("ASSAULT", None),  # crowd control with force is ASSAULT (s. 7)
    "176": ("COERCE", "cyber"),  # cyber attacks are COERCE (s. 7); not in the crosswalk
}
# codes whose events need no one on the other side: "accepted responsibility"
SELF_CODES = frozenset({"015"})
# CAMEO 01 (public statements) and the null code are no PLOVER event
NO_EVENT_PREFIXES = ("01", "---")

# PLOVER mode (as the crosswalk writes it) -> the codebook's mode, per type; the context
# decides for AID and COOPERATE. Unlisted modes are dropped (mode left empty).
MODES: dict[str, dict[str, str]] = {
    "CONSULT": {"phone": "phone", "visit": "visit", "third-party": "third-party"},
    "RETREAT": {"release": "release", "return": "release", "access": "access",
                "disarm": "disarm", "ceasefire": "ceasefire", "withdraw": "withdraw"},
    "REQUEST": {m: m for m in ("assist", "change", "yield", "meet")},
    "REJECT": {m: m for m in ("assist", "change", "yield", "meet")},
    "ACCUSE": {m: m for m in ("disapprove", "investigate", "allege")},
    "THREATEN": {"violence": "force", "territory": "force", "restrict": "sanction",
                 "ban": "sanction", "relations": "ties", "expel": "expel"},
    "SANCTION": {m: m for m in ("convict", "expel", "withdraw", "discontinue")},
    "PROTEST": {"demo": "demonstrate", "hunger": "hunger-strike", "boycott": "boycott",
                "riot": "riot"},
    "MOBILIZE": {"police": "police", "troops": "troops"},
    "COERCE": {"seize": "seize", "arrest": "arrest", "deport": "deport", "curfew": "curfew",
               "cyber": "cyber"},
    "ASSAULT": {"abduct": "abduct", "firearms": "firearms", "heavy-weapons": "heavy-weapons",
                "suicide-attack": "explosives", "explosives": "explosives",
                "assassinate": "kill", "massacre": "kill"},
}
CONTEXT_MODES = {"AID": {"economic": "economic", "military": "military",
                         "peacekeeping": "military", "humanitarian": "humanitarian",
                         "asylum": "asylum"},
                 "COOPERATE": {"economic": "economic", "military": "military",
                               "legal": "judicial", "intelligence": "intelligence"}}
# codes whose mode the crosswalk leaves out or gives wrongly
CODE_MODES = {"151": "alert", "152": "alert", "195": "aerial", "1721": "censor",
              "191": "blockade", "1823": "kill", "186": "kill", "200": "kill", "202": "kill",
              "185": "kill"}

# ---- words -----------------------------------------------------------------------------------
PARTICLES = frozenset({"off", "up", "down", "out", "back", "away", "over", "aside", "forward",
                       "ahead", "apart", "together", "through", "around", "about", "along",
                       "in", "on", "by"})
# small-clause adjectives and adverbs after the verb: "found guilty", "set ablaze"
COMPLEMENTS = frozenset({"guilty", "innocent", "dead", "ablaze", "afire", "free", "hostage",
                         "responsible", "accountable", "liable", "confident", "captive",
                         "prisoner", "alight", "illegal", "unconstitutional", "invalid"})
# verbs with so many senses that they never trigger alone (CAMEO gives several a code):
# they need the particle, object or preposition of one of their patterns
GENERAL_VERBS = frozenset({
    # light and general verbs
    "make", "take", "give", "get", "put", "set", "go", "come", "have", "hold", "do", "run",
    "keep", "bring", "turn", "see", "look", "want", "need", "let", "move", "play", "stand",
    "show", "leave", "call", "work", "carry", "open", "close", "end", "start", "begin",
    "meet", "find", "draw", "pull", "push", "pass", "break", "raise", "cut", "drop", "hit",
    "seek", "expect", "decide", "determine", "vote", "fail", "order", "express", "address",
    "issue", "report", "apply", "help", "assist", "comply", "deliver", "mark", "lay", "lie",
    "hand", "point", "throw", "send", "provide", "offer", "extend", "pay", "lead", "join",
    "accept", "share", "launch", "stage", "conduct", "organize", "organise", "announce",
    "confirm", "continue", "renew", "maintain", "voice", "convey", "stress", "emphasize",
    "underscore", "reiterate", "reaffirm", "impose", "say", "tell", "use", "serve", "face",
    "think", "feel", "like", "wish", "hope", "plan", "try", "attempt", "follow", "reach",
    "return", "remain", "stay", "rise", "fall", "grow", "build", "form", "change", "check",
    "control", "cover", "enter", "fight", "monitor", "search", "spy", "tap", "watch", "note",
    "add", "state", "write", "read", "consider", "review", "study", "examine", "debate",
    "argue", "answer", "respond", "reply", "react", "defend", "protect", "guard", "secure",
    "deny", "block", "stop", "halt", "freeze", "clear", "remove", "drive", "shake", "beat",
    "charge", "force", "claim", "question", "release", "free", "withdraw", "press", "urge",
    "ask", "demand", "request", "strike", "suspend", "refuse", "discuss", "speak", "talk",
    "advance", "proceed", "progress", "fly",
    # CAMEO gives these a code alone, but most of their uses in news are no event of it
    # (reviewed from the verbs that have their own or their block's code)
    "communicate", "decree", "suggest", "intend", "prepare", "revive", "signal", "strive",
    "arrive", "assemble", "convene", "cable", "hear", "introduce", "notify", "bargain",
    "influence", "rejoice", "bless", "favor", "legitimise", "reassert", "respect",
    "formalize", "aid", "allocate", "boost", "enact", "enlist", "facilitate", "link",
    "merge", "trade", "finance", "import", "compensate", "purchase", "arm", "intervene",
    "stabilise", "rescue", "shelter", "abandon", "absolve", "abstain", "allow", "compromise",
    "loosen", "submit", "unblock", "relinquish", "renounce", "acquit", "declassify",
    "legalise", "inspect", "insist", "curse", "despair", "dismay", "distrust", "lament",
    "regret", "disgrace", "delay", "overrule", "endanger", "disturb", "provoke", "summon",
    "overfly", "parade", "betray", "disassociate", "disrupt", "undermine", "secede", "bar",
    "exclude", "impel", "extract", "steal", "sue", "hurt", "rip", "die", "engage", "pound",
    "wrestle", "kick", "aim", "flatten", "dismiss", "mock", "affirm", "decline", "defect",
    "evacuate", "breach", "disband", "abort", "reexamine", "re-examine", "re-arrest",
    "agree", "coordinate", "confer", "host", "grant", "contribute", "donate", "support",
    "yield", "concede", "surrender", "retreat", "pardon", "exonerate", "object", "destroy",
    "explode", "demolish", "abuse", "invade", "accuse", "blame", "fault", "implicate",
    "target", "prohibit",
})
# the lexicon's light verbs whose object is an event noun ("staged a rally", "carried out
# raids"); verbs of giving ("provided weapons") keep VERB rows with their object
# an event noun names an act only in these types ("staged a sit-in", "launched an
# offensive", "held manoeuvres"); the verbal types' nouns are the hand lexicon's
NOUN_TYPES = frozenset({"ASSAULT", "PROTEST", "MOBILIZE"})
PURE_LIGHT = frozenset({"hold", "stage", "conduct", "carry", "launch", "make", "pay",
                        "organize", "organise"})
# light verbs whose object says what is given or imposed: "sent weapons", "imposed a curfew",
# "accepted responsibility" keep VERB rows with their object
TRANSFER_LIGHT = frozenset({"provide", "deliver", "send", "give", "impose", "accept"})
# default target prepositions per type, for verbs and for nouns
VERB_PREPS = {"AGREE": "with|to", "CONSULT": "with|to", "COOPERATE": "with",
              "AID": "to|for", "RETREAT": "from", "REQUEST": "to", "CONCEDE": "to",
              "SANCTION": "on|against|with", "PROTEST": "against", "MOBILIZE": "to|near",
              "ASSAULT": "on|against|at|to", "THREATEN": "-", "ACCUSE": "-", "REJECT": "-",
              "SUPPORT": "-", "COERCE": "-"}
NOUN_PREPS = {"AGREE": "with|between", "CONSULT": "with|between", "COOPERATE": "with|between",
              "AID": "to|for", "RETREAT": "from", "REQUEST": "to|from", "CONCEDE": "to",
              "SANCTION": "on|against", "PROTEST": "against", "MOBILIZE": "to|near",
              "ASSAULT": "on|against|in", "THREATEN": "against|to", "ACCUSE": "against|of",
              "REJECT": "of", "SUPPORT": "for|to|with", "COERCE": "of|on|against"}
PREPOSITIONS = frozenset({"against", "outside", "at", "to", "with", "from", "into", "near",
                          "for", "under", "behind", "before", "after", "toward", "towards",
                          "across", "inside", "without", "within", "upon", "onto", "of",
                          "amid", "among", "between", "beyond", "despite", "during"})
TARGETING_PREPS = frozenset({"to", "with", "against", "on", "at", "into", "from", "toward",
                             "towards", "upon", "for", "over", "by"})

HEADER = ("lemma", "pos", "type", "mode", "requires", "target_preps", "flags", "forms",
          "cameo", "pattern")


@dataclass(frozen=True)
class Row:
    lemma: str
    pos: str
    type: str
    mode: str
    requires: str
    target_preps: str
    flags: str
    forms: str
    cameo: str  # the CAMEO code the row came from
    pattern: str  # which verb line or pattern: "SEND - * &WEAPON (CAMEO.2.0.txt:3496)"
    own: bool = True  # the pattern's comment names this verb (decides conflicts)

    def cells(self) -> tuple[str, ...]:
        return (self.lemma, self.pos, self.type, self.mode, self.requires,
                self.target_preps or "-", self.flags, self.forms, self.cameo, self.pattern)


@dataclass
class Report:
    """What the build read, mapped and dropped (by reason)."""

    verbs: int = 0
    verbs_alone: int = 0  # verbs that gave a row of their own (before the merge)
    patterns: int = 0
    patterns_with_rows: int = 0  # patterns that gave candidate rows
    mapped_patterns: int = 0  # patterns behind at least one written row
    candidates: int = 0
    rows: Counter = field(default_factory=Counter)  # type -> rows written
    verbs_dropped: Counter = field(default_factory=Counter)  # reason -> verbs
    patterns_dropped: Counter = field(default_factory=Counter)  # reason -> patterns
    rows_dropped: Counter = field(default_factory=Counter)  # reason -> candidate rows

    def lines(self) -> list[str]:
        out = [f"CAMEO verbs read: {self.verbs}; a row of their own: {self.verbs_alone}",
               *(f"  verb alone dropped {n:5d}  {why}"
                 for why, n in self.verbs_dropped.most_common()),
               f"CAMEO patterns read: {self.patterns}; gave rows: {self.patterns_with_rows}; "
               f"behind a written row: {self.mapped_patterns}",
               *(f"  pattern dropped {n:5d}  {why}"
                 for why, n in self.patterns_dropped.most_common()),
               f"candidate rows: {self.candidates}",
               *(f"  row dropped {n:5d}  {why}" for why, n in self.rows_dropped.most_common()),
               f"rows written: {sum(self.rows.values())}: " +
               ", ".join(f"{t} {n}" for t, n in sorted(self.rows.items()))]
        return out


class Unusable(Exception):
    """A pattern (or verb) that gives no row, with the reason."""


# ---- mapping codes ---------------------------------------------------------------------------
def plover_of(code: str, crosswalk: dict[str, Mapping]) -> tuple[str, str | None, str]:
    """CAMEO code -> (type, mode, where the mapping came from: 'crosswalk' or 'codebook')."""
    for n in range(len(code), 2, -1):
        if code[:n] in CODEBOOK_CODES:
            kind, mode = CODEBOOK_CODES[code[:n]]
            return kind, mode or CODE_MODES.get(code), "codebook"
    if code.startswith(NO_EVENT_PREFIXES) or not code:
        raise Unusable("no PLOVER event (CAMEO statement or null code)")
    if not code.isdigit():
        raise Unusable("malformed code")
    mapping = crosswalk.get(code)
    if mapping is None:
        raise Unusable("code not in the crosswalk")
    kind = mapping.type
    if kind in CONTEXT_MODES:
        mode = next((CONTEXT_MODES[kind][c] for c in mapping.context
                     if c in CONTEXT_MODES[kind]), None)
    else:
        mode = MODES.get(kind, {}).get(mapping.mode or "")
    mode = CODE_MODES.get(code, mode)
    return kind, mode, "crosswalk"


def first_code(code: str) -> str:
    """The source-to-target code of a pair: ``042:043`` -> 042; ``:173`` has none."""
    main = code.split(":")[0].strip()
    if not main and ":" in code:
        raise Unusable("only the target acts (reverse-only code)")
    return main


# ---- words to conditions ---------------------------------------------------------------------
class Lemmas:
    """Noun and verb lemmas as the coder's spaCy pipeline makes them (so conditions meet
    what the parser gives at run time)."""

    def __init__(self) -> None:
        from spacy.tokens import Doc

        from ..nlp import coder_pipeline

        nlp = coder_pipeline()
        self._doc = Doc
        self._vocab = nlp.vocab
        self._lemmatizer = nlp.get_pipe("lemmatizer")

    @cache  # noqa: B019 - one instance per build
    def noun(self, word: str) -> str:
        plural = word.endswith("s") and not word.endswith(("ss", "is", "us", "ics"))
        return self._lemma(word, "NOUN", "NNS") if plural else word

    @cache  # noqa: B019
    def verb(self, word: str) -> str:
        return self._lemma(word, "VERB", "VB")

    def _lemma(self, word: str, pos: str, tag: str) -> str:
        doc = self._doc(self._vocab, words=[word], pos=[pos], tags=[tag])
        return self._lemmatizer(doc)[0].lemma_.lower()


def _noun_key(phrase: str, mod: str, lemmas: Lemmas) -> str:
    """A synonym-set member as an object condition: its head lemma, with the word before
    the head as modifier ("NUCLEAR_DEVICE" -> device~nuclear: not any device)."""
    words = phrase.split()
    if not mod and len(words) > 1 and words[-2].replace("-", "").isalpha():
        mod = "~" + words[-2]
    return lemmas.noun(words[-1]) + mod


def _alternatives(element, cameo: Dictionary) -> list[str]:
    """The phrases an element stands for: a word (its '/' alternatives) or the members of
    a synonym set ("armored car"); conditions take their head and the word before it."""
    if isinstance(element, Phrase):
        return _alternatives(element.head, cameo)
    if isinstance(element, Marker):
        raise Unusable("a role marker where a word is needed")
    try:
        seqs = cameo.expand(element)
    except KeyError as missing:
        raise Unusable("undefined synonym set") from missing
    out = []
    for seq in seqs:
        for word in seq[-1].split("/"):  # "BOMBING/EXPLOSION"
            phrase = " ".join([*seq[:-1], word])
            if word and phrase not in out:
                out.append(phrase)
    return out


@dataclass
class Conditions:
    parts: list[str] = field(default_factory=list)
    target_preps: list[str] = field(default_factory=list)
    cue: list[str] = field(default_factory=list)
    dropped_modifiers: bool = False

    def add(self, part: str) -> None:
        if part not in self.parts:
            self.parts.append(part)


_VERBS: dict[int, frozenset[str]] = {}


def _verbs_of(cameo: Dictionary) -> frozenset[str]:
    """Every verb lemma of the dictionary (to tell "TO RESIST" from "TO POLICE")."""
    if id(cameo) not in _VERBS:
        _VERBS[id(cameo)] = frozenset(v.lemma for b in cameo.blocks for v in b.verbs)
    return _VERBS[id(cameo)]


def conditions(elements: tuple, cameo: Dictionary, lemmas: Lemmas) -> Conditions:
    """The reader's conditions for the words after the verb, or Unusable."""
    cond = Conditions()
    items = list(elements)
    i = 0
    while i < len(items):
        el = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isinstance(el, Marker):
            if el.sign == "+":
                i += 1
                continue  # the object is the target: the default
            if el.sign == "$":
                raise Unusable("source after the verb")
            raise Unusable("a noun-phrase wildcard the reader cannot check")
        if isinstance(el, Word) and el.text == "to" and isinstance(nxt, Word) and \
                nxt.text in _verbs_of(cameo):  # "VOW * TO RESIST": an infinitive
            cond.add("xcomp:" + lemmas.verb(nxt.text))
            i += 2
            continue
        if isinstance(el, Word) and el.text == "to" and isinstance(nxt, Word | Syn):
            items[i + 1] = Prep("to", (nxt,))  # "JUMP * TO &DEFENSE": to + a noun
            i += 1
            continue
        if isinstance(el, Word) and el.text in PARTICLES:
            cond.add("prt:" + el.text)
        elif isinstance(el, Word) and el.text in PREPOSITIONS:  # "RALLY * AGAINST"
            cond.add("prep:" + el.text)
            if el.text in TARGETING_PREPS:
                cond.target_preps.append(el.text)
        elif isinstance(el, Word) and el.text in COMPLEMENTS:
            cond.add("child:" + el.text)
        elif isinstance(el, Word | Syn | Phrase):
            mod = ""
            if isinstance(el, Phrase) and el.modifiers:
                last = el.modifiers[-1]
                if isinstance(last, Word) and last.text.replace("-", "").isalpha() \
                        and " " not in last.text:
                    mod = "~" + last.text  # "{MEDICAL AID}": aid with the modifier medical
                else:
                    cond.dropped_modifiers = True
            words = sorted({_noun_key(w, mod, lemmas) for w in _alternatives(el, cameo)
                            if w.split()[-1].replace("-", "").isalpha()})
            if not words:  # "MI-24VM/HIND", "50-CALIBER": no lemma the parser would give
                raise Unusable("an object the reader cannot check")
            if any(c.startswith("dobj:") for c in cond.parts):
                raise Unusable("two object nouns")
            cond.add("dobj:" + "|".join(words))
        elif isinstance(el, Prep):
            prep = el.prep
            if not prep.isalpha():
                raise Unusable("a preposition the reader cannot check")
            objects = [o for o in el.objects if not (isinstance(o, Marker) and o.sign in "+^")]
            if any(isinstance(o, Marker) and o.sign == "$" for o in el.objects):
                raise Unusable("source after the verb")
            if any(isinstance(o, Marker) and o.sign == "+" for o in el.objects) or \
                    (not objects and prep in TARGETING_PREPS):
                cond.target_preps.append(prep)
            if not objects:
                cond.add("prep:" + prep)
            else:
                head = objects[-1]
                if isinstance(head, Prep | Marker):
                    raise Unusable("a nested phrase the reader cannot check")
                if len(objects) > 1 or (isinstance(head, Phrase) and head.modifiers):
                    cond.dropped_modifiers = True
                words = sorted({lemmas.noun(w.split()[-1]) for w in _alternatives(head, cameo)})
                cond.add(f"pobj:{prep}:" + "|".join(words))
        i += 1
    if len(cond.parts) > 3:
        raise Unusable("more conditions than the reader checks together")
    return cond


# ---- the build -------------------------------------------------------------------------------
def verb_words(verb: Verb) -> tuple[str, list[str]]:
    """A CAMEO verb -> (lemma, its own conditions): ``+CALL_OFF`` -> ("call", ["prt:off"])."""
    if verb.head > 0:  # "RE_+ARREST", "WIRE_+TAP": a prefixed verb is one word in text
        return "".join(verb.words[:verb.head + 1]), []
    lemma = verb.words[0]
    parts = []
    for w in verb.words[1:]:
        if w in PARTICLES:
            parts.append("prt:" + w)
        elif w in COMPLEMENTS:
            parts.append("child:" + w)
        elif w in TARGETING_PREPS or w in ("at", "of", "into", "upon"):
            parts.append("prep:" + w)
        else:
            parts.append("dobj:" + w)
    return lemma, parts


def hand_rows() -> tuple[set[tuple[str, str, str]], set[tuple[str, str]]]:
    """(lemma, pos, requires) of the hand-written rows, and their (lemma, pos)."""
    keys, lemmas = set(), set()
    for _, row in read_tsv("triggers.tsv"):
        keys.add((row["lemma"], row["pos"], row["requires"]))
        lemmas.add((row["lemma"], row["pos"]))
    return keys, lemmas


def build(sources: Path) -> tuple[list[Row], Report]:
    cameo = read_dictionary(sources.joinpath(*CAMEO_FILE))
    crosswalk = read_crosswalk(sources.joinpath(*CROSSWALK_FILE))
    lemmas = Lemmas()
    light = {r["lemma"] for _, r in read_tsv("triggers.tsv") if r["pos"] == "LIGHT"}
    report = Report()
    report.patterns = len(cameo.unreadable)
    report.patterns_dropped.update({"unreadable line in the source": len(cameo.unreadable)})
    candidates: list[Row] = []
    for block in cameo.blocks:
        report.verbs += len(block.verbs)
        for verb in block.verbs:
            row = _bare_verb(block, verb, crosswalk, light)
            if isinstance(row, str):
                report.verbs_dropped[row] += 1
            elif row is not None:
                report.verbs_alone += 1
                candidates.append(row)
        for pattern in block.patterns:
            report.patterns += 1
            try:
                made = _pattern_rows(block, pattern, cameo, crosswalk, lemmas, light)
            except Unusable as why:
                report.patterns_dropped[str(why)] += 1
                continue
            if not made:
                report.patterns_dropped["its verbs are light verbs without a condition"] += 1
                continue
            report.patterns_with_rows += 1
            candidates.extend(made)
    report.candidates = len(candidates)
    reviewed = misfiring()
    kept_candidates = [r for r in candidates if (r.lemma, r.pos, r.type) not in reviewed and
                       (r.lemma, r.pos, "*") not in reviewed]
    report.rows_dropped["misfires in news (triggers_cameo_review.tsv)"] += \
        len(candidates) - len(kept_candidates)
    rows, dropped, kept = _resolve(kept_candidates)
    report.rows_dropped.update(dropped)
    report.mapped_patterns = len({p for p in kept if " - " in p})
    for r in rows:
        report.rows[r.type] += 1
    return rows, report


def misfiring() -> set[tuple[str, str, str]]:
    """(lemma, pos, type or "*") of generated rows a reading of their events on the corpus
    showed to misfire in news (``triggers_cameo_review.tsv``)."""
    return {(row["lemma"], row["pos"], row["type"])
            for _, row in read_tsv("triggers_cameo_review.tsv")}


def _bare_verb(block: Block, verb: Verb, crosswalk, light) -> Row | str | None:
    """A verb alone, from its own code or, for the verb its block is named for, the block's
    code (the block's other verbs are synonyms gathered later, from WordNet)."""
    head = verb.text.replace(" ", "_").upper() == block.name.rstrip("_")
    code = verb.code or (block.code if head else None)
    if not code or code.startswith("---"):
        return None if verb.code or head else "a block synonym without its own code"
    lemma, parts = verb_words(verb)
    if " and " in f" {verb.text} " or any(p.startswith("dobj:") for p in parts):
        return "a verb phrase the reader cannot check"
    if not parts and (lemma in GENERAL_VERBS or lemma in light):
        return "a verb with many senses needs its pattern"
    try:
        kind, mode, via = plover_of(first_code(code), crosswalk)
    except Unusable as why:
        return str(why)
    if kind == "AGREE" and not parts and verb.code is None:
        return "an intent (AGREE) needs its complement"
    forms = sorted({f[verb.head] for f in verb.forms if len(f) > verb.head} - {lemma})
    where = f"{block.name} {verb.text.upper()} [{code}] (CAMEO.2.0.txt:{verb.line})"
    return Row(lemma, "VERB", kind, mode or "", ",".join(parts), VERB_PREPS[kind], "",
               "|".join(forms), first_code(code), where)


def _pattern_rows(block: Block, pattern: Pattern, cameo: Dictionary, crosswalk, lemmas,
                  light) -> list[Row]:
    code = first_code(pattern.code)
    kind, mode, via = plover_of(code, crosswalk)
    if pattern.pre:
        raise Unusable("words before the verb (the reader checks no subject nouns)")
    if not pattern.post:
        raise Unusable("no words after the verb (a verb alone comes from its own code)")
    cond = conditions(pattern.post, cameo, lemmas)
    if not cond.parts:  # "- * + [111]": only a role marker, the verb alone
        raise Unusable("no words after the verb (a verb alone comes from its own code)")
    verbs = _written_for(block, pattern, lemmas)
    own = True
    if verbs is None:  # no comment: the block's verbs share it
        verbs, own = list(block.verbs), False
    elif not verbs:
        raise Unusable("written for a verb outside its block")
    rows = []
    for verb in verbs:
        lemma, parts = verb_words(verb)
        requires = [*parts, *cond.parts]
        objects = [p for p in requires if p.startswith("dobj:")]
        if len(objects) > 1:
            continue  # a verb with its own object noun and a pattern object
        preps = "|".join(dict.fromkeys([*cond.target_preps,
                                        *[p for p in VERB_PREPS[kind].split("|") if p != "-"]]))
        where = f"{block.name} -{' '.join(['', pattern.text])} (CAMEO.2.0.txt:{pattern.line})"
        forms = "|".join(sorted({f[verb.head] for f in verb.forms if len(f) > verb.head}
                                - {lemma}))
        if lemma in PURE_LIGHT and requires == objects and len(objects) == 1 and own \
                and kind in NOUN_TYPES \
                and not cond.dropped_modifiers and not any(isinstance(e, Syn | Phrase)
                                                           for e in pattern.post):
            for noun in objects[0][5:].split("|"):
                rows.append(Row(noun, "NOUN", kind, mode or "", "", NOUN_PREPS[kind], "light",
                                "", code, where, own))
            continue
        if lemma in light and not requires:
            continue
        if lemma in GENERAL_VERBS and not parts and all(p.startswith(("prep:", "prt:"))
                                                        for p in cond.parts):
            # "MOVE * (INTO)", "KICK * OFF": the verb's other senses take these words too
            raise Unusable("a verb with many senses needs more than a preposition or particle")
        flags = "selfonly" if code in SELF_CODES else ""
        if requires and all(p.startswith("prep:") and p[5:] in cond.target_preps
                            for p in requires):
            flags = "needtarget"  # "voted against": the pattern means someone voted against
        row_kind, row_mode = kind, mode
        if (kind in ("AID", "COOPERATE") or code.startswith("033")) and \
                any(_is_troops(e) for e in pattern.post):
            row_kind, row_mode = "MOBILIZE", "troops"  # sending troops: MOBILIZE (s. 2)
        if code == "036" and "prep:to" in requires:
            row_kind, row_mode = "CONSULT", "visit"  # a trip to: CONSULT visit, AGREE if future
        rows.append(Row(lemma, "VERB", row_kind, row_mode or "", ",".join(requires), preps,
                        flags, forms, code, where, own))
    return rows


def _worded(requires: str) -> bool:
    return any(":" in part for part in requires.split(","))


def _phrasal(requires: str) -> bool:
    return any(part.startswith("prt:") for part in requires.split(","))


TROOPS = frozenset({"troops", "troop", "soldiers", "soldier", "forces", "reinforcements",
                    "reinforcement", "warships", "warship"})


def _is_troops(element) -> bool:
    """An object naming armed forces (``&MILITARY``, TROOPS), not what they carry."""
    if isinstance(element, Phrase):
        element = element.head
    return (isinstance(element, Syn) and element.name == "&MILITARY") or (
        isinstance(element, Word) and element.text in TROOPS)


def _written_for(block: Block, pattern: Pattern, lemmas) -> list[Verb] | None:
    """The block's verbs the pattern's comment names ("# CALLED_OFF" names CALL_OFF), or
    None when the comment names none at all."""
    if not pattern.verbs:
        return None
    named = set()
    for word in pattern.verbs:
        parts = word.split("_")
        named.add(word)
        named.add("_".join([lemmas.verb(parts[0]), *parts[1:]]))
    return [v for v in block.verbs if v.text.replace(" ", "_") in named]


def _resolve(candidates: list[Row]) -> tuple[list[Row], Counter, set[str]]:
    """One row per (lemma, pos, requires): the hand lexicon's rows win; where CAMEO gives
    one condition several types, the patterns written for this verb decide, then the type
    they give most often; a tie is dropped."""
    hand_keys, hand_lemmas = hand_rows()
    kept: set[str] = set()
    hand_bare = {(lemma, pos) for lemma, pos, requires in hand_keys if not requires}
    light = {lemma for lemma, pos in hand_lemmas if pos == "LIGHT"}
    dropped: Counter = Counter()
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in candidates:
        groups[(row.lemma, row.pos, row.requires)].append(row)
    out = []
    for key, rows in groups.items():
        if key in hand_keys:
            dropped["the hand-written lexicon has this word and condition"] += len(rows)
            continue
        lemma, pos, requires = key
        if (lemma, pos) in hand_bare and not _phrasal(requires):
            dropped["a hand-written row reads every use of this word first"] += len(rows)
            continue
        if (lemma, pos) in hand_lemmas and not _worded(requires):
            dropped["the hand-written lexicon decides when this word alone is an event"] += \
                len(rows)
            continue
        kinds = {part.partition(":")[0] for part in requires.split(",")}
        if pos == "VERB" and lemma in light and lemma not in TRANSFER_LIGHT and \
                kinds <= {"dobj", "prep", ""}:
            dropped["a light verb: its object noun is the event"] += len(rows)
            continue
        own = [r for r in rows if r.own] or rows
        types = Counter(r.type for r in own).most_common()
        if len(types) > 1 and types[0][1] == types[1][1]:
            dropped["one condition, several PLOVER types as often (ambiguous)"] += len(rows)
            continue
        winners = [r for r in own if r.type == types[0][0]]  # the type CAMEO gives most
        dropped["a less frequent type for the same condition"] += len(own) - len(winners)
        dropped["not written for this verb, where another pattern is"] += len(rows) - len(own)
        dropped["the same word and condition again (merged)"] += len(winners) - 1
        kept |= {r.pattern for r in winners}
        own = winners
        modes = Counter(r.mode for r in own)
        mode = modes.most_common(1)[0][0] if len(modes) == 1 else ""
        first = own[0]
        out.append(Row(first.lemma, first.pos, first.type, mode, first.requires,
                       first.target_preps, first.flags, first.forms, first.cameo,
                       first.pattern))
    out.sort(key=lambda r: (r.lemma, r.pos, -r.requires.count(",") - bool(r.requires),
                            -r.requires.count("~"), r.requires))
    return out, +dropped, kept


def write(rows: list[Row], path: Path) -> None:
    types = set(event_types())
    lines = [
        "# Generated by `python -m detente.knowledge.build_verbs --sources "
        "../shared/knowledge-sources`:",
        "# do not edit; change the build (knowledge/build_verbs.py) or triggers.tsv instead.",
        "# From the CAMEO verb dictionary (PETRARCH2, MIT) mapped to PLOVER through",
        "# CAMEO2PLOVER-2021 (PLOVER, CC BY-SA 4.0), CODEBOOK.md winning where they differ.",
        "# Columns as in triggers.tsv, plus: forms (irregular forms the pre-pass looks for),",
        "# cameo (the CAMEO code), pattern (the verb line or pattern and its line in the source).",
        "\t".join(HEADER),
    ]
    for row in rows:
        assert row.type in types, row
        lines.append("\t".join(row.cells()))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True,
                        help="the knowledge-sources folder (../shared/knowledge-sources)")
    parser.add_argument("--output", type=Path, default=None,
                        help=f"where to write (default: the package's data/{OUTPUT})")
    args = parser.parse_args(argv)
    for part in (CAMEO_FILE, CROSSWALK_FILE):
        if not args.sources.joinpath(*part).exists():
            print(f"error: {args.sources.joinpath(*part)} not found", file=sys.stderr)
            return 2
    rows, report = build(args.sources)
    output = args.output or Path(str(data_path(OUTPUT)))
    write(rows, output)
    for line in report.lines():
        print(line)
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
