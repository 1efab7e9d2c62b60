"""Where they went: the national departures split across destinations, and what stays there.

Departures of month ``m`` (cohort ``c(m)`` of the event: spring 2022, mobilisation,
later) go to destination ``k`` with share ``s_ck``, logistic-normal around a common
destination level, ``logit s_ck = mu + 0.8 z_k + 0.5 z_ck``, against the explicit
rest of the world (logit 0). The event lists its main destinations, so the prior gives
them together about three quarters (``mu = log(3 / n)`` for ``n`` of them, none
favoured) and the rest of the world a quarter: the figures move them. A listed destination
that no figure is about is not modelled (its split would be the prior's alone); its prior
share stays with the rest of the world (:func:`share_level`).

People in ``k`` return home with the national hazard of their cohort times ``e^{r_k}``
(``r_k ~ N(0, 0.5)``; the rest of the world is the reference, ``r = 0``) and move on to a
third country with a monthly hazard ``o_k`` (logit-normal around 0.5% a month; none from the
rest of the world, where onward moves are invisible). Onward movers keep their first
destination's return hazard and settle where the latest cohort went (``s_Cl / (1 - s_Ck)``).
Then, with every sum exact:

* stock ``S_k = arrivals - returns - onward out + onward in``;
* national returns ``R = sum_k R_k`` and people abroad ``S = D - R = sum_k S_k``,

so a national claim and a destination claim inform the same numbers. With no modelled
destination the split is the identity and the national model is unchanged.
"""

from __future__ import annotations

import math
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import numpyro
import numpyro.distributions as dist

from relokant.estimate.indicators import BASELINES, BY_CODE, FLOWS, SCALES
from relokant.events import Event

#: The event lists its main destinations: together about three quarters of the departures,
#: each about the same a priori; the rest of the world takes the last quarter.
REST_SHARE = 0.25
SHARE_SD = 0.8
COHORT_SD = 0.5
RETURN_SD = 0.5
ONWARD_LOGIT, ONWARD_SD = math.log(0.005 / 0.995), 1.0
TRIPS_LOG, TRIPS_SD = math.log(0.5), 0.7
#: Border crossings a month per emigrant living in the destination (visits home and back).
VISITS_LOG, VISITS_SD = math.log(0.15), 1.0
#: Monthly ordinary (non-wartime) levels: log median and sd, by baseline kind.
BASELINE_PRIORS = {"trips": (math.log(30_000.0), 1.5), "registrations": (math.log(10_000.0), 1.5),
                   "aliyah": (math.log(500.0), 1.5)}
#: Indicator scalars: (name, centre, sd, link) on the unconstrained scale.
SCALARS = (("eligible", math.log(0.7 / 0.3), 0.8, "logit"), ("registered", 0.0, 0.5, "log"),
           ("resident", 0.0, 1.0, "logit"), ("grants", math.log(0.03 / 0.97), 1.0, "logit"),
           ("permits", math.log(0.3 / 0.7), 1.0, "logit"), ("settled_bias", 0.0, 0.25, "id"))


def names(event: Event) -> tuple[str, ...]:
    """The destinations modelled: the event's, then the rest of the world."""
    return (*event.destinations, "rest_of_world")


def share_level(event: Event) -> float:
    """Prior centre of each modelled destination's share logit against the rest of the world.

    The listed destinations (modelled and folded) share three quarters a priori, none
    favoured; a folded one's part stays with the rest of the world.
    """
    listed = max(len(event.destinations) + len(event.folded), 1)
    each = (1 - REST_SHARE) / listed
    return math.log(each / (REST_SHARE + each * len(event.folded)))


def calendar(event: Event, months: int) -> dict[str, Any]:
    """Each month's share cohort (the event's cohorts) and the shares' prior centre."""
    starts = [event.cohort_month(i) or 0 for i in range(len(event.cohorts))]
    cohort = np.zeros(months, dtype=np.int32)
    for i, start in enumerate(starts):
        cohort[np.arange(months) >= start] = i
    return {"share_cohort": cohort, "share_level": np.float64(share_level(event))}


def sample(event: Event) -> dict[str, Any]:
    """NumPyro sites of the split and the indicators' parameters (all non-centred)."""
    n, cohorts = len(event.destinations), len(event.cohorts)
    scalars = numpyro.sample("indicator_z", dist.Normal(0.0, 1.0).expand([len(SCALARS)])
                             .to_event(1))
    out: dict[str, Any] = {"indicator_z": scalars}
    if n == 0:
        return out
    for site, shape in (("share_z", [n]), ("share_cohort_z", [cohorts, n]), ("return_z", [n]),
                        ("onward_z", [n]), ("trips_z", [n]), ("visits_z", [n]),
                        ("baseline_z", [len(BASELINES), n])):
        out[site] = numpyro.sample(site, dist.Normal(0.0, 1.0).expand(shape).to_event(len(shape)))
    return out


