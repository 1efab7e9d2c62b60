"""The exodus being measured, as data: where from, when it began, its shocks and cohorts.

The model and the microsimulation read their calendar from an :class:`Event` instead of
constants, so relokant can measure another exodus (another country, another year,
other shocks) by passing another record. Russia from February 2022 is the default.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Shock(_Record):
    """A wave of departures with a stated month profile (its size is estimated).

    ``profile`` gives relative weights of the months from the shock's own month on:
    ``(0.8, 1.0, 0.3)`` is a wave that peaks in its second month and fades in its third.
    """

    name: str = Field(min_length=1)
    start: dt.date
    profile: tuple[float, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _weights(self) -> Self:
        if any(w < 0 for w in self.profile) or max(self.profile) <= 0:
            raise ValueError(f"shock {self.name!r}: profile weights must be >= 0, not all 0")
        return self


class Cohort(_Record):
    """A departure cohort (those who left from ``start`` until the next cohort began)."""

    name: str = Field(min_length=1)
    start: dt.date


class Event(_Record):
    """An exodus: origin country, start, shocks (onset first) and departure cohorts.

    The estimator's path has two wave terms, the onset and one later shock, and two
    return-hazard cohorts (before and from the second cohort's start); the
    microsimulation distinguishes up to three cohorts.
    """

    name: str = Field(min_length=1)
    origin: str = Field(pattern=r"^[A-Z]{2}$")
    start: dt.date
    shocks: tuple[Shock, ...] = Field(min_length=1, max_length=2)
    cohorts: tuple[Cohort, ...] = Field(min_length=2, max_length=3)
    languages: tuple[str, ...] = ("en",)
    #: Destinations modelled one by one (ISO codes); the rest is "rest of the world".
    destinations: tuple[str, ...] = ()
    #: Listed destinations that no usable figure is about, counted in the rest of the world
    #: (set by a fit): they keep their prior share there, so the modelled ones keep theirs.
    folded: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _calendar(self) -> Self:
        if self.shocks[0].start != self.start:
            raise ValueError("the first shock is the onset: it starts when the event starts")
        starts = [c.start for c in self.cohorts]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError("cohorts must start in order, each on its own date")
        if starts[0] > self.start:
            raise ValueError("the first cohort must start when the event starts or before")
        if any(s.start < self.start for s in self.shocks):
            raise ValueError("no shock may start before the event")
        return self

    def month_index(self, day: dt.date) -> int:
        """Months since the event's month (the event's month is 0)."""
        return (day.year - self.start.year) * 12 + day.month - self.start.month

    def month_end(self, index: int) -> dt.date:
        """Last day of month ``index`` counted from the event's month."""
        year = self.start.year + (self.start.month - 1 + index) // 12
        month = (self.start.month - 1 + index) % 12 + 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def shock_weights(self, which: int) -> dict[int, float]:
        """Month index -> weight of shock ``which`` (empty when the event has no such shock)."""
        if which >= len(self.shocks):
            return {}
        shock = self.shocks[which]
        first = self.month_index(shock.start)
        return {first + k: w for k, w in enumerate(shock.profile) if w > 0}

    def cohort_month(self, which: int) -> int | None:
        """First month of cohort ``which``, or None when the event has fewer cohorts."""
        return self.month_index(self.cohorts[which].start) if which < len(self.cohorts) else None

    @property
    def first_year_end(self) -> dt.date:
        """31 December of the year the event began: the date of the first headline."""
        return dt.date(self.start.year, 12, 31)


#: The exodus relokant was built for: Russia after the full-scale invasion of Ukraine.
RUSSIA_2022 = Event(
    name="Emigration from Russia after February 2022",
    origin="RU",
    start=dt.date(2022, 2, 24),
    shocks=(
        Shock(name="invasion of Ukraine", start=dt.date(2022, 2, 24),
              profile=(0.5, 1.0, 0.4, 0.1)),
        Shock(name="'partial' mobilisation", start=dt.date(2022, 9, 21),
              profile=(0.8, 1.0, 0.3)),
    ),
    cohorts=(
        Cohort(name="spring 2022", start=dt.date(2022, 2, 24)),
        Cohort(name="mobilisation wave", start=dt.date(2022, 9, 1)),
        Cohort(name="later", start=dt.date(2023, 1, 1)),
    ),
    languages=("en", "ru"),
)

#: Russia 2022 with departures split across its main destinations (the destination model).
#: A fit models those of them that some usable figure is about (the rest of the world takes
#: the others). Not yet the default: a cold report on the bundled record takes 90 s, not the
#: 60 s it must (see the README, *Where they went*).
RUSSIA_2022_BY_DESTINATION = RUSSIA_2022.model_copy(update={
    "destinations": ("GE", "AM", "KZ", "KG", "TR", "RS", "IL", "AE", "DE", "FI", "LV", "PL")})
