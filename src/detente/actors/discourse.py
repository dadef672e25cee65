"""What an article has introduced so far: later mentions, pronouns and group words
resolve against it."""

from __future__ import annotations

from dataclasses import dataclass, field

from anyascii import anyascii

from ..knowledge.names import transliterations
from ..records import Actor
from .gatherings import Gathering
from .mentions import Mention
from .publishers import Publisher


@dataclass
class Discourse:
    """What the article has introduced so far: later mentions resolve against it."""

    date: str | None
    publisher: Publisher | None = None
    history: list[Mention] = field(default_factory=list)
    people: dict[str, Actor] = field(default_factory=dict)  # lowercase name token -> actor
    focus: str | None = None  # the country the story happens in, for actors with none
    here: str | None = None  # the country of the place the current sentence names, if any
    # the country of a place the sentence opens with ("In Oman, the envoy met ..."): where
    # what it tells happens, and whose its unplaced officials are
    frame: str | None = None
    sentence: int = 0  # the index of the sentence being read
    gathering: Gathering | None = None  # the meeting or summit the story is at
    # who "we" are when the text says so ("We, the Heads of State of A, B and C, ...")
    we: tuple[Actor, ...] = ()

    def live_gathering(self, within: int = 3) -> Gathering | None:
        """The gathering, when it was spoken of in the last few sentences and has at least
        two parties: what "they" and "both" can stand for."""
        g = self.gathering
        if g is not None and (len(g.participants) >= 2 or g.grouped) and \
                g.last >= self.sentence - within:
            return g
        return None

    def group(self) -> Gathering:
        """The gathering a group word speaks of; an empty one when the article has named
        none yet (a participant list may come at the end)."""
        if self.gathering is None:
            self.gathering = Gathering(self.sentence)
        self.gathering.last = max(self.gathering.last, self.sentence)
        self.gathering.grouped = True
        return self.gathering

    def remember(self, mention: Mention) -> None:
        if not mention.resolved or mention.group:
            return
        self.history.append(mention)
        if mention.person:
            for actor in mention.actors:
                if actor.name:
                    for part in actor.name.replace(",", " ").split():
                        last = part.split("-")[-1]  # "al-Quaety" is later "Quaety" too
                        if last[:1].isupper() and len(last) > 2 and not part.endswith("."):
                            self.people.setdefault(part.lower(), actor)
                            self.people.setdefault(last.lower(), actor)
                            # "Sheikh Mohammed" after "Mohamed bin Zayed": the article
                            # may spell the given name another way than the knowledge
                            for other in transliterations().get(part, ()):
                                self.people.setdefault(other.lower(), actor)
                            # "Fernandez" after "Alberto Fernández": written without accents
                            self.people.setdefault(anyascii(last).lower(), actor)

    def last(self, want) -> Mention | None:
        for mention in reversed(self.history):
            if want(mention):
                return mention
        return None
