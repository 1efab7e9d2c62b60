"""Judging claims against the rest of the evidence, without refitting.

Pareto-smoothed importance weights (PSIS-LOO) give, for every claim, the
posterior as if that claim had been left out: its predictive tail probability
under the other claims (small: the evidence contradicts it) and how far the
headline figures move without it (influence).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

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
    # a claim every draw satisfies alike makes PSIS divide by zero (handled below): numpy's
    # warnings about it would reach the user's terminal, naming nothing they can act on
    with np.errstate(divide="ignore", invalid="ignore"):
        smoothed, k = az.psislw(-log_lik.T)  # type: ignore[no-untyped-call]  # arviz expects (..., draws) along the last axis
    smoothed = np.asarray(smoothed).T.reshape(draws, n)
    w = np.exp(smoothed - smoothed.max(axis=0, keepdims=True))
    w = w / w.sum(axis=0, keepdims=True)
    k = np.atleast_1d(np.asarray(k, dtype=float))
    # a claim every draw satisfies alike (a lower bound far below the posterior) has a
    # constant likelihood: leaving it out changes nothing, and PSIS divides by zero
    flat = ~np.all(np.isfinite(w), axis=0) | (np.ptp(log_lik, axis=0) < 1e-12)
    w[:, flat] = 1.0 / draws
    k[flat] = 0.0
    return w, k


#: Stan/ArviZ practice: fail on R-hat above this, bulk or tail ESS below that,
#: or more than this fraction of divergent transitions (any divergence warns).
RHAT_LIMIT = 1.01
ESS_LIMIT = 400.0
DIVERGENT_LIMIT = 0.01


@dataclass(frozen=True)
class SamplerHealth:
    """Sampler checks with the parameters that fail them, worst first."""

    rhat_max: float
    ess_bulk_min: float
    ess_tail_min: float
    divergent_fraction: float
    failing: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when no check fails (warnings allowed)."""
        return not self.failing


def _worst(values: dict[str, float], bad: Callable[[float], bool], reverse: bool) -> list[str]:
    names = [n for n, v in values.items() if bad(v)]
    return sorted(names, key=lambda n: values[n], reverse=reverse)[:5]


def sampler_health(posterior: Any, divergent: NDArray[np.bool_]) -> SamplerHealth:
    """R-hat, bulk and tail ESS per parameter and the divergent fraction.

    ``posterior`` is an xarray Dataset (chain, draw, ...) of the parameters to
    check; ``divergent`` the sampler's per-transition flags. Failing checks
    name up to five parameters each so the reader knows where to look.
    """
    import arviz as az

    rhat = az.rhat(posterior)  # type: ignore[no-untyped-call]
    bulk = az.ess(posterior, method="bulk")  # type: ignore[no-untyped-call]
    tail = az.ess(posterior, method="tail")  # type: ignore[no-untyped-call]

    def per_var(ds: Any, worst: Callable[[NDArray[np.float64]], float]) -> dict[str, float]:
        out = {}
        for name in ds.data_vars:
            vals = np.asarray(ds[name], dtype=float)
            vals = vals[np.isfinite(vals)]
            if vals.size:
                out[str(name)] = worst(vals)
        return out

    r = per_var(rhat, lambda v: float(v.max()))
    b = per_var(bulk, lambda v: float(v.min()))
    t = per_var(tail, lambda v: float(v.min()))
    flags = np.asarray(divergent, dtype=bool)
    frac = float(flags.mean()) if flags.size else 0.0
    failing: list[str] = []
    bad_r = _worst(r, lambda v: v > RHAT_LIMIT, True)
    if bad_r:
        failing.append(f"R-hat above {RHAT_LIMIT} for {', '.join(bad_r)}")
    for label, values in (("bulk", b), ("tail", t)):
        bad = _worst(values, lambda v: v < ESS_LIMIT, False)
        if bad:
            failing.append(f"{label} ESS below {ESS_LIMIT:.0f} for {', '.join(bad)}")
    warnings: list[str] = []
    if frac > DIVERGENT_LIMIT:
        failing.append(f"{100 * frac:.1f}% divergent transitions (limit "
                       f"{100 * DIVERGENT_LIMIT:.0f}%)")
    elif flags.any():
        warnings.append(f"{int(flags.sum())} divergent transitions ({100 * frac:.2f}%); "
                        "raise the target acceptance if they persist")
    return SamplerHealth(max(r.values(), default=1.0), min(b.values(), default=0.0),
                         min(t.values(), default=0.0), frac, tuple(failing), tuple(warnings))


def suspect_claims(judgements: Sequence[ClaimJudgement], k_limit: float = 0.7,
                   limit: int = 3) -> list[str]:
    """Claims most likely behind a failing fit: high Pareto k or large residual."""
    ranked = sorted(judgements, key=lambda j: (j.pareto_k, abs(j.residual)), reverse=True)
    picked = [j for j in ranked if j.pareto_k > k_limit or abs(j.residual) > 3.0]
    return [f"{j.claim_id} (Pareto k {j.pareto_k:.2f}, residual {j.residual:+.1f})"
            for j in (picked or ranked)[:limit]]
