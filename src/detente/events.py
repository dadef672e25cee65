"""Events: read PLOVER events off the dependency parse of one sentence.

A trigger word from the lexicon (``knowledge/data/triggers.tsv``) proposes an event type; the
parse says who its source and target are:

- verbs: the subject is the source, the object (or the object of a listed preposition)
  the target; passives swap in the ``by`` agent; a verb without a subject inherits it
  from the verb it is coordinated with or subordinate to, and a relative clause from the
  noun it modifies ("the administration, which has criticized ...");
- nouns: the object of a light verb ("held talks with", "expressed support for") takes
  the light verb's subject as source; otherwise a possessive or demonym is the source
  ("Russia's invasion of Ukraine"), and ``between`` lists all parties;
- reported speech needs no rule: "X said Y attacked Z" codes the inner clause, Y -> Z.

Each candidate becomes an ``Event`` or a ``Decision`` saying why it was dropped
(negated, no resolvable source, ...). Every event names its rule and trigger words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .actors import Mention, misread_pair
from .codebook import event_type
from .knowledge import Trigger, load_triggers
from .knowledge.tsv import read_tsv

SUBJECTS = {"nsubj", "csubj", "expl"}
# Participles that describe the subject's stance, not something done to it:
# "Norway is committed to help" is Norway acting.
STATIVE_PARTICIPLES = {"commit", "determine", "prepare", "dedicate", "resolve", "poise", "set"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"}
RELATIVE = {"which", "who", "that", "whom", "whose"}
FUTURE_HEADS = {"plan", "intend", "expect", "hope", "aim", "prepare", "vow", "want", "schedule",
                "set", "look", "decide", "agree", "promise", "pledge", "commit", "committed"}
# Nouns whose possessor suffers the act ("their detention", "his killing")
PATIENT_NOUNS = {"detention", "arrest", "imprisonment", "killing", "murder", "death",
                 "abduction", "kidnapping", "execution", "persecution", "jailing",
                 "incarceration", "torture", "disappearance", "assassination"}
# Objects that name an act whose author is unknown: "condemned the bombing" is still an event
ACT_NOUNS = {"attack", "attacks", "bombing", "bombings", "killing", "killings", "shooting",
             "incident", "violence", "assault", "stabbing", "murder", "massacre", "explosion",
             "blast", "strike", "strikes", "act", "acts", "crime", "crimes", "atrocities"}
# Verbs by which an attitude reaches the one it is about: "drew condemnation from X"
RECEIVING = {"draw", "face", "receive", "attract", "earn", "win", "spark", "provoke", "meet",
             "get", "garner"}
# Nouns of help: pledged or given with no recipient named ("pledged $20 million in aid for
# flood relief"), still an event (CODEBOOK s. 7: pledges of aid are AGREE)
HELP_NOUNS = {"aid", "assistance", "support", "funding", "fund", "help", "relief", "loan",
              "grant", "contribution", "donation", "package", "money", "supply", "food"}


def _priced(tok: Token) -> bool:
    """Whether a currency sign goes with the word: "$20 million"."""
    return any(c.tag_ == "$" for c in tok.children)


def names_help(tok: Token) -> bool:
    """Whether an object is help or a sum of it: "aid", "$20 million (in aid)"."""
    return tok.lemma_.lower() in HELP_NOUNS or tok.tag_ == "$" or (
        tok.tag_ == "CD" and _priced(tok))


# Attitudes to what someone did: their target is whoever did the act they are about
ATTITUDES = {"SUPPORT", "ACCUSE", "REJECT"}
# Prepositions after such an act that say where it struck or whom: "the attack on/in/
# against X" (X suffered it; its author is the possessor or the "by" agent)
STRUCK_PREPS = {"in", "on", "against", "at", "near", "outside", "inside", "across", "upon"}
# Verbs that do what they say when said: "I want to thank ..." thanks.
PERFORMATIVES = {"thank", "congratulate", "commend", "welcome", "express", "extend", "honor",
                 "recognize", "condemn", "applaud", "praise", "salute", "offer", "convey"}
HEDGE_HEADS = {"appear", "seem", "try", "attempt", "seek"}
# Verbs that end a measure: their object is no measure taken ("lifted the sanctions")
LIFTING = {"lift", "ease", "remove", "suspend", "end", "waive", "relax", "drop", "revoke"}
# Verbs that report what someone did: a past perfect under them is the news reported
REPORTING = {"say", "announce", "report", "confirm", "state", "tell", "claim", "reveal",
             "disclose", "declare", "add", "note"}
# Verbs of giving things: their object is a thing given, not an event held ("provided
# phones", "donated radios")
GIVING = {"provide", "deliver", "send", "give", "donate", "supply", "ship", "distribute"}
# Verbs that offer: help offered is a pledge of it (CODEBOOK s. 7), coded by the verb's own row
OFFERING = {"offer"}
# Nouns of feeling whose possessor feels: "our hearts go out to", "my thoughts are with"
FEELINGS = {"heart", "thought", "prayer", "sympathy", "condolence"}
# Verbs whose complement is denied, not done: "denied supporting the rebels"
DENYING = {"deny", "refute", "dismiss"}
# Verbs of accidents: what they kill or injure ("the plane crashed, killing 228") was not
# attacked by whoever owned or drove the thing
ACCIDENTS = {"crash", "sink", "capsize", "collapse", "derail", "overturn", "plunge"}
# Events whose verb frames another act as its content: a demand, a threat, a promise
FRAMING_TYPES = {"REQUEST", "THREATEN", "AGREE"}
FRAMING_LEMMAS = {"urge", "call", "ask", "demand", "press", "appeal", "request", "implore",
                  "threaten", "warn", "vow", "promise", "pledge", "offer", "propose",
                  "recommend"}
# Verbs and nouns whose object is what was talked about: an act in it is a topic
TOPIC_VERBS = {"discuss", "review", "address", "examine", "explore", "assess", "debate",
               "cover", "exchange", "consult", "talk", "focus", "touch", "deliberate"}
TOPIC_NOUNS = {"discussion", "talks", "conversation", "dialogue", "consultation", "issue",
               "topic", "views"}
# Words of being ready to act: what they govern has not happened yet
READINESS = {"readiness", "ready", "willingness", "willing", "prepared", "preparedness",
             "determination", "determined", "resolve"}
HEDGE_ADVERBS = {"reportedly", "allegedly", "apparently", "possibly", "perhaps", "likely",
                 "purportedly", "supposedly"}
# Types that are meaningful with no target ("Lorenzana condemned the bombing", "troops
# were placed on alert"); the rest need someone on the other side.
TARGETLESS_OK = {"ACCUSE", "PROTEST", "MOBILIZE", "RETREAT", "THREATEN", "REJECT", "ASSAULT",
                 "COERCE"}
UNDIRECTED = {"CONSULT", "AGREE", "COOPERATE"}
# Adjectives that make a noun describe a relationship rather than report an act: "the
# continual dialogue between France and the U.S." is no event (CODEBOOK s. 2, not events).
RELATIONSHIP_WORDS = {"continual", "continuing", "ongoing", "regular", "constant", "longstanding",
                      "long-standing", "close", "strong", "deep", "enduring", "historic",
                      "bilateral", "mutual", "shared", "robust", "growing"}
# Light verbs that report the act itself: "maintains close contact with Rome" is
# an event even with a relationship word, "emphasized the continual dialogue" is not.
ACTIVITY_VERBS = {"maintain", "hold", "have", "conduct", "keep", "continue", "organize"}


@dataclass
class Candidate:
    """An event before it becomes a record: tokens are sentence-doc tokens."""

    trigger: Trigger
    token: Token
    source: list
    target: list
    rule: str
    governor: Token  # the verb whose clause carries the modality (light verb for nominals)
    object_word: Token | None = None  # an object that names no actor ("released a statement")
    topic: Token | None = None  # the discussion verb whose subject matter this is, if any
    framed: Token | None = None  # the demand, threat or promise this act is the content of


class EventReader:
    """Finds event candidates in one parsed sentence."""

    def __init__(self):
        self.triggers = load_triggers()
        self.non_agents = frozenset(row["word"] for _, row in read_tsv("non_agents.tsv"))
        self.weapons = frozenset(row["word"] for _, row in read_tsv("weapons.tsv"))
        self.light = {lemma for (lemma, pos) in self.triggers if pos == "LIGHT"}

    # ---- argument helpers -----------------------------------------------------------------
    def mention_index(self, mentions: list[Mention], base: int = 0) -> dict[int, Mention]:
        """Token index -> the mention it belongs to (its head always maps to it)."""
        index: dict[int, Mention] = {}
        for m in mentions:
            for j in range(m.start, m.end):
                index.setdefault(j + base, m)
            index[m.head + base] = m
        return index

    def actors_at(self, tok: Token | None, index: dict[int, Mention], depth: int = 3) -> list:
        """Mentions that fill an argument slot headed by ``tok``: the slot's own phrase and
        its conjuncts, else the shallowest mentions inside it (clauses are not entered)."""
        if tok is None:
            return []
        found: list[Mention] = []
        # ("The Secretary and Foreign Minister X": the parser may make the first a modifier)
        paired = [c for c in tok.children if misread_pair(c) and index.get(c.i) is not None
                  and (index[c.i].person or index[c.i].role)]
        for t in [tok, *tok.conjuncts, *paired, *_listed_people(tok, index)]:
            m = index.get(t.i)
            if m is not None and m not in found:
                found.append(m)
        if found:
            # "the Ministers of A, B and C, and the Secretary General of NATO": the parser
            # hangs the last party on the list of countries inside the first phrase
            for t in tok.subtree:
                if t.dep_ == "conj" and index.get(t.head.i) in found and \
                        index.get(t.i) is not None and index[t.i] not in found:
                    found.append(index[t.i])
            return found
        frontier = [tok]
        for _ in range(depth):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ in CLAUSE_DEPS or c.dep_ in ("punct", "cc"):
                        continue
                    if c.dep_ == "prep" and c.lower_ in ("with", "including", "like", "such"):
                        continue
                    nxt.append(c)
            level = []
            for t in nxt:
                if t.dep_ == "poss" and t.pos_ == "PRON":
                    continue  # "his counterpart" is someone else
                for u in [t, *t.conjuncts]:
                    m = index.get(u.i)
                    if m is not None and m not in level and m not in found:
                        level.append(m)
            if level:
                return level
            frontier = nxt
        return []

    def subject_of(self, verb: Token, index) -> tuple[list, str]:
        """The source slot of a verb and how it was found."""
        for c in verb.children:
            if c.dep_ in SUBJECTS:
                if c.lower_ in RELATIVE and verb.dep_ == "relcl":
                    # the antecedent itself must name an actor: in "a measure that bans
                    # US airlines" the measure acts, not the country that modifies it,
                    # and in "an attack which injured ..." the attack is no actor
                    ante = verb.head
                    if ante.lemma_.lower() in ACT_NOUNS or (
                            c.lower_ in ("which", "that") and ante.dep_ == "pobj" and
                            ante.head.lower_ in ("in", "at", "near", "inside", "outside")):
                        # "... in Saudi Arabia, which injured civilians": the place is where
                        # it happened, not who did it
                        return [], "relative-act"
                    return self.actors_at(verb.head, index, depth=0), "relative"
                if c.lemma_.lower() in self.non_agents:
                    return [], "subject-not-an-agent"  # "Indian shares rallied"
                found = self.actors_at(c, index)
                if not found and c.lemma_.lower() in FEELINGS:
                    # "Our hearts go out to ...", "my thoughts are with ...": whose they are
                    found = [m for g in c.children if g.dep_ == "poss"
                             for m in self.actors_at(g, index, depth=0)]
                if not found and c.lemma_.lower() in self.weapons and not any(
                        g.dep_ == "poss" for g in c.children):
                    # "a car bomb exploded": someone unnamed attacked (but "their attacks"
                    # are someone's the sentence does not name)
                    return [], "weapon"
                if verb.dep_ == "pcomp" and found and _platforms_only(found):
                    # "posted a video on [Facebook accusing X]": the parser may make the
                    # platform the subject; the one who posted speaks
                    clause = _clause_verb(verb.head)
                    if clause is not None and clause.i != verb.i:
                        found, how = self.subject_of(clause, index)
                        return found, "platform-" + how
                for other in (g for g in verb.children if g.dep_ == "nsubj" and g.i > c.i):
                    # "Prime Minister A, President B and ... met": a list the parser split
                    # into two subjects
                    found += [m for m in self.actors_at(other, index) if m not in found]
                # "Sherman, together with Ms. Tsikhanouskaya, called for ...": both act
                for prep in (g for t in (c, verb) for g in t.children
                             if g.dep_ == "prep" and g.lower_ == "with" and any(
                                 a.lower_ == "together" for a in g.children)):
                    for m in self._prep_objects(prep.head, {"with"}, index):
                        if m not in found:
                            found.append(m)
                return found, "subject"
            if c.dep_ == "agent":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                return self.actors_at(pobj[0] if pobj else None, index), "agent"
        if verb.dep_ == "ROOT" and not any(c.dep_ in ("nsubjpass", "auxpass", "expl")
                                           for c in verb.children):
            # "On April 5 Special Representative Kim met with ...": a date with no comma
            # before the subject, which the parser read as the date's object
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i
                         and c.lower_ in ("on", "in") and c.i == c.sent.start):
                for g in (g for g in prep.children if g.dep_ == "pobj"):
                    found = [m for m in self.actors_at(g, index, depth=0) if any(
                        "title:" in a.how or "person" in a.how for a in m.actors)]
                    if found:
                        return found, "subject"
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            if verb.lemma_.lower() in STATIVE_PARTICIPLES:  # "we are committed to"
                subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
                return (self.actors_at(subj[0], index) if subj else []), "stative"
            return [], "passive-no-agent"
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ == "relcl" and head.tag_ != verb.tag_ and (
                main := _clause_verb(head.head)) is not None and main.tag_ == verb.tag_:
            # "X commended the role Jordan plays ... and welcomed the summit": the parser
            # joined the second verb to the relative clause; its tense says it is the
            # main clause's
            found, how = self.subject_of(main, index)
            return found, "conj-" + how
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            found, how = self.subject_of(head, index)
            return found, "conj-" + how
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") \
                and head.head.i != head.i:
            found, how = self.subject_of(head.head, index)  # "He was proud to announce"
            return found, "predicate-" + how
        if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            dobj = [c for c in head.children if c.dep_ == "dobj"]
            if dobj and head.lemma_ not in ("look",):
                return self.actors_at(dobj[0], index), "object-control"
            found, how = self.subject_of(head, index)
            return found, "control-" + how
        if verb.dep_ in ("advcl", "pcomp", "acl", "acomp", "oprd") and head.pos_ in (
                "VERB", "AUX"):
            if head.lemma_.lower() in ACCIDENTS and verb.tag_ == "VBG":
                return [], "accident"  # "the jetliner crashed, killing 228": no attack
            found, how = self.subject_of(head, index)
            return found, "adjunct-" + how
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lower_ == "including" \
                and head.head.head.pos_ in ("VERB", "AUX") and head.head.head.dep_ == "ROOT":
            # "we enhanced our support, including by providing phones": the main clause's
            found, how = self.subject_of(head.head.head, index)
            return found, "adjunct-" + how
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            found, how = self.subject_of(head.head, index)
            return found, "adjunct-" + how
        if _misread_finite(verb):
            return self.actors_at(head, index), "subject"
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "the protesters demanding reform": who the participle is said of; but
            # "shared a video on Facebook accusing X", "issued a statement blaming X":
            # a thing or a place of publication does not act, the clause's subject does
            found = self.actors_at(head, index)
            if found and not _platforms_only(found):
                return found, "participle"
            clause = _clause_verb(head)
            if clause is not None:
                found, how = self.subject_of(clause, index)
                return found, "participle-" + how
            return [], "participle"
        if verb.dep_ == "acl" and head.pos_ == "NOUN" and _to_infinitive(verb):
            # "its readiness to impose", "Russia's decision to withdraw": the possessor acts;
            # else whoever has the noun: "X reaffirmed its commitment to help"
            owner = [c for c in head.children if c.dep_ == "poss"]
            if owner:
                return self.actors_at(owner[0], index, depth=0), "noun-owner"
            if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
                found, how = self.subject_of(head.head, index)
                return found, "noun-" + how
        return [], "none"

    def _accused(self, verb: Token, target: list, index) -> list:
        """In "condemned their unlawful detention" the possessor suffered the act: the
        accused is its agent ("detention by China"), if the sentence names one. In
        "condemned the bombing in Lahore, Pakistan" or "the attack against a town in
        Iraq" the place and the victim are where the act struck, not who is accused: the
        accused is its author ("Russia's attack", "the attack by militants"), if named."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            act = obj.lower_ in ACT_NOUNS or obj.lemma_.lower() in ACT_NOUNS
            if not act and obj.lemma_.lower() not in PATIENT_NOUNS:
                continue
            if act:
                struck = [index.get(g.i) for c in obj.children
                          if c.dep_ == "prep" and c.lower_ in STRUCK_PREPS for g in c.subtree]
                target = [m for m in target if m not in struck]
            if obj.lemma_.lower() in PATIENT_NOUNS:
                victims = [index.get(c.i) for c in obj.children if c.dep_ == "poss"]
                target = [m for m in target if m not in victims]
            # (the parser often hangs the act's "by" on the verb: "condemned the attack by
            # militants"; an active verb's own "by" takes a gerund, "by sending troops")
            for m in self._prep_objects(obj, {"by"}, index) + self._prep_objects(
                    verb, {"by"}, index):
                if m not in target:
                    target.append(m)
        return target

    def _with_nearby(self, verb: Token, index) -> list:
        """Back-off for a misparsed "spoke this afternoon with X": the actor right after a
        'with' a few words to the verb's right, in the same sentence."""
        sent = verb.sent
        for tok in sent[verb.i - sent.start + 1: verb.i - sent.start + 6]:
            if tok.lower_ == "with":
                for nxt in sent[tok.i - sent.start + 1: tok.i - sent.start + 5]:
                    m = index.get(nxt.i)
                    if nxt.dep_ == "poss" and nxt.pos_ == "PRON":
                        return []  # "with our partners", "with its neighbors": others
                    if m is not None and m.resolved:
                        return [m]
                return []
            if tok.pos_ in ("VERB", "PUNCT") and tok.lower_ != "-":
                return []
        return []

    def _pair_before(self, noun: Token, index) -> list:
        """The two sides a hyphenated pair before a noun names: "the U.S.-Pakistan Health
        Dialogue", "India-China border talks", "the Russia-Ukraine war"."""
        doc = noun.doc
        found: list = []
        for i in range(noun.left_edge.i, noun.i):
            m = index.get(i)
            if m is not None and m not in found:
                found.append(m)
        if len(found) == 1 and "pair" in found[0].how.split():
            return found  # one phrase for both: "U.S.-Kenya" (see actors: a pair)
        if len(found) < 2:
            return []
        gaps = [doc[a.end:b.start] for a, b in zip(found, found[1:], strict=False)]
        if all(len(g) == 1 and g[0].text in ("-", "–", "/") for g in gaps) and len(
                {a.country for m in found for a in m.actors}) >= 2:
            return found
        return []

    def _beneficiaries(self, help_noun: Token, index) -> list:
        """Who a noun of help is for: its "to"/"for" objects, else the object of the clause
        that says what it is for ("support to meet Ukraine's needs")."""
        found = self._prep_objects(help_noun, {"to", "for"}, index)
        for acl in (c for c in help_noun.children if c.dep_ == "acl" and not found):
            for g in acl.children:
                if g.dep_ in ("dobj", "dative"):
                    found += [m for m in self.actors_at(g, index, depth=2) if m not in found]
        return found

    @staticmethod
    def _add_listed_on(verb: Token, target: list, source: list, index) -> None:
        """"spoke with A of France, B of Germany, and C of Britain": the parser may hang a
        list's last item on the verb, as if a second verb's; it joins the target."""
        for c in verb.children:
            m = index.get(c.i)
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and m is not None and \
                    m not in target and m not in source:
                target.append(m)

    def _purpose_country(self, verb: Token, index) -> list:
        """The countries and peoples named in the purpose infinitive of a verb or its
        object (not persons: "to help Minister X" names no recipient country)."""
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for clause in (c for h in holders for c in h.children
                       if c.dep_ in ("advcl", "acl", "xcomp") and _to_infinitive(c)):
            found = []
            for t in clause.subtree:
                m = index.get(t.i)
                # (the doer of an act is no one helped: "those affected by Russia's war")
                doer = t.dep_ in ("poss", "amod", "compound") and (
                    t.head.lemma_.lower(), "NOUN") in self.triggers
                if m is not None and m not in found and not m.person and not doer and \
                        m.actors and all(a.country and a.sector in (None, "CVL", "REF")
                                         for a in m.actors):
                    found.append(m)
            if found:
                return found
        return []

    def _doers(self, act: Token, index) -> list:
        """Who did the act a noun names, as its own phrase says: "the talks (held) between
        A and B", "the actions taken by A", "the resumption of dialogue between A and B"."""
        found: list = []
        nouns = [act, *(g for c in act.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj" and
                        (g.lemma_.lower(), "NOUN") in self.triggers)]  # "of dialogue", not
        # "the grounding of a plane between two capitals"
        for noun in nouns:
            found += [m for m in self._prep_objects(noun, {"between", "by"}, index)
                      if m not in found]
            for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                for c in acl.children:
                    if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "between"):
                        for g in (g for g in c.children if g.dep_ == "pobj"):
                            found += [m for m in self.actors_at(g, index, depth=4)
                                      if m not in found]
            found += [m for m in self._relative_subjects(noun, index) if m not in found]
        return found

    def _relative_subjects(self, noun: Token, index) -> list:
        """"The role Jordan plays", "the steps the government has taken": a relative
        clause whose object is the noun itself names its doer as subject."""
        found: list = []
        for rel in (c for c in noun.children if c.dep_ == "relcl" and not any(
                g.dep_ == "dobj" for g in c.children)):
            for subj in (g for g in rel.children if g.dep_ == "nsubj"
                         and g.lower_ not in RELATIVE):
                found += [m for m in self.actors_at(subj, index) if m not in found]
        return found

    def _prep_objects(self, tok: Token, preps, index, depth: int = 4) -> list:
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj" and g.lower_ != "behalf":  # "on behalf of" speaks for
                        for m in self.actors_at(g, index, depth=depth):
                            if m not in out:
                                out.append(m)
        return out

    # ---- trigger matching -----------------------------------------------------------------
    def _row(self, tok: Token, pos: str) -> Trigger | None:
        rows = self.triggers.get((tok.lemma_.lower(), pos))
        if not rows:
            return None
        children = list(tok.children)
        for row in rows:
            # "prt:over,dobj:supply": every condition of a row must hold
            if all(self._holds(tok, children, req) for req in row.requires.split(",")):
                return row
        return None

    def _holds(self, tok: Token, children: list[Token], req: str) -> bool:
        if not req:
            return True
        kind, _, words = req.partition(":")
        wanted = set(words.split("|")) if words else None
        if kind in ("prep", "prt"):
            deps = ("prep", "agent", "dative") if kind == "prep" else ("prt", "prep", "advmod")
            return any(c.dep_ in deps and c.lower_ in wanted for c in children) or (
                kind == "prep" and any(  # "call for Russia to end": the clause's "for"
                    g.dep_ == "mark" and g.lower_ in wanted for c in children
                    if c.dep_ in ("advcl", "ccomp", "xcomp") for g in c.children))
        if kind == "dobj":
            objs = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
            if not objs or wanted is None:
                return bool(objs)
            for o in objs:
                mods = {g.lemma_.lower() for g in o.children
                        if g.dep_ in ("compound", "amod", "nummod")}
                for word in wanted:  # "aid~medical": the object aid with the modifier medical
                    noun, _, mod = word.partition("~")
                    if (o.lemma_.lower() == noun or (not mod and noun in mods)) and (
                            not mod or mod in mods):
                        return True
            return False
        if kind == "child":
            return any(c.lemma_.lower() in wanted for c in children)
        if kind == "active":  # "led a delegation to X", not "the delegation was led by Y"
            return not any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
        if kind == "sub":  # a word anywhere in the phrase: "put on high alert"
            return any(t.lemma_.lower() in wanted for t in tok.subtree)
        if kind == "xcomp":  # "threatened to attack": xcomp:attack
            return any(c.dep_ == "xcomp" and (wanted is None or c.lemma_.lower() in wanted)
                       for c in children)
        if kind == "pobj":  # "pobj:in:custody": 'in' with that object, on the verb or its object
            prep, _, nouns = words.partition(":")
            wanted = set(nouns.split("|"))
            hosts = [tok, *(c for c in children if c.dep_ in ("dobj", "nsubjpass"))]
            return any(p.dep_ in ("prep", "agent", "dative") and p.lower_ == prep and any(
                g.dep_ == "pobj" and g.lemma_.lower() in wanted for g in p.children)
                for h in hosts for p in h.children)
        return False

    def candidates(self, sent: Span, mentions: list[Mention]) -> list[Candidate]:
        index = self.mention_index(mentions, sent.start)
        out: list[Candidate] = []
        for tok in sent:
            state = self.triggers.get((tok.lower_, "STATE")) if tok.tag_ in ("JJ", "VBN") \
                and tok.dep_ not in ("amod", "compound") else None
            if state:  # "is concerned about", "we are grateful for"
                out.append(self._state(tok, state[0], index))
            elif tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ != "aux"):
                row = self._row(tok, "VERB")
                if row is not None:
                    cand = self._verb(tok, row, index)
                    if cand is not None:
                        out.append(cand)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in index:
                row = self._row(tok, "NOUN")
                if row is not None:
                    cand = self._noun(tok, row, index)
                    if cand is not None:
                        out.append(cand)
        for cand in out:
            cand.topic = topic_of(cand.token)
        _frame(out, index, self)
        return out

    def _verb(self, verb: Token, row: Trigger, index) -> Candidate | None:
        participle = _passive_participle(verb)
        passive = (participle or any(c.dep_ in ("nsubjpass", "auxpass")
                                     for c in verb.children)) and \
            verb.lemma_.lower() not in STATIVE_PARTICIPLES
        if participle:  # "Detained at a checkpoint, Austin ...": only an agent acts
            agent = [c for c in verb.children if c.dep_ == "agent"]
            pobj = [g for a in agent for g in a.children if g.dep_ == "pobj"]
            source, how = (self.actors_at(pobj[0], index), "agent") if pobj else (
                [], "passive-no-agent")
        else:
            source, how = self.subject_of(verb, index)
        target: list = []
        if "speech" in row.flags:
            # "X alleged (that) Y did Z": Y is the target
            for c in verb.children:
                if c.dep_ == "ccomp" and (subj := clause_subject(c)) is not None:
                    target = self.actors_at(subj, index)
        if passive:
            for c in verb.children:
                if c.dep_ == "nsubjpass":
                    target = self.actors_at(c, index)
            if not target and verb.dep_ == "acl":  # "all Americans ... wrongfully detained"
                target = self.actors_at(verb.head, index)
            if not target and verb.dep_ in ("advcl", "pcomp", "xcomp", "conj"):
                # "died after being shot": the one who died was shot
                head = verb.head if verb.dep_ != "pcomp" else verb.head.head
                if (subj := clause_subject(head)) is not None:
                    target = self.actors_at(subj, index)
        else:
            children = list(verb.children)
            for c in list(children):
                if c.dep_ in ("npadvmod", "acomp"):  # "is grateful to Japan"
                    children.extend(g for g in c.children if g.dep_ == "prep")
            objects = ("dobj", "dative", "attr") if "noobj" not in row.flags else ()
            if verb.dep_ == "relcl" and any(c.dep_ in ("dobj", "pobj") and c.lower_ in RELATIVE
                                            for c in verb.subtree):
                # "Sheikh Mohammed, whom I met with several times": the antecedent
                target = self.actors_at(verb.head, index, depth=0)
            if "intransitive" in row.flags and any(c.dep_ == "dobj" for c in children):
                return None  # "rally international support" is no rally
            if "lightobj" in row.flags and any(
                    c.dep_ == "dobj" and (c.lemma_.lower(), "NOUN") in self.triggers
                    for c in children):
                return None  # "hosted the U.S.-Kenya Dialogue": the dialogue is the event
            if "nocomplement" in row.flags and any(
                    # ("called his counterpart to discuss ...": a purpose, still a call)
                    c.dep_ in ("oprd", "xcomp", "ccomp") and not (
                        c.pos_ == "VERB" and _to_infinitive(c)) for c in children):
                return None  # "called him the chief counsel" names him
            for c in children:
                if c.dep_ in objects or (c.dep_ == "prep" and c.lower_ in row.target_preps):
                    slot = c if c.dep_ != "prep" else next(
                        (g for g in c.children if g.dep_ == "pobj"), None)
                    depth = 4 if c.dep_ == "prep" else 0 if "directobj" in row.flags else 3
                    for m in self.actors_at(slot, index, depth=depth):
                        if m not in target:
                            target.append(m)
            if not target and any(p.startswith("dobj:") for p in row.requires.split(",")):
                # the object is a thing, its preposition names the other side: "called off
                # talks with the EU", "set fire to the embassy"
                # ("closed its border with Belarus", "cut its ties with Morocco": the
                # other side of a hostile act on a thing the two share)
                preps = set(row.target_preps) | (
                    {"with"} if event_type(row.type).quad == 4 else set())
                for o in (c for c in verb.children if c.dep_ == "dobj"):
                    # (the parser may hang that "with" on the verb)
                    target = self._prep_objects(o, preps, index) or self._prep_objects(
                        verb, preps - set(row.target_preps), index)
            if not target and row.type != "CONSULT":
                # "signed an agreement with Peru", "reached a deal with the rebels": the
                # object is the event itself, and its preposition names the other side
                # (not so for talk: "discussed engagements with X" is no talk with X)
                for o in (c for c in verb.children if c.dep_ == "dobj" and any(
                        t.type == row.type for t in self.triggers.get(
                            (c.lemma_.lower(), "NOUN"), ()))):
                    target = self._prep_objects(o, set(row.target_preps), index)
            if not target:  # "fired rounds aimed at a loudspeaker in South Korea"
                for o in (c for c in verb.children if c.dep_ == "dobj"):
                    for acl in (g for g in o.children if g.dep_ == "acl"):
                        target = self._prep_objects(acl, {"at", "into", "on", "against"},
                                                    index)
            if not target and row.type in ATTITUDES:
                # "welcomed the talks held between A and B", "appreciates the actions
                # taken by A": an attitude to an act is one to those who did it
                for o in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
                    target = self._doers(o, index)
            if not target and row.type in ("SANCTION", "COERCE"):
                # "imposing severe costs to hold Russia accountable", "sanctions to punish
                # the junta": the purpose names whom the measure is aimed at
                for c in (c for c in verb.children
                          if c.dep_ in ("advcl", "xcomp") and _to_infinitive(c)):
                    for g in c.children:
                        if g.dep_ == "dobj" or g.dep_ in ("ccomp", "oprd", "xcomp") and \
                                g.pos_ == "ADJ":
                            slot = g if g.dep_ == "dobj" else next(
                                (x for x in g.children if x.dep_ == "nsubj"), None)
                            target = target or self.actors_at(slot, index, depth=0)
            if not target and row.type in ("AGREE", "AID"):
                # "pledged continued support to meet Ukraine's needs", "offered help for
                # Haiti": who the promised help is for
                for o in (c for c in verb.children if c.dep_ == "dobj"):
                    target = self._beneficiaries(o, index)
            if not target and row.type == "AID":
                # "giving $100 million in relief to help the people hit by the war in
                # Sudan": the country the purpose names
                target = self._purpose_country(verb, index)
            if not target and row.type in ("REQUEST", "THREATEN"):
                # "called for Russia to end", "demanded that China release": whoever is to
                # act is the one asked (or warned)
                for c in verb.children:
                    if c.dep_ in ("ccomp", "advcl") and (c.dep_ == "ccomp" or any(
                            g.dep_ == "mark" and g.lower_ in ("for", "that") for g in c.children)
                    ) and (subj := clause_subject(c)) is not None:
                        target = self.actors_at(subj, index)
                        break
            if not target:  # "hold Russia accountable": the small clause's subject
                for c in verb.children:
                    if c.dep_ in ("ccomp", "oprd", "xcomp") and c.pos_ == "ADJ":
                        subj = [g for g in c.children if g.dep_ == "nsubj"]
                        if subj:
                            target = self.actors_at(subj[0], index)
            if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "individuals arrested by ..."
                target = target or self.actors_at(verb.head, index)
        if target and not passive:
            self._add_listed_on(verb, target, source, index)
        if not target and "with" in row.target_preps and not any(
                c.dep_ == "dobj" for c in verb.children):
            # (with an object, a later "with" is the object's: "discussed engagements with X")
            target = self._with_nearby(verb, index)
        if row.type in ("ACCUSE", "PROTEST", "REJECT"):
            target = self._accused(verb, target, index)
        if row.lemma == "look":
            target = []
            for c in verb.children:
                if c.dep_ in ("prep", "advmod") and c.lower_ in ("forward", "to"):
                    for g in c.subtree:
                        m = index.get(g.i)
                        if m is not None and m not in target and g.i != verb.i:
                            target.append(m)
        if "mutual" in row.flags:
            # "a deal establishing relations between A and B": A and B, each with the other
            between = [m for o in verb.children if o.dep_ == "dobj"
                       for m in self._prep_objects(o, {"between"}, index)]
            if len(between) >= 2:
                source, target = between, []
        if "reverse" in row.flags:
            source, target = target, source
        rule = f"verb:{row.lemma}/{how}" + ("/passive" if passive else "")
        cand = Candidate(row, verb, source, target, rule, verb)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects and not any(m.resolved for m in target):
            cand.object_word = objects[0]
        return cand

    def _state(self, word: Token, row: Trigger, index) -> Candidate:
        """A state of mind said of someone, about someone: "The United States is deeply
        concerned by X's attacks" (ACCUSE), "I am grateful to Y" (SUPPORT). Whoever is in
        that state is the source, the object of its preposition the target."""
        if (subj := clause_subject(word)) is not None:
            source, how = self.actors_at(subj, index), "subject"
        elif word.dep_ in ("acomp", "oprd", "xcomp") and word.head.pos_ in ("VERB", "AUX"):
            source, how = self.subject_of(word.head, index)
        else:
            source, how = self.subject_of(word, index)
        # "remain concerned by X": the parser may hang the preposition on the verb; the
        # object may be deep ("the hardening of divisions in parts of Ethiopia")
        preps = [c for h in _state_holders(word) for c in h.children
                 if c.dep_ in ("prep", "agent", "dative") and c.lower_ in row.target_preps]
        target = []
        for prep in preps:
            for g in (g for g in prep.children if g.dep_ == "pobj"):
                target += [m for m in self.actors_at(
                    g, index, depth=8 if row.type == "ACCUSE" else 4) if m not in target]
        if not target:
            # "concerned by reports of abuses committed by the army": about those who did it
            for prep in preps:
                for noun in (t for g in prep.children if g.dep_ == "pobj" for t in g.subtree
                             if t.pos_ == "NOUN"):
                    target += [m for m in self._doers(noun, index) if m not in target]
        governor = word.head if word.dep_ == "acomp" else word
        if target and governor.pos_ in ("VERB", "AUX"):
            # ("grateful for the work of A, and the UN's Envoy B")
            self._add_listed_on(governor, target, source, index)
        return Candidate(row, word, source, target, f"state:{row.lemma}/{how}", governor)

    def concern_names_an_act(self, word: Token) -> bool:
        """Whether what a state of mind is about holds an act someone did ("the closure of
        media offices", "reports that protesters were beaten", "the conditions under which
        the elections are held"), not only a state of things ("the drought", "rains have
        failed"): what the trigger lexicon codes, or a word it files among acts."""
        for c in (c for h in _state_holders(word) for c in h.children
                  if c.i > word.i and c.dep_ in ("prep", "agent", "ccomp")):
            for t in c.subtree:
                if t.pos_ in ("VERB", "NOUN") and (self._row(t, t.pos_) is not None or (
                        t.pos_ == "NOUN" and (t.lemma_.lower() in ACT_NOUNS or
                                              t.lower_ in ACT_NOUNS))):
                    return True
        return False

    def _noun(self, noun: Token, row: Trigger, index) -> Candidate | None:
        carrier = _amount_of(noun) or noun  # "announced $100 million in assistance for X"
        head = carrier.head
        if "light" in row.flags and not (carrier.dep_ in ("dobj", "nsubjpass") and
                                         head.lemma_.lower() in self.light):
            return None  # an event noun only as the object of a light verb: "staged a sit-in"
        source: list = []
        target = self._prep_objects(noun, set(row.target_preps) | {"between"}, index)
        if not target and row.type in ("AGREE", "CONSULT"):
            # "an invitation to visit Seoul": the infinitive says with whom
            for acl in (c for c in noun.children if c.dep_ in ("acl", "relcl")):
                for g in acl.children:
                    if g.dep_ in ("dobj", "pobj") or (g.dep_ == "prep" and g.lower_ == "with"):
                        slot = g if g.dep_ != "prep" else next(
                            (x for x in g.children if x.dep_ == "pobj"), None)
                        target += [m for m in self.actors_at(slot, index, depth=0)
                                   if m not in target]
        if not target and row.type in ("REQUEST", "THREATEN"):
            # "the need for Kenya to hold elections", "a demand that Russia withdraw": the
            # one who is to act (the parser makes "for" the clause's mark)
            for clause in (c for c in noun.children if c.dep_ in ("acl", "advcl", "ccomp")):
                if any(g.dep_ == "mark" and g.lower_ in ("for", "that")
                       for g in clause.children) and (subj := clause_subject(clause)) is not None:
                    target = self.actors_at(subj, index)
                    break
        if not target:
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            target = self._prep_objects(g, set(row.target_preps) - {"of"},
                                                        index)
        between = [m for m in self._prep_objects(noun, {"between", "among"}, index)] or [
            # "the talks held between A and B", "an agreement signed among A, B and C"
            m for acl in noun.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for m in self._prep_objects(acl, {"between", "among"}, index)] or (
            self._pair_before(noun, index) if row.type in ("CONSULT", "AGREE") else [])
        governor = head
        rule = f"noun:{row.lemma}"
        if row.type == "SANCTION" and carrier.dep_ in ("dobj", "nsubjpass") and \
                head.lemma_.lower() in LIFTING:
            return None  # "lifted its sanctions on X": the verb's own event (a concession)
        if row.type == "CONSULT" and carrier.dep_ in ("dobj", "nsubjpass") and \
                head.lemma_.lower() in GIVING:
            return None  # "handing out mobile phones to officials" is no phone call
        if row.type == "AID" and carrier.dep_ == "dobj" and head.lemma_.lower() in OFFERING:
            return None  # "offered humanitarian aid to X": AGREE by the verb, not a delivery
        # light verb: "X held talks with Y", "X expressed support for Y"
        if carrier.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in self.light:
            source, how = self.subject_of(head, index)
            rule += f"/light:{head.lemma_.lower()}/{how}"
            target = target or self._prep_objects(head, set(row.target_preps) | {"to", "with"},
                                                   index)
        if (row.type in ATTITUDES or row.type == "CONSULT" and head.lemma_.lower() == "receive") \
                and carrier.dep_ == "dobj" and head.lemma_.lower() in RECEIVING:
            # (and "the Emir received a phone call from the president": a call of both)
            # "Russia drew condemnation from the EU", "X received support from Y": the one
            # who receives it is its target, whoever it comes from its source
            given = self._prep_objects(noun, {"from", "by"}, index) or \
                self._prep_objects(head, {"from"}, index)
            if given:
                source, (target, how) = given, self.subject_of(head, index)
                rule += f"/received:{head.lemma_.lower()}/{how}"
        if row.type in ATTITUDES and noun.dep_ == "pobj" and noun.head.lower_ in (
                "despite", "amid") and noun.head.head.pos_ in ("VERB", "AUX"):
            # "X announced the change despite criticism by Y": Y criticized X
            given = self._prep_objects(noun, {"from", "by"}, index)
            if given:
                source, (target, how) = given, self.subject_of(noun.head.head, index)
                rule += f"/despite/{how}"
        if "copula" in row.flags:
            # "our thoughts are with the people of X": only so, with the copula's
            # preposition ("keep them in our thoughts" is no event of its own)
            if noun.dep_ != "nsubj" or head.lemma_ != "be" or not any(
                    c.dep_ == "prep" and c.lower_ in row.target_preps for c in head.children):
                return None
            target = self._prep_objects(head, set(row.target_preps), index)
        if not source:  # "criticism by the Dutch prime minister"
            source = self._prep_objects(noun, {"by"}, index) or [
                # "a $500 million pledge made by Japan", "the decision taken by the court"
                m for acl in noun.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                for agent in acl.children if agent.dep_ == "agent"
                for g in agent.children if g.dep_ == "pobj"
                for m in self.actors_at(g, index)]
            if source:
                rule += "/by"
        if not source:  # "the pledge both parties have made": their pledge
            source = self._relative_subjects(noun, index)
            if source:
                rule += "/relative"
        if not source:
            for c in noun.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod"):
                    m = index.get(c.i)
                    if m is not None and m not in target:
                        source.append(m)
            if source:
                rule += "/modifier"
        if between:
            source = between
            target = [m for m in target if m not in between]
            rule += "/between"
        # "X bears (the) blame", "Y are the suspected perpetrators": X and Y are accused;
        # the source is whoever says so
        if "accused" in row.flags:
            if not (noun.dep_ in ("dobj", "attr") and head.lemma_ in ("bear", "share", "carry",
                                                                    "be", "take", "claim")):
                return None
            if head.lemma_ in ("take", "claim"):  # "X claimed responsibility": X did it
                return None
            target, _ = self.subject_of(head, index)
            speaker = head
            while speaker.dep_ in ("ccomp", "conj") and speaker.head.i != speaker.i:
                speaker = speaker.head
            source, how = self.subject_of(speaker, index) if speaker.i != head.i else ([], "")
            rule = f"noun:{row.lemma}/{head.lemma_}/{how}"
            governor = speaker
        if governor.pos_ not in ("VERB", "AUX"):
            governor = noun
        if row.type not in ("CONSULT", "AGREE") and any(
                "pair" in m.how.split() for m in source if "/modifier" in rule):
            return None  # "U.S.-Japan cooperation", "the India-China rivalry": a relationship
        doing = "/light:" in rule and head.lemma_.lower() in ACTIVITY_VERBS
        if row.type in UNDIRECTED and not doing and any(
                c.dep_ == "amod" and c.lower_ in RELATIONSHIP_WORDS for c in noun.children):
            return None  # a description of a relationship, not an event
        return Candidate(row, noun, source, target, rule, governor)


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a word belongs to: the word itself or its nearest verb
    ancestor; None when there is none."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _platforms_only(found: list[Mention]) -> bool:
    """Whether the mentions name only companies (MNC), as a platform is named: "on
    Twitter", "on Facebook". A platform publishes, it does not speak."""
    return all(a.country == "MNC" for m in found for a in m.actors)


