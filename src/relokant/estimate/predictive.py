"""Posterior predictive of figures not (yet) in the evidence: what a source would report.

For every posterior draw the model's path is run forward (past the fitted horizon the
random walk continues with fresh steps from its prior) and a hypothetical claim is
observed through its source type's bias and noise, exactly as the likelihood observes
real claims. The same draws score claims published after a back-test's cutoff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from relokant.errors import EstimateError
from relokant.estimate.observations import SHARE, Observations, build_observations
from relokant.records import Bound, Claim, Measure, SourceType, Status, Unit

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)

#: Free and derived parameters of one draw that the path and the biases need.
PATH_PARAMS = ("alpha", "b_spring", "b_autumn", "sigma_rw", "rw_z", "h_spring", "h_autumn",
               "decay")
BIAS_PARAMS = {"count": "bias_count", "share": "bias_share", "noise": "noise",
               "temporary_shift": "temporary_shift"}


@dataclass(frozen=True)
class ClaimPredictive:
    """Per draw and claim (draws, claims), on the model's scale (log count, logit share)."""

    observations: Observations
    #: The quantity the claim states, as the model's path has it (no bias, no noise).
    truth: NDArray[np.float64]
    #: That quantity through the source type's bias: the centre of what it would report.
    mu: NDArray[np.float64]
    #: The source's noise for a claim of that form.
    sigma: NDArray[np.float64]

    def replicate(self, rng: np.random.Generator) -> NDArray[np.float64]:
        """One replicated report per draw and claim (model scale)."""
        return self.mu + self.sigma * rng.standard_normal(self.mu.shape)

    def natural(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        """Model-scale values as people read them: persons, or percent for shares."""
        share = self.observations.kind == SHARE
        return np.where(share[None, :], 100.0 / (1.0 + np.exp(-values)), np.exp(values))


def _flat(posterior: Any, name: str) -> NDArray[np.float64]:
    """(draws, ...) of one variable of an InferenceData's posterior (or its Dataset)."""
    dataset = getattr(posterior, "posterior", posterior)
    values = np.asarray(dataset[name], dtype=np.float64)
    return values.reshape(-1, *values.shape[2:])


def parameter_draws(posterior: Any, months: int,
                    rng: np.random.Generator) -> tuple[dict[str, Any], dict[str, Any]]:
    """Path and bias parameters per draw, the random walk extended to ``months``.

    Steps past the fitted path are drawn from their prior (standard normal): no
    claim observes them, so their posterior is their prior.
    """
    params: dict[str, Any] = {name: _flat(posterior, name) for name in PATH_PARAMS}
    bias = {key: _flat(posterior, name) for key, name in BIAS_PARAMS.items()}
    # DEST (#12): the destination split's sites, transformed inside the compiled path
    from relokant.estimate.destinations import SITES

    dataset = getattr(posterior, "posterior", posterior)
    params["dest_z"] = {name: _flat(posterior, name) for name in SITES if name in dataset}
    steps = params["rw_z"].shape[1]
    if steps < months - 1:
        fresh = rng.standard_normal((params["rw_z"].shape[0], months - 1 - steps))
        params["rw_z"] = np.concatenate([params["rw_z"], fresh], axis=1)
    elif steps > months - 1:
        params["rw_z"] = params["rw_z"][:, : months - 1]
    return params, bias


def path_draws(posterior: Any, months: int, event: Any,
               rng: np.random.Generator) -> dict[str, NDArray[np.float64]]:
    """Cumulative departures, returns, people abroad and share per draw and month."""
    import jax

    from relokant.estimate.model import _forward, event_calendar

    params, bias = parameter_draws(posterior, months, rng)
    calendar = event_calendar(event, months)
    out = jax.vmap(lambda p, b: _forward(p, b, None, calendar, months))(params, bias)
    return {k: np.asarray(v) for k, v in out.items()}


def predict_observations(posterior: Any, obs: Observations, months: int,
                         rng: np.random.Generator) -> ClaimPredictive:
    """Predictive of ``obs`` (claims the fit did not use) under the fitted posterior."""
    import jax

    from relokant.estimate.arrays import observation_arrays
    from relokant.estimate.model import _forward, event_calendar

    months = max(months, obs.months)
    obs = obs.with_months(months)
    params, bias = parameter_draws(posterior, months, rng)
    calendar = event_calendar(obs.event, months)
    data = observation_arrays(obs)
    out = jax.vmap(lambda p, b: _forward(p, b, data, calendar, months))(params, bias)
    return ClaimPredictive(obs, np.asarray(out["obs_f"]), np.asarray(out["obs_mu"]),
                           np.asarray(out["obs_sigma"]))


def predict_claims(posterior: Any, fitted_months: int, claims: Sequence[Claim], event: Any,
                   rng: np.random.Generator) -> ClaimPredictive:
    """Predictive of claims as the model would use them (the rest are set aside)."""
    obs = build_observations(list(claims), event)
    return predict_observations(posterior, obs, fitted_months, rng)


@dataclass(frozen=True)
class Prediction:
    """What a source of one type would report for one figure: median, 50% and 90%."""

    measure: str
    source_type: str
    as_of: dt.date
    period_start: dt.date
    unit: str
    median: float
    q05: float
    q25: float
    q75: float
    q95: float
    #: The same quantity as the model has it, without the source's bias and noise.
    truth: dict[str, float]
    #: Whether ``as_of`` lies past the latest claim (a projection).
    projected: bool
    #: The destination (ISO code) and the host statistic predicted, for one destination.
    destination: str | None = None
    indicator: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The ``relokant predict --json`` document."""
        return {"measure": self.measure, "source_type": self.source_type,
                "as_of": self.as_of.isoformat(), "period_start": self.period_start.isoformat(),
                "unit": self.unit, "projected": self.projected,
                "destination": self.destination, "indicator": self.indicator,
                "reported": {k: round(getattr(self, k), 4)
                             for k in ("median", "q05", "q25", "q75", "q95")},
                "truth": {k: round(v, 4) for k, v in self.truth.items()}}


#: Measures the model observes, with the unit a source reports them in.
PREDICTABLE = {Measure.departures: Unit.persons, Measure.stock_abroad: Unit.persons,
               Measure.returns: Unit.persons, Measure.return_share: Unit.percent}


#: The indicator a prediction for one destination reads when none is named: what
#: a compiled estimate (stock), a 183-day immigration rule (arrivals that stay) and
#: its emigration twin (people leaving) would report.
DESTINATION_DEFAULTS = {Measure.stock_abroad: "settled_estimate",
                        Measure.departures: "immigrants_183_days",
                        Measure.returns: "emigrants_183_days"}


def _destination_claim(event: Any, *, measure: Measure, destination: str,
                       indicator: str | None, start: dt.date, as_of: dt.date) -> Claim:
    """The hypothetical host-country figure to predict, checked as the model checks one."""
    from relokant.estimate.host_rows import reason
    from relokant.estimate.indicators import INDICATORS

    if destination not in (*event.destinations, "rest_of_world"):
        modelled = ", ".join(event.destinations) or "none"
        raise EstimateError(
            f"destination {destination} is not modelled by this estimate (modelled: {modelled})",
            hint="name one of the modelled destinations, or fit an event that lists it",
            option="destination")
    name = indicator or DESTINATION_DEFAULTS.get(measure)
    if name is None:
        raise EstimateError(
            f"'{measure.value}' is not modelled for one destination",
            hint=f"one of {', '.join(m.value for m in DESTINATION_DEFAULTS)}, or name an "
                 "indicator", option="measure")
    if name not in INDICATORS:
        raise EstimateError(f"unknown indicator '{name}'",
                            hint=f"one of {', '.join(INDICATORS)}", option="indicator")
    ind = INDICATORS[name]
    if ind.measure is not measure:
        raise EstimateError(f"indicator '{name}' counts {ind.measure.value}, not {measure.value}",
                            hint=f"ask for {ind.measure.value} with this indicator",
                            option="measure")
    claim = Claim(measure=ind.measure, unit=ind.unit, bound=Bound.point, value=1000.0,
                  period_start=start, as_of=as_of, destination=destination, indicator=name,
                  source_type=SourceType.official_statistics, status=Status.accepted,
                  id="predicted")
    why = reason(claim, event)
    if why is not None:
        raise EstimateError(f"the model cannot predict this figure: {why}", option="indicator")
    return claim


def check_prediction(event: Any, *, measure: Measure, as_of: dt.date,
                     source_type: SourceType = SourceType.independent_research,
                     period_start: dt.date | None = None, destination: str | None = None,
                     indicator: str | None = None) -> Claim:
    """The figure to predict, or the error that says why it cannot be (no posterior needed)."""
    if measure not in PREDICTABLE and not (destination and indicator):
        raise EstimateError(
            f"the estimate does not model '{measure.value}'",
            hint=f"one of {', '.join(m.value for m in PREDICTABLE)}", option="measure")
    start = max(period_start or event.start, event.start)
    if as_of < start:
        raise EstimateError(f"as_of {as_of} is before the period's start {start}",
                            option="as_of")
    if destination:
        return _destination_claim(event, measure=measure, destination=destination,
                                  indicator=indicator, start=start, as_of=as_of)
    return Claim(measure=measure, unit=PREDICTABLE[measure], bound=Bound.point,
                 value=50.0 if measure is Measure.return_share else 1000.0,
                 period_start=start, as_of=as_of, source_type=source_type,
                 status=Status.accepted, id="predicted")


def predict_figure(posterior: Any, fitted_months: int, event: Any, *, measure: Measure,
                   as_of: dt.date, source_type: SourceType, period_start: dt.date | None = None,
                   destination: str | None = None, indicator: str | None = None,
                   evidence_until: dt.date | None = None, seed: int = 0) -> Prediction:
    """Posterior predictive of the figure a source of ``source_type`` would publish.

    With a ``destination`` the figure is a host-country statistic of ``indicator``
    (by default the one :data:`DESTINATION_DEFAULTS` names for the measure): its
    noise is the indicator's, not a source type's.
    """
    claim = check_prediction(event, measure=measure, as_of=as_of, source_type=source_type,
                             period_start=period_start, destination=destination,
                             indicator=indicator)
    start = claim.period_start
    assert start is not None
    rng = np.random.default_rng(seed)
    pred = predict_claims(posterior, fitted_months, [claim], event, rng)
    if pred.observations.n != 1:  # pragma: no cover - the claim is built to be usable
        reason = pred.observations.excluded[0].reason if pred.observations.excluded else "?"
        raise EstimateError(f"the model cannot observe this figure: {reason}")
    reported = pred.natural(pred.replicate(rng))[:, 0]
    truth = pred.natural(pred.truth)[:, 0]
    q = np.quantile(reported, QUANTILES)
    t = np.quantile(truth, (0.05, 0.5, 0.95))
    return Prediction(measure.value, claim.source_type.value if claim.source_type else "",
                      as_of, start, claim.unit.value,
                      float(q[2]), float(q[0]), float(q[1]), float(q[3]), float(q[4]),
                      {"median": float(t[1]), "q05": float(t[0]), "q95": float(t[2])},
                      evidence_until is not None and as_of > evidence_until,
                      claim.destination, claim.indicator)
