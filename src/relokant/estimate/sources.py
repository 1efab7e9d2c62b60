"""Each source type's estimated bias beside its prior: what the report's bias chart shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from relokant.estimate.observations import SOURCE_TYPES, Observations


def source_biases(draws: Callable[[str], np.ndarray], obs: Observations,
                  priors: tuple[Mapping[Any, Any], Mapping[Any, Any]] | None = None
                  ) -> pd.DataFrame:
    """Posterior bias multipliers (90% interval) per source type and scale, with priors.

    ``n_claims`` says how many used claims inform each row: a row with none shows
    its prior only.
    """
    from relokant.estimate.model import COUNT_BIAS, SHARE_BIAS

    stated = priors or (COUNT_BIAS, SHARE_BIAS)  # the priors the fit used (--prior-scale)
    rows = []
    for scale, var, priors_of in (("count", "bias_count", stated[0]),
                                  ("share", "bias_share", stated[1])):
        values = np.exp(draws(var))
        mask = obs.is_share if scale == "share" else ~obs.is_share
        for k, source in enumerate(SOURCE_TYPES):
            n = int(np.sum(mask & (obs.source == k)))
            q = np.quantile(values[:, k], (0.05, 0.5, 0.95))
            rows.append({"source_type": source.value, "scale": scale, "n_claims": n,
                         "median": q[1], "q05": q[0], "q95": q[2],
                         "prior_mean": float(np.exp(priors_of[source].mean)),
                         "prior_reason": priors_of[source].why})
    return pd.DataFrame(rows)