def _state_holders(word: Token) -> list[Token]:
    """The words a state of mind's prepositions may hang on: the state, and the verb it
    complements ("remain concerned by X": the parser may attach "by" to "remain")."""
    return [word, word.head] if word.dep_ in ("acomp", "oprd") else [word]


def _amount_of(noun: Token) -> Token | None:
    """The sum a noun of help is counted in: "$100 million in (of, for) humanitarian
    assistance" is the assistance, given or announced as the sum is."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "of", "for"):
        return None
    amount = prep.head
    if amount.i != prep.i and (amount.tag_ in ("CD", "$") or _priced(amount)):
        return amount
    return None


def _listed_people(tok: Token, index) -> list[Token]:
    """People the parser hangs on a person as an apposition, with their conjuncts:
    "Prime Minister A, President B and Chancellor C met" lists three people."""
    first = index.get(tok.i)
    if first is None or not first.person:
        return []
    out = []
    for c in tok.children:
        m = index.get(c.i)
        if c.dep_ == "appos" and m is not None and m is not first and m.person:
            out += [c, *c.conjuncts]
    return out


def clause_subject(clause: Token) -> Token | None:
    """A clause's subject, active or passive: who is to act or was acted on."""
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _frame(cands: list[Candidate], index, reader: EventReader) -> None:
    """Acts inside a demand, threat, promise or offer ("urged X to withdraw", "threatened to
    impose sanctions on Y", "pledged to provide aid") are what was asked, threatened or
    promised, not acts that happened: each is marked ``framed``, and the frame's event takes
    its target when it has none ("threatened to impose sanctions on Russia": Russia). A
    complement's subject is the frame's target too: "called for Russia to end", "demanded
    that China release"."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        frame = cand.governor
        if frame.dep_ == "pcomp" and frame.head.dep_ == "prep" and \
                frame.head.lower_ in ("against", "from", "into", "to"):
            # "warned Kosovo against deploying police", "pressed X into signing"
            outer = by_token.get(frame.head.head.i)
            if outer is not None and outer.trigger.type in FRAMING_TYPES and \
                    outer.trigger.lemma in FRAMING_LEMMAS:
                cand.framed = outer.token
            continue
        if frame.dep_ not in ("xcomp", "ccomp", "advcl") or frame.head.i == frame.i:
            continue
        outer = by_token.get(frame.head.i)
        if outer is None or outer.trigger.type not in FRAMING_TYPES or \
                outer.trigger.lemma not in FRAMING_LEMMAS:
            continue
        cand.framed = outer.token
        if not outer.target:
            subj = clause_subject(frame)
            outer.target = (reader.actors_at(subj, index) if subj is not None else []) or [
                m for m in cand.target if m not in outer.source]


def topic_of(trigger: Token) -> Token | None:
    """The discussion an act is the subject matter of: in "They discussed Russia's war" or
    "met to review how to cooperate on energy", the war and the cooperation are what was
    talked about, not events the story reports. The word that makes it a topic is returned:
    a discussion verb or noun above the trigger, reached through its object or complement."""
    tok = trigger
    while tok.head.i != tok.i:
        dep, head = tok.dep_, tok.head
        if head.lemma_.lower() in TOPIC_VERBS and head.pos_ in ("VERB", "AUX") and (dep in (
                "dobj", "xcomp", "ccomp", "prep", "pcomp") or dep == "conj" and tok.pos_ in (
                "NOUN", "PROPN")) or (
                head.lemma_.lower() in TOPIC_NOUNS and head.pos_ == "NOUN" and dep == "prep"):
            if dep == "prep" and tok.lower_ not in ("on", "about", "of", "regarding",
                                                    "concerning", "over"):
                return None  # "discussed it with Japan": a partner, not a topic
            return head
        if dep == "pobj" and head.lower_ in ("including", "like") and head.head.lemma_.lower(
                ) in ("issue", "topic", "matter", "subject", "area", "range"):
            return head.head  # "issues, including Russia's invasion"
        if dep in ("nsubj", "nsubjpass", "ROOT", "parataxis") or tok.pos_ in ("VERB", "AUX") \
                and dep in ("advcl", "relcl"):
            return None
        tok = head
    return None


def _passive_participle(verb: Token) -> bool:
    """A past participle heading a reduced clause ("Detained at a checkpoint, Austin...",
    "Americans wrongfully detained abroad", "held hostage or detained"): passive, with
    no auxiliary to show it."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if _misread_finite(verb):
        return False
    if verb.dep_ in ("acl", "advcl"):
        return True
    return verb.dep_ == "conj" and _passive_participle(verb.head)


