"""Synthetic panels with known return and onward-move hazards and informative attrition.

Young respondents return sooner and also drop out of the panel more, so an
unweighted estimate of the return share is biased low; the covariates explain
the dropout, so inverse-probability weights can undo it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_AGE = ("18-29", "30-44", "45+")
_RETURN = (0.06, 0.03, 0.015)   # monthly return hazard by age band
_ONWARD = (0.015, 0.01, 0.005)  # monthly onward-move hazard by age band
_DROP = (0.40, 0.10, 0.03)      # per-wave dropout probability by age band
_SHARE = (0.4, 0.35, 0.25)
_DEST = ("GE", "KZ", "AM", "TR")


@dataclass(frozen=True)
class SyntheticPanel:
    """A seeded panel generator; ``frame()`` gives respondent-wave rows."""

    respondents: int = 500
    waves: int = 8
    wave_gap: int = 3
    seed: int = 0
    #: Whether rows say where each respondent went (else, as in files without the
    #: column, those back before their first interview are recorded nowhere abroad).
    destination_column: bool = True

    def true_return_share(self, months: int = 12) -> float:
        """The population share returned within ``months`` (competing with onward moves)."""
        total = 0.0
        for share, hr, ho in zip(_SHARE, _RETURN, _ONWARD, strict=True):
            rate = -np.log1p(-hr) - np.log1p(-ho)
            total += share * hr / (hr + ho) * (1 - np.exp(-rate * months))
        return float(total)

    def frame(self) -> pd.DataFrame:
        """Respondent-wave rows in the import format (ids are plain, to be pseudonymised)."""
        rng = np.random.default_rng(self.seed)
        n = self.respondents
        age = rng.choice(3, size=n, p=_SHARE)
        hr, ho = np.take(_RETURN, age), np.take(_ONWARD, age)
        rate = -np.log1p(-hr) - np.log1p(-ho)
        event_time = rng.exponential(1 / rate)
        is_return = rng.random(n) < hr / (hr + ho)
        event_month = np.ceil(event_time).astype(int)
        dep = rng.integers(2022 * 12 + 2, 2023 * 12, size=n)
        dest = rng.choice(_DEST, size=n)
        sex = rng.choice(["F", "M"], size=n)
        occ = rng.choice(["it", "trade", "other"], size=n)
        rows = []
        for i in range(n):
            for wave in range(1, self.waves + 1):
                month = wave * self.wave_gap
                if wave > 1 and rng.random() < _DROP[age[i]]:
                    break
                happened = event_month[i] <= month
                ret = happened and is_return[i]
                onw = happened and not is_return[i]
                ev = _date(dep[i] + event_month[i]) if happened else None
                rows.append({
                    "respondent_id": f"r{i:05d}", "wave": wave,
                    "interview_date": _date(dep[i] + month, 15),
                    "residence": "RU" if ret else dest[i],
                    "departure_month": _date(dep[i])[:7],
                    "returned": int(ret), "return_date": ev if ret else None,
                    "moved_on": int(onw), "moved_on_date": ev if onw else None,
                    "design_weight": 1.0, "age_band": _AGE[age[i]], "sex": sex[i],
                    "occupation": occ[i], "cohort": str(dep[i] // 12),
                    "destination": dest[i] if self.destination_column else None,
                })
                if happened:
                    break
        frame = pd.DataFrame(rows)
        return frame if self.destination_column else frame.drop(columns="destination")


def _date(month_index: int, day: int = 1) -> str:
    year, month = divmod(int(month_index) - 1, 12)
    return f"{year:04d}-{month + 1:02d}-{day:02d}"
