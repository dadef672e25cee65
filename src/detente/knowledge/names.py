"""Names as the knowledge build writes them: proper case from capitals, folded keys, variants.

The sources spell names in capitals (Phoenix: ``RECEP_TAYYIP_ERDOGAN``; the Factbook:
``Recep Tayyip ERDOGAN``). News writes them in proper case, with particles in lower case
("Ursula von der Leyen", "Tamim bin Hamad Al Thani", "Bashar al-Assad"), Mc and Mac names
with a second capital ("McCarthy", "MacDonald", but "Macron", "Machar"), Roman numerals in
capitals ("Charles III"). The phrase index matches proper names case-sensitively, so the
case has to be right. ``fold`` gives the key two spellings of one name share
("Erdoğan", "Erdogan"): ASCII transliteration (anyascii), lower case, hyphens as spaces.
Used by the build only; the package reads the names it wrote.
"""

from __future__ import annotations

import re
from functools import cache

from anyascii import anyascii

from .tsv import read_tsv, split_list

# Lower case inside a name ("Ursula von der Leyen", "Tamim bin Hamad"), except first.
PARTICLES = frozenset({
    "bin", "bint", "ibn", "binti", "de", "del", "della", "der", "den", "des", "di", "da", "do",
    "dos", "das", "du", "la", "le", "van", "von", "zu", "y", "e", "ter", "ten", "af", "av",
    "al", "el", "ould", "ag", "ben", "abu", "wa", "of", "and", "the", "for", "in", "on", "at",
})
# Particles a name may begin with in news, capitalized or not ("De Croo", "de Croo").
NAME_PREFIXES = frozenset({"de", "van", "von", "der", "di", "da", "del", "du", "la", "le"})
# Scottish and Irish Mac names: "MACDONALD" -> "MacDonald"; any other "Mac..." stays
# "Macron", "Machar", "Macky" (news never writes "MacRon").
_MAC_STEMS = ("donald", "kenzie", "lean", "leod", "kay", "intyre", "millan", "neil", "arthur",
              "gregor", "intosh", "dougall", "pherson", "aulay", "farlane", "callum", "kinnon",
              "laren", "lachlan", "namara", "allister", "alister", "askill", "bride", "gowan",
              "guire", "ewen", "iver", "lennan", "cormack", "quarrie", "rae", "tavish")
_ROMAN = re.compile(r"^(?=[XVI])X{0,3}(IX|IV|V?I{0,3})$")  # regnal numbers: I to XXXIX
_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an")  # "al-Asad"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """The key two spellings of a name share: ASCII, lower case, one space between words."""
    ascii_text = anyascii(text).lower().replace("-", " ").replace("'", "").replace(".", " ")
    return " ".join(ascii_text.replace(",", " ").split())


def cap_word(word: str, *, first: bool = True) -> str:
    """One word of a capitalized name in proper case."""
    if not word:
        return word
    if "-" in word:  # "AL-ASAD" -> "al-Asad", "CARTWRIGHT-ROBINSON" -> "Cartwright-Robinson"
        parts = word.split("-")
        out = [cap_word(parts[0], first=first)]
        out += [cap_word(p, first=True) if p.isupper() else p for p in parts[1:]]
        if parts[0].lower() in _ARTICLES and not first:
            out[0] = parts[0].lower()
        return "-".join(out)
    if not first and _ROMAN.match(word) and len(word) <= 5 and word.upper() == word:
        return word  # "CHARLES III", not "XI Jinping"
    low = word.lower()
    if not first and low in PARTICLES:
        return low
    for apos in ("'", "’"):
        if apos in low:  # "O'NEILL" -> "O'Neill", "D'ALEMA" -> "D'Alema"
            head, _, tail = low.partition(apos)
            if len(head) == 1:  # "d'Estaing" inside a name, "O'Neill"
                lead = head if head in "dl" and not first else head.upper()
                return lead + apos + tail[:1].upper() + tail[1:]
            return head[:1].upper() + head[1:] + apos + tail
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2].upper() + low[3:]
    if low.startswith("mac") and low[3:].startswith(_MAC_STEMS) and len(low) > 5:
        return "Mac" + low[3].upper() + low[4:]
    return low[:1].upper() + low[1:]


def proper_case(name: str) -> str:
    """A name with capitalized parts in proper case; words already in mixed case are kept
    ("Recep Tayyip ERDOGAN" -> "Recep Tayyip Erdogan", "TAMIM bin Hamad Al Thani" ->
    "Tamim bin Hamad Al Thani", "Ursula VON DER LEYEN" -> "Ursula von der Leyen")."""
    words = name.split()
    out = []
    for i, word in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and (len(letters) > 1 or i > 0):
            out.append(cap_word(word, first=(i == 0)))
        elif "-" in word and any(p.isupper() and len(p) > 1 for p in word.split("-")):
            out.append(cap_word(word, first=(i == 0)))  # "Daniel-SELVARATNAM"
        else:
            out.append(word)
    return " ".join(out)


def from_underscores(phrase: str) -> str:
    """A Phoenix phrase ("RECEP_TAYYIP_ERDOGAN_") as words ("RECEP TAYYIP ERDOGAN")."""
    return " ".join(phrase.replace("_", " ").split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@cache
def transliterations() -> dict[str, tuple[str, ...]]:
    """A given name's other spellings in English news (data/transliterations.tsv)."""
    out: dict[str, tuple[str, ...]] = {}
    for _, row in read_tsv("transliterations.tsv"):
        spellings = split_list(row["spellings"])
        for word in spellings:
            out[word] = tuple(s for s in spellings if s != word)
    return out


def name_variants(name: str) -> list[str]:
    """Spellings of one name news uses: as given, in ASCII ("Erdoğan" -> "Erdogan"), with
    a leading particle capitalized or not ("De Croo"/"de Croo"), with a given name
    transliterated another way in a name of two words or more ("Mohamed bin
    Zayed"/"Mohammed bin Zayed", one word at a time; see transliterations.tsv), hyphens
    between the parts of Korean given names or not ("Kim Jong-un"/"Kim Jong Un")."""
    out = [name]
    ascii_name = anyascii(name)
    if ascii_name != name and ascii_name.isascii():
        out.append(ascii_name)
    spelled = transliterations()
    for form in list(out):
        parts = form.split(" ")
        for i, part in enumerate(parts):
            # (a one-word name, "Khalid", is too common a word to take in another spelling)
            for other in spelled.get(part, ()) if len(parts) > 1 else ():
                out.append(" ".join([*parts[:i], other, *parts[i + 1:]]))
    for form in list(out):
        parts = form.split(" ")
        for i, part in enumerate(parts):
            if part.lower() in NAME_PREFIXES and i < len(parts) - 1:
                flipped = part.lower() if part[0].isupper() else part.capitalize()
                out.append(" ".join([*parts[:i], flipped, *parts[i + 1:]]))
    return list(dict.fromkeys(out))
