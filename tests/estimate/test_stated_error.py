"""A claim that states its standard error (a panel's) weighs as much as that error warrants."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from relokant.estimate import Reconciler, build_observations
from relokant.ledger import Ledger
from relokant.records import Bound, Claim, Measure, SourceType, Status, Unit


def _panel(value: float, se: float) -> Claim:
    return Claim(measure=Measure.return_share, unit=Unit.percent, bound=Bound.point,
                 value=value, std_error=se, period_start=dt.date(2022, 2, 24),
                 as_of=dt.date(2023, 12, 31), attributed_to="Synthetic Panel",
                 source_type=SourceType.panel_survey, status=Status.accepted, id=f"clm_p{se}",
                 citations=({"document": {"outlet": "Panel", "published": "2024-01-15"}},))


def test_stated_errors_enter_on_the_models_scale() -> None:
    share, count = _panel(20.0, 2.0), _panel(20.0, 2.0).with_changes(
        measure=Measure.departures, unit=Unit.persons, value=100_000.0, std_error=10_000.0)
    obs = build_observations([share, count])
    assert obs.stated_sd[0] == pytest.approx(0.02 / (0.2 * 0.8))
    assert obs.stated_sd[1] == pytest.approx(0.1)
    assert build_observations([share.with_changes(std_error=None)]).stated_sd[0] == 0.0


def test_a_precise_panel_moves_the_return_share_more_than_a_vague_one() -> None:
    claims = Ledger.open("sqlite://").list_claims(status="accepted")

    def share_with(extra: list[Claim]) -> float:
        fit = Reconciler(draws=250, warmup=250, chains=2, seed=3).fit([*claims, *extra])
        return float(np.median(fit.estimate_.headline_draws["return_share"]))

    base = share_with([])
    precise = share_with([_panel(60.0, 1.0)])
    vague = share_with([_panel(60.0, 25.0)])
    # the precise claim pulls the headline towards its 60% far more than the vague one
    assert precise - base > 2 * max(vague - base, 0.5)
    assert abs(vague - base) < 10
