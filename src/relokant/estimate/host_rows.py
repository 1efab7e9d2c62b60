"""Host-country figures as observation rows: which indicator, which destination, which window.

A figure for one destination is used through its indicator's equation
(:mod:`relokant.estimate.indicators`) or set aside with a reason that names the
indicator. Windows are kept to the day: a month's weight is the share of its days
(from the event's start, for the first month) inside the figure's window, and the
window's full length, pre-war months included, scales the ordinary traffic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from relokant.estimate.indicators import CODES, Indicator, indicator_for
from relokant.events import Event
from relokant.places import GROUPS
from relokant.records import Claim, Unit

DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class HostRow:
    """What the model needs of one destination figure besides its value."""

    code: int
    dest: int
    weights: NDArray[np.float64]
    months_in: float
    t_stock: int


def is_host_figure(claim: Claim) -> bool:
    """A figure for one destination, or a national one with an indicator model."""
    return bool(claim.destination) or (claim.indicator is not None and claim.indicator in CODES)


def _label(claim: Claim, ind: Indicator | None) -> str:
    where = claim.destination or "all destinations"
    return f"{where}, {ind.name if ind else claim.indicator or claim.measure.value}"


def reason(claim: Claim, event: Event) -> str | None:
    """Why a host-country figure cannot be used (naming its indicator), or None."""
    ind = indicator_for(claim.indicator, claim.measure, claim.unit)
    label = _label(claim, ind)
    if ind is None:
        return (f"a figure for one destination ({label}) whose indicator states no observation "
                f"model; known indicators: {', '.join(CODES)}")
    if claim.unit is Unit.percent:
        return f"{label}: a percentage for one destination is not modelled"
    if claim.destination is None and ind.flow != "national_stock":
        return f"{label}: a host-country indicator needs the destination it counts"
    if claim.destination and ind.flow == "national_stock":
        return f"{label}: this indicator counts all destinations, not one"
    if claim.destination in GROUPS and claim.destination != "rest_of_world":
        return f"{label}: a group of destinations is not modelled one by one"
    if claim.destination and claim.destination not in (*event.destinations, "rest_of_world"):
        return (f"{label}: {claim.destination} is not among the event's modelled destinations "
                "(it is part of the rest of the world, which one country's figure does not "
                "measure)")
    if claim.as_of is None:
        return f"{label}: no date the figure refers to (as_of)"
    if ind.flow in ("arrivals", "leavers", "stayers") and claim.period_start is None:
        return f"{label}: a flow needs the start of its window (period_start)"
    if ind.baseline is None and claim.as_of < event.start:
        return (f"{label}: dated {claim.as_of}, before the event began, and this indicator has "
                "no pre-war baseline to inform")
    if ind.flow == "stayers" and event.month_index(claim.as_of) - ind.lag < 0:
        return f"{label}: nobody who arrived after the event can have stayed 183 days by then"
    return None


def with_evidence(event: Event, claims: Sequence[Claim]) -> Event:
    """The event modelling only its destinations that some usable figure is about.

    A listed destination without a figure is folded into the rest of the world: its
    split would come from the prior alone (printed as if estimated) and still cost the
    sampler, about 10 us of a 170 us gradient per destination on the bundled record. Its
    prior share goes to the rest of the world (:func:`~.destinations.share_level`), so a
    figure about one small country is not read as about three quarters of the exodus.
    """
    named = {c.destination for c in claims
             if c.destination and is_host_figure(c) and reason(c, event) is None}
    kept = tuple(d for d in event.destinations if d in named)
    folded = tuple(d for d in event.destinations if d not in named)
    return event if kept == event.destinations else event.model_copy(
        update={"destinations": kept, "folded": (*event.folded, *folded)})


def _month_span(event: Event, m: int) -> tuple[dt.date, dt.date]:
    end = event.month_end(m)
    start = event.start if m == 0 else end.replace(day=1)
    return start, end


def host_row(claim: Claim, event: Event, months: int) -> HostRow:
    """The row of a usable host-country figure (``reason`` returned None)."""
    ind = indicator_for(claim.indicator, claim.measure, claim.unit)
    assert ind is not None and claim.as_of is not None
    start = claim.period_start or claim.as_of
    days = (claim.as_of - start).days + 1
    weights = np.zeros(months)
    t1 = event.month_index(claim.as_of)
    for m in range(months):
        lo, hi = _month_span(event, m)
        overlap = (min(hi, claim.as_of) - max(lo, start)).days + 1
        if overlap > 0 and (ind.flow != "stayers" or m <= t1 - ind.lag):
            weights[m] = overlap / ((hi - lo).days + 1)
    names = (*event.destinations, "rest_of_world")
    dest = names.index(claim.destination) if claim.destination else -1
    t_stock = int(np.clip(t1 - (ind.lag if ind.flow == "stock" else 0), 0, months - 1))
    return HostRow(CODES[ind.name], dest, weights, days / DAYS_PER_MONTH, t_stock)


def forced_lower_bound(claim: Claim) -> bool:
    """Whether the indicator reads every figure as 'at least' (notifications)."""
    ind = indicator_for(claim.indicator, claim.measure, claim.unit)
    return bool(ind and ind.lower_bound)
