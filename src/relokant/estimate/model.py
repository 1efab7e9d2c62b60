"""The measurement-error model, written once in JAX/NumPyro.

Latent path (monthly from the event's month, :class:`relokant.events.Event`):

* departures ``d_m = exp(alpha + b_spring g_spring(m) + b_autumn g_autumn(m) + rw_m)``: a
  background level, the onset wave and the event's second shock (for Russia 2022 the
  spring and autumn waves; month profiles from the event, sizes unknown) and a
  non-centred log-scale random walk for everything else. The background level's prior is
  ``alpha ~ N(log 25,000, 0.7)``, sampled centred on the first year's departures (see
  :func:`model`);
* a monthly return hazard for people abroad, by departure cohort (before / from the
  event's second cohort, for Russia the September 2022 mobilisation), decaying with time
  since departure;
* cumulative departures ``D``, returns ``R``, return share ``R/D`` and people abroad
  ``S = D - R``.

Each claim observes the functional it states through its source type's bias
(log scale for counts, logit for shares) and noise; ranges are interval
observations, "more than"/"up to" are censored, "about" has wider noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import numpyro
import numpyro.distributions as dist
from jax.scipy.special import logsumexp

from relokant.estimate import destinations
from relokant.estimate.arrays import observation_arrays
from relokant.estimate.likelihood import claim_loglik
from relokant.estimate.observations import (
    ABROAD,
    DEPARTURES,
    HOST,
    SHARE,
    SOURCE_TYPES,
    Observations,
)
from relokant.events import Event
from relokant.records import SourceType

# Tail probabilities of censored and interval claims need double precision.
numpyro.enable_x64()

MODEL_VERSION = "relokant-reconcile-2.1"


@dataclass(frozen=True)
class BiasPrior:
    """Prior of one source type's bias: normal on the log (counts) or logit (shares) scale."""

    mean: float
    sd: float
    why: str


#: Bias priors for counts (log multiplier) by source type, with their reasons.
COUNT_BIAS: dict[SourceType, BiasPrior] = {
    SourceType.independent_research: BiasPrior(0.0, 0.05, "reference type: demographers' and "
                                               "host-country compilations are taken as unbiased"),
    SourceType.official_statistics: BiasPrior(-0.3, 0.3, "official departure statistics count "
                                              "only people who deregister, so undercount"),
    SourceType.panel_survey: BiasPrior(0.0, 0.5, "no stated direction"),
    SourceType.commercial_data: BiasPrior(0.0, 0.4, "client bases and transactions, direction "
                                          "unknown"),
    SourceType.government_statement: BiasPrior(0.0, 0.5, "officials' counts, direction unknown"),
    SourceType.media_estimate: BiasPrior(0.1, 0.3, "round media figures tend to the upper "
                                         "range of what circulates"),
    SourceType.other: BiasPrior(0.0, 0.5, "no stated direction"),
}
#: Bias priors for return shares (logit shift) by source type.
SHARE_BIAS: dict[SourceType, BiasPrior] = {
    SourceType.independent_research: BiasPrior(0.0, 0.1, "reference type"),
    SourceType.official_statistics: BiasPrior(0.0, 0.5, "no stated direction"),
    SourceType.panel_survey: BiasPrior(-0.2, 0.35, "a panel of emigrants loses those who went "
                                       "home, so it tends to understate returns"),
    SourceType.commercial_data: BiasPrior(0.2, 0.5, "clients of relocation firms and job "
                                          "seekers are not a random sample of emigrants"),
    SourceType.government_statement: BiasPrior(0.6, 0.5, "a head of state claiming a policy "
                                               "success has reason to overstate returns"),
    SourceType.media_estimate: BiasPrior(0.0, 0.5, "no stated direction"),
    SourceType.other: BiasPrior(0.0, 0.5, "no stated direction"),
}

#: Extra logit shift for return shares that count temporary returns too.
TEMPORARY_SHIFT_SD = 0.4
#: Smallest noise of any claim (log or logit scale): no published figure is exact, and a
#: censored bound with vanishing noise is a step the sampler cannot follow.
NOISE_FLOOR = 0.08
#: Noise multiplier for "about" figures.
ABOUT_NOISE = 1.5
#: Prior of the background level of monthly departures (log scale): median 25,000.
ALPHA_MEAN, ALPHA_SD = float(np.log(25_000.0)), 0.7


def profile(months: int, weights: dict[int, float]) -> np.ndarray:
    """A shock's month weights as a series over the path's months."""
    g = np.zeros(months)
    for m, w in weights.items():
        if 0 <= m < months:
            g[m] = w
    return g


