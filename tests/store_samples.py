"""Hand-built coded articles for the store, analysis, export, report and web tests.

The texts are written here for the tests (no corpus text). ``coded`` finds every span by
its words, so offsets are right by construction.
"""

from __future__ import annotations

from detente.codebook import event_type
from detente.records import Actor, Article, CodedArticle, Event, Location, Quote, Span, Structure

HOSTILE = ('Russia accused Ukraine of posting <script>alert("x")</script> and '
           "<img src=x onerror=alert(1)> on a state website.")


def _span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(words, start, start + len(words))


def _actor(text: str, words: str, country: str | None, sector: str | None = None,
           name: str | None = None, after: int = 0) -> Actor:
    span = _span(text, words, after)
    return Actor(text=words, name=name, country=country, sector=sector, start=span.start,
                 end=span.end, how="test")


def coded(article_id: str, text: str, date: str | None, events: list[dict], *,
          title: str | None = None, url: str | None = None, source: str = "Test Wire",
          quotes: tuple[str, ...] = ()) -> CodedArticle:
    """A coded article. Each event dict: type, sentence (words of the evidence), trigger,
    source [(words, country, sector)], target [...], and optional date, modality, id, mode,
    mentions, location."""
    paragraphs = tuple(text.split("\n\n"))
    article = Article(
        id=article_id, text=text, paragraphs=paragraphs,
        structure=Structure(title=title or f"Story {article_id}", subtitle=None, dek=None,
                            body_paragraphs=len(paragraphs), duplicate_paragraphs_dropped=0,
                            duplicate_headlines_dropped=0),
        where=f"test:{article_id}", date=date,
        url=url or f"https://news.example/{article_id}", source=source, license="CC BY 4.0")
    built, actors = [], []
    for spec in events:
        evidence = _span(text, spec["sentence"])
        kind = event_type(spec["type"])
        source = tuple(_actor(text, w, c, s, after=evidence.start) for w, c, s in spec["source"])
        target = tuple(_actor(text, w, c, s, after=evidence.start)
                       for w, c, s in spec.get("target", ()))
        actors += [*source, *target]
        loc = spec.get("location")
        built.append(Event(
            article_id=article_id, type=spec["type"], mode=spec.get("mode"), source=source,
            target=target, quad=kind.quad, intensity=kind.intensity, evidence=evidence,
            trigger=_span(text, spec["trigger"], evidence.start), rule=spec.get("rule", "test"),
            modality=spec.get("modality", "asserted"), date=spec.get("date", date),
            date_precision="day" if spec.get("date", date) else None,
            location=Location(loc, "CHE", 46.2, 6.1) if loc else None,
            mentions=spec.get("mentions", 1), id=spec.get("id", "")))
    quote_records = tuple(
        Quote(article_id=article_id, text=q, start=text.index(q), end=text.index(q) + len(q),
              speaker=actors[0] if actors else None) for q in quotes)
    return CodedArticle(article=article, events=tuple(built), quotes=quote_records,
                        actors=tuple(actors), sentences=text.count(". ") + 1)


