"""Weighted competing-risks (Aalen–Johansen) return and onward-move shares.

Weights are design weight × inverse probability of still being in the panel,
from a logistic dropout model on covariates; intervals come from a bootstrap
over respondents (the dropout model refitted in each replicate).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd

from relokant.errors import EstimateError
from relokant.panel.privacy import MIN_CELL, check_k, suppressed_cells
from relokant.panel.spells import ipw, spells

By = Literal["cohort", "destination"] | None


def aalen_johansen(sp: pd.DataFrame, weights: np.ndarray, months: int,
                   gap: int) -> tuple[float, float]:
    """Cumulative incidence of return and of onward move by ``months`` (discrete months)."""
    ev, em = sp["event"].to_numpy(), sp["event_month"].to_numpy(float)
    follow = sp["follow"].to_numpy(float)
    last = np.where(ev > 0, em, follow)
    wave_cap = weights.shape[1] - 1
    surv, cif = 1.0, [0.0, 0.0]
    for t in range(1, months + 1):
        risk = last >= t
        wave = min(math.ceil(t / gap), wave_cap)
        w = sp["design_weight"].to_numpy(float) * weights[:, wave]
        total = float(w[risk].sum())
        if total <= 0:
            break
        haz = [float(w[risk & (ev == j) & (em == t)].sum()) / total for j in (1, 2)]
        cif = [cif[0] + surv * haz[0], cif[1] + surv * haz[1]]
        surv *= 1 - haz[0] - haz[1]
    return cif[0], cif[1]


class PanelEstimator:
    """Estimate the share returned (and moved on) within ``months`` of departure."""

    def __init__(self, *, months: int = 12, weighted: bool = True, replicates: int = 200,
                 level: float = 0.9, k: int = MIN_CELL, by: By = None, seed: int = 0) -> None:
        self.months, self.weighted, self.replicates = months, weighted, replicates
        self.level, self.k, self.by, self.seed = level, check_k(k), by, seed
        if replicates < 2 or not 0 < level < 1:
            raise EstimateError(f"received {replicates} replicates at level {level}; expected "
                                "at least 2 replicates and a level between 0 and 1",
                                hint="use the defaults (200 replicates, level 0.9)")

    def fit(self, waves: pd.DataFrame) -> PanelEstimator:
        """Fit on respondent-wave rows; results land in attributes ending in ``_``.

        ``summary_`` has one row per cell; a suppressed cell keeps only its name
        and ``suppressed`` (``"small"`` or ``"complementary"``), never its figures.
        """
        check_k(self.k)
        if waves.empty:
            raise EstimateError("received an empty panel; expected respondent-wave rows",
                                hint="import a panel first")
        sp = spells(waves)
        gap = max(1, round(float(np.median(sp["follow"] / sp["waves"]))))
        rng = np.random.default_rng(self.seed)
        groups = ({"all": sp} if self.by is None else
                  {str(name): cell for name, cell in sp.groupby(self.by)})
        hidden = suppressed_cells({name: len(cell) for name, cell in groups.items()}, self.k)
        rows = [self._cell(name, cell.reset_index(drop=True), gap, rng)
                if name not in hidden else {**_HIDDEN, "group": name, "suppression": hidden[name]}
                for name, cell in groups.items()]
        self.gap_ = gap
        self.respondents_ = len(sp)
        self.summary_ = pd.DataFrame(rows, columns=list(_HIDDEN))
        self.suppressed_ = int(self.summary_["suppressed"].sum())
        return self

    def _point(self, sp: pd.DataFrame, gap: int) -> tuple[float, float]:
        max_wave = int(sp["waves"].max())
        weights = ipw(sp, max_wave) if self.weighted else np.ones((len(sp), max_wave + 1))
        return aalen_johansen(sp, weights, self.months, gap)

    def _cell(self, name: str, sp: pd.DataFrame, gap: int,
              rng: np.random.Generator) -> dict[str, object]:
        n = len(sp)
        ret, onw = self._point(sp, gap)
        boot = np.array([self._point(sp.iloc[rng.integers(0, n, n)].reset_index(drop=True),
                                     gap)[0] for _ in range(self.replicates)])
        tail = (1 - self.level) / 2
        return {"group": name, "respondents": n, "return_share": ret,
                "lower": float(np.quantile(boot, tail)),
                "upper": float(np.quantile(boot, 1 - tail)),
                "std_error": float(boot.std(ddof=1)), "onward_share": onw,
                "suppressed": False, "suppression": None}


_HIDDEN: dict[str, object] = {
    "group": None, "respondents": None, "return_share": None, "lower": None, "upper": None,
    "std_error": None, "onward_share": None, "suppressed": True, "suppression": None}
"""A suppressed cell: every figure blank, whatever it was."""
