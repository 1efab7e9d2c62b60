"""Judging claims against the rest of the evidence, without refitting.

Pareto-smoothed importance weights (PSIS-LOO) give, for every claim, the
posterior as if that claim had been left out: its predictive tail probability
under the other claims (small: the evidence contradicts it) and how far the
headline figures move without it (influence).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr

from relokant.estimate.observations import Observations


@dataclass(frozen=True)
class ClaimJudgement:
    """How the evidence judges one claim."""

    claim_id: str
    residual: float
    tail_probability: float
    face_value_probability: float
    influence: dict[str, float]
    pareto_k: float


def _weighted_quantile(values: NDArray[np.float64], weights: NDArray[np.float64],
                       q: float) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][min(np.searchsorted(cum, q * cum[-1]), len(values) - 1)])


def _tail(lo: float, hi: float, bound: int, m: NDArray[np.float64], s: NDArray[np.float64],
          w: NDArray[np.float64]) -> float:
    """Weighted predictive probability of a value at least as extreme as the claim."""
    below_hi = float(np.sum(w * ndtr((hi - m) / s)))  # P(y <= hi)
    above_lo = float(np.sum(w * (1 - ndtr((lo - m) / s))))  # P(y >= lo)
    if bound == 3:
        return above_lo
    if bound == 4:
        return below_hi
    return min(1.0, 2 * min(below_hi, above_lo))


def judge_claims(
    obs: Observations,
    truth: NDArray[np.float64],
    mu: NDArray[np.float64],
    sigma: NDArray[np.float64],
    log_lik: NDArray[np.float64],
    headlines: dict[str, NDArray[np.float64]],
) -> list[ClaimJudgement]:
    """Residual, LOO tail probability and influence for every observed claim.

    ``truth`` is the functional of the path each claim states, ``mu`` the same
    plus its source type's bias; with ``sigma``/``log_lik`` all (draws, claims).
    ``headlines`` maps a name to its draws (e.g. departures at the last month).
    The tail probability allows for the source type's estimated bias; the
    face-value probability asks whether the truth (with the claim's noise)
    could be as the claim states, which is what "contradicted" means.
    """
    weights, pareto_k = _loo(log_lik)
    full = {name: float(np.median(draws)) for name, draws in headlines.items()}
    judgements = []
    for i, claim_id in enumerate(obs.claim_ids):
        w = weights[:, i]
        m, s = mu[:, i], sigma[:, i]
        lo, hi, bound = obs.lo[i], obs.hi[i], int(obs.bound[i])
        tail = _tail(lo, hi, bound, m, s, w)
        face = _tail(lo, hi, bound, truth[:, i], s, w)
        centre = float(np.sum(w * truth[:, i]))
        spread = float(np.sqrt(np.sum(w * (truth[:, i] - centre) ** 2) + np.sum(w * s**2)))
        if bound == 3:
            residual = max(0.0, (lo - centre) / spread)
        elif bound == 4:
            residual = min(0.0, (hi - centre) / spread)
        elif bound == 2:
            residual = 0.0 if lo <= centre <= hi else (
                (lo - centre) / spread if centre < lo else (hi - centre) / spread)
        else:
            residual = (lo - centre) / spread
        influence = {}
        for name, draws in headlines.items():
            without = _weighted_quantile(draws, w, 0.5)
            base = full[name]
            influence[name] = 100.0 * (without - base) / abs(base) if base else 0.0
        judgements.append(ClaimJudgement(claim_id, residual, tail, face, influence,
                                         float(pareto_k[i])))
    return judgements


def _loo(log_lik: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """PSIS weights for leaving out each claim: (draws, claims) and k per claim."""
    import arviz as az

    draws, n = log_lik.shape
    smoothed, k = az.psislw(-log_lik.T)  # type: ignore[no-untyped-call]  # arviz expects (..., draws) along the last axis
    smoothed = np.asarray(smoothed).T.reshape(draws, n)
    w = np.exp(smoothed - smoothed.max(axis=0, keepdims=True))
    return w / w.sum(axis=0, keepdims=True), np.atleast_1d(np.asarray(k, dtype=float))
