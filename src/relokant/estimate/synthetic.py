"""Synthetic worlds with a known truth, for checking that the estimate recovers it.

A world draws monthly departures and return hazards, then sources of several
types publish claims about it through their own bias and noise, in every form
(points, "about", ranges, "more than"). Fitting those claims and checking that
the 90% intervals cover the truth about 90% of the time is the calibration test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from relokant.estimate.model import COUNT_BIAS, SHARE_BIAS, profile
from relokant.events import RUSSIA_2022, Event
from relokant.records import Bound, Claim, Measure, SourceType, Status, Unit


@dataclass(frozen=True)
class World:
    """A simulated truth: monthly series from the event's month."""

    departures: np.ndarray
    D: np.ndarray
    R: np.ndarray
    S: np.ndarray
    share: np.ndarray
    event: Event = RUSSIA_2022

    @property
    def months(self) -> int:
        """Length of the series."""
        return len(self.D)


def simulate_world(months: int = 23, *, rng: np.random.Generator,
                   event: Event = RUSSIA_2022) -> World:
    """Draw one truth from a process close to (not identical with) the model's prior."""
    alpha = np.log(rng.uniform(12_000, 40_000))
    spring = rng.uniform(1.0, 2.6)
    autumn = rng.uniform(1.2, 2.8)
    g_s = profile(months, event.shock_weights(0))
    g_a = profile(months, event.shock_weights(1))
    second = event.cohort_month(1)
    cohort_start = months if second is None else second
    walk = np.concatenate([[0.0], np.cumsum(rng.normal(0, 0.1, months - 1))])
    d = np.exp(alpha + spring * g_s + autumn * g_a + walk)
    h = {0: rng.uniform(0.008, 0.04), 1: rng.uniform(0.012, 0.06)}
    decay = rng.uniform(0.0, 0.08)
    returned = np.zeros((months, months))
    for j in range(months):
        hazard = h[int(j >= cohort_start)]
        surv = 1.0
        for m in range(j + 1, months):
            surv *= 1 - hazard * np.exp(-decay * (m - j - 1))
            returned[j, m] = d[j] * (1 - surv)
    D = np.cumsum(d)
    R = returned.sum(axis=0)
    return World(d, D, R, D - R, R / D, event)


_OUTLET = "Synthetic Gazette"


def _claim(measure: Measure, unit: Unit, bound: Bound, figures: dict[str, float],
           as_of: dt.date, source: SourceType, n: int, start: dt.date) -> Claim:
    return Claim.model_validate({
        "measure": measure, "unit": unit, "bound": bound, **figures,
        "period_start": start, "as_of": as_of, "attributed_to": f"{source.value} {n}",
        "source_type": source, "status": Status.accepted,
        "citations": [{"document": {"outlet": _OUTLET, "title": f"synthetic {n}",
                                    "published": as_of + dt.timedelta(days=31)}}],
    })


def synthetic_claims(world: World, *, rng: np.random.Generator, n_counts: int = 10,
                     n_shares: int = 7) -> tuple[list[Claim], dict[str, dict[str, float]]]:
    """Claims about ``world`` from biased, noisy sources, and the true biases used."""
    types = [t for t in SourceType if t is not SourceType.other]
    truth: dict[str, dict[str, float]] = {}
    for t in types:
        cb, sb = COUNT_BIAS[t], SHARE_BIAS[t]
        truth[t.value] = {"count": 0.0 if t is SourceType.independent_research
                          else float(rng.normal(cb.mean, cb.sd)),
                          "share": 0.0 if t is SourceType.independent_research
                          else float(rng.normal(sb.mean, sb.sd)),
                          "noise": float(rng.uniform(0.05, 0.25))}
    claims: list[Claim] = []
    counts = [SourceType.independent_research, SourceType.independent_research, *types]
    for n in range(n_counts):
        source = counts[n % len(counts)]
        m = int(rng.integers(6, world.months))
        b, s = truth[source.value]["count"], truth[source.value]["noise"]
        observed = world.D[m] * np.exp(b + rng.normal(0, s))
        form = rng.choice(["point", "about", "range", "at_least"], p=[0.35, 0.3, 0.25, 0.1])
        if form == "range":
            width = rng.uniform(1.15, 1.6)
            figures = {"low": round(observed / width, -3), "high": round(observed * width, -3)}
        elif form == "at_least":
            figures = {"value": round(observed * rng.uniform(0.75, 0.95), -3)}
        else:
            figures = {"value": round(observed, -3)}
        claims.append(_claim(Measure.departures, Unit.persons, Bound(form), figures,
                             world.event.month_end(m), source, n, world.event.start))
    share_types = [SourceType.panel_survey, SourceType.commercial_data,
                   SourceType.independent_research, SourceType.government_statement,
                   SourceType.media_estimate]
    for n in range(n_shares):
        sharer = share_types[n % len(share_types)]
        m = int(rng.integers(10, world.months))
        b, s = truth[sharer.value]["share"], truth[sharer.value]["noise"]
        p = world.share[m]
        logit = np.log(p / (1 - p)) + b + rng.normal(0, s)
        value = float(np.clip(100 / (1 + np.exp(-logit)), 0.5, 99.5))
        form = rng.choice(["point", "about"], p=[0.6, 0.4])
        claims.append(_claim(Measure.return_share, Unit.percent, Bound(form),
                             {"value": round(value, 1)}, world.event.month_end(m), sharer,
                             100 + n, world.event.start))
    return claims, truth
