"""Actors: find the phrases in a parsed sentence that name an actor and resolve them.

Resolution follows CODEBOOK section 3. A sentence is scanned for *atoms* (known phrases:
country names, demonyms, capitals, seats of government, organizations, office holders,
titles, sector words; plus spaCy PERSON entities and pronouns). Atoms that modify the
same noun phrase are grouped into one *mention* ("Ukrainian" + "Foreign Minister" +
"Dmytro Kuleba"), and the mention is resolved from its parts: the country from an
explicit demonym/name, else the person's or organization's own country; the sector from
a title, else a sector word, else the person's office on the article's date. Mentions
that name no country ("the President", "he", "the administration") resolve against the
discourse: what the article introduced before, or the publisher's own voice.

The package's parts, in the order the coder uses them: ``phrases`` (atoms: known phrases,
people, pronouns), ``resolve`` (atoms grouped into mentions and resolved), ``pronouns``
(who "he", "they", "both" stand for), ``discourse`` (what the article has introduced),
``gatherings`` (the document-level model of a meeting's parties), ``publishers`` (a
government's own voice) and ``mentions`` (the records and word lists they share);
``finder`` puts them together.
"""

from .discourse import Discourse
from .finder import ActorFinder, resolve_phrase
from .gatherings import (
    JOINING_VERBS,
    JOINT_WORDS,
    Gathering,
    is_group_phrase,
    listed_participants,
    standing_words,
)
from .mentions import FIRST, IT, PERSONAL, PLURAL, Atom, Mention, misread_pair
from .publishers import Publisher, publisher_for

__all__ = [
    "FIRST", "IT", "PERSONAL", "PLURAL", "ActorFinder", "Atom", "Discourse", "Gathering",
    "JOINING_VERBS", "JOINT_WORDS", "Mention", "Publisher", "is_group_phrase",
    "listed_participants", "misread_pair", "publisher_for", "resolve_phrase", "standing_words",
]
