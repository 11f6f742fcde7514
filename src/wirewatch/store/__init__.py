"""The store: wirewatch's DuckDB database, and the only place that writes SQL.

::

    from wirewatch.store import Store

    with Store.open("wirewatch.duckdb") as store:
        seen = store.seen_raw_hashes(doc.raw_hash for doc in raw_documents)
        articles = clean([doc for doc in raw_documents if doc.raw_hash not in seen])
        result = store.write_batch(articles, rejected)

``TABLES`` describes every table (``schema.Table``: name, doc, typed columns, primary key).
Schema changes are migrations: see ``wirewatch.store.migrations``.
"""

from __future__ import annotations

from .duckdb import ArticleRef, EventFilter, ExportFormat, Store
from .rows import BatchResult
from .schema import TABLES, Column, Table
from .search import ArticleHit

__all__ = [
    "TABLES",
    "ArticleHit",
    "ArticleRef",
    "BatchResult",
    "Column",
    "EventFilter",
    "ExportFormat",
    "Store",
    "Table",
]
