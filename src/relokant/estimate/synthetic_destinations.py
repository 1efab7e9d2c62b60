"""Synthetic worlds with a known destination split, trip multipliers and onward moves.

The national truth is drawn as in :mod:`relokant.estimate.synthetic`; the split, the
destinations' return and onward hazards and the indicators' own parameters are drawn
from their priors and pushed through the model's own path. Host-country sources then
publish what their indicator counts (compiled stocks with a shared bias, border trips
with ordinary traffic and a pre-war baseline row, 183-day immigrants and emigrants), with
noise. Checking that per-destination intervals cover the truth is the calibration test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from relokant.estimate import destinations as dest
from relokant.estimate.indicators import BASELINES
from relokant.estimate.model import event_calendar, profile
from relokant.estimate.synthetic import World
from relokant.events import RUSSIA_2022, Event
from relokant.records import Bound, Claim, SourceType, Status, Unit

#: A small event for fast worlds: three destinations and the rest of the world.
SMALL_EVENT = RUSSIA_2022.model_copy(update={"destinations": ("GE", "KZ", "AM")})


@dataclass(frozen=True)
class DestinationWorld:
    """A national truth plus stock and arrivals by destination (event order, then rest)."""

    national: World
    stock: np.ndarray
    arrivals: np.ndarray
    params: dict[str, Any]


def simulate_destination_world(months: int = 23, *, rng: np.random.Generator,
                               event: Event = SMALL_EVENT) -> DestinationWorld:
    """Draw national parameters near the model's prior and the rest from its priors."""
    import jax.numpy as jnp

    alpha = np.log(rng.uniform(12_000, 40_000))
    g_s, g_a = profile(months, event.shock_weights(0)), profile(months, event.shock_weights(1))
    walk = np.concatenate([[0.0], np.cumsum(rng.normal(0, 0.1, months - 1))])
    d = np.exp(alpha + rng.uniform(1.0, 2.6) * g_s + rng.uniform(1.2, 2.8) * g_a + walk)
    hazard0 = np.array([rng.uniform(0.008, 0.04), rng.uniform(0.012, 0.06)])
    decay = rng.uniform(0.0, 0.08)
    n, cohorts = len(event.destinations), len(event.cohorts)
    z = {"indicator_z": rng.normal(size=len(dest.SCALARS))}
    if n:
        z.update(share_z=rng.normal(size=n), share_cohort_z=rng.normal(size=(cohorts, n)),
                 return_z=rng.normal(size=n), onward_z=rng.normal(size=n),
                 trips_z=rng.normal(size=n), visits_z=rng.normal(size=n),
                 baseline_z=rng.normal(size=(len(BASELINES), n)))
    p = dest.transform({k: jnp.asarray(v) for k, v in z.items()}, level=dest.share_level(event))
    path = dest.split_path(jnp.asarray(d), jnp.asarray(hazard0), decay, p,
                           event_calendar(event, months), months)
    D, R = np.asarray(path["D"]), np.asarray(path["R"])
    world = World(d, D, R, D - R, R / D, event)
    params = {k: np.asarray(v) for k, v in p.items()}
    params["leavers"] = np.asarray(path["flows"][1])
    return DestinationWorld(world, np.asarray(path["stock"]), np.asarray(path["arrivals"]),
                            params)


def _claim(dest_code: str, indicator: str, unit: Unit, value: float, start: dt.date,
           end: dt.date, source: SourceType, n: int) -> Claim:
    return Claim.model_validate({
        "measure": "stock_abroad" if indicator == "settled_estimate" else "departures",
        "unit": unit, "bound": Bound.point, "value": round(value), "destination": dest_code,
        "indicator": indicator, "period_start": start, "as_of": end,
        "attributed_to": f"host source {n}", "source_type": source, "status": Status.accepted,
        "citations": [{"document": {"outlet": "Synthetic Host Gazette", "title": f"host {n}",
                                    "published": end + dt.timedelta(days=40)}}]})


def host_claims(world: DestinationWorld, *, rng: np.random.Generator) -> list[Claim]:
    """What host-country sources publish about ``world``, through each indicator's model."""
    event = world.national.event
    p, months = world.params, world.national.months
    bias = float(p["settled_bias"])
    claims: list[Claim] = []
    for k, code in enumerate(event.destinations):
        m = int(rng.integers(8, months))
        stock = world.stock[k, m] * np.exp(bias + rng.normal(0, 0.3))
        claims.append(_claim(code, "settled_estimate", Unit.persons, stock, event.start,
                             event.month_end(m), SourceType.media_estimate, 10 * k))
        q = int(rng.integers(1, months - 3))  # a quarter of border entries
        window = slice(q, q + 3)
        trips = (p["trips"][k] * world.arrivals[k, window].sum()
                 + p["visits"][k] * world.stock[k, window].sum() + p["baseline"][0, k] * 3)
        start = event.month_end(q).replace(day=1)
        claims.append(_claim(code, "border_entries", Unit.border_crossings,
                             trips * np.exp(rng.normal(0, 0.15)), start, event.month_end(q + 2),
                             SourceType.official_statistics, 10 * k + 1))
        base_year = event.start.year - 1  # the pre-war row: ordinary traffic alone
        claims.append(_claim(code, "border_entries", Unit.border_crossings,
                             p["baseline"][0, k] * 12 * np.exp(rng.normal(0, 0.15)),
                             dt.date(base_year, 1, 1), dt.date(base_year, 12, 31),
                             SourceType.official_statistics, 10 * k + 2))
    if event.destinations:  # onward moves: leavers of the first destination in the first year
        year_end = event.month_index(event.first_year_end)
        leavers = p["resident"] * world.params["leavers"][0, :year_end + 1].sum()
        claims.append(_claim(event.destinations[0], "emigrants_183_days", Unit.persons,
                             leavers * np.exp(rng.normal(0, 0.15)), event.start,
                             event.first_year_end, SourceType.official_statistics, 99)
                      .with_changes(measure="returns"))
    return claims
