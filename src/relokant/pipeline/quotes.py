"""Where a claim's figures stand in its quote: one tolerance for every front end."""

from __future__ import annotations

from relokant.extract.numbers import find_numbers
from relokant.records import Claim

#: A number in the quote is the claim's figure when within this relative distance.
FIGURE_TOLERANCE = 0.005


def figure_spans(quote: str, claim: Claim) -> list[tuple[int, int]]:
    """Character spans of the quote's numbers that are the claim's figures."""
    return [(n.start, n.end) for n in find_numbers(quote)
            if any(abs(n.value - f) <= FIGURE_TOLERANCE * max(f, 1.0) for f in claim.figures)]
