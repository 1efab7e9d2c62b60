"""Claims as observations of the latent monthly path, or set aside with a reason.

Each usable claim observes one functional of the path: departures within a
window, people abroad at a date, returns or the return share of a departure
cohort by a date. Everything else is excluded, and says why, so the report
can show exactly what the estimate rests on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from relokant.estimate import host_rows
from relokant.events import RUSSIA_2022, Event
from relokant.kinds import kind as kind_of
from relokant.records import Bound, Claim, Measure, SourceType, Status, Unit

#: Observation kinds: the functional of the path a claim states.
DEPARTURES, ABROAD, RETURNS, SHARE, HOST = 0, 1, 2, 3, 4
KIND_NAMES = ("departures", "abroad", "returns", "return_share", "host_country")
_KIND_INDEX = {name: i for i, name in enumerate(KIND_NAMES)}
BOUND_CODES = {Bound.point: 0, Bound.about: 1, Bound.range: 2, Bound.at_least: 3,
               Bound.at_most: 4}
SOURCE_TYPES: tuple[SourceType, ...] = tuple(SourceType)
_TEMPORARY = re.compile(r"temporar|временн", re.I)


@dataclass(frozen=True)
class Exclusion:
    """A claim the estimate does not use, and why."""

    claim_id: str
    reason: str


@dataclass(frozen=True)
class Observations:
    """Claims in array form for the model (one row per used claim)."""

    claim_ids: tuple[str, ...]
    kind: NDArray[np.int32]
    t0: NDArray[np.int32]
    t1: NDArray[np.int32]
    cohort0: NDArray[np.int32]
    cohort1: NDArray[np.int32]
    bound: NDArray[np.int32]
    lo: NDArray[np.float64]
    hi: NDArray[np.float64]
    source: NDArray[np.int32]
    temporary: NDArray[np.float64]
    per_day: NDArray[np.float64]
    #: A standard error the claim states, on the model's scale (log count or logit share);
    #: 0 where the source gives none and its type's noise applies.
    stated_sd: NDArray[np.float64]
    months: int
    event: Event = RUSSIA_2022
    excluded: tuple[Exclusion, ...] = field(default=())
    #: Host-country rows (kind HOST): indicator code (0 on national rows), destination index
    #: into the event's destinations plus the rest of the world (-1: national), the window's
    #: month weights (rows, months), its length in months and the month a stock is read.
    ind: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    dest: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    weights: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    months_in: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    t_stock: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))

    @property
    def n(self) -> int:
        """Number of observations."""
        return len(self.claim_ids)

    @property
    def is_share(self) -> NDArray[np.bool_]:
        """Rows observed on the logit scale."""
        return np.asarray(self.kind == SHARE, dtype=np.bool_)

    def has(self, *kinds: int) -> bool:
        """Whether any observation is of one of ``kinds``."""
        return bool(np.isin(self.kind, kinds).any())

    def with_months(self, months: int) -> Observations:
        """The same rows on a path of ``months`` months (never shorter than the rows need).

        Host-country windows gain the added months with zero weight: they lie outside
        every window.
        """
        if months == self.months:
            return self
        pad = months - self.weights.shape[1]
        weights = (np.pad(self.weights, ((0, 0), (0, pad))) if pad > 0
                   else self.weights[:, :months])
        return replace(self, months=months, weights=weights)

    def dates(self) -> list[dt.date]:
        """Month-end dates of the latent path."""
        return [self.event.month_end(m) for m in range(self.months)]

    @property
    def origin(self) -> dt.date:
        """The event's start: month 0 of the path."""
        return self.event.start


def _transform(value: float, share: bool) -> float:
    if share:
        p = min(max(value / 100.0, 1e-4), 1 - 1e-4)
        return math.log(p / (1 - p))
    return math.log(max(value, 1.0))


def _stated_sd(claim: Claim, share: bool) -> float:
    """A stated standard error on the model's scale, by the delta method; 0 when none.

    Counts are observed on the log scale, so an error of ``se`` persons on a figure
    ``x`` is ``se / x``; shares on the logit scale, so ``se`` percentage points on a
    share ``p`` percent is ``(se / 100) / (p (1 - p))`` with ``p`` as a fraction.
    """
    if not claim.std_error:
        return 0.0
    centre = claim.midpoint
    if share:
        p = min(max(centre / 100.0, 1e-3), 1 - 1e-3)
        return (claim.std_error / 100.0) / (p * (1 - p))
    return claim.std_error / max(centre, 1.0)


def _derived(claim: Claim, claims: Sequence[Claim]) -> bool:
    """A count built from shares that other claims in the ledger state."""
    if not claim.stated_shares or claim.unit is Unit.percent:
        return False
    shares = [c.value for c in claims if c.unit is Unit.percent and c.value is not None
              and c.measure is Measure.return_share and c is not claim]
    return all(any(abs(s - v) < 0.51 for v in shares) for s in claim.stated_shares)


def _reason(claim: Claim, claims: Sequence[Claim], event: Event) -> str | None:
    if claim.status is not Status.accepted:
        return f"status is {claim.status.value}: only accepted claims are used"
    if host_rows.is_host_figure(claim):
        return host_rows.reason(claim, event)
    set_aside = kind_of(claim.measure).set_aside
    if set_aside is not None:
        return set_aside
    if claim.unit is Unit.permits:
        return "residence permits are documents, not people (one person may hold several)"
    if claim.unit is Unit.border_crossings:
        return "border crossings count trips, not people"
    if claim.as_of is None:
        return "no date the figure refers to (as_of)"
    if claim.as_of < event.start:
        return f"dated {claim.as_of}, before the event began"
    if claim.measure in (Measure.returns, Measure.return_share) and claim.unit not in (
        Unit.persons, Unit.percent
    ):
        return f"unit {claim.unit.value} does not measure returns"
    if claim.measure is Measure.return_share and claim.unit is not Unit.percent:
        return "a return share must be given in percent"
    if claim.measure is not Measure.return_share and claim.unit is Unit.percent:
        return "a percentage of an unstated base cannot be turned into a count"
    if _derived(claim, claims):
        return ("derived from other claims in the ledger (their shares applied to a count): "
                "using it would count the same evidence twice")
    return None


