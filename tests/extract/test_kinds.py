"""The kinds table covers every measure and agrees with the families the extractor uses."""

from __future__ import annotations

from relokant.kinds import KINDS, kind
from relokant.records import Measure, Unit


def test_every_measure_has_one_kind() -> None:
    assert set(KINDS) == set(Measure)
    assert all(kind(m).measure is m and kind(m).title for m in Measure)


def test_families_and_estimable() -> None:
    assert kind(Measure.return_share).family == kind(Measure.returns).family == "back"
    assert kind(Measure.stock_abroad).family != kind(Measure.departures).family
    assert not kind(Measure.survey_sample).estimable
    assert kind(Measure.return_share).unit is Unit.percent
