"""What the actor finder works with: atoms (known phrases), mentions (noun phrases
naming actors), the word lists they are read with, and small helpers over spaCy tokens."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..knowledge import Entry, Knowledge
from ..records import Actor

# Titles no republic's publisher gives its own officials: never assume the publisher's country.
MONARCHS = {"king", "queen", "emir", "sultan", "crown prince", "prince", "princess", "sheikh",
            "his majesty", "her majesty", "his royal highness", "her royal highness", "monarch",
            "taoiseach", "chancellor", "premier", "grand duke"}
# Sector words that any more specific one overrides: "leader of the main opposition"
# is OPP, "military leaders" MIL.
WEAK_SECTOR_WORDS = {"leader", "leaders", "leadership", "official", "officials", "representative",
                     "representatives", "member", "members", "people", "head", "chief"}
PERSONAL = {"he", "she", "him", "his", "her", "hers"}
PLURAL = {"they", "them", "their", "theirs"}
IT = {"it", "its"}  # a country or organization named before: "China said it would ..."
FIRST = {"i", "me", "my", "we", "us", "our"}
HONORIFICS = {"mr.", "ms.", "mrs.", "dr.", "mr", "ms", "mrs", "dr", "sir", "madam"}
# Dependencies through which a modifier belongs to the noun phrase of its head.
_NP_DEPS = {"compound", "amod", "flat", "nmod", "nummod", "poss", "appos", "npadvmod", "dep"}
_OF_PREPS = {"of", "for", "from", "to", "at", "in"}
_PORTFOLIO_PREPS = {"for", "to", "on"}  # "Envoy for the DPRK", "Ambassador to France"
_LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "into", "across", "throughout", "inside",
                   "outside", "around", "within", "toward", "towards", "via", "off", "over"}
# Sectors whose unnamed members ("police", "protesters") belong to the story's country.
# Journalists and parties are left out: "told reporters" is not a meeting, and "the warring
# parties" are not political parties.
_DOMESTIC_SECTORS = {"CVL", "COP", "LEG", "JUD", "MIL", "REB", "OPP", "MED", "UNK", "BUS",
                     "REL"}
# (not refugees: theirs is the country they fled, which the text names when it knows it,
# "refugees from Syria", "Afghan refugees", not the one they are in)
# Last words of the names of meetings: "the U.S.-Kenya Trade Dialogue" is a meeting of
# the two, not an organization of theirs
MEETING_NAMES = {"Dialogue", "Forum", "Summit", "Talks", "Meeting", "Conference",
                 "Consultations", "Consultation", "Negotiations"}
# Words that make a title or a person a former official (ELI, codebook section 3).
FORMER = {"former", "ex", "retired", "late", "onetime", "erstwhile"}
GROUP_WORDS = {"two", "both", "sides", "parties", "leaders", "countries", "nations",
                "governments", "presidents", "ministers", "secretaries", "delegations"}


@dataclass(frozen=True)
class Atom:
    start: int  # token index in the sentence doc
    end: int
    entries: tuple[Entry, ...]
    portfolio: bool = False  # reached through "for"/"to": names a brief, not a nationality


@dataclass
class Mention:
    """A noun phrase naming one or more actors, anchored at its head token."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    person: bool = False
    plural: bool = False
    role: str | None = None  # normalized title role when the phrase has one
    how: str = ""
    subject: bool = False  # the phrase is a clause subject: salient for "he" later
    # the phrase speaks of the parties of the story's gathering ("the leaders", "they"):
    # its actors are the parties known so far; the coder re-reads it once all are known
    group: bool = False

    @property
    def resolved(self) -> bool:
        return any(a.country for a in self.actors)


def _with_text(actor: Actor, text: str, start: int, end: int, how: str) -> Actor:
    return Actor(text=text, name=actor.name, country=actor.country, sector=actor.sector,
                 start=start, end=end, how=how)


def _base(doc) -> int:
    return doc.start if isinstance(doc, Span) else 0


def _char_base(doc) -> int:
    return doc.start_char if isinstance(doc, Span) else 0


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON"


def _fits(entry: Entry, span) -> bool:
    """Reject matches whose part of speech shows another meaning."""
    if entry.kind in ("title", "sector"):
        root = span.root
        return root.pos_ in ("NOUN", "PROPN", "ADJ") and not (root.pos_ == "ADJ"
                                                             and entry.kind == "title")
    if entry.kind in ("country", "capital", "seat", "org", "dependency", "person"):
        return any(t.pos_ in ("PROPN", "NOUN", "ADJ", "X") or t.is_upper for t in span)
    return True


def _actor_noun(k: Knowledge, tok: Token, covered, base) -> bool:
    """Whether a head word makes its possessor part of the actor ("Iraq's government")."""
    atom = covered.get(tok.i - base)
    if atom is None:
        return _is_person(tok)
    return any(e.kind in ("title", "sector", "person", "person?", "org") for e in atom.entries)


def _gaps(group: list[Atom]) -> list[tuple[int, int]]:
    """The token ranges between consecutive atoms of a mention."""
    atoms = sorted(group, key=lambda a: a.start)
    return [(a.end, b.start) for a, b in zip(atoms, atoms[1:], strict=False)]


def _singular(tok: Token) -> str:
    """The lowercase singular of a word: its lemma, or a plain '-s' dropped where the tagger
    took a capitalized plural ("Heads of State") for a proper noun."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    if lemma and lemma != low:
        return lemma
    if tok.pos_ == "PROPN" and low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def _names_country(atom: Atom) -> bool:
    return any(e.kind in ("country", "dependency") for e in atom.entries)


def _title_noun(k: Knowledge, tok: Token, covered, base) -> bool:
    atom = covered.get(tok.i - base)
    return atom is not None and any(e.kind in ("title", "sector") for e in atom.entries)


def _locative(tok: Token) -> bool:
    """A place name used as a place ("in Moscow"), not as a government ("Moscow said")."""
    head = tok
    while head.dep_ in ("compound", "appos", "conj") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS


def misread_pair(tok: Token) -> bool:
    """Whether the parser hung the first of two coordinated people on the second one's
    name: in "The Secretary and Foreign Minister Dendias" it makes "Secretary" a modifier
    of "Dendias", with "and Foreign Minister" its conjunct. The first comes with its
    article, a person the story has named."""
    return tok.dep_ == "nmod" and any(c.dep_ == "cc" for c in tok.children) and any(
        c.dep_ == "conj" for c in tok.children) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    # (one person's two titles have no article of their own: "Israeli Alternate Prime
    # Minister and Defense Minister X", "New Zealand Chief Executive and Secretary Y")
