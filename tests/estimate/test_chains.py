"""The chains' driver: claims as arguments of one compiled program, warm re-fits reuse it."""

from __future__ import annotations

import dataclasses

import jax
import numpy as np
import pytest
from numpyro.infer.util import initialize_model

from relokant.estimate import chains
from relokant.estimate.arrays import observation_arrays, padded_rows
from relokant.estimate.model import model
from relokant.estimate.observations import build_observations
from relokant.estimate.reconciler import Reconciler
from relokant.records import Bound, Claim, Measure, SourceType, Unit
from tests.estimate.ledgers import synthetic_ledger

FAST = {"draws": 200, "warmup": 200, "chains": 1}


@pytest.fixture(scope="module")
def world() -> tuple[object, list]:  # type: ignore[type-arg]
    return synthetic_ledger(11)


def _new_claim(truth: object) -> Claim:
    return Claim(measure=Measure.departures, unit=Unit.persons, bound=Bound.point,
                 value=float(truth.D[14]), as_of=truth.event.month_end(14),  # type: ignore[attr-defined]
                 period_start=truth.event.start,  # type: ignore[attr-defined]
                 source_type=SourceType.independent_research, attributed_to="new source")


def test_padding_rows_add_nothing_to_the_log_density(world) -> None:  # type: ignore[no-untyped-def]
    obs = build_observations(world[1])
    assert padded_rows(obs.n) % 16 == 0 and padded_rows(obs.n) >= obs.n
    info = initialize_model(jax.random.PRNGKey(0), model, model_args=(obs, None))
    z = info.param_info.z
    plain = initialize_model(jax.random.PRNGKey(0), model,
                             model_args=(obs, None, observation_arrays(obs)))
    padded = initialize_model(jax.random.PRNGKey(0), model,
                              model_args=(obs, None, observation_arrays(obs, obs.n + 21)))
    assert observation_arrays(obs, obs.n + 21)["mask"].sum() == obs.n
    np.testing.assert_allclose(padded.potential_fn(z), plain.potential_fn(z), rtol=1e-12)
    np.testing.assert_allclose(padded.potential_fn(z), info.potential_fn(z), rtol=1e-12)


def test_a_warm_refit_runs_the_program_the_cold_fit_compiled(world) -> None:  # type: ignore[no-untyped-def]
    truth, claims = world
    first = Reconciler(seed=1, **FAST).fit(claims)
    assert not first.warm_started_
    new = [*claims, _new_claim(truth)]
    assert padded_rows(len(new)) == padded_rows(first.observations_.n)
    traced = chains.TRACES["chains"]
    refit = Reconciler(seed=2, **FAST).fit(new, warm_start=first.sampler_state_)
    assert chains.TRACES["chains"] == traced  # neither traced nor compiled again
    assert refit.warm_started_ and refit.diagnostics_.divergences == 0
    # a fit with other settings traces its own program: the count does see traces
    Reconciler(seed=2, draws=60, warmup=60, chains=1).fit(new)
    assert chains.TRACES["chains"] > traced
    # the posterior keeps one value per claim, not per padded row
    assert refit.posterior_.posterior.sizes["claim"] == refit.observations_.n
    before, after = np.median(first._draws("D")[:, 14]), np.median(refit._draws("D")[:, 14])
    assert abs(after / before - 1) < 0.3


def test_a_warm_refit_whose_checks_fail_is_fitted_afresh(world) -> None:  # type: ignore[no-untyped-def]
    truth, claims = world
    first = Reconciler(seed=1, **FAST).fit(claims)
    # a step size far too large: every transition diverges; from a state that passed (the
    # short fit here does not, and its own re-fit is then kept, failing as it did)
    broken = dataclasses.replace(first.sampler_state_, step_size=50.0, ok=True)
    refit = Reconciler(seed=2, **FAST).fit([*claims, _new_claim(truth)], warm_start=broken)
    assert not refit.warm_started_ and refit.diagnostics_.divergences < 5
    kept = Reconciler(seed=2, **FAST).fit(
        [*claims, _new_claim(truth)], warm_start=dataclasses.replace(broken, ok=False))
    assert kept.warm_started_ and kept.diagnostics_.divergences > 100