def _to_infinitive(tok: Token) -> bool:
    """Whether a clause is a to-infinitive: "to discuss", "to hold X accountable"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _misread_finite(verb: Token) -> bool:
    """"Israeli air strikes killed 20 people, officials said": a past tense right after
    its subject, with an object of its own, that the parser read as a participle
    modifying the noun ("strikes [that were] killed"). A passive participle takes no
    object, so the noun before it is its subject."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.i == verb.head.i + 1 and \
        verb.head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "dobj" for c in verb.children)


def negated(gov: Token, trigger: Token) -> bool:
    """A trigger that did not happen: "did not meet", "no talks", "refused to attack"."""
    for tok in {gov, trigger}:
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and any(  # "no troops were injured"
                    g.dep_ == "det" and g.lower_ == "no" for g in c.children):
                return True
            if c.lower_ in ("never",) and c.dep_ == "advmod":
                return True
    head = gov.head
    if gov.dep_ == "xcomp" and head.lemma_ in ("refuse", "fail", "decline"):
        return True
    # "Rwanda denied supporting the rebels", "denied that it had jailed activists": what
    # someone denies doing is not reported as done
    if gov.dep_ in ("xcomp", "ccomp", "pcomp") and head.lemma_ in DENYING:
        return True
    return False


def _inverted_condition(clause: Token) -> bool:
    """A condition said by inverting subject and auxiliary: "should it choose", "were
    they to attack", "had it known"."""
    kids = list(clause.children)
    aux = next((c for c in kids if c.dep_ in ("aux", "auxpass") and
                c.lower_ in ("should", "were", "had")), None)
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    return aux is not None and subj is not None and aux.i < subj.i


