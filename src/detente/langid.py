"""Is this text English? A cheap, offline guess from function words and script.

The coder's lexicons and spaCy model are English only, so other languages must be
rejected before coding, not coded into nonsense. Function words (articles,
prepositions, pronouns, auxiliaries) are the most frequent words of any text and differ
between languages, so the share of a text's tokens that are in each language's short
list separates English from its neighbours well without any model or download.
"""

from __future__ import annotations

import re

MIN_WORDS = 8  # shorter texts are not judged: too few words to tell
NON_LATIN = "non-Latin script"

# The most frequent function words of each language. Words that are frequent in English
# and another language alike ("a", "in", "is", "was", "on") are left out of English so
# that they cannot prop up a foreign text; the others need no such care.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to that for it with as by at this are from or an have has had not but "
        "which they he she his her its their were been will would said who after also we "
        "our you be than them there when about into over more other these those could "
        "should can may any all up out only what while".split()),
    "fr": frozenset(
        "le la les des du de et un une est dans pour que qui sur au aux avec ne pas par "
        "ce cette ces il elle ils sont été être son sa ses leur plus mais ou a été selon "
        "lors vers entre nous vous".split()),
    "de": frozenset(
        "der die das und den dem des ein eine einer eines ist nicht mit von zu auf für "
        "sich im auch es sie er wird wurde sind hat haben bei aus nach wie oder um über "
        "noch dass durch zum zur".split()),
    "es": frozenset(
        "el la los las de del y en un una que por con para es se su sus al lo como más "
        "pero ha fue sobre este esta entre sin también ya le han según".split()),
    "it": frozenset(
        "il lo la gli le di del della dei delle e un una che per con non è si da nel "
        "nella al alla sono ha anche come più ma sul sulla tra questo questa".split()),
    "pt": frozenset(
        "o a os as de do da dos das e um uma que em no na nos nas por para com não é se "
        "ao mais como mas foi pelo pela seu sua também já entre".split()),
    "nl": frozenset(
        "de het een en van in is dat op te zijn met voor niet aan er die ook als bij "
        "door om maar naar dan wordt werd heeft hebben nog uit tot over deze".split()),
}

_WORD = re.compile(r"[^\W\d_]+")


def _is_latin(char: str) -> bool:
    # Basic Latin, Latin-1, Latin Extended-A/B and Extended Additional letters.
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def function_word_shares(words: list[str]) -> dict[str, float]:
    """For each language, the share of ``words`` (lower-cased) in its function words."""
    return {lang: sum(w in vocab for w in words) / len(words)
            for lang, vocab in FUNCTION_WORDS.items()}


def non_english_language(text: str) -> str | None:
    """What the text looks like when it is not English (``"fr"``, ``"de"``, ...,
    ``"non-Latin script"``); None when it is English or too short to judge."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    letters = [c for w in words for c in w]
    if sum(map(_is_latin, letters)) * 2 < len(letters):
        return NON_LATIN
    shares = function_word_shares([w.lower() for w in words])
    english = shares.pop("en")
    lang, best = max(shares.items(), key=lambda item: item[1])
    # English prose has 30-45% of these English words (lists of names as little as 12%);
    # French, Spanish... prose has about 40% of its own and under 5% of English ones.
    if english >= 0.15 or best < 0.12 or best <= 1.5 * english:
        return None
    return lang
