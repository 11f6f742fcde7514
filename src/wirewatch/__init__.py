"""wirewatch: news coverage turned into evidence an analyst can trust.

The public Python API. Everything else is an implementation module.
"""

from .corpus import Corpus, read
from .errors import InputError, SchemaVersionError, StoreError, UsageError, WirewatchError
from .pipeline import IngestReport
from .records import Article, ElidedDate, PublishedDate, RawDocument, Rejected, RemovedBlock, Span

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Corpus",
    "ElidedDate",
    "IngestReport",
    "InputError",
    "PublishedDate",
    "RawDocument",
    "Rejected",
    "RemovedBlock",
    "SchemaVersionError",
    "Span",
    "StoreError",
    "UsageError",
    "WirewatchError",
    "__version__",
    "read",
]
