"""Mentions: atoms grouped by the noun phrase they belong to, and resolved from their
parts and the discourse (CODEBOOK s. 3)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from ..codebook import INTERNATIONAL
from ..knowledge import Knowledge, normalize_role
from ..knowledge.tsv import read_tsv
from ..nlp import common_nouns
from ..records import Actor
from .discourse import Discourse
from .gatherings import is_group_phrase, names_conflict_parties
from .mentions import (
    _DOMESTIC_SECTORS,
    _NP_DEPS,
    _OF_PREPS,
    _PORTFOLIO_PREPS,
    FORMER,
    MEETING_NAMES,
    MONARCHS,
    PERSONAL,
    PLURAL,
    WEAK_SECTOR_WORDS,
    Atom,
    Mention,
    _actor_noun,
    _base,
    _char_base,
    _gaps,
    _is_person,
    _locative,
    _names_country,
    _title_noun,
    _with_text,
    misread_pair,
)


class MentionResolver:
    """Groups atoms into mentions and resolves each: country, sector, name."""

    k: Knowledge

    # ---- mentions -------------------------------------------------------------------------
    def mentions(self, doc: Doc | Span, discourse: Discourse, offset: int = 0,
                 speaker: Actor | None = None) -> list[Mention]:
        """Mentions in a sentence, resolved; ``offset`` maps token chars to article chars."""
        atoms = self.atoms(doc, discourse.people)
        covered: dict[int, Atom] = {}
        for atom in atoms:
            for j in range(atom.start, atom.end):
                covered[j] = atom
        groups: dict[int, list[Atom]] = {}
        for atom in atoms:
            anchor, portfolio = self._anchor(doc, atom, covered)
            groups.setdefault(anchor, []).append(
                Atom(atom.start, atom.end, atom.entries, portfolio) if portfolio else atom)
        out: list[Mention] = []
        for anchor, group in sorted(groups.items()):
            mention = self._resolve(doc, anchor, group, discourse, offset, speaker, out)
            if mention is not None:
                out.append(mention)
        return _inherit_from_groups(doc, out, discourse)

    def _anchor(self, doc, atom: Atom, covered: dict[int, Atom]) -> tuple[int, bool]:
        """Climb from the atom to the head of the noun phrase it belongs to."""
        span = doc[atom.start:atom.end]
        tok = span.root
        portfolio = False
        named = False  # the atom modifies a person's name ("the Sudan Lena Holt")
        base = _base(doc)
        if _titled(atom) and tok.dep_ == "conj" and atom.end < len(doc) and \
                doc[atom.end].pos_ == "PROPN" and not _titled(covered.get(atom.end)) and \
                doc[atom.end].head.i != tok.i:
            # "..., and Prime Minister Jansen of the Netherlands": the parser made the
            # title a conjunct and hung the name elsewhere; the title is the name's
            tok = doc[atom.end]
        while True:
            head = tok.head
            if head.i == tok.i:
                break
            if misread_pair(tok) and _titled(covered.get(tok.i - base)):
                break  # "The Secretary and Foreign Minister X": two people, not one
            if tok.dep_ == "conj" and misread_pair(head) and \
                    _titled(covered.get(head.i - base)) and _titled(covered.get(tok.i - base)):
                tok = head.head  # ("Foreign Minister" belongs with X)
                continue
            h = head.i - base
            if tok.dep_ == "conj" and tok.pos_ == "ADJ" and head.pos_ in ("ADJ", "PROPN") \
                    and h in covered:
                tok = head  # "Hungarian and Romanian officials": one phrase, two countries
                continue
            if tok.dep_ in ("conj", "appos") and h in covered and _names_country(atom) and \
                    _names_country(covered[h]) and self._listed_under_noun(head, covered, base):
                # "officials from Kenya, Uganda and Rwanda": one phrase, each country (on from
                # the root of the name before: "the Republic of Chile, the Republic of")
                named = covered[h]
                tok = doc[named.start:named.end].root
                continue
            if tok.dep_ == "compound" and head.pos_ == "PROPN" and h not in covered and \
                    tok.pos_ == "PROPN" and head.is_title and head.text not in MEETING_NAMES:
                tok = head  # "the United States Commission on ...": the country names an org
                continue
            if tok.dep_ in _NP_DEPS and (h in covered or _is_person(head)):
                if tok.dep_ == "poss" and not _actor_noun(self.k, head, covered, base):
                    break
                if tok.dep_ == "appos" and h in covered and _other_person(
                        covered.get(tok.i - base, atom), covered[h]):
                    break  # "Prime Minister Johnson, President Biden and ...": a list
                if tok.dep_ == "appos" and _titled_name(tok, covered, base) and \
                        _titled_name(head, covered, base):
                    break  # the same with names the knowledge lacks: each has its title
                named = named or (tok.dep_ == "compound" and atom.start <= tok.i - base <
                                  atom.end and (_is_person(head) or h in covered and any(
                                      e.kind in ("person", "person?")
                                      for e in covered[h].entries)))
                tok = head
                continue
            if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _OF_PREPS:
                noun = head.head
                if noun.i != head.i and (noun.i - base in covered or _is_person(noun)) \
                        and _actor_noun(self.k, noun, covered, base):
                    if head.lower_ in _PORTFOLIO_PREPS and (
                            atom.start <= tok.i - base < atom.end or named):
                        # "Ambassador to France" is not French; "Advisor to the President
                        # of France" is: the brief is a person of France, not the country.
                        # ("Special Representative for Sudan Lena Holt": the parser
                        # made the country a modifier of the name; still the brief)
                        portfolio = True
                    if head.lower_ in ("in", "at") and not _title_noun(self.k, noun, covered,
                                                                         base):
                        break
                    tok = noun
                    continue
            if tok.dep_ == "amod" and tok.i + 1 - base in covered and any(
                    e.kind == "adjective" for e in atom.entries):
                # "Russian Air Force jets": the parser hangs the adjective on the last noun,
                # past the sector name it qualifies; the two are one phrase
                nxt = covered[tok.i + 1 - base]
                root = doc[nxt.start + base:nxt.end + base].root
                if nxt is not atom and root.head.i == head.i and root.dep_ == "compound" and \
                        all(e.kind == "sector" for e in nxt.entries):
                    tok = root
                    continue
            break
        return tok.i - base, portfolio

    def _listed_under_noun(self, tok: Token, covered: dict[int, Atom], base: int) -> bool:
        """Whether a country heads a list that a title or sector noun governs through
        "of", "from" or "for": "the foreign ministers of Chile, Peru and Bolivia"."""
        while True:
            atom = covered.get(tok.i - base)
            if atom is not None:  # "the Republic of Chile": from the name's root
                tok = tok.doc[atom.start + base:atom.end + base].root
            # (the parser links a long list's items as conjuncts or appositions)
            if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i:
                break
            tok = tok.head
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in ("of", "from", "for") or prep.head.i == prep.i:
            return False
        return _title_noun(self.k, prep.head, covered, base)

    def _resolve(self, doc, anchor: int, group: list[Atom], discourse: Discourse, offset: int,
                 speaker: Actor | None, earlier: list[Mention] = ()) -> Mention | None:
        base = _base(doc)
        start = min(a.start for a in group)
        end = max(a.end for a in group)
        start, end = min(start, anchor), max(end, anchor + 1)
        head_tok = doc[anchor]
        # include a determiner or possessive pronoun directly before
        if start > 0 and doc[start - 1].dep_ in ("det",) and doc[start - 1].head.i - base in (
                anchor, *range(start, end)):
            start -= 1
        text_span = doc[start:end]
        text = text_span.text
        char_start = offset + text_span.start_char - _char_base(doc)
        char_end = char_start + len(text)
        entries = [(a, e) for a in group for e in a.entries]
        kinds = {e.kind for _, e in entries}
        plural = head_tok.tag_ in ("NNS", "NNPS") or any(
            c.dep_ == "conj" for c in head_tok.children) or (
            head_tok.lower_ in ("we", "they") and any(  # "We, the Heads of State of ..."
                doc[a.start:a.end].root.tag_ in ("NNS", "NNPS") for a in group
                if any(e.kind == "title" for e in a.entries)))

        if kinds == {"pronoun"}:
            word = entries[0][1].name or ""
            party = self._party_pronoun(word, discourse, head_tok)
            if party is not None:
                return Mention(start, end, anchor, tuple(
                    _with_text(a, text, char_start, char_end, "gathering")
                    for a in party), plural=True, how="group:" + word, group=True,
                    subject=head_tok.dep_ in ("nsubj", "nsubjpass"))
            actors = self._pronoun(word, discourse, speaker, doc[anchor], earlier, _base(doc))
            if not actors:
                return None
            return Mention(start, end, anchor, tuple(
                _with_text(a, text, char_start, char_end, "pronoun") for a in actors),
                person=word in PERSONAL, plural=word in PLURAL or word == "both",
                how="pronoun:" + word, subject=head_tok.dep_ in ("nsubj", "nsubjpass"))
        entries = [(a, self.k.on_date(e, discourse.date, discourse.focus))
                   for a, e in entries if e.kind != "pronoun"]  # dated codes, shared names
        if not kinds & {"country", "adjective", "people", "capital", "seat", "dependency", "org",
                        "person", "person?"} and is_group_phrase(
                head_tok, False, "region" in kinds):
            # "the leaders", "both sides", "transatlantic leaders": the gathering's parties
            if names_conflict_parties(head_tok) and not (
                    discourse.gathering and discourse.gathering.participants) and \
                    discourse.focus and (discourse.publisher is None or
                                         discourse.focus != discourse.publisher.country):
                # "We urge all parties to ...", "the parties to the conflict": with no
                # meeting in the story, the sides of the conflict it is about, coded as
                # the country it happens in (CODEBOOK s. 3: a country named alone)
                actor = Actor(text, None, discourse.focus, None, char_start, char_end,
                              f"group:{head_tok.lower_} article-country")
                return Mention(start, end, anchor, (actor,), plural=True, how=actor.how,
                               subject=head_tok.dep_ in ("nsubj", "nsubjpass"))
            party = discourse.group().participants
            return Mention(start, end, anchor, tuple(
                _with_text(a, text, char_start, char_end, "gathering") for a in party),
                plural=True, how="group:" + head_tok.lower_, group=True,
                subject=head_tok.dep_ in ("nsubj", "nsubjpass"))
        if kinds == {"group"}:
            return None  # "opposing sides", "countries of the region": no group named before

        country = sector = name = role = None
        person = False
        how = []
        # "former President X", "retired General Y", "ex-minister Z": former officials
        former = any(t.lower_ in FORMER for t in doc[max(start - 2, 0):end]
                     if t.i - base >= start or start <= t.head.i - base < end) or (
            start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "ex")
        # country: explicit names and demonyms first, from the non-portfolio atoms;
        # coordinated ones ("Hungarian and Romanian officials") make a compound actor
        coordinated: list[str] = []
        for atom, e in entries:
            root = doc[atom.start:atom.end].root
            if e.kind in ("country", "adjective", "dependency") and not atom.portfolio and (
                    root.dep_ in ("conj", "appos") or any(c.dep_ in ("conj", "appos")
                                                          for c in root.children)) \
                    and e.country not in coordinated:
                coordinated.append(e.country)
        named = sorted((a.start, e.country) for a, e in entries
                       if e.kind in ("country", "adjective") and not a.portfolio)
        if len(named) > 1 and all(doc[a_end:b_start].text.strip() in ("-", "–", "/") for
                                  a_end, b_start in _gaps(group)):
            # "the U.S.-Kenya Trade Dialogue", "India-China talks": a pair, both sides
            coordinated = list(dict.fromkeys(c for _, c in named))
            how.append("pair")
        for atom, e in entries:
            if e.kind in ("country", "adjective", "people", "capital", "seat", "dependency") \
                    and not atom.portfolio:
                if e.kind == "capital" and _locative(doc[atom.start:atom.end].root) and not (
                        any(e2.kind == "title" for _, e2 in entries)):
                    continue  # "talks in Moscow" are not Russia's, "a spokesperson in Tokyo" is
                country = country or e.country
                if e.kind in ("people", "seat", "capital", "dependency") and e.sector:
                    sector = sector or e.sector
                how.append(f"{e.kind}:{e.country}")
        # titles and sector words: modifiers before the head word
        titles = [(a, e) for a, e in entries if e.kind == "title"]
        sectors = [(a, e) for a, e in entries if e.kind == "sector"]
        if titles:
            _, e = min(titles, key=lambda ae: (ae[0].end > anchor, ae[0].start))
            role = e.role
            sector = e.sector
            how.append(f"title:{e.role}")
        modifier_sectors = [(a, e) for a, e in sectors if not (a.start <= anchor < a.end)]
        head_sectors = [(a, e) for a, e in sectors if a.start <= anchor < a.end]
        if not titles:
            ranked = sorted(modifier_sectors + head_sectors,
                            key=lambda ae: (ae[1].role or "") in WEAK_SECTOR_WORDS)
            for _, e in ranked[:1]:
                sector = e.sector
                role = role or e.role
                how.append(f"sector:{e.role}")
        orgs = [e for _, e in entries if e.kind == "org"]
        if orgs:
            org = orgs[0]
            country = country or org.country
            if not titles and not modifier_sectors:
                sector = org.sector or sector
            name = org.name
            how.append(f"org:{org.name}")
        persons = [(a, e) for a, e in entries if e.kind in ("person", "person?")]
        # a person who only modifies the head ("President Trump's envoy") lends a country,
        # not a name: the phrase names someone else
        # ("the Assistant Secretary for Energy, Jane Doe,": an apposition is the same one)
        own = [(a, e) for a, e in persons if a.start <= anchor < a.end or (
            doc[a.start:a.end].root.dep_ == "appos" and
            doc[a.start:a.end].root.head.i - base == anchor and
            doc[a.end - 1].lower_ not in common_nouns())]  # (not "Special Representative")
        owners = [(a, e) for a, e in persons if (a, e) not in own]
        persons = own
        unknown_owner = any(e.kind == "person?" and self._known_person(e.name or "", discourse)
                            is None for _, e in owners)
        for _, e in owners:
            if country is None and e.kind == "person?":
                known = self._known_person(e.name or "", discourse)
                if known is not None:
                    country = known.country
                    how.append(f"owner:{known.name}")
            if country is None and e.kind == "person":
                term = self.k.role_of(e.person or "", discourse.date)
                if term is not None:
                    country = term.country
                    how.append(f"owner:{e.name}")
        if persons:
            person = True
            a, e = persons[-1]
            if e.kind == "person":
                term = self.k.role_of(e.person or "", discourse.date)
                name = e.name
                if term is not None:
                    country = country or term.country
                    if sector is None or (role and not former and term.sector == "ELI"
                                          and not titles):
                        sector = term.sector
                    if not titles and term.sector:
                        sector = term.sector
                    role = role or term.role
                how.append(f"person:{e.name}")
            else:
                name = e.name
                known = self._known_person(e.name or "", discourse)
                titled = self.k.titled_surname(e.name or "", role, discourse.date, country) \
                    if known is None and titles and not former and " " not in (e.name or "") \
                    else None
                if known is not None:
                    country = country or known.country
                    sector = sector or known.sector
                    name = known.name or name
                    how.append(f"later-mention:{known.name}")
                elif titled is not None:
                    # "Prime Minister Morrison": the one of that name in such an office then
                    country = country or titled.country
                    sector = sector or titled.sector
                    name = titled.name
                    how.append(f"titled-surname:{titled.name}")
                else:
                    how.append("person-entity")
        if country is None and not orgs:
            # "Delaware senator", "the governor of Punjab": a state, province or city
            # names its country, before the story's country does
            country = self._place_country(doc, start, end, head_tok, group, discourse)
            if country:
                how.append(f"place:{country}")
        if former and (person or titles) and country not in INTERNATIONAL:
            sector = "ELI"
        # definite descriptions and titles without a country resolve against the discourse
        if titles and not person and not plural and not sectors and len(coordinated) < 2:
            # "the Secretary", "the Queen": one person, named or not; but "the G7 Foreign
            # Ministers of A, B and C" (tagged as a singular name) are one for each country
            person = True
        definite = any(t.lower_ in ("the", "this", "that") and t.dep_ == "det"
                       for t in head_tok.children)
        if country is None and person and titles and discourse.publisher is not None and \
                role not in MONARCHS and discourse.publisher.uses_title(role):
            # a titled official with no nationality, in a government's own release, is theirs
            country = discourse.publisher.country
            how.append("publisher")
        elif country is None and person and (titles or sector == "GOV") and (
                foreign := _foreign_country(discourse, named=name is not None or not definite)
        ) is not None:
            # a foreign title with no nationality: the country the sentence puts them in
            # ("In Saudi Arabia, the envoy met Minister X"), else the one the story is about
            country, where = foreign
            how.append(where)
        if country is None and (titles or definite) and not unknown_owner and not (
                head_tok.tag_ in ("NNS", "NNPS") and not person):
            # ("the governments of ..." are not one government the discourse knows)
            found = self._from_discourse(role, sector, person, name, discourse, head_tok)
            if found is not None:
                country = found.country
                sector = sector or found.sector
                if not person:
                    name = name or found.name
                how.append("discourse")
        quantified = any(c.dep_ == "det" and c.lower_ in ("all", "any", "other", "some",
                                                         "many", "several", "various")
                         for c in head_tok.children)
        if country is None and sectors and any(c.dep_ == "poss" and c.lower_ in ("our", "my")
                                               for c in head_tok.children):
            # "our private sector partners", "my colleagues in the Senate": the speaker's
            # own, the publisher's in its release unless someone quoted speaks
            mine = next((a for c in head_tok.children if c.dep_ == "poss"
                         for a in self._pronoun(c.lower_, discourse, speaker)), None)
            if mine is not None and mine.country:
                country = mine.country
                how.append("speaker's")
        if country is None and sectors and head_tok.dep_ == "conj" and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head_tok.children):
            # "Syria and its army", "the regime and its security services": the
            # possessor is the conjunct before
            before = next((m for m in earlier if m.head == head_tok.head.i - base
                           and len(m.actors) == 1 and m.actors[0].country), None)
            if before is not None:
                country = before.actors[0].country
                how.append("possessor-conjunct")
        own = discourse.publisher.country if discourse.publisher is not None and \
            sector not in ("MIL", "REB") else None  # (forces a release speaks of: anyone's)
        if country is None and not person and not titles and (
                discourse.here or discourse.focus or own) \
                and sectors and sector in _DOMESTIC_SECTORS and not quantified:
            # people, police, protesters with no country of their own: where the sentence
            # says they are, else the story's country, else (a government's release about
            # no other country: "the Senate", "businesses") the publisher's
            country = discourse.here or discourse.focus or own
            how.append("place-country" if discourse.here else "article-country"
                       if discourse.focus else "publisher")
        if country is None and not person and not titles and not sectors:
            return None
        if sector is None and not person and discourse.publisher is not None and \
                country == discourse.publisher.country and kinds & {"country", "adjective"} \
                and not orgs:
            sector = discourse.publisher.sector  # "The United States welcomes" in its release
            how.append("publisher-voice")
        if country in INTERNATIONAL:
            sector = None
        if person and name is None:
            name = text if not titles else None
        actor = Actor(text=text, name=name, country=country, sector=sector,
                      start=char_start, end=char_end, how=" ".join(how))
        actors = (actor,)
        if len(coordinated) > 1 and not person:
            actors = tuple(Actor(text=text, name=None, country=c, sector=sector,
                                 start=char_start, end=char_end, how=" ".join(how) + " compound")
                           for c in coordinated)
            plural = True
            if head_tok.lower_ == "we":  # "We, the Heads of State of A, B and C": all along
                discourse.we = actors
        return Mention(start, end, anchor, actors, person=person, plural=plural, role=role,
                       how=" ".join(how), subject=head_tok.dep_ in ("nsubj", "nsubjpass"))

    def _place_country(self, doc, start: int, end: int, head_tok: Token, group: list[Atom],
                       discourse: Discourse) -> str | None:
        """The country of a sub-national place that qualifies the phrase: a proper name
        inside it that no knowledge matched ("Delaware senator", "Texas Governor Greg
        Abbott") or after "of" ("the governor of Punjab", "the mayor of Kharkiv"). An
        ambiguous name takes the story's country, else gives none."""
        from ..places import locate

        base = _base(doc)
        # a name the recognizer took for a person ("the governor of Kherson") may be a place
        covered = {j for a in group for j in range(a.start, a.end)
                   if any(e.kind != "person?" for e in a.entries)}
        titled = [a.start for a in group if any(e.kind in ("title", "sector")
                                                for e in a.entries)]
        spans = []
        j = start
        while j < min(titled, default=start):  # before the title: after it is a name
            if j not in covered and doc[j].pos_ == "PROPN" and doc[j].ent_type_ != "PERSON":
                k = j
                while k + 1 < end and k + 1 not in covered and doc[k + 1].pos_ == "PROPN":
                    k += 1
                spans.append(doc[j:k + 1])
                j = k + 1
            else:
                j += 1
        heads = [head_tok, *(doc[a.start:a.end].root for a in group)]
        titles = [doc[a.start:a.end].root for a in group if a.start in titled]
        for tok in titles:  # "Delaware senator": a modifier the phrase did not take in
            for c in tok.lefts:
                if c.dep_ in ("compound", "nmod", "poss", "amod", "nsubj") and \
                        c.pos_ in ("PROPN", "ADJ", "NOUN") and c.is_title and \
                        c.i - base not in covered and c.ent_type_ != "PERSON":
                    left = min((t.i for t in c.lefts if t.dep_ == "compound" and
                                t.pos_ == "PROPN"), default=c.i)
                    spans.append(doc[left - base:c.i - base + 1])
        for tok in heads:
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.is_title and obj.i - base not in covered:
                        left = min((t.i for t in obj.lefts if t.dep_ == "compound" and
                                    t.pos_ == "PROPN"), default=obj.i)
                        spans.append(doc[left - base:obj.i - base + 1])
        for span in spans:
            found = locate(span.text, prefer=discourse.focus)
            if found is not None and found.country and found.known:
                return found.country
        return None

    # ---- discourse -------------------------------------------------------------------------
    def _known_person(self, name: str, discourse: Discourse) -> Actor | None:
        for part in reversed(name.replace(",", " ").split()):
            actor = discourse.people.get(part.lower()) or discourse.people.get(
                part.lower().split("-")[-1])
            if actor is not None:
                return actor
        return None

    def _from_discourse(self, role, sector, person, name, discourse: Discourse,
                        head: Token) -> Actor | None:
        """A title, office or group word with no country of its own."""
        if person:
            return None
        pub = discourse.publisher
        if role and pub is not None and pub.speaker_role and \
                normalize_role(role) == normalize_role(pub.speaker_role) and \
                head.text[:1].isupper() and head.dep_ in ("nsubj", "nsubjpass"):
            # "The President" in the White House's own release, "the Secretary" in the
            # State Department's: its own office holder, though a foreign president or
            # minister was the last one named ("President Biden met President Macron. The
            # President underscored ..."); as an object ("congratulated the President on his
            # re-election") it may be the other one
            holder = self.k.holder(pub.country, normalize_role(role), discourse.date)
            if holder is not None:
                return Actor(holder.name, holder.name, holder.country, holder.sector or "GOV")
        if role:
            same = discourse.last(lambda m: m.role == role and not m.plural)
            if same is not None:
                return same.actors[0]
            portfolio = any(c.dep_ == "prep" and c.lower_ == "for" for c in head.children)
            if pub is not None and not portfolio:  # "Secretary of State for Energy" is not
                holder = self.k.holder(pub.country, normalize_role(role), discourse.date)
                if holder is not None:
                    return Actor(holder.name, holder.name, holder.country, holder.sector or "GOV")
        if role == "kingdom" or head.lower_ in ("kingdom", "kingdom's"):
            # "the Kingdom and its people": the monarchy the story spoke of, not the
            # republic that publishes it
            realm = discourse.last(lambda m: bool(m.actors) and m.actors[0].country in
                                   _kingdoms() and not m.person)
            if realm is not None:
                return Actor("the Kingdom", None, realm.actors[0].country, "GOV")
            if discourse.focus in _kingdoms():
                return Actor("the Kingdom", None, discourse.focus, "GOV")
            return None
        if sector == "GOV" or role in ("department", "administration", "government", "regime"):
            if role in ("department",) and pub is not None:
                return Actor(pub.name, pub.name, pub.country, pub.sector)
            place = discourse.here or discourse.focus
            if (role in ("government", "regime", "authorities", "authority") or
                    _names_a_ministry(role) or head.text in NAMED_BODIES) and place and (
                    pub is None or place != pub.country):
                # "the government" of a story about a country is that country's, and so is
                # "the Foreign Ministry" or "the Ministry of Health"
                return Actor(role, None, place, "GOV")
            gov = discourse.last(lambda m: m.actors[0].sector == "GOV" and not m.person)
            if gov is not None:
                return gov.actors[0]
        if role in ("country", "nation", "government", "regime", "administration"):
            country = discourse.last(lambda m: m.actors[0].sector is None and not m.person)
            if country is not None:
                return country.actors[0]
        if pub is not None and sector == pub.sector:
            return Actor(pub.name, pub.name, pub.country, pub.sector)
        return None


@cache
def _kingdoms() -> frozenset[str]:
    """Countries whose name says they are kingdoms ("the Kingdom of Morocco")."""
    return frozenset(row["iso3"] for _, row in read_tsv("countries.tsv")
                     if "kingdom" in (row["name"] + "|" + row["aliases"]).lower())


def _foreign_country(discourse: Discourse, named: bool) -> tuple[str, str] | None:
    """Whose a foreign title with no nationality is: for a named official, the country of
    the place the sentence opens with ("In Oman, the envoy met Minister X"); else the one
    the story is about; never the publisher's own. (Not any place the sentence names:
    "met Prime Minister X in Berlin" is no German; and an unnamed "the Foreign Minister" is
    the one the story has met.)"""
    own = discourse.publisher.country if discourse.publisher is not None else None
    if named and discourse.frame and discourse.frame != own:
        return discourse.frame, "place-country"
    if discourse.focus and discourse.focus != own:
        return discourse.focus, "article-country"
    return None


# Heads of the names of a state's own bodies: "the Transitional Sovereignty Council", "the
# Sovereign Council", "the Supreme Election Commission" (capitalized: a proper name)
NAMED_BODIES = {"Council", "Commission", "Committee", "Assembly", "Cabinet", "Directorate",
                "Authority", "Ministry", "Court", "Tribunal"}


def _names_a_ministry(role: str | None) -> bool:
    """"foreign ministry", "ministry of health", "interior ministry": a ministry, whatever
    its field (the sector words list the fields)."""
    words = (role or "").split()
    return bool(words) and "ministry" in (words[0], words[-1])


def _other_person(atom: Atom, head: Atom) -> bool:
    """Whether two atoms name two different known people: an apposition between them
    lists them ("Johnson, President Biden"), it does not name one person twice."""
    mine = {e.person for e in atom.entries if e.kind == "person"}
    theirs = {e.person for e in head.entries if e.kind == "person"}
    return bool(mine and theirs and not mine & theirs)


# Participles and adjectives that tie fighters or forces to the group they belong to
AFFILIATION = {"affiliate", "affiliated", "link", "linked", "loyal", "align", "aligned",
               "associate", "associated", "belong", "belonging", "tie", "tied", "allied"}


def _affiliated(doc, mentions: list[Mention]) -> None:
    """Fighters or forces whose country was only the story's default take that of the
    group the phrase ties them to: "gunmen linked to the X Brigade", "militias loyal to
    Y", "units aligned with Z"."""
    base = _base(doc)
    by_head = {m.head: m for m in mentions}
    for m in mentions:
        if len(m.actors) != 1 or not m.actors[0].how.endswith(("article-country",
                                                               "place-country")):
            continue
        for acl in (c for c in doc[m.head].children if c.dep_ in ("acl", "amod") and
                    (c.lemma_.lower() in AFFILIATION or c.lower_ in AFFILIATION)):
            owner = next((by_head.get(g.i - base) for p in acl.children if p.dep_ == "prep"
                          for g in p.children if g.dep_ == "pobj"), None)
            if owner is not None and owner.actors and owner.actors[0].country:
                a, g = m.actors[0], owner.actors[0]
                m.actors = (Actor(a.text, a.name, g.country, a.sector, a.start, a.end,
                                  a.how.rsplit(" ", 1)[0] + " affiliation"),)
                break


def _titled_name(tok: Token, covered: dict[int, Atom], base: int) -> bool:
    """A name with its own title before it: "President Rossi", "Prime Minister Dupont"
    (however the parser attached the title)."""
    return tok.pos_ == "PROPN" and not _titled(covered.get(tok.i - base)) and (any(
        c.dep_ == "compound" and c.i < tok.i and _titled(covered.get(c.i - base))
        for c in tok.children) or _titled(covered.get(tok.i - 1 - base)))


def _titled(atom: Atom | None) -> bool:
    return atom is not None and any(e.kind == "title" for e in atom.entries)


def _phrase_tokens(head: Token) -> list[Token]:
    """The tokens of a noun phrase without the clauses inside it."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "advcl",
                                                               "ccomp"))
    return out


def _inherit_from_groups(doc, mentions: list[Mention], discourse: Discourse | None = None
                         ) -> list[Mention]:
    """People listed under a group take its country: "American leaders, including
    Secretary of State Marco Rubio and Steve Witkoff"; people an apposition places
    ("Jane Doe, director of news for Reuters"); and, last, people a government's
    own release names with no nationality at all, who are its own."""
    _affiliated(doc, mentions)
    base = _base(doc)
    by_head = {m.head: m for m in mentions}
    by_token = {j: m for m in mentions for j in range(m.start, m.end)}
    for m in mentions:
        if m.group or not m.actors:
            continue
        actor = m.actors[0]
        if actor.country is not None or not m.person:
            continue
        # "Jane Doe, director of news for Reuters": the apposition says who
        for appos in (c for c in doc[m.head].children if c.dep_ == "appos"):
            # (not what a clause inside it says: "the wife of X, who is held in Russia")
            inside = [by_token[t.i - base] for t in _phrase_tokens(appos)
                      if t.i - base in by_token and by_token[t.i - base] is not m]
            found = next((o for o in inside if o.actors and o.actors[0].country), None)
            if found is not None:
                g = found.actors[0]
                m.actors = (Actor(actor.text, actor.name, g.country, actor.sector or g.sector,
                                  actor.start, actor.end, actor.how + " apposition"),)
                break
        if m.actors[0].country is not None:
            continue
        tok = doc[m.head]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ in ("including", "like", "such", "among"):
            group = by_head.get(prep.head.i - base)
            if group is not None and group.actors and group.actors[0].country:
                g = group.actors[0]
                m.actors = (Actor(actor.text, actor.name, g.country, actor.sector or g.sector,
                                  actor.start, actor.end, actor.how + " group"),)
        pub = discourse.publisher if discourse is not None else None
        last = doc[m.end - 1]
        if m.actors[0].country is None and pub is not None and m.role is None and not (
                last.lower_ in common_nouns() or last.lemma_.lower() in common_nouns()):
            # (not a thing's name: "the Marimba Wharf", "the Unity Order", "Harbor Prize
            # Winners" end in a common noun, where a person's surname seldom does)
            a = m.actors[0]
            m.actors = (Actor(a.text, a.name, pub.country, a.sector, a.start, a.end,
                              a.how + " publisher"),)
    return mentions
