"""Bootstrap time of the panel estimator: relokant's numpy Aalen–Johansen vs lifelines.

Run ``python bench/run.py panel [--quick]`` (needs the ``crosscheck`` extra: lifelines);
the last line is one JSON object, as ``bench/run.py`` prints. Both sides share the
dropout model; lifelines is timed on inputs already split into wave intervals, so
the split it needs is not charged to it.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from typing import Any

import numpy as np
from tests.panel.test_lifelines_crosscheck import GAP, MONTHS, split_for_lifelines

from relokant.panel import SyntheticPanel
from relokant.panel.estimator import aalen_johansen
from relokant.panel.spells import ipw, spells


def run(quick: bool = False) -> dict[str, Any]:
    """Time ``replicates`` bootstrap replicates of a 500-respondent panel both ways."""
    import lifelines

    replicates = 40 if quick else 200
    sp = spells(SyntheticPanel(respondents=500, seed=0).frame())
    rng = np.random.default_rng(0)
    samples = [sp.iloc[rng.integers(0, len(sp), len(sp))].reset_index(drop=True)
               for _ in range(replicates)]
    start = time.perf_counter()
    weights = [ipw(s, int(s["waves"].max())) for s in samples]
    dropout = time.perf_counter() - start
    start = time.perf_counter()
    ours = [aalen_johansen(s, w, MONTHS, GAP)[0] for s, w in zip(samples, weights, strict=True)]
    numpy_s = time.perf_counter() - start
    frames = [split_for_lifelines(s, w) for s, w in zip(samples, weights, strict=True)]
    start = time.perf_counter()
    theirs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for f in frames:
            cif = lifelines.AalenJohansenFitter(calculate_variance=False, seed=0).fit(
                f["duration"], f["event"], event_of_interest=1, entry=f["entry"],
                weights=f["weight"]).cumulative_density_.iloc[:, 0]
            theirs.append(float(cif[cif.index <= MONTHS + 0.5].iloc[-1]))
    lifelines_s = time.perf_counter() - start
    result = {"replicates": replicates, "respondents": 500, "dropout_model_s": round(dropout, 2),
              "aalen_johansen_numpy_s": round(numpy_s, 2),
              "aalen_johansen_lifelines_s": round(lifelines_s, 2),
              "bootstrap_numpy_s": round(dropout + numpy_s, 2),
              "bootstrap_lifelines_s": round(dropout + lifelines_s, 2),
              "max_abs_difference": float(np.max(np.abs(np.subtract(ours, theirs))))}
    print(f"{replicates} replicates: relokant {result['bootstrap_numpy_s']} s, with lifelines' "
          f"fitter {result['bootstrap_lifelines_s']} s")
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv)))
