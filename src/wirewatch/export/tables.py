"""Every stored table at once: ``DIR/<table>.parquet`` (or ``.jsonl``), one file per table."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..store import ExportFormat, Store

__all__ = ["export_tables"]


def export_tables(store: Store, fmt: ExportFormat, directory: Path) -> dict[str, int]:
    """Write each table of the store to ``directory/<table>.<fmt>`` (the directory is made if
    needed; files of the same names are replaced); returns the rows written per table.

    Raises:
        UsageError: ``directory`` is a file or cannot be made.
        StoreError: the store cannot be read or a file cannot be written.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"--out {directory}: is a file; without --table it names a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {directory}: cannot make directory: {exc.strerror}") from None
    return {name: store.export(name, fmt, directory / f"{name}.{fmt}") for name in store.tables()}
