"""``python -m balju`` runs the CLI."""

from balju.cli import run

run()
