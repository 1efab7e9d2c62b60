"""The hand-written Aalen–Johansen agrees with lifelines' AalenJohansenFitter.

relokant keeps its own numpy estimator (faster in the bootstrap and free of
lifelines' pandas<3 pin: see the README's panel section); this test pins it to
the reference implementation. lifelines takes one weight per row, so the
time-varying attrition weights are fed to it as one row per respondent and
wave interval (left-truncated at the interval's start). Monthly data are tied;
lifelines jitters tied event times by at most 1e-4, so censoring is put half a
month after the last interview (the numpy estimator counts a respondent seen in
month t at risk in month t).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from relokant.panel import SyntheticPanel
from relokant.panel.estimator import aalen_johansen
from relokant.panel.spells import ipw, spells

lifelines = pytest.importorskip("lifelines")

TOLERANCE = 1e-9  # the two agree to floating-point error, not merely statistically
MONTHS, GAP = 12, 3


def split_for_lifelines(sp: pd.DataFrame, weights: np.ndarray | None) -> pd.DataFrame:
    """Rows lifelines can fit: one per respondent, or per respondent and wave interval."""
    ev = sp["event"].to_numpy()
    last = np.where(ev > 0, sp["event_month"].to_numpy(float), sp["follow"].to_numpy(float))
    if weights is None:
        return pd.DataFrame({"duration": np.where(ev > 0, last, last + 0.5), "event": ev,
                             "entry": 0.0, "weight": sp["design_weight"].to_numpy(float)})
    cap = weights.shape[1] - 1
    rows = []
    for i in range(len(sp)):
        for k in range(1, cap + 1):
            start, end = (k - 1) * GAP, (k * GAP if k < cap else math.inf)
            if last[i] <= start:
                break
            inside = last[i] <= end
            rows.append({"entry": start + 0.5 if k > 1 else 0.0,
                         "duration": last[i] if inside and ev[i] else min(last[i], end) + 0.5,
                         "event": ev[i] if inside else 0,
                         "weight": sp["design_weight"].iat[i] * weights[i, k]})
    return pd.DataFrame(rows)


def _lifelines_cif(sp: pd.DataFrame, weights: np.ndarray | None) -> tuple[float, float]:
    """Cumulative incidence of return and onward move by MONTHS, from lifelines."""
    frame = split_for_lifelines(sp, weights)
    out = []
    for event in (1, 2):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ties jittered; non-integer weights
            fitted = lifelines.AalenJohansenFitter(calculate_variance=False, seed=0).fit(
                frame["duration"], frame["event"], event_of_interest=event,
                entry=frame["entry"], weights=frame["weight"])
        cif = fitted.cumulative_density_.iloc[:, 0]
        out.append(float(cif[cif.index <= MONTHS + 0.5].iloc[-1]))
    return out[0], out[1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_unweighted_estimates_match_lifelines(seed: int) -> None:
    sp = spells(SyntheticPanel(respondents=300, seed=seed).frame())
    ones = np.ones((len(sp), int(sp["waves"].max()) + 1))
    ours = aalen_johansen(sp, ones, MONTHS, GAP)
    assert ours == pytest.approx(_lifelines_cif(sp, None), abs=TOLERANCE)
    assert ours[0] > 0.1 and ours[1] > 0.02  # both risks present: not a vacuous match


def test_attrition_weighted_estimates_match_lifelines() -> None:
    sp = spells(SyntheticPanel(respondents=200, seed=7).frame())
    weights = ipw(sp, int(sp["waves"].max()))
    assert weights.std() > 0.1  # the weights really vary by respondent and wave
    ours = aalen_johansen(sp, weights, MONTHS, GAP)
    assert ours == pytest.approx(_lifelines_cif(sp, weights), abs=TOLERANCE)
