"""The exceptions wirewatch raises.

::

    WirewatchError                 base; str(e) is one line a user can act on
    ├── InputError                 a file or stream that cannot be read as articles
    ├── StoreError                 the database cannot be opened, migrated or written
    │   └── SchemaVersionError     the database is newer than this wirewatch
    └── UsageError                 options that do not make sense together

Per-article problems inside a batch are not raised: they become ``records.Rejected`` values so
the batch goes on. Exceptions are for what stops a whole command.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base class. The message is a single line naming the thing and the reason."""


class InputError(WirewatchError):
    """A path, file or stream that cannot be read."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(WirewatchError):
    """The store cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The database was written by a newer wirewatch than this one."""


class UsageError(WirewatchError):
    """Options or arguments that do not make sense together."""
