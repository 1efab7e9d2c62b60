"""Estimation speed and calibration: relokant (NumPyro) against the same model in PyMC.

Speed: fit time and minimum bulk ESS per second on the bundled record, both
samplers in the same run with the same settings. Calibration: synthetic worlds
with a known truth; the share of 90% intervals that cover it.

Both timings start after the libraries are imported (PyMC and ArviZ are imported
before the PyMC clock starts; ArviZ before relokant's) and include compilation and
warm-up. Each sampler fits twice: "cold", with its compilation cache emptied
(PyTensor's compiledir, relokant's JAX cache both point at new folders), and
"warm", the same fit again with that cache filled, as a user's second run.
PyTensor reads its compiledir once, when it is first imported, so the run has one
(new, empty at the start): the peer's destination fit reuses the C modules its
national fits compiled (shared operations), which can only favour the peer. PyMC
gets as many cores as chains up to the machine's (its own default here would be
one: it assumes half the CPUs are hyper-threads); the headline ratio is the cold one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from relokant.estimate import Reconciler, build_observations
from relokant.estimate.host_rows import with_evidence
from relokant.estimate.runtime import nuts_defaults
from relokant.estimate.synthetic import simulate_world, synthetic_claims
from relokant.events import RUSSIA_2022, RUSSIA_2022_BY_DESTINATION, Event

VARS = ["level", "b_spring", "b_autumn", "sigma_rw", "rw_z", "h_spring", "h_autumn",
        "decay", "z_bias_count", "z_bias_share", "noise", "temporary_shift", "D",
        # DEST (#12): the destination split and the host-country indicators' parameters
        "indicator_z", "share_z", "share_cohort_z", "return_z", "onward_z", "trips_z",
        "visits_z", "baseline_z"]


def _pymc(claims: list, draws: int, chains: int,  # type: ignore[type-arg]
          event: Event = RUSSIA_2022, warmup: int | None = None) -> dict[str, float]:
    import arviz as az
    import pymc as pm
    from pymc_model import build, log_density_gap

    obs = build_observations(claims, with_evidence(event, claims))  # as ours fits it
    gap = log_density_gap(obs)
    if gap > 1e-6:
        raise SystemExit(f"the PyMC peer is not the same model: log densities differ by {gap}")
    start = time.perf_counter()
    model = build(obs)
    with model:
        # the same target and trajectory cap as ours: the Reconciler's defaults for the
        # event as fitted (the destination model's are 0.97 and depth 7)
        defaults = nuts_defaults(obs.event)
        nuts = {"target_accept": defaults.target_accept,
                "max_treedepth": defaults.max_tree_depth}
        idata = pm.sample(draws=draws, tune=draws if warmup is None else warmup,
                          chains=chains, nuts=nuts,
                          cores=min(chains, os.cpu_count() or 1), random_seed=1,
                          progressbar=False, compute_convergence_checks=False)
    seconds = time.perf_counter() - start
    names = [v for v in VARS if v in idata.posterior]  # the split's sites: only with destinations
    ess = az.ess(idata.posterior[names], method="bulk")
    rhat = az.rhat(idata.posterior[names])
    ess_min = float(min(float(ess[v].min()) for v in names))
    return {"seconds": seconds, "ess_bulk_min": ess_min, "ess_per_s": ess_min / seconds,
            "rhat_max": float(max(float(rhat[v].max()) for v in names)),
            "divergences": int(idata.sample_stats["diverging"].sum()),
            "d_end_2022_median": float(np.median(idata.posterior["D"][..., 10]))}


def _ours(claims: list, draws: int, chains: int,  # type: ignore[type-arg]
          event: Event = RUSSIA_2022, warmup: int | None = None) -> dict[str, float]:
    import arviz  # noqa: F401  (imported before the clock, as PyMC's own import is)

    start = time.perf_counter()
    fit = Reconciler(draws=draws, warmup=draws if warmup is None else warmup, chains=chains,
                     seed=1, event=event).fit(claims)
    seconds = time.perf_counter() - start
    d = fit.diagnostics_
    return {"seconds": seconds, "ess_bulk_min": d.ess_bulk_min,
            "ess_per_s": d.ess_bulk_min / seconds, "rhat_max": d.rhat_max,
            "divergences": d.divergences,
            "d_end_2022_median": float(np.median(fit._draws("D")[:, 10]))}


def replicate(seed: int) -> dict[str, bool]:
    """One synthetic world: does the 90% interval at the last month cover the truth?"""
    rng = np.random.default_rng(1000 + seed)
    world = simulate_world(rng=rng)
    claims, _ = synthetic_claims(world, rng=rng)
    fit = Reconciler(draws=500, warmup=500, chains=2, seed=seed).fit(claims)
    q = fit.quantities_
    last = q["date"].max()
    hits = {}
    for name, truth in (("departures", world.D[-1]), ("return_share", 100 * world.share[-1])):
        row = q[(q["quantity"] == name) & (q["date"] == last)].iloc[0]
        hits[name] = bool(row["q05"] <= truth <= row["q95"])
    return hits


def _coverage(replications: int) -> dict[str, float]:
    """Share of replications whose interval covers; in parallel where there are cores.

    RELOKANT_BENCH_PROCESSES sets the number of worker processes (default: one per
    two cores, each fit running two chains).
    """
    processes = int(os.environ.get("RELOKANT_BENCH_PROCESSES", max(1, (os.cpu_count() or 2) // 2)))
    hits: dict[str, list[bool]] = {"departures": [], "return_share": []}
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        for k, result in enumerate(pool.map(replicate, range(replications))):
            for name, hit in result.items():
                hits[name].append(hit)
            print(f"  replication {k + 1}/{replications}: D covered {result['departures']}, "
                  f"share covered {result['return_share']}", flush=True)
    return {k: float(np.mean(v)) for k, v in hits.items()}


def warm_refit(claims: list, draws: int = 1000, chains: int = 4) -> dict[str, float]:  # type: ignore[type-arg]
    """A fit, then one new claim: the re-fit cold and warm (from the first fit's state)."""
    import datetime as dt

    from relokant.records import Bound, Claim, Measure, SourceType, Unit

    new = Claim(id="clm_new", measure=Measure.departures, unit=Unit.persons, bound=Bound.about,
                value=800_000, period_start=dt.date(2022, 2, 24), as_of=dt.date(2023, 9, 30),
                source_type=SourceType.independent_research, attributed_to="new demographer")
    first = Reconciler(draws=draws, warmup=draws, chains=chains, seed=1).fit(claims)
    start = time.perf_counter()
    cold = Reconciler(draws=draws, warmup=draws, chains=chains, seed=2).fit([*claims, new])
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    warm = Reconciler(draws=draws, warmup=draws, chains=chains, seed=2).fit(
        [*claims, new], warm_start=first.sampler_state_)
    warm_s = time.perf_counter() - start
    gap = abs(np.median(warm._draws("D")[:, -1]) / np.median(cold._draws("D")[:, -1]) - 1)
    return {"cold_s": cold_s, "warm_s": warm_s, "warm_rhat_max": warm.diagnostics_.rhat_max,
            "warm_ess_bulk_min": warm.diagnostics_.ess_bulk_min,
            "warm_divergences": warm.diagnostics_.divergences,
            "median_departures_gap": float(gap)}


def _line(label: str, r: dict[str, float]) -> str:
    return (f"{label:32s} {r['seconds']:6.1f} s, min bulk ESS {r['ess_bulk_min']:5.0f}, "
            f"{r['ess_per_s']:6.1f} ESS/s, R-hat {r['rhat_max']:.3f}, "
            f"{r['divergences']:.0f} divergences")


@contextlib.contextmanager
def _empty_caches() -> Iterator[None]:
    """A new, empty JAX compilation cache for relokant (read at each fit's set-up)."""
    caches = tempfile.mkdtemp(prefix="relokant-bench-jax-")
    os.environ["RELOKANT_JAX_CACHE"] = caches
    try:
        yield
    finally:
        shutil.rmtree(caches, ignore_errors=True)


@contextlib.contextmanager
def _pytensor_compiledir() -> Iterator[None]:
    """One new PyTensor compiledir for the run, set before PyTensor's first import.

    PyTensor fixes its compiledir at import; pointing the flag at a new folder later
    does nothing, and removing the first folder meanwhile made the next PyMC fit fail
    (its modules gone from under it).
    """
    folder = tempfile.mkdtemp(prefix="relokant-bench-pytensor-")
    os.environ["PYTENSOR_FLAGS"] = f"base_compiledir={folder}"
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def destination_model(claims: list, chains: int) -> dict[str, object]:  # type: ignore[type-arg]
    """The destination model (the event's destinations with figures, #12): both samplers.

    At the model's own defaults (draws, warm-up, target, depth: what ``relokant report``
    runs; at 500 + 500 both samplers stopped at R-hat 1.011). Each fit gets its own new
    JAX compilation cache, as the national model's cold fits do.
    """
    event = with_evidence(RUSSIA_2022_BY_DESTINATION, claims)
    defaults = nuts_defaults(event)
    draws, warmup = defaults.draws, defaults.warmup
    result: dict[str, object] = {"event": "RUSSIA_2022_BY_DESTINATION", "draws": draws,
                                 "warmup": warmup, "destinations": len(event.destinations)}
    for name, fit in (("relokant", _ours), ("pymc", _pymc)):
        with _empty_caches():
            result[name] = fit(claims, draws, chains, RUSSIA_2022_BY_DESTINATION, warmup)
        label = "relokant" if name == "relokant" else "PyMC"
        print(_line(f"{label}, by destination, cold", result[name]), flush=True)  # type: ignore[arg-type]
    ours, peer = result["relokant"], result["pymc"]
    result["ess_per_s_ratio"] = ours["ess_per_s"] / peer["ess_per_s"]  # type: ignore[index]
    print(f"destination model: {result['ess_per_s_ratio']:.1f}x PyMC's ESS/s cold "
          f"({draws} draws + {warmup} warm-up, {chains} chains)", flush=True)
    return result


def run(quick: bool = False) -> dict[str, object]:
    with _pytensor_compiledir():
        return _run(quick)


def _run(quick: bool) -> dict[str, object]:
    from relokant.ledger import Ledger

    claims = Ledger.open("sqlite://").list_claims(status="accepted")
    draws, chains = 1000, 4
    ours, peer = {}, {}
    # before the first JAX compilation and the first PyTensor import: empty caches
    with _empty_caches():
        for state in ("cold", "warm"):
            ours[state] = _ours(claims, draws, chains)
            print(_line(f"relokant (NumPyro NUTS), {state}", ours[state]), flush=True)
        for state in ("cold", "warm"):
            peer[state] = _pymc(claims, draws, chains)
            print(_line(f"PyMC (default NUTS), {state}", peer[state]), flush=True)
    ratios = {state: ours[state]["ess_per_s"] / peer[state]["ess_per_s"]
              for state in ("cold", "warm")}
    print(f"ratio: {ratios['cold']:.1f}x PyMC's ESS/s cold, {ratios['warm']:.1f}x warm "
          "(same model, same settings, same cores)")
    ratio = ratios["cold"]
    by_destination = destination_model(claims, chains)
    refit = warm_refit(claims, draws, chains)
    print(f"re-fit after one new claim: {refit['warm_s']:.1f} s warm (from the previous fit's "
          f"state; R-hat {refit['warm_rhat_max']:.3f}, min bulk ESS "
          f"{refit['warm_ess_bulk_min']:.0f}), {refit['cold_s']:.1f} s as a new fit; medians "
          f"{100 * refit['median_departures_gap']:.1f}% apart", flush=True)
    replications = 5 if quick else 50
    coverage = _coverage(replications)
    print(f"90% interval coverage over {replications} synthetic worlds: departures "
          f"{coverage['departures']:.0%}, return share {coverage['return_share']:.0%}")
    return {"benchmark": "estimate", "relokant": ours, "pymc": peer, "ess_per_s_ratio": ratio,
            "ess_per_s_ratio_warm": ratios["warm"], "by_destination": by_destination,
            "refit": refit,
            "coverage_90": coverage, "replications": replications}