def _pad(x: Any, value: float) -> Any:
    """Append the rest of the world's entry to a per-country vector."""
    return jnp.concatenate([x, jnp.full((*x.shape[:-1], 1), value)], axis=-1)


#: The split's and the indicators' standard-normal sites (what a posterior stores).
SITES = ("indicator_z", "share_z", "share_cohort_z", "return_z", "onward_z", "trips_z",
         "visits_z", "baseline_z")


def posterior_layout(event: Event) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Coordinates and dimensions of the split's sites and paths in the posterior."""
    coords = {"destination": list(names(event)), "country": list(event.destinations),
              "cohort": [c.name for c in event.cohorts], "baseline": list(BASELINES),
              "indicator_scalar": [s[0] for s in SCALARS]}
    dims = {"arrivals": ["destination", "month"], "stock": ["destination", "month"],
            "share_z": ["country"], "share_cohort_z": ["cohort", "country"],
            "return_z": ["country"], "onward_z": ["country"], "trips_z": ["country"],
            "visits_z": ["country"], "baseline_z": ["baseline", "country"],
            "indicator_z": ["indicator_scalar"]}
    return coords, dims


def transform(z: dict[str, Any], *, level: Any) -> dict[str, Any]:
    """Natural-scale parameters from the standard-normal sites.

    The shares' cohorts come from the sites (one row for all months when no destination
    is modelled); ``level`` is their prior centre (:func:`share_level` of the event).
    """
    s = z["indicator_z"]
    scal = {}
    for k, (name, centre, sd, link) in enumerate(SCALARS):
        x = centre + sd * s[k]
        scal[name] = jax.nn.sigmoid(x) if link == "logit" else jnp.exp(x) if link == "log" else x
    if "share_z" not in z:
        one = jnp.ones(1)
        return {"shares": jnp.ones((1, 1)), "return_mult": one, "onward": jnp.zeros(1),
                "trips": 1.0 + jnp.exp(TRIPS_LOG) * one, "visits": jnp.exp(VISITS_LOG) * one,
                "baseline": jnp.stack([jnp.exp(BASELINE_PRIORS[b][0]) * one for b in BASELINES]),
                **scal}
    logits = level + SHARE_SD * z["share_z"][None, :] + COHORT_SD * z["share_cohort_z"]
    base = jnp.stack([BASELINE_PRIORS[b][0] + BASELINE_PRIORS[b][1] * z["baseline_z"][i]
                      for i, b in enumerate(BASELINES)])
    return {"shares": jax.nn.softmax(_pad(logits, 0.0), axis=-1),
            "return_mult": jnp.exp(_pad(RETURN_SD * z["return_z"], 0.0)),
            "onward": _pad(jax.nn.sigmoid(ONWARD_LOGIT + ONWARD_SD * z["onward_z"]), 0.0),
            "trips": _pad(1.0 + jnp.exp(TRIPS_LOG + TRIPS_SD * z["trips_z"]), 1.0),
            "visits": _pad(jnp.exp(VISITS_LOG + VISITS_SD * z["visits_z"]), 0.0),
            "baseline": _pad(jnp.exp(base), 1.0), **scal}


