"""Exports of the store for other tools: its tables, and its events in the GDELT 2.0 and
PLOVER/POLECAT shapes.

::

    parquet | jsonl   --table T: one table to one file (default T.parquet / T.jsonl);
                      no --table: every table to DIR/<table>.<format> (default wirewatch-export/)
    gdelt             GDELT 2.0 event table, one row per event cluster (gdelt.py); --header
                      adds the column names as a first line
    plover            POLECAT-style JSON Lines, one line per report of an event (plover.py)

The event formats go to stdout unless ``--out FILE`` is given. ``ExportRequest`` checks the
combination before anything is opened; ``run_export`` does it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, cast

from ..errors import UsageError
from ..store import ExportFormat, Store
from .gdelt import GDELT_COLUMNS, gdelt_row, global_event_id, write_gdelt
from .plover import PLOVER_KEYS, plover_record, write_plover
from .tables import export_tables

__all__ = [
    "DEFAULT_DIR",
    "FORMATS",
    "GDELT_COLUMNS",
    "PLOVER_KEYS",
    "ExportRequest",
    "export_tables",
    "gdelt_row",
    "global_event_id",
    "plover_record",
    "run_export",
    "write_gdelt",
    "write_plover",
]

#: Every ``--format``, tables first.
FORMATS = ("parquet", "jsonl", "gdelt", "plover")
TABLE_FORMATS = ("parquet", "jsonl")
#: Where every table goes when ``--table`` is not given.
DEFAULT_DIR = Path("wirewatch-export")
STDOUT = Path("-")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export, where. Built from the command line; checked on construction.

    Raises:
        UsageError: an unknown format, or options that do not go together (``--table`` with an
            event format, ``--header`` with anything but gdelt).
    """

    fmt: str
    table: str | None = None
    out: Path | None = None
    header: bool = False

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise UsageError(
                f"unknown export format {self.fmt!r}; valid formats: {', '.join(FORMATS)}"
            )
        if self.table is not None and self.fmt not in TABLE_FORMATS:
            raise UsageError(
                f"--table goes with --format parquet or jsonl; {self.fmt} exports events"
            )
        if self.header and self.fmt != "gdelt":
            raise UsageError("--header goes with --format gdelt only")

    def target(self) -> Path:
        """Where the export goes: a file, a directory (every table), or ``-`` (stdout)."""
        if self.out is not None:
            return self.out
        if self.fmt not in TABLE_FORMATS:
            return STDOUT
        return Path(f"{self.table}.{self.fmt}") if self.table else DEFAULT_DIR


def run_export(store: Store, request: ExportRequest, stdout: TextIO) -> str:
    """Do the export; returns one line saying what was written where.

    Raises:
        UsageError: an unknown table, or an output that cannot be written.
        StoreError: the store cannot be read or a table file cannot be written.
    """
    target = request.target()
    if request.fmt in TABLE_FORMATS:
        fmt = cast(ExportFormat, request.fmt)
        if request.table is not None:
            rows = store.export(request.table, fmt, target)
            return f"wrote {rows} rows of {request.table} to {target}"
        counts = export_tables(store, fmt, target)
        return f"wrote {len(counts)} tables ({sum(counts.values())} rows) to {target}/"
    if target == STDOUT:
        return _write_events(store, request, stdout, "stdout")
    try:
        with target.open("w", encoding="utf-8", newline="\n") as out:
            return _write_events(store, request, out, str(target))
    except OSError as exc:
        raise UsageError(f"--out {target}: cannot write: {exc.strerror or exc}") from None


def _write_events(store: Store, request: ExportRequest, out: TextIO, where: str) -> str:
    if request.fmt == "gdelt":
        rows = write_gdelt(store, out, request.header)
        return f"wrote {rows} GDELT events (one per event cluster) to {where}"
    lines = write_plover(store, out)
    return f"wrote {lines} PLOVER event reports to {where}"
