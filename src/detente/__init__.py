"""detente: political event data from international news.

Library first: ``code_documents`` turns input documents into coded articles; the CLI
and web dashboard are thin adapters over this package.
"""

from .errors import ConfigError, DetenteError, InputError, StoreError
from .records import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Location,
    Quote,
    RawDocument,
    Rejected,
    Span,
    Structure,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "CodedArticle",
    "ConfigError",
    "DetenteError",
    "Event",
    "InputError",
    "Location",
    "Quote",
    "RawDocument",
    "Rejected",
    "Span",
    "StoreError",
    "Structure",
    "__version__",
]
