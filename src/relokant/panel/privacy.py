"""Small-cell suppression: no output shows a cell with fewer than k respondents."""

from __future__ import annotations

from relokant.errors import ValidationError

MIN_CELL = 10
"""The smallest k allowed; k may only be raised."""


def check_k(k: int) -> int:
    """Return k if it is at least MIN_CELL, else refuse (lowering k would expose people)."""
    if k < MIN_CELL:
        raise ValidationError(
            f"received a minimum cell size of {k}; expected at least {MIN_CELL}",
            field="k", hint=f"use a minimum cell size of {MIN_CELL} or more")
    return k
