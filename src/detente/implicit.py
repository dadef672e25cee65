"""The side a sentence leaves unnamed: who did an act or who it was aimed at, when its
words name no one but the place or the story does.

"Was shot" (someone unnamed, where it happened), "an official's visit to Nairobi" (the
government there), "delivered aid to Kabul" (the country there), "Venezuela's crackdown
on activists" (Venezuela's own people), "concerned by the violence" (the country where it
happens). Each rule returns the sides unchanged where it does not apply; the coder calls
them in one order, and each actor says how it was found (``how``).
"""

from __future__ import annotations

from dataclasses import replace

from .codebook import INTERNATIONAL
from .places import candidates
from .records import Actor, Location

# Sectors of people named by role ("activists", "journalists") whom a government represses
REPRESSED = ("CVL", "OPP", "JRN", "REL")
# Voices whose concern over a situation is a reproach to the country it is in
CONCERNED = ("UNO", "EUR", "IGO", "NGO")


def _known(location: Location | None) -> bool:
    return location is not None and bool(location.known)


def unidentified_doer(kind: str, rule: str, target: list[Actor], location: Location | None,
                      focus: str | None) -> list[Actor]:
    """"Was shot", "were arrested", "a car bomb exploded, wounding eight": someone unnamed
    did it, of where it happened (else of the victim's or the story's country); no one
    for other acts."""
    if not target or kind not in ("ASSAULT", "COERCE") or not (
            rule.endswith("/passive") or "passive-no-agent" in rule or
            kind == "ASSAULT" and rule.endswith("weapon")):
        return []
    where = (location.country if _known(location) else None) or target[0].country or focus
    if not where:
        return []
    return [Actor("(unidentified)", None, where, "COP" if kind == "COERCE" else "UNK")]


def repressed_people(kind: str, source: list[Actor], target: list[Actor],
                     location: Location | None) -> list[Actor]:
    """"Venezuela's crackdown on protesters", "the regime detained activists": people named
    by role alone, where the sentence names no place, are the repressor's own, not the
    story's default country."""
    if kind != "COERCE" or len({a.country for a in source}) != 1 or \
            source[0].country in INTERNATIONAL or _known(location):
        return target
    return [replace(a, country=source[0].country,
                    how=a.how.rsplit(" ", 1)[0] + " repressor-country")
            if a.how.endswith("article-country") and a.sector in REPRESSED else a
            for a in target]


def place_visited(kind: str, mode: str | None, source: list[Actor],
                  location: Location | None) -> list[Actor]:
    """An official's visit to a place is a consultation with its government (a
    reporter's trip is not)."""
    if kind != "CONSULT" or mode != "visit" or location is None or not location.country or \
            not all(a.sector in (None, "GOV", "LEG", "MIL") for a in source) or \
            any(a.country == location.country for a in source):
        return []
    return [Actor(location.name, None, location.country, "GOV", how="place visited")]


def place_helped(kind: str, source: list[Actor], location: Location | None) -> list[Actor]:
    """"Delivered aid to Kabul", "In Burma, the United States has provided $20 million":
    help carried to a place goes to the country there."""
    if kind != "AID" or not _known(location) or not location.country or \
            any(a.country == location.country for a in source):
        return []
    return [Actor(location.name, None, location.country, None, how="place helped")]


def place_attacked(kind: str, source: list[Actor], location: Location | None
                   ) -> list[Actor]:
    """"Jets bombed Aleppo", "an attack against a town in Saudi Arabia", "the police killing
    of a man in Atlanta": an attack on a place, with no one named as its victim, is on the
    country there. (A country's own name in the clause of its aggression is no place it
    attacked: "Russian aggression would bring costs to the Russian Federation".)"""
    if kind != "ASSAULT" or not _known(location) or not location.country or \
            len({a.country for a in source}) > 1:  # "clashes between A and B": each other
        return []
    if any(a.country == location.country for a in source) and any(
            p.kind == "country" for p in candidates(location.name)):
        return []
    return [Actor(location.name, None, location.country, None, how="place attacked")]


def mourners_country(kind: str, trigger: str, source: list[Actor], location: Location | None,
                     focus: str | None) -> list[Actor]:
    """"Condolences go to the families of the dead", "our hearts are with every victim":
    sympathy for people the sentence names by their loss alone goes to the
    country where they were lost (the sentence's place, else the story's)."""
    if kind != "SUPPORT" or trigger not in MOURNING:
        return []
    where = (location.country if _known(location) else None) or focus
    if not where or where in INTERNATIONAL or any(a.country == where for a in source):
        return []
    return [Actor(where, None, where, None, how="mourners' country")]


# Trigger words of sympathy with the bereaved
MOURNING = {"condolence", "condolences", "sympathy", "sympathies", "go", "thought", "prayer"}


def concern_country(source: list[Actor], location: Location | None,
                    focus: str | None) -> list[Actor]:
    """"Is gravely concerned by the closure of radio stations", "alarmed by the violence in
    the region": a government's concern over acts it names no one for is over the country
    where they happen, else the one the story is about. (The caller checks that the
    concern is a state of mind over acts, not over a state of things.)"""
    if not all(a.country in CONCERNED or (a.country not in INTERNATIONAL and
                                          a.sector in (None, "GOV")) for a in source):
        return []
    where = (location.country if _known(location) else None) or focus
    if not where or where in INTERNATIONAL or any(a.country == where for a in source):
        return []
    name = location.name if location is not None and location.country == where else where
    return [Actor(name, None, where, None, how="situation's country")]
