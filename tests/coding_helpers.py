"""Helpers for tests that code short articles written for them."""

from detente.clean import clean
from detente.pipeline import _coder
from detente.records import RawDocument

WH = "The White House"
STATE = "U.S. Department of State"


def code(text, date="2023-03-08", source=None, explain=False):
    """The coded article of a text, as the pipeline's coder reads it."""
    article = clean(RawDocument(id="t", text=text, where="test", date=date, source=source))
    return _coder().code(article, explain=explain)


def parties(event):
    """Every country an event names, sorted."""
    return sorted({a.country for a in (*event.source, *event.target)})


def of_type(coded, kind):
    return [e for e in coded.events if e.type == kind]
