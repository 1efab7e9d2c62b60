"""Synthetic ledgers shared by the estimate tests."""

from __future__ import annotations

import numpy as np

from relokant.estimate.synthetic import simulate_world, synthetic_claims


def synthetic_ledger(seed: int) -> tuple[object, list]:  # type: ignore[type-arg]
    """A synthetic world and the claims its sources published, from one seed."""
    rng = np.random.default_rng(seed)
    truth = simulate_world(rng=rng)
    claims, _ = synthetic_claims(truth, rng=rng)
    return truth, claims
