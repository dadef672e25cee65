"""Cleaning: display text found, repeats dropped, non-English and empty text rejected."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

from conftest import need_shared

from detente.clean import (
    clean,
    drop_repeated_paragraphs,
    is_title_case,
    looks_like_headline,
    reads_as_sentence,
    same_text,
)
from detente.ingest import read_inputs, text_document
from detente.langid import non_english_language
from detente.records import Article, RawDocument, Rejected

PARA_1 = ("Japan’s foreign minister spoke by telephone with her Indonesian counterpart on "
          "Monday about maritime security in the South China Sea.")
PARA_2 = ("The two ministers agreed to hold a joint coast guard exercise next year, according "
          "to a statement from Tokyo.")
PARA_3 = "Indonesia said it would send a delegation to Japan in March."


def raw(text: str, title: str | None = None) -> RawDocument:
    return RawDocument(id="t", text=text, where="t.jsonl:1", title=title)


def test_seed_structure_matches_gold() -> None:
    seed = need_shared("seed", "macron_ukraine_dialogue.txt")
    gold = json.loads(need_shared("gold", "seed.jsonl").read_text(encoding="utf-8")
                      .splitlines()[0])
    [doc] = read_inputs([str(seed)])
    article = clean(doc)
    assert isinstance(article, Article)
    assert article.structure.to_dict() == gold["structure"]
    assert article.id == gold["id"]
    assert article.text == "\n\n".join(article.paragraphs)
    for event in gold["events"]:  # every evidence sentence is in the body, character for character
        assert event["evidence"] in article.text


def test_first_200_corpus_articles_clean_without_rejection() -> None:
    corpus = need_shared("corpus", "articles.jsonl")
    results = [clean(doc) for doc in islice(read_inputs([str(corpus)]), 200)]
    assert len(results) == 200
    assert [r for r in results if isinstance(r, Rejected)] == []
    for article in results:
        assert article.text == "\n\n".join(article.paragraphs)
        assert article.title


def test_headings_dek_and_duplicate_headline_in_a_txt_file() -> None:
    text = ("**Tokyo and Jakarta pledge closer maritime ties.**\n"
            "**Japan and Indonesia Hold Talks on Sea Security**\n\n"
            "**Japan and Indonesia Hold Talks on Sea Security**\n"
            "**Ministers Plan Joint Coast Guard Drill**\n"
            f"{PARA_1}\n{PARA_2}\n\n**Next steps**\n{PARA_3}\n{PARA_1}\n")
    article = clean(text_document(text, doc_id="sea", where="sea.txt"))
    assert isinstance(article, Article)
    s = article.structure
    assert s.title == "Japan and Indonesia Hold Talks on Sea Security"
    assert s.subtitle == "Ministers Plan Joint Coast Guard Drill"
    assert s.dek == "Tokyo and Jakarta pledge closer maritime ties."
    assert (s.body_paragraphs, s.duplicate_paragraphs_dropped,
            s.duplicate_headlines_dropped) == (3, 1, 1)
    assert article.paragraphs == (PARA_1, PARA_2, PARA_3)  # the section heading is not body


def test_jsonl_title_repeated_as_first_paragraph_is_dropped() -> None:
    title = "Japan and Indonesia Hold Talks on Sea Security"
    article = clean(raw(f"{title}\n\n{PARA_1}\n\n{PARA_2}", title=title))
    assert article.paragraphs == (PARA_1, PARA_2)
    assert article.structure.duplicate_headlines_dropped == 1
    assert article.structure.subtitle is None


def test_jsonl_title_near_repeat_and_heading_like_subtitle() -> None:
    title = "Japan and Indonesia Hold Talks on Sea Security"
    text = ("Japan, Indonesia Hold Talks on Sea Security\n\n"
            "Ministers Plan Joint Coast Guard Drill\n\n" + PARA_1)
    article = clean(raw(text, title=title))
    assert article.structure.duplicate_headlines_dropped == 1
    assert article.structure.subtitle == "Ministers Plan Joint Coast Guard Drill"
    assert article.paragraphs == (PARA_1,)


def test_lede_and_dateline_are_not_taken_for_headings() -> None:
    article = clean(raw(f"Monday, March 3, 2025\n\n{PARA_1}\n\n{PARA_2}", title="Talks"))
    assert article.structure.subtitle is None
    assert article.paragraphs == ("Monday, March 3, 2025", PARA_1, PARA_2)


def test_whitespace_collapsed_characters_kept() -> None:
    article = clean(raw("The  minister\tsaid: “We  ‘welcome’ this — fully.”  \n\n" + PARA_1))
    assert article.paragraphs[0] == "The minister said: “We ‘welcome’ this — fully.”"


def test_near_exact_paragraph_repeats_are_dropped() -> None:
    variant = PARA_1.replace("Monday", "Monday,").replace("’", "'").upper()
    edited = PARA_2.replace("next year", "next year too")
    kept, dropped = drop_repeated_paragraphs([PARA_1, PARA_2, variant, edited, PARA_3])
    assert (kept, dropped) == ([PARA_1, PARA_2, PARA_3], 2)


def test_similar_lines_with_different_numbers_or_names_are_kept() -> None:
    lines = ["The cargo vessel registered at Odesa had a gross tonnage of 6418 at sea.",
             "The cargo vessel registered at Odesa had a gross tonnage of 2474 at sea.",
             "Ana Lima, Nominee for Ambassador Extraordinary and Plenipotentiary to Chile",
             "Rui Lima, Nominee for Ambassador Extraordinary and Plenipotentiary to Chile"]
    assert drop_repeated_paragraphs(lines) == (lines, 0)


def test_short_paragraphs_are_dropped_only_when_exactly_repeated() -> None:
    assert drop_repeated_paragraphs(["He agreed.", "He disagreed.", "He agreed!"]) == (
        ["He agreed.", "He disagreed."], 1)


def test_empty_text_is_rejected() -> None:
    assert clean(raw("  \n\n \t \n")) == Rejected("t.jsonl:1", "empty text", "E007")
    only_headings = text_document("**Just a Headline Here**\n", doc_id="h", where="h.txt")
    assert clean(only_headings) == Rejected("h.txt", "empty text", "E007")


FRENCH = ("Le ministre des Affaires étrangères a rencontré son homologue allemand à Paris "
          "pour discuter de la situation en Ukraine et des sanctions contre la Russie.")
GERMAN = ("Die Außenministerin hat sich am Montag mit ihrem französischen Amtskollegen in "
          "Berlin getroffen, um über die Lage in der Ukraine zu sprechen.")
SPANISH = ("El ministro de Asuntos Exteriores se reunió con su homólogo de Brasil para hablar "
           "de la cooperación comercial entre los dos países y de la situación en la región.")
ITALIAN = ("Il ministro degli Esteri ha incontrato il suo omologo tedesco a Roma per discutere "
           "della situazione in Ucraina e delle sanzioni contro la Russia.")
PORTUGUESE = ("O ministro dos Negócios Estrangeiros encontrou-se com o seu homólogo espanhol em "
              "Lisboa para discutir a situação na Ucrânia e as sanções contra a Rússia.")
DUTCH = ("De minister van Buitenlandse Zaken heeft maandag in Den Haag met zijn Duitse collega "
         "gesproken over de situatie in Oekraïne en de sancties tegen Rusland.")
RUSSIAN = ("Министр иностранных дел России встретился со своим турецким коллегой в Анкаре "
           "и обсудил ситуацию на Украине.")


def test_non_english_text_is_rejected_with_its_likely_language() -> None:
    for text, lang in [(FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es"), (ITALIAN, "it"),
                       (PORTUGUESE, "pt"), (DUTCH, "nl")]:
        assert clean(raw(text)) == Rejected("t.jsonl:1", f"text is not English (looks like "
                                                         f"{lang})", "E008"), lang
    assert clean(raw(RUSSIAN)) == Rejected(
        "t.jsonl:1", "text is not English (looks like ru)", "E008")


# Short English news sentences: the old function-word count took most of them for Dutch.
SHORT_ENGLISH = [
    "India's foreign minister met his Chinese counterpart in Beijing.",
    "The president visited Kenya on Monday.",
    "Germany and France signed a trade deal.",
    "Protesters clashed with police in Lima.",
    "The UN condemned the attack.",
    "Talks between the two sides resumed in Doha.",
    "Japan lodged a protest with China.",
    "Brazil expelled two diplomats.",
    "Twin blasts hit a market in Mindanao, Philippines, on Sunday.",
    "Nigeria's army said it repelled an attack near Maiduguri.",
    # English about Nigeria that the model scores as Nigerian Pidgin
    "Nigeria accused Niger's military junta of harboring militants.",
    "The Nigerian army said it had killed 30 fighters in Borno state.",
    "Nigerian police arrested five suspects in Lagos on Monday after the attack.",
]


def test_short_english_sentences_are_english() -> None:
    for sentence in SHORT_ENGLISH:
        assert non_english_language(sentence) is None, sentence
        assert not isinstance(clean(raw(sentence)), Rejected), sentence


def test_short_foreign_sentences_are_caught() -> None:
    assert non_english_language("Le président a rencontré son homologue allemand à Berlin.") \
        == "fr"
    assert non_english_language("El gobierno anunció nuevas sanciones contra Rusia.") == "es"


def test_english_with_foreign_names_and_quotes_is_english() -> None:
    text = (f"{PARA_1} The French minister told reporters: “{FRENCH}” "
            "Officials from the Banco de la Nación and the Casa de Moneda were also there.")
    assert non_english_language(text) is None
    assert non_english_language("Il est là.") is None  # too short to judge


def test_headline_style_predicates() -> None:
    assert is_title_case("French President Hosts U.S. Officials for Peace Negotiation Talks")
    assert not is_title_case("Frustration stems from contrasting views on the war.")
    assert reads_as_sentence("Frustration stems from contrasting views on the war.")
    assert not reads_as_sentence("Is Peace Possible?")  # a Title Case question is a headline
    assert looks_like_headline("Towards a Renewed Transatlantic Partnership")
    assert not looks_like_headline("By Jane Example")
    assert not looks_like_headline("Friday, December 25, 2020")
    assert same_text("Macron Hosts “Envoys” in Paris", "macron hosts envoys in paris!")


def test_shipped_examples_read_and_clean() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    articles = [clean(doc) for doc in read_inputs([str(examples)])]
    assert all(isinstance(a, Article) for a in articles), articles
    by_id = {a.id: a for a in articles}
    assert sorted(by_id) == ["eu_sanctions_belarus", "ex-aid-sudan", "ex-protest-embassy",
                             "ex-visit-hanoi", "missile_test_condemned", "seoul_tokyo_call"]
    call = by_id["seoul_tokyo_call"].structure
    assert (call.subtitle, call.body_paragraphs, call.duplicate_paragraphs_dropped,
            call.duplicate_headlines_dropped) == (
        "Phone Call Follows Months of Strain Over Fishing Rights", 5, 1, 1)
    assert call.dek and call.dek.endswith("next month.")
    assert by_id["missile_test_condemned"].date == "2025-04-17"  # from the front matter
    html = by_id["eu_sanctions_belarus"]
    assert (html.title, html.date, len(html.paragraphs)) == (
        "EU imposes new sanctions on Belarusian officials", "2024-10-08", 4)
