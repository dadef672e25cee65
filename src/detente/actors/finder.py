"""The actor finder: phrases, mentions and pronouns of one article, sentence by sentence."""

from __future__ import annotations

from ..codebook import INTERNATIONAL
from ..knowledge import Knowledge, load_knowledge
from ..records import Actor
from .discourse import Discourse
from .phrases import PhraseMatcher
from .pronouns import PronounResolver
from .resolve import MentionResolver


class ActorFinder(PhraseMatcher, MentionResolver, PronounResolver):
    """Finds and resolves actor mentions in parsed sentences of one article."""

    def __init__(self, knowledge: Knowledge | None = None):
        self.k = knowledge or load_knowledge()

    # ---- atoms --------------------------------------------------------------------------


def resolve_phrase(text: str, date: str | None = None, context: str | None = None
                   ) -> Actor | None:
    """How a phrase resolves on its own (``detente resolve``): the main mention of the
    phrase, after the context (if any) has been read as discourse. The country the
    context names most, in actors and places, is the story's country: it decides bare
    titles ("the prime minister") and names several places share."""
    from ..nlp import full_pipeline
    from ..places import locate, place_names

    nlp = full_pipeline()
    finder = ActorFinder()
    discourse = Discourse(date=date)
    if context:
        counts: dict[str, int] = {}
        for sent in nlp(context).sents:
            doc = sent.as_doc()
            for mention in finder.mentions(doc, discourse):
                discourse.remember(mention)
                for actor in mention.actors:
                    if actor.country and actor.country not in INTERNATIONAL:
                        counts[actor.country] = counts.get(actor.country, 0) + 1
            for name in place_names(doc):
                place = locate(name.text)
                if place is not None and place.country:
                    counts[place.country] = counts.get(place.country, 0) + 1
        if counts:
            discourse.focus = max(counts, key=lambda c: counts[c])
    doc = nlp(text)
    mentions = finder.mentions(doc, discourse)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.resolved, m.end - m.start))
    actor = best.actors[0]
    country, how = actor.country, best.how
    if country is None and best.role and discourse.focus:
        country, how = discourse.focus, how + " context-country"  # "the prime minister"
    return Actor(text=text, name=actor.name, country=country, sector=actor.sector,
                 start=0, end=len(text), how=how)
