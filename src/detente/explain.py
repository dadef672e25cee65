"""``detente code --explain``: sentence by sentence, the actors found and why each
candidate event was made or dropped."""

from __future__ import annotations

from .records import CodedArticle


def explain(coded: CodedArticle) -> str:
    from .coder import Coder
    from .pipeline import _coder

    coder: Coder = _coder()
    article = coded.article
    s = article.structure
    lines = [f"# {article.id}: {s.title or '(no title)'}",
             f"  date {article.date or 'unknown'}; {s.body_paragraphs} paragraph(s); dropped "
             f"{s.duplicate_paragraphs_dropped} repeated paragraph(s), "
             f"{s.duplicate_headlines_dropped} repeated headline(s)"]
    by_sentence: dict[int, list] = {}
    for d in coded.decisions:
        by_sentence.setdefault(d.sentence, []).append(d)
    for sent in coder.sentences(article):
        end = sent.start + len(sent.text)
        lines.append(f"\n[{sent.index + 1}] {sent.text}")
        actors = [a for a in coded.actors if sent.start <= a.start < end]
        if actors:
            lines.append("    actors: " + "; ".join(
                f"{a.text!r} -> {a.label}" + (f" ({a.name})" if a.name else "")
                + (f" [{a.how}]" if a.how else "") for a in actors))
        events = [e for e in coded.events if e.evidence.start == sent.start]
        for e in events:
            src = ", ".join(a.label for a in e.source)
            tgt = ", ".join(a.label for a in e.target) or "-"
            lines.append(f"    EVENT {e.type}{'/' + e.mode if e.mode else ''} {src} -> {tgt}"
                         f" ({e.modality}; trigger {e.trigger.text!r}; rule {e.rule})")
        for d in by_sentence.get(sent.index, []):
            if d.outcome != "event":
                lines.append(f"    no event from {d.trigger!r}: {d.reason}")
        if not actors and not events and sent.index not in by_sentence:
            why = coder.why_not_parsed(sent)
            lines.append(f"    ({why}: not parsed)" if why else "    (no candidate event)")
    return "\n".join(lines)