def event_calendar(event: Event, months: int) -> dict[str, Any]:
    """The event's waves and cohort boundary as arrays: an argument of the compiled path."""
    second = event.cohort_month(1)
    first_year = min(event.month_index(event.first_year_end), months - 1)
    return {"g_spring": profile(months, event.shock_weights(0)),
            "g_autumn": profile(months, event.shock_weights(1)),
            "cohort_start": np.int32(months if second is None else second),
            "first_year": (np.arange(months) <= first_year).astype(float),
            **destinations.calendar(event, months)}


def departure_shape(params: dict[str, Any], calendar: dict[str, Any]) -> Any:
    """Log monthly departures less the background level: the waves and the random walk."""
    rw = jnp.concatenate([jnp.zeros(1), jnp.cumsum(params["sigma_rw"] * params["rw_z"])])
    return (params["b_spring"] * jnp.asarray(calendar["g_spring"])
            + params["b_autumn"] * jnp.asarray(calendar["g_autumn"]) + rw)


def latent_path(params: dict[str, Any], months: int,
                calendar: dict[str, Any]) -> dict[str, Any]:
    """Monthly departures, their split by destination and cumulative quantities."""
    log_d = params["alpha"] + departure_shape(params, calendar)
    hazard0 = jax.nn.sigmoid(jnp.stack([params["h_spring"], params["h_autumn"]]))
    return destinations.split_path(jnp.exp(log_d), hazard0, params["decay"], params["dest"],
                                   calendar, months)


def predicted(path: dict[str, Any], data: dict[str, Any],
              dest: dict[str, Any] | None = None) -> Any:
    """The value each observation states, on its own scale (log count or logit share).

    Host-country rows go through their indicator's equation (``dest``: the split's and
    the indicators' parameters).
    """
    d = path["d"]
    months = d.shape[0]
    j = jnp.arange(months)
    t0, t1 = data["t0"], data["t1"]
    window = (j[None, :] >= t0[:, None]) & (j[None, :] <= t1[:, None])
    departures = (window * d[None, :]).sum(axis=1)
    per_day_flow = d[t1] / 30.4
    departures = jnp.where(data["per_day"] > 0, per_day_flow, departures)
    abroad = path["S"][t1]
    cohort = (j[None, :] >= data["cohort0"][:, None]) & (
        j[None, :] <= jnp.minimum(data["cohort1"], t1)[:, None])
    returned_at_t1 = path["returned"][:, t1].T  # (obs, cohort j)
    returns = (cohort * returned_at_t1).sum(axis=1)
    cohort_size = (cohort * d[None, :]).sum(axis=1)
    # other rows read a harmless 0.5: a log of a zero share poisons the used branch's gradient
    share = jnp.where(data["kind"] == SHARE, returns / cohort_size, 0.5)
    kind = data["kind"]
    # host rows read people abroad here (finite, unused): a log of 0 returns would poison
    # the gradient of the branch that is used
    log_count = jnp.log(jnp.where(kind == DEPARTURES, departures,
                                  jnp.where((kind == ABROAD) | (kind == HOST), abroad, returns)))
    logit_share = jnp.log(share) - jnp.log1p(-share)
    national = jnp.where(kind == SHARE, logit_share, log_count)
    if dest is None:
        return national
    return jnp.where(kind == HOST, destinations.indicator_predicted(path, dest, data), national)


@partial(jax.jit, static_argnames=("months",))
def _forward(params: dict[str, Any], bias: dict[str, Any], data: dict[str, Any] | None,
             calendar: dict[str, Any], months: int) -> dict[str, Any]:
    """The path and, given claims, each claim's prediction and log likelihood.

    Compiled as one function: NumPyro runs the model eagerly while initialising,
    and eager JAX compiles every operation on its own (371 compilations, 13 s on
    the bundled record); inside one ``jit`` it is a single compilation.
    """
    # the split's natural parameters from its standard-normal sites (also per posterior draw)
    params = {**params, "dest": destinations.transform(params["dest_z"],
                                                       level=calendar["share_level"])}
    path = latent_path(params, months, calendar)
    out = {k: path[k] for k in ("D", "R", "S", "share", "arrivals", "stock")}
    if data is None:
        return out
    f = predicted(path, data, params["dest"])
    source = data["source"]
    host = data["kind"] == HOST
    host_shift, host_noise = destinations.indicator_shift_sigma(params["dest"], data)
    shift = jnp.where(host, host_shift,
                      jnp.where(data["is_share"], bias["share"][source], bias["count"][source]))
    mu = f + shift + bias["temporary_shift"] * data["temporary"]
    generic = (NOISE_FLOOR + bias["noise"][source]) * jnp.where(data["bound"] == 1,
                                                                ABOUT_NOISE, 1.0)
    # a claim that states its standard error (a panel's) is as noisy as it says, no less
    # than the floor: its source type's generic noise does not apply
    stated = data["stated_sd"]
    sigma = jnp.where(stated > 0, jnp.maximum(stated, NOISE_FLOOR), generic)
    # a host-country figure is as noisy as its indicator says ("about" wider still)
    sigma = jnp.where(host, host_noise * jnp.where(data["bound"] == 1, ABOUT_NOISE, 1.0), sigma)
    out.update(obs_f=f, obs_mu=mu, obs_sigma=sigma, log_lik=claim_loglik(mu, sigma, data))
    return out


