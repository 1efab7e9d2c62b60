"""One table of claim kinds: what each measure counts, its event family, and how to show it.

The extractor, the estimator, charts and checks all need to know that a
``return_share`` belongs to the "back" family, that ``survey_sample`` is not
estimable, and what to call each measure on a chart. They read it here
instead of keeping their own sets. Per-language words stay in the language packs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from relokant.records import Measure, Unit

Family = Literal["out", "stock", "back"]


@dataclass(frozen=True)
class Kind:
    """What a measure is: family, whether the estimator uses it, label, default unit."""

    measure: Measure
    family: Family | None
    estimable: bool
    title: str
    unit: Unit
    #: Whether an undated figure of this kind counts from the event's start.
    dated_from_event: bool


KINDS: dict[Measure, Kind] = {k.measure: k for k in (
    Kind(Measure.departures, "out", True, "People who left", Unit.persons, True),
    Kind(Measure.stock_abroad, "stock", True, "People abroad", Unit.persons, True),
    Kind(Measure.returns, "back", True, "People who came back", Unit.persons, True),
    Kind(Measure.return_share, "back", True, "Share who came back", Unit.percent, True),
    Kind(Measure.workforce_loss, None, False, "Share of a workforce lost", Unit.percent, False),
    Kind(Measure.sector_loss, None, False, "Workers a sector lost", Unit.persons, True),
    Kind(Measure.survey_sample, None, False, "Survey sample size", Unit.persons, False),
    Kind(Measure.historical, None, False, "Earlier emigration", Unit.persons, False),
    Kind(Measure.other, None, False, "Other figure", Unit.persons, False),
)}


def kind(measure: Measure) -> Kind:
    """The kind of a measure (every measure has one)."""
    return KINDS[measure]
