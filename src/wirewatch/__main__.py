"""``python -m wirewatch`` runs the CLI."""

from .cli import main

main()
