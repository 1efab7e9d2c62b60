"""Consistency checks across the ledger: arithmetic, dates, outliers, self-contradiction.

Pure functions over claims. They point a reviewer at what to look at; they
do not decide which claim is right (that is the estimator's job).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from relokant.kinds import KINDS
from relokant.records import EVENT_START, Bound, Claim, Finding, Measure, Unit

#: Two bases implied by one claim differ by more than this share: flagged.
BASE_TOLERANCE = 0.05
#: A count this many times above or below every comparable claim is flagged.
OUTLIER_FACTOR = 2.5
#: Shares further than this many percentage points from every other are flagged.
OUTLIER_POINTS = 30.0
#: The same actor moving a cumulative figure backwards by more than this is flagged.
SELF_TOLERANCE = 0.10

#: Measures about the exodus itself (kinds table): the date checks apply to these.
_EVENT_MEASURES = {m for m, k in KINDS.items() if k.about_event}


def _cid(claim: Claim) -> str:
    return claim.id or "(unsaved)"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:g}"


def check_arithmetic(claims: Sequence[Claim]) -> list[Finding]:
    """Counts printed with shares must imply one base, and match stated departures."""
    findings = []
    departures = [
        c for c in claims
        if c.measure is Measure.departures and c.unit is Unit.persons
        and c.bound in (Bound.point, Bound.about)
    ]
    for claim in claims:
        if not claim.stated_shares or claim.unit is Unit.percent:
            continue
        counts = claim.figures
        if len(counts) != len(claim.stated_shares):
            continue
        bases = [n / (s / 100) for n, s in zip(counts, claim.stated_shares, strict=True) if s > 0]
        if len(bases) >= 2 and max(bases) > min(bases) * (1 + BASE_TOLERANCE):
            parts = ", ".join(
                f"{_fmt(n)} as {s:g}% implies a base of {_fmt(n / (s / 100))}"
                for n, s in zip(counts, claim.stated_shares, strict=True)
            )
            related: list[str] = []
            extra = ""
            comparable = [
                d for d in departures
                if d.period_start and claim.period_start
                and d.period_start.year == claim.period_start.year
            ]
            if comparable:
                dep = min(comparable, key=lambda d: abs(math.log(d.midpoint / min(bases))))
                base = dep.midpoint
                who = dep.attributed_to or "an unattributed source"
                extra = f"; of the {_fmt(base)} departures reported by {who} they are " + (
                    " and ".join(f"{100 * n / base:.0f}%" for n in counts)
                )
                related.append(_cid(dep))
            findings.append(
                Finding(
                    kind="arithmetic",
                    message=f"counts and shares disagree: {parts}{extra}",
                    claims=(_cid(claim), *related),
                )
            )
    return findings


def _national(claims: Sequence[Claim]) -> list[Claim]:
    """Figures about the whole emigration, not one destination's.

    A host country's figure counts one destination in its own window and definition
    (pre-war baseline rows on purpose), so comparing it with national totals would flag
    every one; the estimate judges it through its indicator.
    """
    return [c for c in claims if c.destination is None]


def check_periods(claims: Sequence[Claim]) -> list[Finding]:
    """Periods before the event (for figures about it) or shares of returns over 100%."""
    findings = []
    for claim in _national(claims):
        if claim.measure not in _EVENT_MEASURES:
            continue
        if claim.as_of and claim.as_of < EVENT_START:
            findings.append(Finding(
                kind="period",
                message=f"{claim.measure.value} figure dated {claim.as_of}, before the event "
                f"began on {EVENT_START}: is it about another period?",
                claims=(_cid(claim),),
            ))
        elif claim.period_start and claim.period_start.year < EVENT_START.year:
            findings.append(Finding(
                kind="period",
                message=f"period starts {claim.period_start}, before {EVENT_START.year}: "
                "the figure may include earlier migration",
                claims=(_cid(claim),),
            ))
    return findings


def check_returns_exceed_departures(claims: Sequence[Claim]) -> list[Finding]:
    """A count of returns above every departure count cannot be a share of them."""
    findings: list[Finding] = []
    claims = _national(claims)
    deps = [c for c in claims if c.measure is Measure.departures and c.unit is Unit.persons]
    if not deps:
        return findings
    ceiling = max(max(c.figures) for c in deps if c.bound is not Bound.at_least) if any(
        c.bound is not Bound.at_least for c in deps
    ) else None
    for claim in claims:
        if (claim.measure is Measure.returns and claim.unit is Unit.persons and ceiling
                and min(claim.figures) > ceiling):
                findings.append(Finding(
                    kind="share_above_100",
                    message=f"returns of {_fmt(min(claim.figures))} exceed every departure "
                    f"figure (largest {_fmt(ceiling)}): a return share above 100%",
                    claims=(_cid(claim),),
                ))
    return findings


def _interval(claim: Claim) -> tuple[float, float] | None:
    if claim.bound in (Bound.at_least, Bound.at_most):
        return None
    figs = claim.figures
    return min(figs), max(figs)


def check_outliers(claims: Sequence[Claim]) -> list[Finding]:
    """Claims of one measure and unit far outside every other comparable claim.

    Linear in the number of claims: each claim is compared with the extremes of
    the others, taken from the two lowest and two highest of its group.
    """
    findings = []
    groups: dict[tuple[Measure, Unit], list[tuple[Claim, float, float]]] = {}
    for c in _national(claims):
        interval = _interval(c)
        if c.measure in _EVENT_MEASURES and interval:
            groups.setdefault((c.measure, c.unit), []).append((c, *interval))
    for (measure, unit), group in groups.items():
        if len(group) < 3:
            continue
        lows = sorted(range(len(group)), key=lambda k: group[k][1])[:2]
        highs = sorted(range(len(group)), key=lambda k: -group[k][2])[:2]
        for k, (claim, lo, hi) in enumerate(group):
            o_lo = group[lows[1] if lows[0] == k else lows[0]][1]
            o_hi = group[highs[1] if highs[0] == k else highs[0]][2]
            if unit is Unit.percent:
                far = lo > o_hi + OUTLIER_POINTS or hi < o_lo - OUTLIER_POINTS
            else:
                far = lo > o_hi * OUTLIER_FACTOR or hi * OUTLIER_FACTOR < o_lo
            if far:
                findings.append(Finding(
                    kind="outlier",
                    message=f"{measure.value} of {_fmt(lo)}"
                    + (f"-{_fmt(hi)}" if hi != lo else "")
                    + f" is far outside all {len(group) - 1} other claims "
                    f"({_fmt(o_lo)} to {_fmt(o_hi)})",
                    claims=(_cid(claim),),
                ))
    return findings


def check_self_contradiction(claims: Sequence[Claim]) -> list[Finding]:
    """One actor's cumulative figure must not shrink over time for the same start.

    Each claim is compared with the largest earlier figure of the same actor,
    measure, unit and period start (one pass over the claims sorted by date).
    """
    findings = []
    cumulative = {Measure.departures, Measure.returns, Measure.return_share}
    groups: dict[tuple[str, Measure, Unit, object, str | None], list[Claim]] = {}
    for c in claims:
        if c.attributed_to and c.measure in cumulative and c.as_of and _interval(c):
            key = (c.attributed_to.lower(), c.measure, c.unit, c.period_start, c.destination)
            groups.setdefault(key, []).append(c)
    for (_, measure, _unit, _start, _where), group in groups.items():
        group.sort(key=lambda c: c.as_of or EVENT_START)
        top: Claim | None = None
        for later in group:
            if top is not None and top.as_of != later.as_of and \
                    later.midpoint < top.midpoint * (1 - SELF_TOLERANCE):
                findings.append(Finding(
                    kind="self_contradiction",
                    message=f"{top.attributed_to} gave {measure.value} "
                    f"{_fmt(top.midpoint)} as of {top.as_of} but "
                    f"{_fmt(later.midpoint)} as of {later.as_of}: a cumulative figure "
                    "went down",
                    claims=(_cid(top), _cid(later)),
                ))
            if top is None or later.midpoint > top.midpoint:
                top = later
    return findings


def check_claims(claims: Sequence[Claim]) -> list[Finding]:
    """Run every check; rejected claims are left out."""
    live = [c for c in claims if c.status.value != "rejected"]
    return [
        *check_arithmetic(live),
        *check_periods(live),
        *check_returns_exceed_departures(live),
        *check_outliers(live),
        *check_self_contradiction(live),
    ]
