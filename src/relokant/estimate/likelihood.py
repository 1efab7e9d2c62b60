"""Log likelihood of each claim around its prediction: point, interval or one-sided bound.

Kept apart from the model (:mod:`relokant.estimate.model`) because its numerics are their
own job: tail probabilities far out in either tail, and gradients that stay finite in
the branches a claim does not use.
"""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp
import numpy as np
from jax.scipy.special import log_ndtr


def _log1mexp(x: Any) -> Any:
    """log(1 - exp(x)) for x < 0, accurate near 0 and far from it."""
    x = jnp.minimum(x, -1e-12)
    return jnp.where(x > -0.6931, jnp.log(-jnp.expm1(x)), jnp.log1p(-jnp.exp(x)))


def _interval_ends(z_lo: Any, z_hi: Any) -> tuple[Any, Any]:
    """Ends (a, b) with Phi(b) - Phi(a) = Phi(z_hi) - Phi(z_lo), mirrored into the lower tail.

    Far in the upper tail both Phi are near 1 and their difference cancels; by
    symmetry it equals Phi(-z_lo) - Phi(-z_hi), whose terms are small and exact.
    """
    upper_tail = z_lo > 0
    return jnp.where(upper_tail, -z_hi, z_lo), jnp.where(upper_tail, -z_lo, z_hi)


def claim_loglik(mu: Any, sigma: Any, data: dict[str, Any]) -> Any:
    """Log likelihood of each claim: point, interval or one-sided bound.

    All normal log-CDFs go through one batched ``log_ndtr`` call: that function is
    a long piecewise expansion, and each call site multiplies the compiled code.
    """
    lo, hi, bound = data["lo"], data["hi"], data["bound"]
    z_lo = (lo - mu) / sigma
    # unselected branches must stay finite, or their gradients poison the selected ones
    z_hi = jnp.where(bound == 2, (hi - mu) / sigma, z_lo + 1.0)
    a, b = _interval_ends(z_lo, z_hi)
    # per claim, the log-CDF arguments it needs: an interval both ends, "more than X"
    # Phi(-z), "up to X" Phi(z); points none (their first is computed and unused)
    first = jnp.where(bound == 2, a, jnp.where(bound == 3, -z_lo, z_lo))
    second = jnp.where(bound == 2, b, 0.0)
    logs = log_ndtr(jnp.stack([first, second]))
    interval = logs[1] + _log1mexp(logs[0] - logs[1])
    point = -0.5 * z_lo**2 - jnp.log(sigma) - 0.5 * np.log(2 * np.pi)
    return jnp.where(bound <= 1, point, jnp.where(bound == 2, interval, logs[0]))
