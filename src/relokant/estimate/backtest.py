"""Back-tests: fit on what was published by a cutoff, score what was published after it.

A claim's publication date is its earliest citation's (a claim without citations
counts as published on its own ``as_of``). For every later claim the model would use,
the posterior predictive of what its source type would report is compared with what
it did report: whether the figure falls in the central 50% and 90% predictive
intervals, its PIT value, its log predictive score and its CRPS (on the model's log
or logit scale, so counts and shares are comparable).

Interval claims are placed at their midpoint (log scale) for PIT, intervals and CRPS
and scored by the probability of the whole interval for the log score; one-sided
bounds ("more than X") count as inside an interval when the interval reaches past
X, and have no PIT or CRPS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.special import log_ndtr, logsumexp, ndtr

from relokant.errors import EstimateError
from relokant.estimate.observations import KIND_NAMES, SOURCE_TYPES, build_observations
from relokant.estimate.predictive import ClaimPredictive, predict_observations
from relokant.events import RUSSIA_2022, Event
from relokant.records import Claim, Status

AGGREGATE = ("n", "in_50", "in_90", "pit_mean", "log_score", "crps")


def published(claim: Claim) -> dt.date | None:
    """When a claim was first published: its earliest citation, else its as_of."""
    days = [c.document.published for c in claim.citations]
    return min(days) if days else claim.as_of


@dataclass(frozen=True)
class Cutoff:
    """One back-test: the fit on claims up to the cutoff and the scores of later ones."""

    cutoff: dt.date
    n_fitted: int
    #: One row per later claim the model can use (see :data:`SCORE_COLUMNS`).
    scores: pd.DataFrame
    #: Later claims not scored, with the reason the model sets them aside.
    not_scored: tuple[tuple[str, str], ...]
    diagnostics_ok: bool
    #: Quantities the claims up to the cutoff did not inform: their predictions are priors.
    prior_only: tuple[str, ...] = field(default=())


def _crps(samples: NDArray[np.float64], x: float) -> float:
    """Sample CRPS: E|Y - x| - E|Y - Y'| / 2 (sorted-sample form of the second term)."""
    y = np.sort(samples)
    n = len(y)
    spread = 2.0 * np.sum((2 * np.arange(1, n + 1) - n - 1) * y) / n**2
    return float(np.mean(np.abs(y - x)) - 0.5 * spread)


def _reported(claim: Claim | None) -> float | None:
    """The claim's figure as published (a range's geometric or logit midpoint is not shown)."""
    if claim is None:
        return None
    return claim.value if claim.value is not None else claim.midpoint


def score_claims(pred: ClaimPredictive, rng: np.random.Generator,
                 claims_by_id: dict[str, Claim]) -> pd.DataFrame:
    """Per claim: predictive intervals, whether the claim falls in them, PIT, log score, CRPS."""
    obs = pred.observations
    replicated = pred.replicate(rng)
    natural = pred.natural(replicated)
    draws = pred.mu.shape[0]
    rows = []
    for i, claim_id in enumerate(obs.claim_ids):
        mu, sigma = pred.mu[:, i], pred.sigma[:, i]
        lo, hi, bound = float(obs.lo[i]), float(obs.hi[i]), int(obs.bound[i])
        q = np.quantile(replicated[:, i], (0.05, 0.25, 0.75, 0.95))
        cdf_lo, cdf_hi = ndtr((lo - mu) / sigma), ndtr((hi - mu) / sigma)
        pit: float | None
        crps: float | None
        if bound == 3:  # more than lo
            log_score = float(logsumexp(log_ndtr((mu - lo) / sigma)) - np.log(draws))
            in50, in90, pit, crps = lo <= q[2], lo <= q[3], None, None
        elif bound == 4:  # up to hi
            log_score = float(logsumexp(log_ndtr((hi - mu) / sigma)) - np.log(draws))
            in50, in90, pit, crps = hi >= q[1], hi >= q[0], None, None
        else:
            x = 0.5 * (lo + hi)
            if bound == 2 and hi > lo:
                log_score = float(np.log(max(np.mean(cdf_hi - cdf_lo), 1e-300)))
            else:
                dens = -0.5 * ((x - mu) / sigma) ** 2 - np.log(sigma) - 0.5 * np.log(2 * np.pi)
                log_score = float(logsumexp(dens) - np.log(draws))
            pit = float(np.mean(ndtr((x - mu) / sigma)))
            in50, in90 = 0.25 <= pit <= 0.75, 0.05 <= pit <= 0.95
            crps = _crps(replicated[:, i], x)
        claim = claims_by_id.get(claim_id)
        nq = np.quantile(natural[:, i], (0.05, 0.5, 0.95))
        rows.append({
            "id": claim_id, "measure": KIND_NAMES[int(obs.kind[i])],
            "source_type": SOURCE_TYPES[int(obs.source[i])].value,
            "attributed_to": claim.attributed_to if claim else None,
            "published": published(claim) if claim else None,
            "as_of": obs.event.month_end(int(obs.t1[i])),
            "bound": ("point", "about", "range", "at_least", "at_most")[bound],
            "reported": _reported(claim),
            "pred_median": float(nq[1]), "pred_q05": float(nq[0]), "pred_q95": float(nq[2]),
            "in_50": bool(in50), "in_90": bool(in90), "pit": pit, "log_score": log_score,
            "crps": crps,
        })
    return pd.DataFrame(rows)


