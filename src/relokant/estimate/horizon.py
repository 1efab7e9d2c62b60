"""How far the monthly path runs, and from which month on it is projection, not evidence.

The path always runs to the latest accepted claim's month (and at least to the end of
the event's first year). A horizon (``until``) extends it: past the last claim the
model projects departures and returns from its random walk and return hazards, whose
uncertainty is left unconstrained there, so the intervals widen as they should. The
record says where evidence ends, so a report can shade the projection.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from relokant.errors import ValidationError
from relokant.estimate.observations import Observations
from relokant.events import Event
from relokant.records import Claim, Status

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Horizon:
    """The path's span: where the evidence ends and where the projection stops."""

    #: Month end of the latest used claim (the last month any claim observes).
    evidence_until: dt.date
    #: Month end of the path's last month.
    until: dt.date
    #: Month end of the first month without evidence (None when there is none).
    projected_from: dt.date | None
    projected_months: int

    def to_dict(self) -> dict[str, object]:
        """The ``horizon`` section of ``relokant estimate --json``."""
        return {"until": self.until.isoformat(), "evidence_until": self.evidence_until.isoformat(),
                "projected_from": self.projected_from.isoformat() if self.projected_from else None,
                "projected_months": self.projected_months}


def parse_month(text: str) -> dt.date:
    """``YYYY-MM`` (or a full date) as the last day of that month."""
    import calendar

    match = _MONTH.match(text.strip())
    if match:
        year, month = int(match[1]), int(match[2])
    else:
        try:
            day = dt.date.fromisoformat(text.strip())
        except ValueError:
            raise ValidationError(f"'{text}' is not a month: expected YYYY-MM",
                                  field="until") from None
        year, month = day.year, day.month
    if not 1 <= month <= 12 or not 1800 <= year <= 2100:
        raise ValidationError(f"'{text}' is not a month: expected YYYY-MM", field="until")
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def latest_accepted(claims: Sequence[Claim], event: Event) -> dt.date | None:
    """The latest as_of of an accepted claim about the event (the default horizon)."""
    days = [c.as_of for c in claims if c.status is Status.accepted and c.as_of is not None
            and c.as_of >= event.start]
    return max(days, default=None)


def extend(obs: Observations, claims: Sequence[Claim],
           until: dt.date | None = None) -> tuple[Observations, Horizon]:
    """The observations with the path running to the horizon, and the horizon.

    ``until`` before the evidence's end is refused: cutting the path would drop claims.
    """
    event = obs.event
    evidence_month = int(obs.t1.max()) if obs.n else obs.months - 1
    months = obs.months
    latest = latest_accepted(claims, event)
    if latest is not None:
        months = max(months, event.month_index(latest) + 1)
    if until is not None:
        wanted = event.month_index(until) + 1
        if wanted < obs.months:
            raise ValidationError(
                f"horizon {until:%Y-%m} is before the latest claim used "
                f"({event.month_end(obs.months - 1):%Y-%m}): the path must cover every claim",
                field="until")
        months = max(months, wanted)
    extended = obs.with_months(months)
    projected = months - 1 - evidence_month
    return extended, Horizon(
        evidence_until=event.month_end(evidence_month), until=event.month_end(months - 1),
        projected_from=event.month_end(evidence_month + 1) if projected > 0 else None,
        projected_months=max(projected, 0))
