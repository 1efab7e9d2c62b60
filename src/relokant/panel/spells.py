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


def design_matrix(frame: pd.DataFrame, levels: dict[str, list[str]]) -> np.ndarray:
    """Intercept, wave number and one-hot covariates (first level dropped)."""
    cols = [np.ones(len(frame)), frame["at_wave"].to_numpy(float)]
    for c, values in levels.items():
        cols += [(frame[c] == v).to_numpy(float) for v in values[1:]]
    return np.column_stack(cols)


def ipw(sp: pd.DataFrame, max_wave: int) -> np.ndarray:
    """Per respondent and wave k, 1 / P(still in the panel at wave k | covariates)."""
    levels = {c: sorted(sp[c].unique()) for c in COVARIATES}
    at_risk = []
    for k in range(2, max_wave + 1):
        # eligible to be seen at wave k: seen at k-1 without an event yet
        alive = sp[(sp["waves"] >= k - 1) & ~((sp["event"] > 0) & (sp["waves"] == k - 1))]
        at_risk.append(alive.assign(at_wave=k, dropped=(alive["waves"] < k).astype(float)))
    n = len(sp)
    weights = np.ones((n, max_wave + 1))
    if not at_risk:
        return weights
    data = pd.concat(at_risk)
    beta = fit_logit(design_matrix(data, levels), data["dropped"].to_numpy())
    stay = np.ones(n)
    for k in range(2, max_wave + 1):
        p_drop = predict_logit(design_matrix(sp.assign(at_wave=k), levels), beta)
        stay = stay * (1 - p_drop)
        weights[:, k] = 1 / np.clip(stay, 0.02, 1)
    weights[:, 0] = 1
    return weights