def _aggregate(scores: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    grouped = scores.groupby(by, dropna=False) if by else [((), scores)]
    rows = []
    for key, part in grouped:
        keys = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(by, keys, strict=True)), "n": len(part),
                     "in_50": float(part["in_50"].mean()), "in_90": float(part["in_90"].mean()),
                     "pit_mean": float(pd.to_numeric(part["pit"]).mean()),
                     "log_score": float(part["log_score"].mean()),
                     "crps": float(pd.to_numeric(part["crps"]).mean())})
    return pd.DataFrame(rows)


def summarise(scores: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Scores overall, per measure, per source type."""
    return {"overall": _aggregate(scores, []), "measure": _aggregate(scores, ["measure"]),
            "source_type": _aggregate(scores, ["source_type"])}


def backtest(claims: Sequence[Claim], cutoff: dt.date, *, event: Event = RUSSIA_2022,
             seed: int = 0, **settings: Any) -> Cutoff:
    """Fit on the accepted claims published by ``cutoff``; score those published after."""
    from relokant.estimate.reconciler import Reconciler

    accepted = [c for c in claims if c.status is Status.accepted]
    before = [c for c in accepted if (published(c) or dt.date.max) <= cutoff]
    after = [c for c in accepted if (published(c) or dt.date.max) > cutoff]
    if not before:
        raise EstimateError(f"no accepted claim was published by the cutoff {cutoff}",
                            hint="choose a later cutoff", option="cutoff")
    try:
        fit = Reconciler(seed=seed, event=event, **settings).fit(before)
    except EstimateError as exc:
        raise EstimateError(f"cutoff {cutoff}: {exc.message}", hint=exc.hint,
                            option="cutoff") from None
    later = build_observations(after, event)
    not_scored = tuple((e.claim_id, e.reason) for e in later.excluded)
    rng = np.random.default_rng(seed)
    by_id = {c.id or f"claim{n}": c for n, c in enumerate(after)}
    if later.n:
        pred = predict_observations(fit.posterior_, later, fit.observations_.months, rng)
        scores = score_claims(pred, rng, by_id)
    else:
        scores = pd.DataFrame(columns=["id", "measure", "source_type", *AGGREGATE[1:]])
    unidentified = tuple(q for q in ("departures", "return_share", "abroad", "returns")
                         if not fit.identified(q))
    return Cutoff(cutoff, fit.observations_.n, scores, not_scored, fit.diagnostics_.ok,
                  unidentified)


def to_dict(result: Cutoff) -> dict[str, Any]:
    """One cutoff as JSON: scores per claim and summaries."""

    def clean(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float | np.floating):
            return None if not np.isfinite(value) else round(float(value), 4)
        if isinstance(value, np.bool_):
            return bool(value)
        return value

    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [{str(k): clean(v) for k, v in row.items()}
                for row in frame.to_dict("records")]

    summaries = summarise(result.scores) if len(result.scores) else {}
    return {"cutoff": result.cutoff.isoformat(), "n_fitted": result.n_fitted,
            "n_scored": len(result.scores), "diagnostics_ok": result.diagnostics_ok,
            "prior_only": list(result.prior_only),
            "summary": {k: records(v) for k, v in summaries.items()},
            "claims": records(result.scores),
            "not_scored": [{"id": i, "reason": r} for i, r in result.not_scored]}
