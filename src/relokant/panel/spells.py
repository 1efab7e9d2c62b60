"""Respondent-wave rows to one spell per respondent, and the dropout model's weights."""

from __future__ import annotations

import numpy as np
import pandas as pd

from relokant.panel.logit import fit_logit, predict_logit

COVARIATES = ("age_band", "sex", "occupation")
UNKNOWN = "unknown"
"""The destination group of respondents the panel recorded nowhere abroad."""
UNKNOWN_NOTE = ("destination 'unknown': respondents recorded nowhere abroad (back before their "
                "first interview); the other groups lack those early returns, so read their "
                "shares as too low, or give the file a destination column")


def _months(date: pd.Series) -> np.ndarray:
    stamp = pd.to_datetime(date)
    return np.asarray(stamp.dt.year * 12 + stamp.dt.month)


def spells(waves: pd.DataFrame) -> pd.DataFrame:
    """One row per respondent: follow-up months, event (0 none, 1 return, 2 onward), month."""
    w = waves.sort_values(["respondent_id", "wave"]).copy()
    dep = _months(w["departure_month"] + "-01")
    w["month"] = _months(w["interview_date"]) - dep
    w["ret_m"] = np.where(w["returned"] == 1, _months(w["return_date"].fillna("1900-01-01"))
                          - dep, np.nan)
    w["onw_m"] = np.where(w["moved_on"] == 1, _months(w["moved_on_date"].fillna("1900-01-01"))
                          - dep, np.nan)
    g = w.groupby("respondent_id", sort=False)
    first = g.first()
    out = pd.DataFrame({
        "follow": g["month"].max(), "waves": g["wave"].max(),
        "destination": destinations(w).reindex(first.index), "cohort": first["cohort"],
        "design_weight": first["design_weight"],
        **{c: first[c] for c in COVARIATES}})
    ret, onw = g["ret_m"].min(), g["onw_m"].min()
    out["event"] = np.where(ret.notna(), 1, np.where(onw.notna(), 2, 0))
    out["event_month"] = ret.fillna(onw).clip(lower=1)
    return out.reset_index()


def destinations(w: pd.DataFrame) -> pd.Series:
    """Each respondent's destination group, from what the panel recorded.

    The file's ``destination`` column when given; else the residence at the first
    interview before any return or onward move; else the first residence abroad;
    ``"unknown"`` only for respondents recorded nowhere abroad (back before their
    first interview, in a file without a destination column).
    """
    ids = w["respondent_id"]
    stated = (w["destination"] if "destination" in w else pd.Series(None, index=w.index))
    before = w[(w["returned"] == 0) & (w["moved_on"] == 0)]
    abroad = w[w["returned"] == 0]
    found = pd.Series(None, index=pd.unique(ids), dtype=object)
    for source in (stated[stated.notna()].groupby(ids[stated.notna()]).first(),
                   before.groupby("respondent_id")["residence"].first(),
                   abroad.groupby("respondent_id")["residence"].first()):
        found = found.fillna(source.reindex(found.index))
    return found.fillna(UNKNOWN)


def covariate_matrix(sp: pd.DataFrame) -> np.ndarray:
    """One-hot covariates (each one's first level, sorted, dropped as the baseline)."""
    cols = []
    for c in COVARIATES:
        values = sp[c].to_numpy()
        cols += [(values == v).astype(float) for v in sorted(set(values))[1:]]
    return np.column_stack(cols) if cols else np.empty((len(sp), 0))


def ipw(sp: pd.DataFrame, max_wave: int) -> np.ndarray:
    """Per respondent and wave k, 1 / P(still in the panel at wave k | covariates).

    The dropout model is one logistic regression of "gone by wave k" on the wave
    number and covariates, over respondents seen at wave k-1 without an event yet.
    """
    n = len(sp)
    weights = np.ones((n, max_wave + 1))
    if max_wave < 2:
        return weights
    cov = covariate_matrix(sp)
    seen, event = sp["waves"].to_numpy(), sp["event"].to_numpy()
    xs, ys = [], []
    for k in range(2, max_wave + 1):
        alive = (seen >= k - 1) & ~((event > 0) & (seen == k - 1))
        xs.append(_design(cov[alive], k))
        ys.append((seen[alive] < k).astype(float))
    beta = fit_logit(np.vstack(xs), np.concatenate(ys))
    stay = np.ones(n)
    for k in range(2, max_wave + 1):
        stay = stay * (1 - predict_logit(_design(cov, k), beta))
        weights[:, k] = 1 / np.clip(stay, 0.02, 1)
    return weights


def _design(cov: np.ndarray, wave: int) -> np.ndarray:
    """Intercept, wave number, covariates."""
    return np.column_stack([np.ones(len(cov)), np.full(len(cov), float(wave)), cov])
