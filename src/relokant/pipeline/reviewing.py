"""The review queue: pending claims, least certain first, with the fields to check.

The CLI's ``review`` and the web's review page both read this, so a reviewer sees
the same order and the same highlighted fields whichever door they use.
"""

from __future__ import annotations

from dataclasses import dataclass

from relokant.extract.confidence import least_certain
from relokant.ledger import ClaimFilter, Ledger
from relokant.records import Claim

#: A field whose confidence is below this is highlighted for the reviewer.
UNCERTAIN = 0.7


@dataclass(frozen=True)
class ReviewItem:
    """A pending claim, its lowest field confidence and the fields worth checking."""

    claim: Claim
    certainty: float
    uncertain: tuple[str, ...]

    def confidence_of(self, name: str) -> float | None:
        """The extractor's confidence in one field (None when it stated none)."""
        return dict(self.claim.confidence).get(name)


def review_item(claim: Claim) -> ReviewItem:
    """One claim as the queue shows it."""
    uncertain = tuple(name for name, c in sorted(claim.confidence, key=lambda p: p[1])
                      if c < UNCERTAIN)
    return ReviewItem(claim, least_certain(claim), uncertain)


def review_queue(ledger: Ledger, *, limit: int | None = None,
                 offset: int = 0) -> tuple[list[ReviewItem], int]:
    """One page of pending claims, least certain first (reading order on ties), and the total."""
    pending = [review_item(c) for c in ledger.list_claims(ClaimFilter(status="pending"))]
    ordered = sorted(pending, key=lambda item: item.certainty)
    end = None if limit is None else offset + limit
    return ordered[offset:end], len(ordered)
