"""wirewatch: news coverage turned into evidence an analyst can trust.

The public Python API. Everything else is an implementation module.
"""

from .corpus import Corpus, extract_articles, read
from .errors import InputError, SchemaVersionError, StoreError, UsageError, WirewatchError
from .pipeline import IngestReport
from .records import (
    Actor,
    Article,
    Claim,
    DateRange,
    ElidedDate,
    Event,
    Extraction,
    PublishedDate,
    Quote,
    RawDocument,
    Rejected,
    RemovedBlock,
    Span,
    TimeExpression,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Claim",
    "Corpus",
    "DateRange",
    "ElidedDate",
    "Event",
    "Extraction",
    "IngestReport",
    "InputError",
    "PublishedDate",
    "Quote",
    "RawDocument",
    "Rejected",
    "RemovedBlock",
    "SchemaVersionError",
    "Span",
    "StoreError",
    "TimeExpression",
    "UsageError",
    "WirewatchError",
    "__version__",
    "extract_articles",
    "read",
]