def model(obs: Observations,
          bias_prior: tuple[Sequence[BiasPrior], Sequence[BiasPrior]] | None = None,
          data: dict[str, Any] | None = None) -> None:
    """NumPyro model: priors on the path and source biases, likelihood of the claims.

    ``bias_prior`` replaces the stated bias priors (count, share; in SOURCE_TYPES order).
    ``data`` are the claims' arrays (:func:`observation_arrays`, possibly padded); by
    default they are built from ``obs``, which otherwise gives only the path's length and
    the event.
    """
    months = obs.months
    calendar = event_calendar(obs.event, months)
    b_spring = numpyro.sample("b_spring", dist.Normal(1.8, 0.6))
    b_autumn = numpyro.sample("b_autumn", dist.Normal(2.0, 0.6))
    sigma_rw = numpyro.sample("sigma_rw", dist.HalfNormal(0.2))
    rw_z = numpyro.sample("rw_z", dist.Normal(0.0, 1.0).expand([months - 1]).to_event(1))
    # The claims pin the first year's departures far more tightly than the background
    # level alpha ~ N(log 25,000, 0.7) or the waves that add up to them: sampled as
    # alpha_z, that level was a ridge through alpha, the waves and the random walk along
    # which NUTS took 127 steps a draw (always the depth limit). Sampling the first year's
    # log departures ``level = alpha + log sum_(m in first year) e^shape_m`` instead, with
    # the same prior (alpha's, shifted by the shape: a change of variable with Jacobian 1),
    # puts that ridge on one coordinate: 63 steps a draw, the same posterior.
    shape = departure_shape({"b_spring": b_spring, "b_autumn": b_autumn, "sigma_rw": sigma_rw,
                             "rw_z": rw_z}, calendar)
    first_year = logsumexp(shape, b=jnp.asarray(calendar["first_year"]))
    level = numpyro.sample("level", dist.Normal(ALPHA_MEAN + first_year, ALPHA_SD))
    alpha = numpyro.deterministic("alpha", level - first_year)
    h_spring = numpyro.sample("h_spring", dist.Normal(-3.9, 0.8))  # logit(0.02)
    h_autumn = numpyro.sample("h_autumn", dist.Normal(-3.5, 0.8))  # logit(0.03)
    decay = numpyro.sample("decay", dist.HalfNormal(0.05))
    n_types = len(SOURCE_TYPES)
    count, share = bias_prior or ([COUNT_BIAS[t] for t in SOURCE_TYPES],
                                  [SHARE_BIAS[t] for t in SOURCE_TYPES])
    count_mean = jnp.asarray([p.mean for p in count])
    count_sd = jnp.asarray([p.sd for p in count])
    share_mean = jnp.asarray([p.mean for p in share])
    share_sd = jnp.asarray([p.sd for p in share])
    z_count = numpyro.sample("z_bias_count", dist.Normal(0.0, 1.0).expand([n_types]).to_event(1))
    z_share = numpyro.sample("z_bias_share", dist.Normal(0.0, 1.0).expand([n_types]).to_event(1))
    bias_count = numpyro.deterministic("bias_count", count_mean + count_sd * z_count)
    bias_share = numpyro.deterministic("bias_share", share_mean + share_sd * z_share)
    noise = numpyro.sample("noise",
                           dist.LogNormal(jnp.log(0.15), 0.6).expand([n_types]).to_event(1))
    temporary_shift = numpyro.sample("temporary_shift", dist.HalfNormal(TEMPORARY_SHIFT_SD))
    params = {"alpha": alpha, "b_spring": b_spring, "b_autumn": b_autumn, "sigma_rw": sigma_rw,
              "rw_z": rw_z, "h_spring": h_spring, "h_autumn": h_autumn, "decay": decay,
              "dest_z": destinations.sample(obs.event)}
    bias = {"count": bias_count, "share": bias_share, "noise": noise,
            "temporary_shift": temporary_shift}
    if data is None and obs.n:
        data = observation_arrays(obs)
    out = _forward(params, bias, data, calendar, months)
    for name in ("D", "R", "S", "share", "arrivals", "stock"):
        numpyro.deterministic(name, out[name])
    if data is None:
        return
    for name in ("obs_f", "obs_mu", "obs_sigma"):
        numpyro.deterministic(name, out[name])
    loglik = numpyro.deterministic("log_lik", out["log_lik"])
    numpyro.factor("claims", jnp.where(data["mask"] > 0, loglik, 0.0).sum())
