"""The Reconciler's model written again in PyMC, as the estimate benchmark's peer.

Same priors, latent path, bias and noise structure and censored/interval
likelihood as ``relokant.estimate.model``; only the framework differs.
"""

from __future__ import annotations

import numpy as np
import pymc as pm
import pytensor.tensor as pt

from relokant.estimate import destinations as dest
from relokant.estimate.model import (
    ABOUT_NOISE,
    ALPHA_MEAN,
    ALPHA_SD,
    COUNT_BIAS,
    NOISE_FLOOR,
    SHARE_BIAS,
    TEMPORARY_SHIFT_SD,
    event_calendar,
)
from relokant.estimate.observations import (
    ABROAD,
    DEPARTURES,
    HOST,
    SHARE,
    SOURCE_TYPES,
    Observations,
)


def _log_ndtr(z: pt.TensorVariable) -> pt.TensorVariable:
    return pm.logcdf(pm.Normal.dist(0.0, 1.0), z)


def _sigmoid(x):  # type: ignore[no-untyped-def]
    return pm.math.sigmoid(x)


def _destination_params(event, n: int, cohorts: int):  # type: ignore[no-untyped-def]
    """The split's and the indicators' sites and natural parameters, as in the NumPyro model."""
    s = pm.Normal("indicator_z", 0, 1, shape=len(dest.SCALARS))
    p = {}
    for k, (name, centre, sd, link) in enumerate(dest.SCALARS):
        x = centre + sd * s[k]
        p[name] = _sigmoid(x) if link == "logit" else pt.exp(x) if link == "log" else x
    if n == 0:  # no destination modelled: the split is the identity, as in dest.transform
        one = np.ones(1)
        p.update(shares=pt.as_tensor(np.ones((1, 1))), return_mult=pt.as_tensor(one),
                 onward=pt.as_tensor(np.zeros(1)),
                 trips=pt.as_tensor(1.0 + np.exp(dest.TRIPS_LOG) * one),
                 visits=pt.as_tensor(np.exp(dest.VISITS_LOG) * one),
                 baseline=pt.as_tensor(np.stack([np.exp(dest.BASELINE_PRIORS[b][0]) * one
                                                 for b in dest.BASELINES])))
        return p
    share_z = pm.Normal("share_z", 0, 1, shape=n)
    share_cz = pm.Normal("share_cohort_z", 0, 1, shape=(cohorts, n))
    return_z = pm.Normal("return_z", 0, 1, shape=n)
    onward_z = pm.Normal("onward_z", 0, 1, shape=n)
    trips_z = pm.Normal("trips_z", 0, 1, shape=n)
    visits_z = pm.Normal("visits_z", 0, 1, shape=n)
    base_z = pm.Normal("baseline_z", 0, 1, shape=(len(dest.BASELINES), n))

    def pad(x, value):  # type: ignore[no-untyped-def]
        return pt.concatenate([x, pt.fill(x[..., :1], value)], axis=-1)

    mu = dest.share_level(event)  # listed destinations, folded ones included
    logits = pad(mu + dest.SHARE_SD * share_z[None, :] + dest.COHORT_SD * share_cz, 0.0)
    p["shares"] = pt.special.softmax(logits, axis=-1)
    p["return_mult"] = pt.exp(pad(dest.RETURN_SD * return_z, 0.0))
    p["onward"] = pad(_sigmoid(dest.ONWARD_LOGIT + dest.ONWARD_SD * onward_z), 0.0)
    p["trips"] = pad(1.0 + pt.exp(dest.TRIPS_LOG + dest.TRIPS_SD * trips_z), 1.0)
    p["visits"] = pad(pt.exp(dest.VISITS_LOG + dest.VISITS_SD * visits_z), 0.0)
    base = pt.stack([dest.BASELINE_PRIORS[b][0] + dest.BASELINE_PRIORS[b][1] * base_z[i]
                     for i, b in enumerate(dest.BASELINES)])
    p["baseline"] = pad(pt.exp(base), 1.0)
    return p


def _layout(months: int) -> np.ndarray:
    """A constant one-hot tensor: ``t[l, j, m] = 1`` where ``m = j + l``."""
    t = np.zeros((months, months, months))
    for j in range(months):
        t[np.arange(months - j), j, np.arange(j, months)] = 1.0
    return t


