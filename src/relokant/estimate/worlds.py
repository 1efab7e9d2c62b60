"""Worlds drawn from the model's own generative process, for simulation-based calibration.

Simulation-based calibration (Talts et al. 2018) draws the truth from the prior and the
claims from the likelihood; a sampler that computes the posterior correctly then
covers the truth with its 90% intervals in 90% of the worlds, and the truth's rank
among posterior draws is uniform. Here every piece of a world is the model's: path
parameters and source biases from the priors (biases optionally drawn wider, "off
the prior", to see what a wrong prior costs), each claim observed through the model's
own prediction, bias and noise code, in every form the likelihood reads:

* point figures and "about" figures (with the model's wider "about" noise);
* ranges: a window of random width placed at random around the reported value, so
  that its likelihood is the probability of the window, as the model has it;
* one-sided bounds: a round threshold drawn independently of the world, stated as
  "more than" or "up to" depending on which side the reported value fell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from relokant.estimate.observations import SOURCE_TYPES, build_observations
from relokant.events import RUSSIA_2022, Event
from relokant.records import Bound, Claim, Measure, SourceType, Status, Unit

#: Path and bias sites a world fixes (the rest of the model's sites follow from them).
SITES = ("alpha", "b_spring", "b_autumn", "sigma_rw", "rw_z", "h_spring", "h_autumn",
         "decay", "z_bias_count", "z_bias_share", "noise", "temporary_shift")
#: Claims per world: (measure, how many); source types are cycled through.
PLAN = ((Measure.departures, 8), (Measure.stock_abroad, 2), (Measure.return_share, 6),
        (Measure.returns, 1))
_COUNT_TYPES = (SourceType.independent_research, SourceType.official_statistics,
                SourceType.media_estimate, SourceType.commercial_data,
                SourceType.government_statement, SourceType.independent_research)
_SHARE_TYPES = (SourceType.panel_survey, SourceType.commercial_data,
                SourceType.government_statement, SourceType.independent_research,
                SourceType.media_estimate)
_FORMS = ("point", "about", "range", "bound")
_FORM_P = (0.35, 0.3, 0.2, 0.15)


@dataclass(frozen=True)
class PriorWorld:
    """One truth drawn from the prior and the claims its sources published."""

    claims: list[Claim]
    #: Named true values: headline quantities and source biases.
    truth: dict[str, Any]
    months: int


def draw_parameters(n: int, months: int, *, seed: int, off_prior: float = 1.0,
                    event: Event = RUSSIA_2022) -> list[dict[str, np.ndarray]]:
    """``n`` draws of the model's free parameters from its prior (one dict per world).

    ``off_prior`` > 1 draws the source biases with that many times the prior's spread.
    """
    import jax
    from numpyro.infer import Predictive

    from relokant.estimate.model import model

    obs = build_observations([], event).with_months(months)
    draws = Predictive(model, num_samples=n)(jax.random.PRNGKey(seed), obs)
    from relokant.estimate.destinations import SITES as SPLIT_SITES

    # the destination split's sites too (the event's; only its indicator scalars when it
    # names no destination), so that a world's host figures follow its own split
    sites = SITES + tuple(s for s in SPLIT_SITES if s in draws)
    out = []
    for k in range(n):
        params = {s: np.asarray(draws[s][k]) for s in sites}
        for name in ("z_bias_count", "z_bias_share"):
            params[name] = params[name] * off_prior
        out.append(params)
    return out


def _forward_world(params: dict[str, Any], claims: list[Claim], event: Event,
                   months: int) -> dict[str, Any]:
    """The model's own path and claim predictions under fixed parameters."""
    from relokant.estimate.arrays import observation_arrays
    from relokant.estimate.destinations import SITES as SPLIT_SITES
    from relokant.estimate.model import COUNT_BIAS, SHARE_BIAS, _forward, event_calendar

    count = np.asarray([COUNT_BIAS[t].mean + COUNT_BIAS[t].sd * z
                        for t, z in zip(SOURCE_TYPES, params["z_bias_count"], strict=True)])
    share = np.asarray([SHARE_BIAS[t].mean + SHARE_BIAS[t].sd * z
                        for t, z in zip(SOURCE_TYPES, params["z_bias_share"], strict=True)])
    path = {k: params[k] for k in ("alpha", "b_spring", "b_autumn", "sigma_rw", "rw_z",
                                   "h_spring", "h_autumn", "decay")}
    path["dest_z"] = {s: params[s] for s in SPLIT_SITES if s in params}
    bias = {"count": count, "share": share, "noise": params["noise"],
            "temporary_shift": params["temporary_shift"]}
    obs = build_observations(claims, event).with_months(months)
    out = _forward(path, bias, observation_arrays(obs), event_calendar(event, months), months)
    result = {k: np.asarray(v) for k, v in out.items()}
    result.update(bias_count=count, bias_share=share)
    return result


