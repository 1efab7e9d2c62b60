"""The claims as arrays: the argument of the compiled likelihood and chains.

Rows can be padded to a fixed count so that one claim more (or fewer) keeps the
compiled programs' shapes: a warm re-fit then reuses what the previous fit compiled.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from relokant.estimate.observations import Observations

#: Claim rows are padded to a multiple of this, so that one claim more (or fewer) keeps
#: the compiled programs' shapes.
ROW_BLOCK = 16


def padded_rows(n: int) -> int:
    """How many rows ``n`` claims take once padded (at least one block)."""
    return max(ROW_BLOCK, -(-n // ROW_BLOCK) * ROW_BLOCK)


def observation_arrays(obs: Observations, rows: int | None = None) -> dict[str, Any]:
    """The observations' arrays as a JAX pytree, the argument of the compiled likelihood.

    ``rows`` pads them to that many rows by repeating the first claim (finite values, so
    finite gradients) with ``mask`` 0: padded rows add nothing to the likelihood.
    """
    arrays = {"t0": obs.t0, "t1": obs.t1, "per_day": obs.per_day, "cohort0": obs.cohort0,
              "cohort1": obs.cohort1, "kind": obs.kind, "lo": obs.lo, "hi": obs.hi,
              "bound": obs.bound, "source": obs.source, "is_share": obs.is_share,
              "temporary": obs.temporary, "stated_sd": obs.stated_sd, "ind": obs.ind,
              "dest": obs.dest, "W": obs.weights, "months_in": obs.months_in,
              "t_stock": obs.t_stock, "mask": np.ones(obs.n)}
    extra = (rows or obs.n) - obs.n
    if extra <= 0 or obs.n == 0:
        return arrays
    return {k: np.concatenate([np.asarray(v), np.repeat(np.asarray(v)[:1], extra, axis=0)])
            if k != "mask" else np.concatenate([v, np.zeros(extra)]) for k, v in arrays.items()}
