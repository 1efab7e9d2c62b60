"""Each source type's estimated bias beside its prior: what the report's bias chart shows."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from relokant.estimate.observations import SOURCE_TYPES, Observations


def source_biases(draws: Callable[[str], np.ndarray], obs: Observations) -> pd.DataFrame:
    """Posterior bias multipliers (90% interval) per source type and scale, with priors.

    ``n_claims`` says how many used claims inform each row: a row with none shows
    its prior only.
    """
    from relokant.estimate.model import COUNT_BIAS, SHARE_BIAS

    rows = []
    for scale, var, priors in (("count", "bias_count", COUNT_BIAS),
                               ("share", "bias_share", SHARE_BIAS)):
        values = np.exp(draws(var))
        mask = obs.is_share if scale == "share" else ~obs.is_share
        for k, source in enumerate(SOURCE_TYPES):
            n = int(np.sum(mask & (obs.source == k)))
            q = np.quantile(values[:, k], (0.05, 0.5, 0.95))
            rows.append({"source_type": source.value, "scale": scale, "n_claims": n,
                         "median": q[1], "q05": q[0], "q95": q[2],
                         "prior_mean": float(np.exp(priors[source].mean)),
                         "prior_reason": priors[source].why})
    return pd.DataFrame(rows)
