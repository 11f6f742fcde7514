"""Shared test fixtures: where the shared sample lives, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.yaml"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not GOLD.is_file():
        pytest.skip(f"shared sample not found at {SHARED} (set WIREWATCH_SHARED to its path)")
    return SEEDS