def _split(d, hazard0, decay, p, calendar, months: int):  # type: ignore[no-untyped-def]
    """Arrivals, stock and flows by destination, and the national returns matrix."""
    dur = np.arange(months)
    cohort = np.clip(calendar["share_cohort"], 0, int(p["shares"].shape[0].eval()) - 1)
    a = (d[:, None] * p["shares"][cohort]).T
    hz = (hazard0[:, None, None] * p["return_mult"][None, :, None]
          * pt.exp(-decay * (dur[None, None, :] - 1.0)))
    hz = pt.switch(dur >= 1, pt.clip(hz, 0.0, 0.999), 0.0)
    surv_by_lag = pt.exp(pt.cumsum(pt.log1p(-hz), axis=2))  # (2, K, lag)
    toeplitz = _layout(months)
    start = int(calendar["cohort_start"])
    cohort_of = np.stack([dur < start, dur >= start]).astype(float)
    flat = toeplitz.reshape(months, months * months)
    k = p["shares"].shape[1]
    surv = sum(pt.dot(surv_by_lag[c], flat).reshape((k, months, months))
               * cohort_of[c][None, :, None] for c in range(2))
    after = toeplitz.sum(axis=0)
    not_returned = a[:, :, None] * surv
    returned = a[:, :, None] * after - not_returned
    stay_by_lag = pt.exp(pt.log1p(-p["onward"])[:, None] * dur[None, :])
    present = not_returned * pt.dot(stay_by_lag, flat).reshape((k, months, months))
    R_k = returned.sum(axis=1)
    O_k = (not_returned - present).sum(axis=1)
    last = p["shares"][-1]
    pi = last[None, :] / pt.maximum(1.0 - last[:, None], 1e-12) * (1.0 - pt.eye(k))
    stock = present.sum(axis=1) + pt.dot(pi.T, O_k)
    six = min(6, months - 1)
    stayers = a * (surv_by_lag[:, :, six][:, :, None] * cohort_of[:, None, :]).sum(axis=0)
    stayers = stayers * stay_by_lag[:, six:six + 1]

    def flow(x):  # type: ignore[no-untyped-def]
        return pt.maximum(pt.concatenate([x[:, :1], x[:, 1:] - x[:, :-1]], axis=1), 0.0)

    flows = pt.stack([a, flow(R_k) + flow(O_k), stayers])
    return returned.sum(axis=0), R_k.sum(axis=0), stock, flows


def _host_predicted(obs: Observations, S, stock, flows, p):  # type: ignore[no-untyped-def]
    ind, k = obs.ind, np.clip(obs.dest, 0, None)
    fi = dest.FLOW_OF[ind]
    windowed = (flows[np.clip(fi, 0, 2), k] * obs.weights).sum(axis=1)
    t = obs.t_stock
    st = pt.switch(fi == 4, S[t], stock[k, t])
    value = pt.switch(fi <= 2, windowed, st)
    years = obs.months_in / 12.0
    one = np.ones_like(years)
    table = pt.stack([p["trips"][k], p["registered"] * one, p["eligible"] * one,
                      p["resident"] * one, p["grants"] * years, p["permits"] * years,
                      pt.as_tensor(one)])
    scale = table[dest.SCALE_OF[ind], np.arange(len(ind))]
    b = dest.BASE_OF[ind]
    base = pt.switch(b >= 0, p["baseline"][np.clip(b, 0, None), k], 0.0) * obs.months_in
    visits = pt.switch(dest.SCALE_OF[ind] == 0, p["visits"][k] * (stock[k] * obs.weights)
                       .sum(axis=1), 0.0)
    log_f = pt.log(pt.maximum(scale * value + visits + base, 1e-6))
    shift = pt.switch(ind == dest.SETTLED, p["settled_bias"], 0.0)
    return log_f, shift, dest.NOISE_OF[ind]