def sample_articles() -> list[CodedArticle]:
    """Four articles: USA-CHN conflict over two months, a FRA-DEU meeting reported twice in
    one story, a hypothetical threat, and one with hostile markup in its text."""
    t1 = ("The United States accused China of hacking government networks. "
          "Washington said it would respond.\n\n"
          "China rejected the accusation on Tuesday.")
    t2 = ("China and the United States held talks in Geneva on Monday. "
          "Officials called the meeting useful.")
    t3 = ("French President Anne Martin met German Chancellor Karl Weber in Paris. "
          "The two leaders agreed to build a joint battery plant.")
    t4 = ("German Chancellor Karl Weber met French President Anne Martin in Paris on Friday. "
          "If talks fail, France could threaten Germany with tariffs.")
    t5 = HOSTILE + "\n\nUkraine told Russia it denied <b>any</b> role."
    return [
        coded("a1", t1, "2025-03-10", [
            {"type": "ACCUSE", "sentence": "The United States accused China of hacking "
             "government networks.", "trigger": "accused",
             "source": [("The United States", "USA", None)], "target": [("China", "CHN", None)]},
            {"type": "REJECT", "sentence": "China rejected the accusation on Tuesday.",
             "trigger": "rejected", "source": [("China", "CHN", None)],
             "target": [("the accusation", "USA", None)], "date": "2025-03-11"},
        ], title="U.S. accuses China of hacking", quotes=("Washington said it would respond.",)),
        coded("a2", t2, "2025-04-15", [
            {"type": "CONSULT", "sentence": "China and the United States held talks in Geneva "
             "on Monday.", "trigger": "held talks", "source": [("China", "CHN", None),
                                                              ("the United States", "USA", None)],
             "date": "2025-04-14", "location": "Geneva", "mode": "multilateral"},
        ], title="China and U.S. talk in Geneva"),
        coded("a3", t3, "2025-04-18", [
            {"type": "CONSULT", "sentence": "French President Anne Martin met German Chancellor "
             "Karl Weber in Paris.", "trigger": "met",
             "source": [("French President Anne Martin", "FRA", "GOV")],
             "target": [("German Chancellor Karl Weber", "DEU", "GOV")], "date": "2025-04-17"},
            {"type": "AGREE", "sentence": "The two leaders agreed to build a joint battery plant.",
             "trigger": "agreed", "source": [("The two leaders", "FRA", "GOV")],
             "target": [("The two leaders", "DEU", "GOV")], "date": "2025-04-17"},
        ], title="Martin and Weber meet"),
        coded("a4", t4, "2025-04-18", [
            {"type": "CONSULT", "sentence": "German Chancellor Karl Weber met French President "
             "Anne Martin in Paris on Friday.", "trigger": "met",
             "source": [("German Chancellor Karl Weber", "DEU", "GOV")],
             "target": [("French President Anne Martin", "FRA", "GOV")], "date": "2025-04-17"},
            {"type": "THREATEN", "sentence": "If talks fail, France could threaten Germany with "
             "tariffs.", "trigger": "threaten", "source": [("France", "FRA", None)],
             "target": [("Germany", "DEU", None)], "modality": "hypothetical"},
        ], title="Weber in Paris"),
        coded("a5", t5, "2025-05-02", [
            {"type": "ACCUSE", "sentence": HOSTILE, "trigger": "accused",
             "source": [("Russia", "RUS", None)], "target": [("Ukraine", "UKR", None)],
             "id": "rus-accuses"},
            {"type": "REJECT", "sentence": "Ukraine told Russia it denied <b>any</b> role.",
             "trigger": "denied",
             "source": [("Ukraine", "UKR", None)], "target": [("Russia", "RUS", None)],
             "id": "ukr-denies"},
        ], title="Russia blames <i>Ukraine</i>"),
    ]


COUNTRIES = ("France", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Mexico",
             "Egypt", "Turkey", "Chile", "Norway")
TEMPLATES = (
    "{a} accused {b} of violating the fishing agreement on Monday. Officials in {a} said "
    "they had evidence.\n\n{b} rejected the accusation.",
    "The foreign minister of {a} met her counterpart from {b} in Geneva on Tuesday. The two "
    "governments agreed to expand trade.",
    "{a} sent humanitarian aid to {b} after the floods. {b} thanked {a} for the help.",
    "{a} condemned {b} for detaining two journalists. {a} urged {b} to release them.",
)


def synthetic_jsonl(count: int, *, start_day: int = 1) -> list[str]:
    """``count`` JSONL lines of made-up news between pairs of countries, a day apart."""
    import json

    lines = []
    for i in range(count):
        a = COUNTRIES[i % len(COUNTRIES)]
        b = COUNTRIES[(i * 5 + 3) % len(COUNTRIES)]
        if a == b:
            b = COUNTRIES[(i + 1) % len(COUNTRIES)]
        day = start_day + i
        lines.append(json.dumps({
            "id": f"syn-{i:04d}", "title": f"{a} and {b}",
            "date": f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}",
            "source": "Test Wire", "url": f"https://news.example/syn-{i}",
            "license": "CC0", "text": TEMPLATES[i % len(TEMPLATES)].format(a=a, b=b)}))
    return lines
