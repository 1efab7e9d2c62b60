"""Another exodus: an event that starts in another year, with other shocks, is fitted and
reported on its own calendar (no date of Russia 2022 leaks in)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from relokant.estimate import Reconciler
from relokant.estimate.synthetic import simulate_world, synthetic_claims
from relokant.events import RUSSIA_2022, Cohort, Event, Shock
from relokant.report import estimate_document, from_estimate, render_html
from relokant.simulate import PosteriorPaths

OTHER = Event(
    name="a synthetic exodus", origin="XK", start=dt.date(2019, 3, 10),
    shocks=(Shock(name="onset", start=dt.date(2019, 3, 10), profile=(1.0, 0.6)),
            Shock(name="second shock", start=dt.date(2019, 11, 2), profile=(0.5, 1.0))),
    cohorts=(Cohort(name="first", start=dt.date(2019, 3, 10)),
             Cohort(name="second", start=dt.date(2019, 11, 1))),
)


def test_the_event_sets_the_calendar() -> None:
    assert OTHER.month_index(dt.date(2019, 3, 31)) == 0
    assert OTHER.shock_weights(1) == {8: 0.5, 9: 1.0}
    assert OTHER.cohort_month(1) == 8 and OTHER.cohort_month(2) is None
    assert RUSSIA_2022.shock_weights(1) == {7: 0.8, 8: 1.0, 9: 0.3}


def test_an_exodus_of_another_year_is_fitted_and_reported_on_its_dates() -> None:
    rng = np.random.default_rng(7)
    world = simulate_world(18, rng=rng, event=OTHER)
    claims, _ = synthetic_claims(world, rng=rng, n_counts=8, n_shares=5)
    assert min(c.as_of for c in claims if c.as_of) >= dt.date(2019, 3, 31)
    fitted = Reconciler(draws=150, warmup=150, chains=2, seed=1, event=OTHER).fit(claims)
    dates = sorted(pd.to_datetime(fitted.quantities_["date"]).dt.date.unique())
    assert dates[0] == dt.date(2019, 3, 31)
    assert dates[-1] <= dt.date(2020, 8, 31)
    summary = fitted.summary.set_index("quantity")
    assert "departures by end of 2019" in summary.index
    assert summary.loc["departures by end of 2019", "as_of"] == dt.date(2019, 12, 31)
    result = estimate_document(fitted.estimate_)
    assert all(str(row["as_of"]).startswith(("2019", "2020")) for row in result["headline"])
    paths = PosteriorPaths.from_estimate(fitted.estimate_)
    assert paths.event == OTHER and paths.dates[0] == dt.date(2019, 3, 31)
    assert paths.month_end(len(paths.dates)) > paths.dates[-1]
    html = render_html(from_estimate(fitted.estimate_, claims, []))
    assert "2019" in html and "end of 2019" in html and "end of 2022" not in html