def build(obs: Observations) -> pm.Model:
    months = obs.months
    j = np.arange(months)
    calendar = event_calendar(obs.event, months)
    t0, t1 = obs.t0, obs.t1
    window = ((j[None, :] >= t0[:, None]) & (j[None, :] <= t1[:, None])).astype(float)
    coh = ((j[None, :] >= obs.cohort0[:, None])
           & (j[None, :] <= np.minimum(obs.cohort1, t1)[:, None])).astype(float)
    with pm.Model() as model:
        b_spring = pm.Normal("b_spring", 1.8, 0.6)
        b_autumn = pm.Normal("b_autumn", 2.0, 0.6)
        sigma_rw = pm.HalfNormal("sigma_rw", 0.2)
        rw_z = pm.Normal("rw_z", 0, 1, shape=months - 1)
        rw = pt.concatenate([pt.zeros(1), pt.cumsum(sigma_rw * rw_z)])
        shape = b_spring * calendar["g_spring"] + b_autumn * calendar["g_autumn"] + rw
        # the same centred first-year level as relokant's model (same parameterisation)
        first_year = pm.math.logsumexp(shape[calendar["first_year"] > 0])
        level = pm.Normal("level", ALPHA_MEAN + first_year, ALPHA_SD)
        alpha = level - first_year
        h_spring = pm.Normal("h_spring", -3.9, 0.8)
        h_autumn = pm.Normal("h_autumn", -3.5, 0.8)
        decay = pm.HalfNormal("decay", 0.05)
        n_types = len(SOURCE_TYPES)
        z_count = pm.Normal("z_bias_count", 0, 1, shape=n_types)
        z_share = pm.Normal("z_bias_share", 0, 1, shape=n_types)
        bias_count = np.array([COUNT_BIAS[t].mean for t in SOURCE_TYPES]) + \
            np.array([COUNT_BIAS[t].sd for t in SOURCE_TYPES]) * z_count
        bias_share = np.array([SHARE_BIAS[t].mean for t in SOURCE_TYPES]) + \
            np.array([SHARE_BIAS[t].sd for t in SOURCE_TYPES]) * z_share
        noise = pm.LogNormal("noise", np.log(0.15), 0.6, shape=n_types)
        temporary_shift = pm.HalfNormal("temporary_shift", TEMPORARY_SHIFT_SD)
        d = pt.exp(alpha + shape)
        hazard0 = pm.math.sigmoid(pt.stack([h_spring, h_autumn]))
        n_dest = len(obs.event.destinations)
        p = _destination_params(obs.event, n_dest, len(obs.event.cohorts))
        returned, cum_r, stock, flows = _split(d, hazard0, decay, p, calendar, months)
        cum_d = pt.cumsum(d)
        S = cum_d - cum_r
        pm.Deterministic("D", cum_d)
        departures = (window * d[None, :]).sum(axis=1)
        departures = pt.switch(obs.per_day > 0, d[t1] / 30.4, departures)
        returns = (coh * returned[:, t1].T).sum(axis=1)
        share = pt.switch(obs.kind == SHARE, returns / (coh * d[None, :]).sum(axis=1), 0.5)
        host = obs.kind == HOST
        log_count = pt.log(pt.switch(obs.kind == DEPARTURES, departures,
                                     pt.switch((obs.kind == ABROAD) | host, S[t1], returns)))
        f = pt.switch(obs.kind == SHARE, pt.log(share) - pt.log1p(-share), log_count)
        host_f, host_shift, host_noise = _host_predicted(obs, S, stock, flows, p)
        f = pt.switch(host, host_f, f)
        bias = pt.switch(host, host_shift,
                         pt.switch(obs.is_share, bias_share[obs.source], bias_count[obs.source]))
        mu = f + bias + temporary_shift * obs.temporary
        generic = (NOISE_FLOOR + noise[obs.source]) * np.where(obs.bound == 1, ABOUT_NOISE, 1.0)
        sigma = pt.switch(obs.stated_sd > 0, np.maximum(obs.stated_sd, NOISE_FLOOR), generic)
        sigma = pt.switch(host, host_noise * np.where(obs.bound == 1, ABOUT_NOISE, 1.0), sigma)
        z_lo = (obs.lo - mu) / sigma
        z_hi = pt.switch(obs.bound == 2, (obs.hi - mu) / sigma, z_lo + 1.0)
        upper_tail = z_lo > 0
        a = pt.switch(upper_tail, -z_hi, z_lo)
        b = pt.switch(upper_tail, -z_lo, z_hi)
        log_b = _log_ndtr(b)
        interval = log_b + pt.log1mexp(pt.minimum(_log_ndtr(a) - log_b, -1e-12))
        point = pm.logp(pm.Normal.dist(mu, sigma), obs.lo)
        loglik = pt.switch(obs.bound <= 1, point, pt.switch(
            obs.bound == 2, interval, pt.switch(obs.bound == 3, _log_ndtr(-z_lo),
                                                _log_ndtr(z_lo))))
        pm.Potential("claims", loglik.sum())
    return model


def log_density_gap(obs: Observations, seed: int = 3) -> float:
    """|log density of this model - the NumPyro model's| at one random point.

    The two frameworks must carry the same model for the ESS/s comparison to mean
    anything: the same point in the unconstrained space (Jacobians included) must have
    the same log density, to rounding.
    """
    import jax
    from numpyro.infer.util import initialize_model

    from relokant.estimate.model import model as numpyro_model

    info = initialize_model(jax.random.PRNGKey(seed), numpyro_model, model_args=(obs, None))
    z = {k: np.asarray(v) for k, v in info.param_info.z.items()}
    peer = build(obs)
    point = {v.name: z[v.name.removesuffix("_log__")] for v in peer.value_vars}
    ours = -float(info.potential_fn(info.param_info.z))
    return abs(ours - float(peer.compile_logp()(point)))
