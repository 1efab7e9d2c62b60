"""Sampler health: each check fails on chains built to fail it and passes on good ones."""

from __future__ import annotations

import numpy as np
import xarray as xr

from relokant.estimate.diagnostics import ClaimJudgement, sampler_health, suspect_claims


def _posterior(values: dict[str, np.ndarray]) -> xr.Dataset:
    return xr.Dataset({k: (("chain", "draw"), v) for k, v in values.items()})


def test_independent_chains_pass() -> None:
    rng = np.random.default_rng(0)
    health = sampler_health(_posterior({"a": rng.normal(size=(4, 500))}),
                            np.zeros((4, 500), bool))
    assert health.ok, health.failing
    assert health.rhat_max < 1.01 and health.ess_tail_min > 400


def test_stuck_chain_fails_rhat_naming_the_parameter() -> None:
    rng = np.random.default_rng(1)
    bad = rng.normal(size=(4, 500))
    bad[0] += 3.0  # one chain in another mode
    health = sampler_health(_posterior({"good": rng.normal(size=(4, 500)), "bad": bad}),
                            np.zeros((4, 500), bool))
    assert not health.ok
    assert any("R-hat" in f and "bad" in f and "good" not in f for f in health.failing)


def test_autocorrelated_draws_fail_ess() -> None:
    rng = np.random.default_rng(2)
    walk = np.cumsum(rng.normal(size=(4, 500)), axis=1) * 0.01 + rng.normal(size=(4, 1))
    health = sampler_health(_posterior({"slow": walk}), np.zeros((4, 500), bool))
    assert any("bulk ESS" in f and "slow" in f for f in health.failing)


def test_divergences_warn_below_one_percent_and_fail_above() -> None:
    rng = np.random.default_rng(3)
    post = _posterior({"a": rng.normal(size=(4, 500))})
    few = np.zeros((4, 500), bool)
    few[0, :5] = True  # 0.25%
    health = sampler_health(post, few)
    assert health.ok and health.warnings and health.divergent_fraction == 5 / 2000
    many = np.zeros((4, 500), bool)
    many[:, :10] = True  # 2%
    health = sampler_health(post, many)
    assert not health.ok and any("divergent" in f for f in health.failing)


def test_suspect_claims_ranks_high_pareto_k_first() -> None:
    def j(cid: str, k: float, r: float) -> ClaimJudgement:
        return ClaimJudgement(cid, r, 0.5, 0.5, {}, k)

    named = suspect_claims([j("c1", 0.2, 0.1), j("c2", 0.9, 1.0), j("c3", 0.3, 4.0)])
    assert named[0].startswith("c2") and named[1].startswith("c3") and len(named) == 2


def test_a_claim_every_draw_satisfies_alike_is_left_out_silently() -> None:
    """A lower bound far below the posterior: its log likelihood is 0 in almost every draw.

    PSIS divides by zero on it; relokant gives it uniform weights and k 0, with no numpy
    warning on the user's terminal.
    """
    import warnings

    from relokant.estimate.diagnostics import _loo

    rng = np.random.default_rng(2)
    satisfied = np.zeros(2000)
    satisfied[rng.choice(2000, 100, replace=False)] = -1e-15  # Phi(z) a hair below 1
    log_lik = np.column_stack([rng.normal(-1.0, 0.3, 2000), satisfied])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        weights, k = _loo(log_lik)
    np.testing.assert_allclose(weights[:, 1], 1 / 2000)
    assert k[1] == 0.0 and np.isfinite(k[0]) and k[0] < 0.7
    np.testing.assert_allclose(weights.sum(axis=0), 1.0)
    assert not np.allclose(weights[:, 0], 1 / 2000)  # the informative claim is reweighted