def split_path(d: Any, hazard0: Any, decay: Any, p: dict[str, Any], cal: dict[str, Any],
               months: int) -> dict[str, Any]:
    """Arrivals, returns, onward moves and stock by destination; national sums.

    ``hazard0`` is the national return hazard of the two return cohorts (before and
    from the event's second cohort), ``cal["cohort_start"]`` the boundary month.
    """
    dur = jnp.arange(months)
    cohort = jnp.clip(cal["share_cohort"], 0, p["shares"].shape[0] - 1)
    a = (d[:, None] * p["shares"][cohort]).T  # (K, months)
    hz = (hazard0[:, None, None] * p["return_mult"][None, :, None]
          * jnp.exp(-decay * (dur[None, None, :] - 1.0)))
    hz = jnp.where(dur >= 1, jnp.clip(hz, 0.0, 0.999), 0.0)
    surv_by_lag = jnp.exp(jnp.cumsum(jnp.log1p(-hz), axis=2))  # (2 cohorts, K, lag)
    later = dur >= cal["cohort_start"]
    # (K, j, m): survival of arrivals of month j at month m (zero before arrival), the lag
    # series of j's return cohort laid out by calendar month. The sums over j are causal
    # convolutions, as K M^2 products contracted by einsum: a gather with constant indices
    # and a dot are cheaper on CPU than an M^3 one-hot contraction or pad-and-reshape
    lag = np.arange(months)[None, :] - np.arange(months)[:, None]  # m - j
    idx, after = np.clip(lag, 0, None), (lag >= 0).astype(float)
    by_lag = jnp.where(later[None, :, None], surv_by_lag[1][:, None, :],
                       surv_by_lag[0][:, None, :])  # (K, j, lag)
    surv = jnp.take_along_axis(by_lag, jnp.asarray(idx)[None], axis=2) * after
    stay_by_lag = jnp.exp(jnp.log1p(-p["onward"])[:, None] * dur[None, :])  # (K, lag)
    stay = stay_by_lag[:, idx]  # (K, j, m)
    not_returned, present_k = jnp.einsum("kj,skjm->skm", a, jnp.stack([surv, surv * stay]))
    returned = d[:, None] * after - jnp.einsum("kj,kjm->jm", a, surv)  # national, (j, m)
    R_k = jnp.cumsum(a, axis=1) - not_returned
    O_k = not_returned - present_k
    last = p["shares"][-1]
    pi = last[None, :] / jnp.maximum(1.0 - last[:, None], 1e-12) * (1.0 - jnp.eye(last.shape[0]))
    stock = present_k + pi.T @ O_k
    # present six months after arriving (arrivals too late for that are never read)
    six = min(6, months - 1)
    stayers = a * by_lag[:, :, six] * stay_by_lag[:, six:six + 1]

    def flow(x: Any) -> Any:
        return jnp.maximum(jnp.diff(x, axis=1, prepend=0.0), 0.0)

    leavers = flow(R_k) + flow(O_k)
    cum_d = jnp.cumsum(d)
    cum_r = returned.sum(axis=0)
    return {"d": d, "returned": returned, "D": cum_d, "R": cum_r,
            "S": cum_d - cum_r, "share": cum_r / cum_d, "arrivals": a, "stock": stock,
            "flows": jnp.stack([a, leavers, stayers])}


# Per indicator code (0: a national claim) the table's choices, as arrays for the compiled code.
_N = max(BY_CODE) + 1
FLOW_OF = np.array([FLOWS.index("stock")] + [FLOWS.index(BY_CODE[c].flow) for c in range(1, _N)])
SCALE_OF = np.array([SCALES.index("one")] + [SCALES.index(BY_CODE[c].scale) for c in range(1, _N)])
BASE_OF = np.array([-1] + [BASELINES.index(b) if (b := BY_CODE[c].baseline) else -1
                           for c in range(1, _N)])
NOISE_OF = np.array([0.0] + [BY_CODE[c].noise for c in range(1, _N)])
SETTLED = next(c for c, i in BY_CODE.items() if i.name == "settled_estimate")


def indicator_predicted(path: dict[str, Any], p: dict[str, Any], data: dict[str, Any]) -> Any:
    """Each destination row's predicted figure on the log scale (national rows: unused)."""
    ind = data["ind"]
    k = jnp.clip(data["dest"], 0, None)
    fi = jnp.asarray(FLOW_OF)[ind]
    # flows[f, k, m] summed over the row's window weights
    flows = path["flows"][jnp.clip(fi, 0, 2), k]  # (rows, months)
    windowed = (flows * data["W"]).sum(axis=1)
    t = data["t_stock"]
    stock = jnp.where(fi == FLOWS.index("national_stock"), path["S"][t], path["stock"][k, t])
    value = jnp.where(fi <= 2, windowed, stock)
    years = data["months_in"] / 12.0
    one = jnp.ones_like(years)
    table = jnp.stack([p["trips"][k], p["registered"] * one, p["eligible"] * one,
                       p["resident"] * one, p["grants"] * years, p["permits"] * years, one])
    scale = jnp.take_along_axis(table, jnp.asarray(SCALE_OF)[ind][None, :], axis=0)[0]
    b = jnp.asarray(BASE_OF)[ind]
    base = jnp.where(b >= 0, p["baseline"][jnp.clip(b, 0, None), k], 0.0) * data["months_in"]
    # emigrants living there cross too (visits home and back), in every month of the window
    resident_months = (path["stock"][k] * data["W"]).sum(axis=1)
    visits = jnp.where(jnp.asarray(SCALE_OF)[ind] == SCALES.index("trips"),
                       p["visits"][k] * resident_months, 0.0)
    return jnp.log(jnp.maximum(scale * value + visits + base, 1e-6))


def indicator_shift_sigma(p: dict[str, Any], data: dict[str, Any]) -> tuple[Any, Any]:
    """Each destination row's bias (compiled estimates share one) and noise on the log scale."""
    ind = data["ind"]
    shift = jnp.where(ind == SETTLED, p["settled_bias"], 0.0)
    return shift, jnp.asarray(NOISE_OF)[ind]
