"""``python -m relokant``."""

from relokant.cli import run

run()
