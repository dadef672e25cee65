"""What detente knows about the world.

``data/`` holds the knowledge files the package reads (countries, organizations, office
holders, titles, sector words, the trigger lexicon); ``lookup`` turns them into the tables
the coder queries; ``tsv`` reads them.
"""

from .lookup import (
    TODAY,
    Entry,
    Knowledge,
    Term,
    Trigger,
    inflections,
    load_knowledge,
    load_triggers,
    norm,
    normalize_role,
    tokenize,
    trigger_cues,
    trigger_cues_following,
    trigger_form_kinds,
    trigger_surface_forms,
)

__all__ = [
    "TODAY",
    "Entry",
    "Knowledge",
    "Term",
    "Trigger",
    "inflections",
    "load_knowledge",
    "load_triggers",
    "norm",
    "normalize_role",
    "tokenize",
    "trigger_cues",
    "trigger_cues_following",
    "trigger_form_kinds",
    "trigger_surface_forms",
]
