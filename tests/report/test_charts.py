"""Charts read as words: no identifiers, years on time axes, claims visible, numbers shown."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from relokant.records import Bound, Citation, Claim, Document, Measure, SourceType, Unit
from relokant.report import charts

MONTHS = pd.date_range("2022-02-28", periods=23, freq="ME")


def _quantities() -> pd.DataFrame:
    rows = [{"quantity": "departures", "date": day.date(), "median": 1e5 * (i + 1),
             "q05": 8e4 * (i + 1), "q25": 9e4 * (i + 1), "q75": 1.1e5 * (i + 1),
             "q95": 1.2e5 * (i + 1)} for i, day in enumerate(MONTHS)]
    return pd.DataFrame(rows)


def _claim(day: dt.date, source: SourceType, **figures: float) -> Claim:
    bound = Bound.range if "low" in figures else Bound.at_least
    return Claim(id=f"clm_{day:%m%d}{source.value[:3]}", measure=Measure.departures,
                 unit=Unit.persons, bound=bound, as_of=day, source_type=source,
                 citations=(Citation(document=Document(outlet="X", published=day)),),
                 **figures)


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if t.strip()]


def test_band_chart_speaks_words_and_years() -> None:
    claims = [_claim(dt.date(2022, 12, 31), SourceType.independent_research, low=5e5, high=8e5),
              _claim(dt.date(2023, 1, 3), SourceType.government_statement, value=7e5)]
    texts = _texts(charts.to_svg(charts.band_chart(_quantities(), claims, "departures")))
    assert not [t for t in texts if "_" in t], texts
    assert "independent research" in texts and "more than" in texts
    assert any(re.fullmatch(r"[A-Z][a-z]{2} 2023", t) for t in texts), texts
    assert not any(t.endswith("…") for t in texts)


def test_claims_on_nearby_dates_are_spread_apart() -> None:
    dates = pd.Series(pd.to_datetime(["2022-12-31", "2023-01-03", "2023-06-01"]))
    spread = charts.dodge(dates)
    assert (spread.iloc[1] - spread.iloc[0]).days >= charts.DODGE_DAYS
    assert spread.iloc[2] == dates.iloc[2]  # a lone claim stays on its date


def test_claim_points_are_drawn_last_above_the_range_bars() -> None:
    claims = [_claim(dt.date(2022, 12, 31), SourceType.independent_research, low=5e5, high=8e5)]
    layers = charts.band_chart(_quantities(), claims, "departures").to_dict()["layer"]
    marks = [layer["mark"]["type"] for layer in layers]
    assert marks[-2:] == ["rule", "point"]
    assert layers[-1]["mark"]["stroke"] == "white"


def test_bias_chart_writes_its_numbers_and_interval() -> None:
    sources = pd.DataFrame([
        {"source_type": "government_statement", "scale": "share", "n_claims": 1,
         "median": 2.81, "q05": 1.62, "q95": 4.84},
        {"source_type": "official_statistics", "scale": "count", "n_claims": 2,
         "median": 0.8, "q05": 0.56, "q95": 1.11}])
    texts = _texts(charts.to_svg(charts.forest_chart(sources)))
    assert "×2.81 (1.62–4.84)" in texts
    assert "government statement, shares (n=1)" in texts
    assert any("90% interval" in t for t in texts)
    assert not [t for t in texts if "_" in t], texts
