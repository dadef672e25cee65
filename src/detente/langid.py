"""Is this text English? py3langid's offline model decides.

The coder's lexicons and spaCy model are English only, so other languages must be
rejected before coding, not coded into nonsense. py3langid (a maintained port of
langid.py: a naive Bayes model over byte n-grams for 97 languages, shipped inside the
package, nothing downloaded) gives each language a probability. A text is rejected only
when another language is clearly more likely than English: news in English is full of
foreign names, and a one-line English sentence can look a little like Tagalog or
Nigerian Pidgin to any model, so doubt keeps a text in.

``bench/langid.py`` measures the false and true rejections on the shared texts.
"""

from __future__ import annotations

import re
from functools import cache

MIN_LETTERS = 12  # shorter texts are not judged: too little to tell
SAMPLE_CHARS = 1_500  # the language of an article shows in its opening; long texts cost
REJECT_PROBABILITY = 0.5  # the other language is at least this likely...
ENGLISH_FACTOR = 4.0  # ...and at least this many times likelier than English

_LETTER = re.compile(r"[^\W\d_]")
# English-lexified creoles the model knows: a short English sentence about Nigeria
# ("Nigeria accused Niger's junta of ...") scores as Nigerian Pidgin, so their share
# counts for English; English news is what a rejection must never hit
ENGLISH_CREOLES = {"pcm"}


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_probabilities(text: str, top: int = 3) -> list[tuple[str, float]]:
    """The ``top`` likeliest languages (ISO 639-1 codes) with their probabilities."""
    return [(lang, float(p)) for lang, p in _identifier().rank(text[:SAMPLE_CHARS])[:top]]


def non_english_language(text: str) -> str | None:
    """The language the text is in when it is clearly not English (``"fr"``, ``"de"``,
    ...); None when it is English, may be English, or is too short to judge."""
    if len(_LETTER.findall(text[:SAMPLE_CHARS])) < MIN_LETTERS:
        return None
    ranked = dict(_identifier().rank(text[:SAMPLE_CHARS]))
    english = sum(float(ranked.pop(code, 0.0)) for code in ("en", *ENGLISH_CREOLES))
    if not ranked:
        return None
    lang = max(ranked, key=ranked.__getitem__)
    best = float(ranked[lang])
    if best <= english:
        return None
    if best >= REJECT_PROBABILITY and best >= ENGLISH_FACTOR * english:
        return lang
    return None
