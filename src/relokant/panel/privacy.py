"""Small-cell suppression: no output shows a cell with fewer than k respondents."""

from __future__ import annotations

from collections.abc import Mapping

from relokant.errors import ValidationError

MIN_CELL = 10
"""The smallest k allowed; k may only be raised."""


def check_k(k: object) -> int:
    """Return k if it is an integer of at least MIN_CELL, else refuse (a lower k exposes people)."""
    if isinstance(k, bool) or not isinstance(k, int) or k < MIN_CELL:
        raise ValidationError(
            f"received a minimum cell size of {k!r}; expected an integer of at least {MIN_CELL}",
            field="k", hint=f"use a minimum cell size of {MIN_CELL} or more (it can only be "
                            "raised)")
    return k


def suppressed_cells(sizes: Mapping[str, int], k: int) -> dict[str, str]:
    """Which cells to hide and why: ``"small"`` (fewer than k) or ``"complementary"``.

    A table's grand total is shown elsewhere (the ungrouped estimate), so one hidden
    cell could be recovered by subtraction; when exactly one cell is small, the next
    smallest is hidden too, and the two can only be recovered together.
    """
    hidden = {name: "small" for name, n in sizes.items() if n < check_k(k)}
    shown = sorted((n, name) for name, n in sizes.items() if name not in hidden)
    if len(hidden) == 1 and shown:
        hidden[shown[0][1]] = "complementary"
    return hidden


def suppression_note(suppressed: int, k: int) -> str | None:
    """The line every output adds when it hid cells (None when it hid none)."""
    if not suppressed:
        return None
    return (f"{suppressed} cell(s) suppressed: fewer than {k} respondents, or hidden so that "
            "a total cannot reveal a smaller cell")
