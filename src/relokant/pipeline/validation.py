"""Proving the estimate: predictions of figures, back-tests, simulation-based calibration.

The use cases behind ``relokant predict``, ``backtest`` and ``calibrate``, as library
calls on a ledger (or claims in hand), so every front end gets the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from relokant.estimate.backtest import Cutoff, backtest
from relokant.estimate.calibration import Calibration, calibrate
from relokant.estimate.predictive import Prediction, check_prediction, predict_figure
from relokant.estimate.result import Estimate
from relokant.events import RUSSIA_2022
from relokant.ledger import Ledger
from relokant.pipeline.fitting import fit, with_destinations
from relokant.records import Measure, SourceType, Status


def predict(ledger: Ledger, *, measure: Measure, as_of: dt.date,
            source_type: SourceType = SourceType.independent_research,
            period_start: dt.date | None = None, destination: str | None = None,
            indicator: str | None = None, fitted: Estimate | None = None,
            **settings: Any) -> Prediction:
    """What a source of ``source_type`` would report for ``measure`` as of ``as_of``.

    A prediction for one destination needs the destination model: unless an event is
    given, the fit then uses the default event's destinations.
    """
    if destination and fitted is None:
        settings = with_destinations(settings)
    event = fitted.event if fitted is not None else settings.get("event", RUSSIA_2022)
    if destination:  # fail before fitting: the checks do not need the posterior
        check_prediction(event, measure=measure, as_of=as_of, period_start=period_start,
                         destination=destination, indicator=indicator)
    est: Estimate = fitted if fitted is not None else fit(ledger, **settings)
    return predict_figure(est.posterior, est.observations.months, est.event,
                          measure=measure, as_of=as_of, source_type=source_type,
                          period_start=period_start, destination=destination,
                          indicator=indicator,
                          evidence_until=est.horizon.evidence_until if est.horizon else None,
                          seed=est.seed)


def backtest_ledger(ledger: Ledger, cutoffs: Sequence[dt.date],
                    progress: Callable[[dt.date], None] | None = None,
                    **settings: Any) -> list[Cutoff]:
    """One back-test per cutoff on the ledger's accepted claims."""
    claims = ledger.list_claims(status=Status.accepted.value)
    results = []
    for cutoff in sorted(cutoffs):
        if progress:
            progress(cutoff)
        results.append(backtest(claims, cutoff, **settings))
    return results


def calibrate_worlds(worlds: int, **settings: Any) -> Calibration:
    """Simulation-based calibration (no ledger: the worlds make their own claims)."""
    return calibrate(worlds, **settings)
