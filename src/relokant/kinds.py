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
Quantity = Literal["departures", "abroad", "returns", "return_share"]


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
    #: The estimate's quantity this measure observes (None: the estimator sets it aside).
    quantity: Quantity | None = None
    #: Whether the figure is about the exodus (consistency checks compare these).
    about_event: bool = True
    #: Why the estimator sets a figure of this kind aside (None when it uses it).
    set_aside: str | None = None


_PART = ("workforce and sector figures count part of the population (or a change in the "
         "labour force) and no stated link ties them to total departures")

KINDS: dict[Measure, Kind] = {k.measure: k for k in (
    Kind(Measure.departures, "out", True, "People who left", Unit.persons, True, "departures"),
    Kind(Measure.stock_abroad, "stock", True, "People abroad", Unit.persons, True, "abroad"),
    Kind(Measure.returns, "back", True, "People who came back", Unit.persons, True, "returns"),
    Kind(Measure.return_share, "back", True, "Share who came back", Unit.percent, True,
         "return_share"),
    Kind(Measure.workforce_loss, None, False, "Share of a workforce lost", Unit.percent, False,
         set_aside=_PART),
    Kind(Measure.sector_loss, None, False, "Workers a sector lost", Unit.persons, True,
         set_aside=_PART),
    Kind(Measure.survey_sample, None, False, "Survey sample size", Unit.persons, False,
         about_event=False, set_aside="a survey's sample size, not a population figure"),
    Kind(Measure.historical, None, False, "Earlier emigration", Unit.persons, False,
         about_event=False, set_aside="a figure about another era, given for comparison"),
    Kind(Measure.other, None, False, "Other figure", Unit.persons, False, about_event=False,
         set_aside="not a count or share of emigrants or returnees"),
)}


def kind(measure: Measure) -> Kind:
    """The kind of a measure (every measure has one)."""
    return KINDS[measure]


def measure_of(quantity: Quantity) -> Measure:
    """The measure whose claims observe an estimated quantity."""
    return next(k.measure for k in KINDS.values() if k.quantity == quantity)