def _placeholder(measure: Measure, bound: Bound, source: SourceType, month: int, n: int,
                 event: Event) -> Claim:
    share = measure is Measure.return_share
    figures: dict[str, float] = ({"low": 1.0, "high": 2.0} if bound is Bound.range
                                 else {"value": 1.0})
    as_of = event.month_end(month)
    return Claim.model_validate({
        "id": f"w{n:02d}", "measure": measure, "unit": Unit.percent if share else Unit.persons,
        "bound": bound, **figures, "period_start": event.start, "as_of": as_of,
        "attributed_to": f"{source.value} {n}", "source_type": source,
        "status": Status.accepted,
        "citations": [{"document": {"outlet": "Synthetic Gazette", "title": f"world claim {n}",
                                    "published": as_of + dt.timedelta(days=31)}}]})


def _natural(value: float, share: bool) -> float:
    if share:
        return float(np.clip(100.0 / (1.0 + np.exp(-value)), 0.01, 99.99))
    return float(max(np.exp(value), 1.0))


def prior_world(params: dict[str, np.ndarray], months: int, *, seed: int,
                event: Event = RUSSIA_2022) -> PriorWorld:
    """Claims about the world ``params`` describe, published by biased, noisy sources."""
    rng = np.random.default_rng(seed)
    specs = []
    n = 0
    for measure, count in PLAN:
        types = _SHARE_TYPES if measure is Measure.return_share else _COUNT_TYPES
        for k in range(count):
            form = str(rng.choice(_FORMS, p=_FORM_P))
            earliest = 10 if measure in (Measure.return_share, Measure.returns) else 4
            month = int(rng.integers(min(earliest, months - 1), months))
            specs.append((measure, form, types[(k + n) % len(types)], month, n))
            n += 1
    bound_of = {"point": Bound.point, "about": Bound.about, "range": Bound.range,
                "bound": Bound.at_least}
    drafts = [_placeholder(m, bound_of[f], s, mo, i, event) for m, f, s, mo, i in specs]
    world = _forward_world(params, drafts, event, months)
    mu, sigma = world["obs_mu"], world["obs_sigma"]
    claims = []
    for i, (measure, form, _source, _month, _n) in enumerate(specs):
        share = measure is Measure.return_share
        y = float(mu[i] + sigma[i] * rng.standard_normal())
        draft = drafts[i]
        if form == "range":
            width = float(rng.uniform(0.2, 0.6))
            low = y - float(rng.uniform()) * width
            claim = draft.with_changes(low=_natural(low, share),
                                       high=_natural(low + width, share))
        elif form == "bound":
            threshold = (float(rng.uniform(5, 60)) if share
                         else float(np.exp(rng.uniform(np.log(1e5), np.log(3e6)))))
            threshold = float(f"{threshold:.1g}")
            scale = np.log(threshold / (100 - threshold)) if share else np.log(threshold)
            claim = draft.with_changes(
                bound=Bound.at_least if y > scale else Bound.at_most, value=threshold)
        else:
            claim = draft.with_changes(value=_natural(y, share))
        claims.append(claim)
    last, first_year = months - 1, event.month_index(event.first_year_end)
    truth = {"departures_first_year": float(world["D"][first_year]),
             "departures": float(world["D"][last]), "returns": float(world["R"][last]),
             "return_share": 100.0 * float(world["share"][last]),
             "abroad": float(world["S"][last]),
             "bias_count": world["bias_count"], "bias_share": world["bias_share"],
             "noise": np.asarray(params["noise"])}
    return PriorWorld(claims, truth, months)