def is_condition(gov: Token) -> bool:
    """Whether the clause is itself a condition: "if Russia invades", "unless X agrees"."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in gov.children)


def modality(gov: Token, trigger: Token, pub_year: int | None) -> str:
    """asserted | future | hedged | hypothetical | historical, from the clause's verb."""
    chain = [gov]
    t = gov
    while t.dep_ in ("xcomp", "conj", "ccomp", "advcl", "pcomp", "pobj", "prep", "advmod",
                     "acomp") and t.head.i != t.i and len(chain) < 6:
        t = t.head
        if t.pos_ in ("VERB", "AUX") or t.lower_ == "forward":
            chain.append(t)
    if any(t.lower_ == "forward" for t in chain) or any(
            t.lemma_ == "look" and any(c.lower_ == "forward" for c in t.children)
            for t in chain[1:]):
        return "future"
    for tok in chain[:2]:
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
            if c.dep_ == "advcl" and _inverted_condition(c):
                return "hypothetical"  # "... on Russia should it choose escalation"
    if gov.dep_ in ("acl", "xcomp") and gov.head.lemma_.lower() in READINESS:
        return "future"  # "their readiness to impose costs", "ready to respond"
    # (a conjunct with no subject of its own shares its head's auxiliary: "will respond
    # and impose costs")
    shared = gov.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                            for c in gov.children)
    for c in [*gov.children, *(gov.head.children if shared else ())]:
        low = c.lower_
        if c.dep_ == "aux":
            if low in ("will", "shall", "'ll"):
                return "future"
            if low in ("may", "might", "could"):
                return "hedged"
            if low == "would":
                return "hypothetical" if gov.head.lemma_ not in ("say", "state", "announce") \
                    else "future"
        if c.dep_ == "advmod" and low in HEDGE_ADVERBS:
            return "hedged"
    for tok in chain[1:]:
        if tok.lemma_ in HEDGE_HEADS:
            return "hedged"
        if tok.lemma_ in ("like", "love", "enjoy", "hate", "prefer") and gov.tag_ == "VBG":
            return "hypothetical"  # "likes dropping bombs": a habit ascribed, no event
        if tok.lemma_ in ("want", "like", "wish") and gov.lemma_ in PERFORMATIVES:
            return "asserted"  # "I want to thank": the thanking is done by saying it
        if tok.lemma_ in FUTURE_HEADS and (gov.dep_ == "xcomp" or gov.dep_ == "advcl" and
                                           _to_infinitive(gov)):
            return "future"  # "they plan to work to cooperate"
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in tok.children) \
                and gov.dep_ == "xcomp":
            return "future"
        if gov.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "would"
                                       for c in tok.children) and any(
                c.dep_ == "aux" and c.lower_ == "have" for c in tok.children):
            return "hypothetical"  # "a decree that would have let the army detain"
    if gov.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in gov.children) \
            and not (gov.dep_ == "ccomp" and gov.head.lemma_ in REPORTING):
        # ("said it had signed an accord": reported news, not background)
        return "historical"
    if pub_year is not None:
        # "in 2011": a year in a prepositional phrase of the clause itself
        for prep in (c for c in gov.children if c.dep_ == "prep"):
            for c in prep.subtree:
                if c.dep_ in ("pobj", "nummod", "compound") and c.like_num and \
                        len(c.text) == 4 and c.text.isdigit() and 1900 < int(c.text) < pub_year - 1:
                    return "historical"
    return "asserted"
