"""Estimation speed and calibration: relokant (NumPyro) against the same model in PyMC.

Speed: fit time and minimum bulk ESS per second on the bundled record, both
samplers in the same run with the same settings. Calibration: synthetic worlds
with a known truth; the share of 90% intervals that cover it.
"""

from __future__ import annotations

import time

import numpy as np

from relokant.estimate import Reconciler, build_observations
from relokant.estimate.synthetic import simulate_world, synthetic_claims
from relokant.ledger import Ledger

VARS = ["alpha_z", "b_spring", "b_autumn", "sigma_rw", "rw_z", "h_spring", "h_autumn",
        "decay", "z_bias_count", "z_bias_share", "noise", "temporary_shift", "D"]


def _pymc(claims: list, draws: int, chains: int) -> dict[str, float]:  # type: ignore[type-arg]
    import arviz as az
    import pymc as pm
    from pymc_model import build

    obs = build_observations(claims)
    start = time.perf_counter()
    model = build(obs)
    with model:
        idata = pm.sample(draws=draws, tune=draws, chains=chains, target_accept=0.99,
                          random_seed=1, progressbar=False, compute_convergence_checks=False)
    seconds = time.perf_counter() - start
    ess = az.ess(idata.posterior[VARS], method="bulk")
    rhat = az.rhat(idata.posterior[VARS])
    ess_min = float(min(float(ess[v].min()) for v in VARS))
    return {"seconds": seconds, "ess_bulk_min": ess_min, "ess_per_s": ess_min / seconds,
            "rhat_max": float(max(float(rhat[v].max()) for v in VARS)),
            "divergences": int(idata.sample_stats["diverging"].sum()),
            "d_end_2022_median": float(np.median(idata.posterior["D"][..., 10]))}


def _ours(claims: list, draws: int, chains: int) -> dict[str, float]:  # type: ignore[type-arg]
    start = time.perf_counter()
    fit = Reconciler(draws=draws, warmup=draws, chains=chains, seed=1).fit(claims)
    seconds = time.perf_counter() - start
    d = fit.diagnostics_
    return {"seconds": seconds, "ess_bulk_min": d.ess_bulk_min,
            "ess_per_s": d.ess_bulk_min / seconds, "rhat_max": d.rhat_max,
            "divergences": d.divergences,
            "d_end_2022_median": float(np.median(fit._draws("D")[:, 10]))}


def _coverage(replications: int) -> dict[str, float]:
    hits: dict[str, list[bool]] = {"departures": [], "return_share": []}
    for seed in range(replications):
        rng = np.random.default_rng(1000 + seed)
        world = simulate_world(rng=rng)
        claims, _ = synthetic_claims(world, rng=rng)
        fit = Reconciler(draws=500, warmup=500, chains=2, seed=seed).fit(claims)
        q = fit.quantities_
        last = q["date"].max()
        for name, truth in (("departures", world.D[-1]), ("return_share",
                                                          100 * world.share[-1])):
            row = q[(q["quantity"] == name) & (q["date"] == last)].iloc[0]
            hits[name].append(bool(row["q05"] <= truth <= row["q95"]))
        print(f"  replication {seed + 1}/{replications}: D covered {hits['departures'][-1]}, "
              f"share covered {hits['return_share'][-1]}", flush=True)
    return {k: float(np.mean(v)) for k, v in hits.items()}


def run(quick: bool = False) -> dict[str, object]:
    claims = Ledger.open("sqlite://").list_claims(status="accepted")
    draws, chains = 1000, 4
    ours = _ours(claims, draws, chains)
    print(f"relokant (NumPyro NUTS): {ours['seconds']:.1f} s cold, min bulk ESS "
          f"{ours['ess_bulk_min']:.0f}, {ours['ess_per_s']:.1f} ESS/s, R-hat "
          f"{ours['rhat_max']:.3f}, {ours['divergences']} divergences", flush=True)
    peer = _pymc(claims, draws, chains)
    print(f"PyMC (default NUTS):     {peer['seconds']:.1f} s cold, min bulk ESS "
          f"{peer['ess_bulk_min']:.0f}, {peer['ess_per_s']:.1f} ESS/s, R-hat "
          f"{peer['rhat_max']:.3f}, {peer['divergences']} divergences", flush=True)
    ratio = ours["ess_per_s"] / peer["ess_per_s"]
    print(f"ratio: {ratio:.1f}x PyMC's ESS/s (same model, same settings)")
    replications = 5 if quick else 50
    coverage = _coverage(replications)
    print(f"90% interval coverage over {replications} synthetic worlds: departures "
          f"{coverage['departures']:.0%}, return share {coverage['return_share']:.0%}")
    return {"benchmark": "estimate", "relokant": ours, "pymc": peer, "ess_per_s_ratio": ratio,
            "coverage_90": coverage, "replications": replications}
