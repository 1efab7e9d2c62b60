"""Horizon, predictions, back-tests and calibration on small synthetic ledgers.

Fits are short (one or two chains, 150 draws): these tests check behaviour and
shape, with tolerances that hold for such fits; the statistical proof is
``relokant calibrate --worlds 100`` (figures in the README).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from relokant.errors import EstimateError, ValidationError
from relokant.estimate import Reconciler, build_observations
from relokant.estimate.backtest import backtest, published, summarise, to_dict
from relokant.estimate.horizon import parse_month
from relokant.estimate.predictive import path_draws, predict_figure
from relokant.estimate.synthetic import synthetic_claims
from relokant.estimate.worlds import draw_parameters, prior_world
from relokant.records import Measure, SourceType
from tests.estimate.ledgers import synthetic_ledger

FAST = {"draws": 150, "warmup": 150, "chains": 1}
UNTIL = dt.date(2024, 12, 31)


@pytest.fixture(scope="module")
def world() -> tuple[object, list]:  # type: ignore[type-arg]
    return synthetic_ledger(5)


@pytest.fixture(scope="module")
def projected(world: tuple[object, list]) -> Reconciler:  # type: ignore[type-arg]
    return Reconciler(seed=2, until=UNTIL, **FAST).fit(world[1])


def test_horizon_extends_the_path_and_says_where_evidence_ends(projected: Reconciler) -> None:
    horizon = projected.horizon_.to_dict()
    assert horizon["until"] == "2024-12-31"
    evidence = dt.date.fromisoformat(horizon["evidence_until"])
    assert evidence < UNTIL and horizon["projected_months"] > 6
    assert dt.date.fromisoformat(horizon["projected_from"]) > evidence
    q = projected.quantities_.query("quantity == 'abroad'").set_index("date")
    width = (q["q95"] - q["q05"]) / q["median"]
    # no claim past the evidence: relative uncertainty keeps growing to the horizon
    assert width.loc[UNTIL] > 1.2 * width.loc[evidence]
    summary = projected.summary.set_index("key")
    assert summary.loc["abroad", "as_of"] == UNTIL


def test_horizon_before_the_evidence_and_bad_months_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="before the latest claim"):
        Reconciler(until=dt.date(2022, 6, 30), **FAST).fit(world[1])
    assert parse_month("2024-02") == dt.date(2024, 2, 29)
    with pytest.raises(ValidationError, match="not a month"):
        parse_month("2024-13")


def test_default_horizon_is_the_latest_claim(world) -> None:  # type: ignore[no-untyped-def]
    obs = build_observations(world[1])
    latest = max(c.as_of for c in world[1])
    assert obs.dates()[-1] == latest


def test_path_draws_continue_the_fitted_path(projected: Reconciler) -> None:
    months = projected.observations_.months
    paths = path_draws(projected.posterior_, months, projected.event, np.random.default_rng(0))
    np.testing.assert_allclose(paths["D"], projected._draws("D"), rtol=1e-9)
    longer = path_draws(projected.posterior_, months + 6, projected.event,
                        np.random.default_rng(0))
    np.testing.assert_allclose(longer["D"][:, :months], paths["D"], rtol=1e-9)
    assert np.all(np.diff(longer["D"], axis=1) > 0)  # cumulative departures only grow


@pytest.mark.parametrize("measure", [Measure.departures, Measure.stock_abroad,
                                     Measure.returns, Measure.return_share])
def test_prediction_includes_the_source_noise(projected: Reconciler, measure: Measure) -> None:
    p = predict_figure(projected.posterior_, projected.observations_.months, projected.event,
                       measure=measure, as_of=dt.date(2025, 3, 31),
                       source_type=SourceType.media_estimate,
                       evidence_until=projected.horizon_.evidence_until)
    assert p.projected and p.q05 < p.q25 < p.median < p.q75 < p.q95
    # what a source reports is the quantity plus that source's noise: a wider interval
    assert p.q95 / p.q05 > p.truth["q95"] / p.truth["q05"]
    if measure is Measure.return_share:
        assert p.q05 > 0 and p.q95 < 100


def test_prediction_of_an_unmodelled_figure_says_why(projected: Reconciler) -> None:
    args = (projected.posterior_, projected.observations_.months, projected.event)
    with pytest.raises(EstimateError, match=r"GE is not modelled by this estimate \(modelled: "
                                            r"none\)"):
        predict_figure(*args, measure=Measure.departures, as_of=dt.date(2023, 1, 31),
                       source_type=SourceType.other, destination="GE")
    with pytest.raises(EstimateError, match="does not model 'workforce_loss'"):
        predict_figure(*args, measure=Measure.workforce_loss, as_of=dt.date(2023, 1, 31),
                       source_type=SourceType.other)


def test_backtest_scores_every_later_claim(world) -> None:  # type: ignore[no-untyped-def]
    claims = world[1]
    cutoff = sorted(published(c) for c in claims)[len(claims) // 2]
    result = backtest(claims, cutoff, seed=1, **FAST)
    later = [c for c in claims if published(c) > cutoff]
    assert result.n_fitted == len(claims) - len(later)
    assert len(result.scores) == len(later) and not result.not_scored
    scores = result.scores
    pit = scores["pit"].dropna()
    assert ((pit >= 0) & (pit <= 1)).all() and np.isfinite(scores["log_score"]).all()
    assert scores["in_90"].mean() >= 0.6  # a well-specified world: most claims inside
    assert (scores["in_50"] <= scores["in_90"]).all()
    overall = summarise(scores)["overall"].iloc[0]
    assert overall["n"] == len(later)
    doc = to_dict(result)
    assert doc["claims"] and {"measure", "source_type"} <= set(doc["summary"])
    with pytest.raises(EstimateError, match="no accepted claim was published"):
        backtest(claims, dt.date(2022, 1, 1), **FAST)


def test_prior_worlds_use_every_form_and_every_claim() -> None:
    params = draw_parameters(3, 23, seed=4)
    bounds = set()
    for k, p in enumerate(params):
        world = prior_world(p, 23, seed=k)
        obs = build_observations(world.claims)
        assert obs.n == len(world.claims) and not obs.excluded
        bounds |= {c.bound.value for c in world.claims}
        assert 0 < world.truth["return_share"] < 100
        assert world.truth["abroad"] == pytest.approx(world.truth["departures"]
                                                      - world.truth["returns"])
    assert {"point", "about", "range"} <= bounds
    assert bounds & {"at_least", "at_most"}


def test_warm_refit_after_one_new_claim_starts_from_the_last_state(
        projected: Reconciler, world) -> None:  # type: ignore[no-untyped-def]
    from relokant.records import Bound, Claim, Unit

    state = projected.sampler_state_
    assert state.fits(projected.observations_.months, 1)
    assert not state.fits(projected.observations_.months + 1, 1)  # a longer path: cold
    truth = world[0]
    new = Claim(measure=Measure.departures, unit=Unit.persons, bound=Bound.point,
                value=float(truth.D[15]), as_of=truth.event.month_end(15),
                period_start=truth.event.start, source_type=SourceType.independent_research)
    refit = Reconciler(seed=4, until=UNTIL, **FAST).fit([*world[1], new], warm_start=state)
    assert refit.observations_.n == projected.observations_.n + 1
    before = np.median(projected._draws("D")[:, 15])
    after = np.median(refit._draws("D")[:, 15])
    assert abs(after / before - 1) < 0.3 and refit.diagnostics_.divergences <= 5


def test_calibration_needs_enough_draws_to_rank() -> None:
    from relokant.estimate.calibration import calibrate

    with pytest.raises(EstimateError, match="at least that"):
        calibrate(1, draws=40, warmup=40, chains=2)


def test_a_destination_prediction_reads_the_destination_path() -> None:
    """For one destination: the host statistic's predictive, centred on that destination's
    own posterior path (stock at the date; arrivals that stayed 183 days), with the
    indicator's noise on top; figures the model cannot read are refused with the reason."""
    from relokant.estimate.synthetic_destinations import (
        SMALL_EVENT,
        host_claims,
        simulate_destination_world,
    )

    rng = np.random.default_rng(3)
    world = simulate_destination_world(rng=rng)
    national, _ = synthetic_claims(world.national, rng=rng, n_counts=6, n_shares=4)
    fit = Reconciler(seed=1, event=SMALL_EVENT, **FAST).fit(national + host_claims(world, rng=rng))
    args = (fit.posterior_, fit.observations_.months, fit.event)
    as_of = dt.date(2023, 6, 30)
    stock = predict_figure(*args, measure=Measure.stock_abroad, as_of=as_of,
                           source_type=SourceType.other, destination="KZ")
    assert (stock.destination, stock.indicator) == ("KZ", "settled_estimate")
    draws = np.asarray(fit.posterior_.posterior["stock"])  # chain, draw, destination, month
    k, m = SMALL_EVENT.destinations.index("KZ"), SMALL_EVENT.month_index(as_of)
    own = np.quantile(draws[:, :, k, m], (0.05, 0.5, 0.95))
    # the quantity a compiled estimate states is the stock itself, draw by draw (its bias
    # and noise come on top, in what the source would report)
    np.testing.assert_allclose([stock.truth["q05"], stock.truth["median"], stock.truth["q95"]],
                               own, rtol=1e-3)
    assert stock.q05 < stock.median < stock.q95
    assert stock.q95 / stock.q05 > stock.truth["q95"] / stock.truth["q05"]
    national_abroad = predict_figure(*args, measure=Measure.stock_abroad, as_of=as_of,
                                     source_type=SourceType.independent_research)
    assert stock.truth["median"] < national_abroad.truth["median"]
    arrivals = predict_figure(*args, measure=Measure.departures, as_of=as_of,
                              period_start=dt.date(2022, 9, 1), source_type=SourceType.other,
                              destination="GE")
    assert arrivals.indicator == "immigrants_183_days" and arrivals.median > 0
    with pytest.raises(EstimateError, match="not modelled for one destination"):
        predict_figure(*args, measure=Measure.return_share, as_of=as_of,
                       source_type=SourceType.other, destination="GE")
    with pytest.raises(EstimateError, match="counts departures, not stock_abroad"):
        predict_figure(*args, measure=Measure.stock_abroad, as_of=as_of,
                       source_type=SourceType.other, destination="GE",
                       indicator="border_entries")
    with pytest.raises(EstimateError, match="TR is not modelled"):
        predict_figure(*args, measure=Measure.stock_abroad, as_of=as_of,
                       source_type=SourceType.other, destination="TR")


def test_prior_worlds_whose_last_claim_is_before_the_end() -> None:
    """A world's path runs to its last month even when no claim is that late (the host
    windows of its observations are padded to the path; calibrate once stopped on this)."""
    from relokant.events import RUSSIA_2022

    params = draw_parameters(8, 23, seed=11)
    lasts = []
    for k, p in enumerate(params):
        world = prior_world(p, 23, seed=50 + k)
        lasts.append(max(RUSSIA_2022.month_index(c.as_of) for c in world.claims if c.as_of))
        assert np.isfinite(world.truth["abroad"])
    assert min(lasts) < 22  # at least one world ends before its path does
