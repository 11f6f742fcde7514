"""Docs that are tested: every CLI command and option in the README, every setting in
docs/settings.md."""

from __future__ import annotations

import typer.main

from tests.conftest import ROOT
from wirewatch.cli import app
from wirewatch.settings import settings_markdown


def test_settings_doc_is_generated_from_the_table() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text("utf-8")
    assert doc.endswith(settings_markdown()), "regenerate docs/settings.md from SETTINGS"


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"`wirewatch {name}" in readme, f"command {name} is not documented"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in readme, f"option {opt} of {name} is not documented"