def build_observations(claims: Sequence[Claim], event: Event = RUSSIA_2022) -> Observations:
    """Turn accepted claims into observation arrays plus exclusions with reasons.

    The path runs from the event's month to the latest claim's month, and at least to
    the end of the year the event began.
    """
    used: list[Claim] = []
    excluded: list[Exclusion] = []
    for claim in claims:
        reason = _reason(claim, claims, event)
        if reason:
            excluded.append(Exclusion(claim.id or "(unsaved)", reason))
        else:
            used.append(claim)
    first_year_end = event.first_year_end
    last = max((c.as_of for c in used if c.as_of), default=first_year_end)
    months = max(event.month_index(last) + 1, event.month_index(first_year_end) + 1)
    rows: dict[str, list[float]] = {k: [] for k in (
        "kind", "t0", "t1", "c0", "c1", "bound", "lo", "hi", "source", "temporary", "per_day",
        "stated_sd")}
    hosts: list[host_rows.HostRow] = []
    for claim in used:
        if host_rows.is_host_figure(claim):
            hosts.append(host_rows.host_row(claim, event, months))
            _host_row(rows, claim, hosts[-1])
            continue
        hosts.append(host_rows.HostRow(0, -1, np.zeros(months), 0.0, 0))
        assert claim.as_of is not None
        start = max(claim.period_start or event.start, event.start)
        t1 = event.month_index(claim.as_of)
        t0 = min(event.month_index(start), t1)
        cohort1 = t1
        if claim.period_start and claim.period_start.month == 1 and claim.period_start.day == 1 \
                and claim.as_of.year > claim.period_start.year:
            # "left in 2022": a departure cohort observed later.
            cohort1 = min(t1, event.month_index(dt.date(claim.period_start.year, 12, 31)))
        share = claim.measure is Measure.return_share
        kind = _KIND_INDEX[str(kind_of(claim.measure).quantity)]
        if claim.bound is Bound.range:
            lo, hi = _transform(claim.low or 0.0, share), _transform(claim.high or 0.0, share)
        else:
            lo = hi = _transform(claim.value or 0.0, share)
        text = " ".join(filter(None, (claim.method, claim.population, claim.note)))
        rows["kind"].append(kind)
        rows["t0"].append(t0)
        rows["t1"].append(t1)
        rows["c0"].append(t0)
        rows["c1"].append(cohort1)
        code = BOUND_CODES[claim.bound]
        rows["bound"].append(BOUND_CODES[Bound.point] if code == 2 and lo == hi else code)
        rows["lo"].append(lo)
        rows["hi"].append(hi)
        rows["source"].append(SOURCE_TYPES.index(claim.source_type))
        rows["temporary"].append(1.0 if share and _TEMPORARY.search(text) else 0.0)
        rows["per_day"].append(1.0 if claim.unit is Unit.persons_per_day else 0.0)
        rows["stated_sd"].append(_stated_sd(claim, share))

    def ints(key: str) -> NDArray[np.int32]:
        return np.asarray(rows[key], dtype=np.int32)

    def floats(key: str) -> NDArray[np.float64]:
        return np.asarray(rows[key], dtype=np.float64)

    return Observations(
        claim_ids=tuple(c.id or f"claim{n}" for n, c in enumerate(used)),
        kind=ints("kind"), t0=ints("t0"), t1=ints("t1"), cohort0=ints("c0"),
        cohort1=ints("c1"), bound=ints("bound"), lo=floats("lo"), hi=floats("hi"),
        source=ints("source"), temporary=floats("temporary"), per_day=floats("per_day"),
        stated_sd=floats("stated_sd"),
        months=months, event=event, excluded=tuple(excluded),
        ind=np.asarray([h.code for h in hosts], dtype=np.int32),
        dest=np.asarray([h.dest for h in hosts], dtype=np.int32),
        weights=np.asarray([h.weights for h in hosts]).reshape(len(hosts), months),
        months_in=np.asarray([h.months_in for h in hosts], dtype=np.float64),
        t_stock=np.asarray([h.t_stock for h in hosts], dtype=np.int32),
    )


def _host_row(rows: dict[str, list[float]], claim: Claim, host: host_rows.HostRow) -> None:
    """A host-country figure's entries in the shared arrays (its model reads the rest)."""
    if claim.bound is Bound.range:
        lo, hi = _transform(claim.low or 0.0, False), _transform(claim.high or 0.0, False)
    else:
        lo = hi = _transform(claim.value or 0.0, False)
    code = BOUND_CODES[Bound.at_least] if host_rows.forced_lower_bound(claim) else \
        BOUND_CODES[claim.bound]
    for key, value in (("kind", HOST), ("t0", host.t_stock), ("t1", host.t_stock),
                       ("c0", host.t_stock), ("c1", host.t_stock),
                       ("bound", 0 if code == 2 and lo == hi else code), ("lo", lo), ("hi", hi),
                       ("source", SOURCE_TYPES.index(claim.source_type)), ("temporary", 0.0),
                       ("per_day", 0.0), ("stated_sd", 0.0)):
        rows[key].append(value)
