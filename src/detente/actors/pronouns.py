"""Pronouns and group words: who "he", "they", "we", "both" and "it" stand for."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..knowledge import Knowledge
from ..records import Actor
from .discourse import Discourse
from .mentions import (
    FIRST,
    IT,
    PERSONAL,
    PLURAL,
    Mention,
)


class PronounResolver:
    """Resolves pronouns against the sentence and the discourse."""

    k: Knowledge

    def _party_pronoun(self, word: str, discourse: Discourse, tok: Token
                       ) -> list[Actor] | None:
        """"We" of a joint declaration, and "they" or "both" just after a meeting: the
        parties, not whoever was named last ("They discussed Russia's war" is the two who
        met, not Russia)."""
        if word in ("we", "us", "our") and discourse.we:
            return list(discourse.we)
        if word in PLURAL | {"both"} and (word != "them" and tok.dep_ in (
                "nsubj", "nsubjpass", "poss") or word == "both"):
            live = discourse.live_gathering()
            if live is not None:
                return list(live.participants)
        return None

    def _pronoun(self, word: str, discourse: Discourse, speaker: Actor | None,
                 tok: Token | None = None, earlier: Iterable[Mention] = (), base: int = 0
                 ) -> list[Actor]:
        if word in FIRST:
            if speaker is not None:
                return [speaker]
            pub = discourse.publisher
            if pub is not None:
                holder = self.k.holder(pub.country, pub.speaker_role or "", discourse.date) \
                    if word in ("i", "me", "my") else None
                if holder is not None:
                    return [Actor(holder.name, holder.name, holder.country,
                                  holder.sector or pub.sector)]
                return [Actor(pub.name, pub.name, pub.country, pub.sector)]
            return []
        if word in IT:
            # only the subject of the clause that holds it: "China said it would ...", "Germany
            # reaffirmed its readiness to ..." ("it" is as often a place, an act or a thing)
            node = tok
            while node is not None and node.head.i != node.i:
                node = node.head
                subj = [c for c in node.children if c.dep_ == "nsubj" and c.i != tok.i]
                if node.pos_ in ("VERB", "AUX") and subj:
                    m = next((m for m in earlier if m.head + base == subj[0].i), None)
                    if m is not None and not m.person and not m.plural and len(m.actors) == 1:
                        return list(m.actors)
                    break
            return []
        if word in PERSONAL:
            # an object pronoun is not the subject of its own clause ("X spoke with Y to
            # thank him": him is Y); a subject or possessive pronoun may be anyone before
            is_object = tok is not None and tok.dep_ in ("dobj", "pobj", "dative")
            for m in reversed(list(earlier)):
                # (in its own sentence a person may be named by title or role alone: "the
                # President underscored his commitment", "police charged the driver and
                # detained him")
                someone = m.person or (bool(m.role) and tok is not None and
                                       tok.dep_ == "poss") or (
                    m.actors and m.actors[0].sector in ("CVL", "UNK") and "sector:" in m.how)
                if someone and not m.plural and m.resolved:
                    if is_object and tok is not None and tok.doc[m.head + base].dep_ in (
                            "nsubj", "nsubjpass"):
                        continue
                    return list(m.actors[:1])
            if tok is not None and tok.dep_ in ("nsubj", "nsubjpass"):
                m = discourse.last(lambda m: m.person and not m.plural and m.subject)
                if m is not None and discourse.history.index(m) >= len(discourse.history) - 8:
                    return list(m.actors[:1])
            m = discourse.last(lambda m: m.person and not m.plural)
            return list(m.actors[:1]) if m else []
        if word == "both":  # "both countries", "the two": the last two actors named
            sector = "GOV" if tok is not None and tok.lemma_.lower() in (
                "president", "leader", "minister", "government", "secretary", "delegation",
                "side") else None
            pair: list[Actor] = []
            recent = discourse.history[-8:]
            people = [m for m in discourse.history if m.person and not m.plural]
            for mention in [*reversed(people), *reversed(recent)]:  # people first
                for actor in mention.actors:
                    if actor.country and all(actor.country != p.country for p in pair):
                        pair.append(Actor(actor.text, actor.name if mention.person else None,
                                          actor.country, actor.sector if mention.person
                                          else sector))
            return list(reversed(pair[:2]))
        if word in PLURAL or word == "they":
            people = [m for m in discourse.history[-4:] if m.person and not m.plural]
            if tok is not None and tok.dep_ == "nsubj" and len(people) >= 2 and \
                    people[-1].actors[0].country != people[-2].actors[0].country:
                return [people[-2].actors[0], people[-1].actors[0]]  # the two who just met
            m = discourse.last(lambda m: m.plural or len(m.actors) > 1)
            recent = discourse.history[-6:]
            # "the two": the last two different actors
            distinct: list[Actor] = []
            for mention in reversed(recent):
                for actor in mention.actors:
                    if all(actor.country != d.country or actor.name != d.name for d in distinct):
                        distinct.append(actor)
            if m is not None and m in recent[-3:]:
                return list(m.actors)
            return list(reversed(distinct[:2]))
        return []
