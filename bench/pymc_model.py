"""The Reconciler's model written again in PyMC, as the estimate benchmark's peer.

Same priors, latent path, bias and noise structure and censored/interval
likelihood as ``relokant.estimate.model``; only the framework differs.
"""

from __future__ import annotations

import numpy as np
import pymc as pm
import pytensor.tensor as pt

from relokant.estimate.model import (
    ABOUT_NOISE,
    COUNT_BIAS,
    NOISE_FLOOR,
    SHARE_BIAS,
    TEMPORARY_SHIFT_SD,
    event_calendar,
)
from relokant.estimate.observations import ABROAD, DEPARTURES, SHARE, SOURCE_TYPES, Observations


def _log_ndtr(z: pt.TensorVariable) -> pt.TensorVariable:
    return pm.logcdf(pm.Normal.dist(0.0, 1.0), z)


def build(obs: Observations) -> pm.Model:
    months = obs.months
    j = np.arange(months)
    lag = j[None, :] - j[:, None]
    calendar = event_calendar(obs.event, months)
    cohort = (j >= calendar["cohort_start"]).astype(int)
    rows = np.repeat(cohort[:, None], months, axis=1)
    cols = np.clip(lag, 0, months - 1)
    t0, t1 = obs.t0, obs.t1
    window = ((j[None, :] >= t0[:, None]) & (j[None, :] <= t1[:, None])).astype(float)
    coh = ((j[None, :] >= obs.cohort0[:, None])
           & (j[None, :] <= np.minimum(obs.cohort1, t1)[:, None])).astype(float)
    with pm.Model() as model:
        alpha_z = pm.Normal("alpha_z", 0, 1)
        alpha = np.log(25_000.0) + 0.7 * alpha_z
        b_spring = pm.Normal("b_spring", 1.8, 0.6)
        b_autumn = pm.Normal("b_autumn", 2.0, 0.6)
        sigma_rw = pm.HalfNormal("sigma_rw", 0.2)
        rw_z = pm.Normal("rw_z", 0, 1, shape=months - 1)
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
        rw = pt.concatenate([pt.zeros(1), pt.cumsum(sigma_rw * rw_z)])
        d = pt.exp(alpha + b_spring * calendar["g_spring"]
                   + b_autumn * calendar["g_autumn"] + rw)
        hazard0 = pm.math.sigmoid(pt.stack([h_spring, h_autumn]))
        dur = np.arange(months)
        hz = hazard0[:, None] * pt.exp(-decay * (dur[None, :] - 1.0))
        hz = pt.switch(dur[None, :] >= 1, hz, 0.0)
        log_surv = pt.cumsum(pt.log1p(-pt.clip(hz, 0.0, 0.999)), axis=1)
        surv = pt.switch(lag >= 0, pt.exp(log_surv[rows, cols]), 1.0)
        returned = pt.switch(lag >= 0, d[:, None] * (1.0 - surv), 0.0)
        cum_d = pt.cumsum(d)
        S = cum_d - returned.sum(axis=0)
        pm.Deterministic("D", cum_d)
        departures = (window * d[None, :]).sum(axis=1)
        departures = pt.switch(obs.per_day > 0, d[t1] / 30.4, departures)
        returns = (coh * returned[:, t1].T).sum(axis=1)
        share = returns / (coh * d[None, :]).sum(axis=1)
        log_count = pt.log(pt.switch(obs.kind == DEPARTURES, departures,
                                     pt.switch(obs.kind == ABROAD, S[t1], returns)))
        f = pt.switch(obs.kind == SHARE, pt.log(share) - pt.log1p(-share), log_count)
        bias = pt.switch(obs.is_share, bias_share[obs.source], bias_count[obs.source])
        mu = f + bias + temporary_shift * obs.temporary
        generic = (NOISE_FLOOR + noise[obs.source]) * np.where(obs.bound == 1, ABOUT_NOISE, 1.0)
        sigma = pt.switch(obs.stated_sd > 0, np.maximum(obs.stated_sd, NOISE_FLOOR), generic)
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
