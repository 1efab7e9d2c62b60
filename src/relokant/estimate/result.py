"""The Estimate: what a fit produced, as one frozen record the later stages read.

Report, simulate, publish and the front ends all consume this record rather than
the :class:`~relokant.estimate.Reconciler` that made it, so none of them needs to
know how the model was sampled, and none re-joins results to claims by hand: the
posterior (ArviZ ``InferenceData``, labelled by month, source type and claim, with
its provenance in the attributes), the summaries, the per-claim judgements, the
exclusions, the diagnostics and the priors as data travel together.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from relokant.estimate.diagnostics import ClaimJudgement
from relokant.estimate.observations import HOST, KIND_NAMES, Exclusion, Observations
from relokant.events import Event
from relokant.records import Claim

#: A claim is contradicted when, without it, the truth is this unlikely to be as it states.
CONTRADICTION_P = 0.05
#: Quantities a fit can inform; which of them it did is :attr:`Estimate.identified`.
QUANTITIES = ("departures", "returns", "return_share", "abroad")


@dataclass(frozen=True)
class Diagnostics:
    """Sampler health: convergence, effective sample sizes, divergences and the verdict."""

    rhat_max: float
    ess_bulk_min: float
    divergences: int
    seconds: float
    ok: bool
    ess_tail_min: float = 0.0
    divergent_fraction: float = 0.0
    failing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prior:
    """One source type's bias priors as data (multipliers, their log/logit sd, reasons)."""

    source_type: str
    count_mean: float
    count_sd: float
    count_why: str
    share_mean: float
    share_sd: float
    share_why: str


@dataclass(frozen=True)
class Headline:
    """One headline figure: its posterior median and 90% interval at a date."""

    key: str
    label: str
    as_of: dt.date
    median: float
    q05: float
    q95: float


def headline_label(key: str, event: Event, as_of: dt.date) -> str:
    """How a headline reads: phrased by its date, so it still reads right years later."""
    day = f"{as_of.day} {as_of:%B %Y}"
    return {"departures_first_year": f"departures by end of {as_of.year}"
            if (as_of.month, as_of.day) == (12, 31) else f"departures by {day}",
            "departures": f"departures by {day}",
            "return_share": f"return share by {day} (%)",
            "abroad": f"people abroad on {day}"}[key]


@dataclass(frozen=True)
class Estimate:
    """A fitted estimate: posterior, summaries, judgements and provenance, immutable.

    Attributes
    ----------
    posterior
        ArviZ ``InferenceData``; ``posterior.attrs`` carries the ledger snapshot, model
        version, seed, sampler settings and the event.
    quantities
        Monthly quantiles per identified quantity (median, 50% and 90% intervals).
    sources
        Each source type's estimated bias per scale, with its prior.
    judgements
        How the rest of the evidence judges each used claim (PSIS-LOO).
    """

    posterior: Any
    event: Event
    observations: Observations
    quantities: pd.DataFrame
    headlines: tuple[Headline, ...]
    sources: pd.DataFrame
    judgements: tuple[ClaimJudgement, ...]
    excluded: tuple[Exclusion, ...]
    diagnostics: Diagnostics
    priors: tuple[Prior, ...]
    warnings: tuple[str, ...]
    identified: frozenset[str]
    seed: int
    claims: Mapping[str, Claim] = field(default_factory=dict)
    headline_draws: Mapping[str, NDArray[np.float64]] = field(default_factory=dict)
    #: Where the evidence ends and the path's projection runs to
    #: (:class:`relokant.estimate.horizon.Horizon`).
    horizon: Any = None
    #: Power-scaling sensitivity of each headline, when the fit computed it
    #: (:class:`relokant.estimate.sensitivity.Sensitivity`).
    sensitivity: Any = None
    #: Where the chains ended (:class:`relokant.estimate.warm.SamplerState`): the start of
    #: a warm re-fit after the next claim.
    sampler_state: Any = None

    @property
    def provenance(self) -> dict[str, Any]:
        """The posterior's stamp: snapshot, versions, seed and sampler settings."""
        return dict(self.posterior.posterior.attrs)

    @property
    def as_of(self) -> dt.date:
        """The last month of the path (its end date)."""
        return self.observations.dates()[-1]

    @property
    def summary(self) -> pd.DataFrame:
        """Headline figures with 90% intervals, one row each."""
        return pd.DataFrame([{"quantity": h.label, "key": h.key, "as_of": h.as_of,
                              "median": h.median, "q05": h.q05, "q95": h.q95}
                             for h in self.headlines],
                            columns=["quantity", "key", "as_of", "median", "q05", "q95"])

    def draws(self, name: str) -> NDArray[np.float64]:
        """A posterior variable's draws with chains pooled: (draws, ...)."""
        values = np.asarray(self.posterior.posterior[name])
        return values.reshape(-1, *values.shape[2:])

    def claims_table(self) -> pd.DataFrame:
        """Every used claim with its residual, tail probability and influence."""
        rows = []
        for i, j in enumerate(self.judgements):
            claim = self.claims.get(j.claim_id)
            kind = KIND_NAMES[int(self.observations.kind[i])]
            if claim is not None and self.observations.kind[i] == HOST:
                kind = f"{claim.destination or 'all'} {claim.indicator or kind}"
            rows.append({
                "id": j.claim_id, "kind": kind,
                "attributed_to": claim.attributed_to if claim else None,
                "source_type": claim.source_type.value if claim else None,
                "residual": j.residual, "tail_probability": j.tail_probability,
                "face_value_probability": j.face_value_probability,
                "contradicted": j.face_value_probability < CONTRADICTION_P,
                "influence": max((abs(v) for v in j.influence.values()), default=0.0),
                **{f"influence_{k}": v for k, v in j.influence.items()},
                "pareto_k": j.pareto_k,
            })
        if not rows:
            return pd.DataFrame(columns=["id", "kind", "face_value_probability"])
        return pd.DataFrame(rows).sort_values("face_value_probability").reset_index(drop=True)

    def save(self, path: str) -> None:
        """Write the posterior (ArviZ NetCDF, provenance in its attributes)."""
        self.posterior.to_netcdf(path, engine="h5netcdf")


def priors_as_data(count: Mapping[Any, Any], share: Mapping[Any, Any]) -> tuple[Prior, ...]:
    """The model's bias priors (log/logit scale) as records, multipliers exponentiated."""
    return tuple(Prior(source_type=t.value, count_mean=round(math.exp(count[t].mean), 2),
                       count_sd=count[t].sd, count_why=count[t].why,
                       share_mean=round(math.exp(share[t].mean), 2), share_sd=share[t].sd,
                       share_why=share[t].why)
                 for t in count)
