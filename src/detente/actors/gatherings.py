"""Gatherings: the document-level entities that hold a meeting's parties.

A readout names the parties of a meeting, call or summit once ("Biden spoke with
Kishida", "Participants in the call included ...") and from then on speaks of them as a
group: "They discussed", "The leaders agreed", "both sides", "the three governments",
"the President and the Prime Ministers agreed". A per-sentence lookup cannot
resolve those words, and a participant list may come only in the closing paragraph.

So the coder keeps, per article, the gathering the story is at: every CONSULT event
between named parties opens one; participant lists ("Participants included", "was
attended by", "were joined by") add to it; group words stand for it. Events told of the
group are re-read once the whole article is known, so each gets every participant,
including those named only at the end (CODEBOOK s. 7: multilateral events list every
named party).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from ..knowledge.tsv import read_tsv
from ..records import Actor
from .mentions import FIRST, GROUP_WORDS, IT, PERSONAL, PLURAL

# Determiners and quantifiers that make a plural group noun point back at known parties:
# "the leaders", "both sides", "all parties", "these governments". A bare plural ("leaders
# met") is a group only when a region or the sentence start says so ("Participants
# agreed", "transatlantic leaders").
GROUP_DETERMINERS = {"the", "both", "all", "these", "those", "each", "their"}
NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "2", "3",
           "4", "5", "6", "7", "8", "9", "10"}
# Verbs whose object lists who took part: "Participants included A, B and C".
LISTING_VERBS = {"include", "be", "comprise", "feature"}
# Words that introduce a gathering's participants: "Participants (in the call) included",
# "The summit was attended by", "They were joined by".
PARTICIPANT_NOUNS = {"participant", "attendee", "participants", "attendees"}
# Words that say a gathering's parties all met together, whoever hosted it.
JOINT_WORDS = {"trilateral", "quadrilateral", "multilateral"}
JOINING_VERBS = {"attend", "join"}
# Group nouns that, with no meeting in the story, speak of the sides of the conflict it is
# about: "all parties", "the parties to the conflict", "all sides", "the warring parties";
# with only these modifiers ("political parties" are something else).
CONFLICT_PARTIES = {"party", "side"}
CONFLICT_MODIFIERS = {"armed", "warring", "relevant", "concerned", "opposing", "other",
                      "involved"}


@cache
def group_nouns() -> frozenset[str]:
    """Singular lowercase nouns that can stand for a gathering's parties (group_nouns.tsv)."""
    return frozenset(row["word"] for _, row in read_tsv("group_nouns.tsv"))


@cache
def standing_words() -> frozenset[str]:
    """Lowercase words that can stand for actors named elsewhere in the story: pronouns,
    numbers and group nouns ("they", "the two", "both sides", "the participants"). With
    known phrases and names, what the coder's pre-pass looks for before it parses."""
    groups = group_nouns() | set(GROUP_WORDS) | PARTICIPANT_NOUNS
    return frozenset(PERSONAL | PLURAL | IT | FIRST | NUMBERS | groups
                     | {word + "s" for word in groups})


def _key(actor: Actor) -> tuple:
    return (actor.country, actor.sector, actor.name)


@dataclass
class Gathering:
    """One meeting, call or summit, with everyone the article says takes part in it."""

    sentence: int  # where it was opened
    participants: list[Actor] = field(default_factory=list)
    last: int = -1  # the last sentence that spoke of it
    grouped: bool = False  # a group word spoke of its parties ("transatlantic leaders")
    # the one country that met several others, each on its own side ("Biden spoke with
    # the leaders of A, B and C"): what the group then does is that country's with each
    # of the others, not every pair of them; None for a meeting of all with all
    hub: str | None = None
    joint: bool = False  # the story calls it trilateral or multilateral: all met with all

    def add(self, actors, sentence: int) -> None:
        """Add parties, once each: a person and their country's government are one party
        when they share country and sector."""
        for actor in actors:
            if actor.country and all(_key(actor) != _key(p) and not _same_party(actor, p)
                                     for p in self.participants):
                self.participants.append(actor)
        self.last = max(self.last, sentence)

    @property
    def countries(self) -> set[str]:
        return {a.country for a in self.participants if a.country}

    def __bool__(self) -> bool:
        return bool(self.participants)