def test_cold_inputs_have_the_shapes_of_the_sites(world) -> None:  # type: ignore[no-untyped-def]
    obs = build_observations(world[1])
    z, step, mass = chains.cold_inputs(model, (obs, None, observation_arrays(obs)), 3)
    info = initialize_model(jax.random.PRNGKey(0), model, model_args=(obs, None))
    assert set(z) == set(info.param_info.z)
    assert all(z[k].shape == (3, *np.shape(v)) for k, v in info.param_info.z.items())
    assert step.shape == (3,) and mass.shape == (3, sum(np.size(v) for v in z.values()) // 3)


def test_a_cold_start_is_the_jittered_prior_mean_with_a_finite_potential(world) -> None:  # type: ignore[no-untyped-def]
    """The program's own start (no NumPyro ``initialize_model``): the same sites, within
    the jitter of the prior mean on the unconstrained scale, a finite potential and
    gradient, and a different start per key."""
    from functools import partial

    from numpyro.distributions import biject_to
    from numpyro.handlers import seed, trace
    from numpyro.infer.util import potential_energy

    from relokant.estimate.initial import JITTER
    from relokant.estimate.reconciler import _INIT

    obs = build_observations(world[1])
    args = (obs, None, observation_arrays(obs))
    starts = [chains._start(jax.random.PRNGKey(k), model, args, _INIT) for k in range(2)]
    info = initialize_model(jax.random.PRNGKey(0), model, model_args=(obs, None))
    assert set(starts[0]) == set(info.param_info.z)
    sites = trace(seed(model, jax.random.PRNGKey(0))).get_trace(*args)
    for name, z in starts[0].items():
        fn = sites[name]["fn"]
        centre = biject_to(fn.support).inv(np.broadcast_to(fn.mean, np.shape(z)))
        assert np.all(np.abs(np.asarray(z) - np.asarray(centre)) <= JITTER + 1e-9), name
    value, grad = jax.value_and_grad(partial(potential_energy, model, args, {}))(starts[0])
    assert np.isfinite(value)
    assert all(np.all(np.isfinite(g)) for g in jax.tree_util.tree_leaves(grad))
    assert not np.allclose(starts[0]["rw_z"], starts[1]["rw_z"])


def test_the_pipeline_refits_warm_from_the_fit_it_shows(world) -> None:  # type: ignore[no-untyped-def]
    from relokant.pipeline.fitting import fit_claims

    truth, claims = world
    first = fit_claims(claims, seed=1, **FAST)
    assert first.posterior.posterior.attrs["warm_start"] == 0
    second = fit_claims([*claims, _new_claim(truth)], previous=first, seed=2, **FAST)
    assert second.posterior.posterior.attrs["warm_start"] == 1
    # a longer path changes the parameters' shapes: that re-fit is cold
    longer = fit_claims([*claims, _new_claim(truth)], previous=first, seed=2,
                        until=truth.event.month_end(30), **FAST)  # type: ignore[attr-defined]
    assert longer.posterior.posterior.attrs["warm_start"] == 0


def test_a_state_fits_only_a_model_with_the_same_sites() -> None:
    from relokant.estimate.warm import SamplerState

    state = SamplerState({"a": np.zeros((2, 3)), "b": np.zeros(2)}, 0.1, np.ones(4), 23, 2)
    assert state.fits(23, 2) and state.fits(23, 2, {"a": np.zeros((2, 3)), "b": np.zeros(2)})
    assert not state.fits(24, 2) and not state.fits(23, 4)
    assert not state.fits(23, 2, {"a": np.zeros((2, 3)), "b": np.zeros(2), "c": np.zeros(2)})
    assert not state.fits(23, 2, {"a": np.zeros((2, 4)), "b": np.zeros(2)})