def _same_party(a: Actor, b: Actor) -> bool:
    """Whether two actors are one party of a gathering: the same person, or one country's
    same sector named twice ("President Biden" and "the President")."""
    if a.name and b.name:
        return a.name == b.name
    return a.country == b.country and a.sector == b.sector


def is_group_phrase(head: Token, has_country: bool, region: bool) -> bool:
    """A plural noun phrase that speaks of the gathering's parties: "the leaders", "the two
    sides", "both delegations", "transatlantic leaders", "Participants". ``has_country``:
    the phrase names a country of its own ("the Japanese leaders"), so it is not the
    group; ``region``: a region word modifies it ("South American nations")."""
    if has_country or head.tag_ not in ("NNS", "NNPS"):
        return False
    if _singular(head) not in group_nouns() and _compound_title(head) not in group_nouns():
        return False
    # "The President and Prime Ministers agreed": the determiner of the first conjunct
    # is the whole coordination's
    shared = [c for c in head.head.children if c.dep_ == "det" and c.i < head.head.i] \
        if head.dep_ == "conj" and _singular(head.head) in group_nouns() and not any(
            c.dep_ in ("det", "poss") for c in head.children) else []
    for c in [*head.children, *shared]:
        low = c.lower_
        if c.dep_ in ("det", "predet", "poss") and low in GROUP_DETERMINERS:
            return True
        if c.dep_ == "nummod" and low in NUMBERS:
            return True
        if c.dep_ == "amod" and low in ("transatlantic", "regional", "world", "global",
                                        "participating", "visiting"):
            return True
    if region:
        return True
    return head.lower_ in PARTICIPANT_NOUNS and (head.is_sent_start or head.i == 0 or any(
        c.dep_ == "prep" for c in head.children))


def names_conflict_parties(head: Token) -> bool:
    """Whether a group phrase headed by ``head`` speaks of a conflict's sides (see
    CONFLICT_PARTIES), not of a meeting's parties or of political parties."""
    return _singular(head) in CONFLICT_PARTIES and all(
        c.lower_ in CONFLICT_MODIFIERS for c in head.children if c.dep_ in ("amod", "compound"))


def _singular(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if lemma and lemma != tok.lower_:
        return lemma
    low = tok.lower_
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def _compound_title(head: Token) -> str:
    """"foreign ministers" -> "foreign minister", "prime ministers" -> "prime minister"."""
    mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i == head.i - 1]
    return f"{mods[0].lower_} {_singular(head)}" if mods else _singular(head)


def listed_participants(verb: Token) -> list[Token] | None:
    """The tokens heading the parties a sentence lists for the gathering, or None when the
    sentence lists none: "Participants in the call included A, B and C" (the objects), "The
    summit was attended by A and B", "They were joined by C" (the agents), "Ministers of
    A and B attended" (the subject, and for whom they came)."""
    lemma = verb.lemma_.lower()
    if lemma in LISTING_VERBS and any(c.dep_ in ("nsubj", "nsubjpass") and
                                      c.lower_ in PARTICIPANT_NOUNS for c in verb.children):
        # (a list's last item is sometimes parsed as the verb's own conjunct)
        return [c for c in verb.children if c.dep_ in ("dobj", "attr") or (
            c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"))]
    if lemma in JOINING_VERBS and any(c.dep_ == "auxpass" for c in verb.children):
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]
    if lemma == "attend" and not any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON")
                                     for c in verb.children):
        # "Foreign ministers attended for A, B and C", "Leaders of A and B attended the
        # summit": those who attend, and whom they attend for
        return [c for c in verb.children if c.dep_ == "nsubj"] + [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "from")
            for g in c.children if g.dep_ == "pobj"]
    return None
