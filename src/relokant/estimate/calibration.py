"""Simulation-based calibration: fit many prior-drawn worlds, check coverage and ranks.

Each world (:mod:`relokant.estimate.worlds`) is fitted as a ledger would be; for every
quantity the 50% and 90% central intervals either cover the truth or not, and the
truth's rank among (thinned) posterior draws goes into a rank histogram. With the
truth drawn from the prior, coverage should be nominal and ranks uniform: too wide
intervals show as over-coverage and a hump in the middle of the histogram, too narrow
ones as under-coverage and a U. Worlds run in this process, on local worker
processes, or on a Dask cluster.
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from relokant.errors import EstimateError
from relokant.estimate.observations import SOURCE_TYPES
from relokant.estimate.worlds import draw_parameters, prior_world
from relokant.events import RUSSIA_2022, Event

#: Quantities checked: headline figures at the path's end, and source parameters.
QUANTITIES = ("departures_first_year", "departures", "returns", "return_share", "abroad",
              "bias_count", "bias_share", "noise")
#: Posterior draws a truth is ranked among (so ranks run 0..RANK_DRAWS).
RANK_DRAWS = 99
BINS = 10
MONTHS = 23


@dataclass(frozen=True)
class WorldResult:
    """One world's coverage hits and truth ranks per quantity, and its sampler health."""

    world: int
    hits50: dict[str, list[bool]]
    hits90: dict[str, list[bool]]
    ranks: dict[str, list[int]]
    rhat_max: float
    ok: bool
    divergences: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorldResult:
        """A result read back from a results file."""
        return cls(**data)


def _load(store: pathlib.Path | None, settings: dict[str, Any]) -> dict[int, WorldResult]:
    """Worlds already fitted with the same settings (a results file resumes a run)."""
    if store is None or not store.exists():
        return {}
    done = {}
    for line in store.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.pop("settings") == settings:
            result = WorldResult.from_dict(row)
            done[result.world] = result
    return done


def _save(store: pathlib.Path | None, result: WorldResult, settings: dict[str, Any]) -> None:
    if store is not None:
        with store.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({**dataclasses.asdict(result), "settings": settings}) + "\n")


def _posterior_draws(fit: Any) -> dict[str, np.ndarray]:
    """(draws, k) per quantity, on the scale of :func:`prior_world`'s truth."""
    last = fit.observations_.months - 1
    first = fit.event.month_index(fit.event.first_year_end)
    types_used = sorted({int(s) for s in fit.observations_.source})
    d = {"departures_first_year": fit._draws("D")[:, [first]],
         "departures": fit._draws("D")[:, [last]], "returns": fit._draws("R")[:, [last]],
         "return_share": 100.0 * fit._draws("share")[:, [last]],
         "abroad": fit._draws("S")[:, [last]],
         "bias_count": fit._draws("bias_count")[:, types_used],
         "bias_share": fit._draws("bias_share")[:, types_used],
         "noise": fit._draws("noise")[:, types_used]}
    return d


def run_world(index: int, params: dict[str, np.ndarray], *, seed: int, draws: int,
              warmup: int, chains: int, event: Event = RUSSIA_2022) -> WorldResult:
    """Fit one world and compare its posterior with its truth."""
    from relokant.estimate.reconciler import Reconciler

    world = prior_world(params, MONTHS, seed=seed + index, event=event)
    # the path runs to the world's last month even when no claim falls in it, so that the
    # truth and the posterior are compared at the same date
    fit = Reconciler(draws=draws, warmup=warmup, chains=chains, seed=seed + index,
                     event=event, until=event.month_end(MONTHS - 1)).fit(world.claims)
    post = _posterior_draws(fit)
    types_used = sorted({int(s) for s in fit.observations_.source})
    rng = np.random.default_rng(seed + index)
    hits50: dict[str, list[bool]] = {}
    hits90: dict[str, list[bool]] = {}
    ranks: dict[str, list[int]] = {}
    for name in QUANTITIES:
        truth = np.atleast_1d(np.asarray(world.truth[name], dtype=float))
        if truth.size == len(SOURCE_TYPES):
            truth = truth[types_used]
        samples = post[name]
        q = np.quantile(samples, (0.05, 0.25, 0.75, 0.95), axis=0)
        hits90[name] = [bool(a <= t <= b) for a, t, b in zip(q[0], truth, q[3], strict=True)]
        hits50[name] = [bool(a <= t <= b) for a, t, b in zip(q[1], truth, q[2], strict=True)]
        thin = samples[rng.choice(len(samples), RANK_DRAWS, replace=False)]
        ranks[name] = [int(np.sum(thin[:, k] < t)) for k, t in enumerate(truth)]
    d = fit.diagnostics_
    # every world has the same shapes: its claims are arguments of the one compiled
    # sampling program (relokant.estimate.chains), which the next world reuses
    return WorldResult(index, hits50, hits90, ranks, float(d.rhat_max), bool(d.ok),
                       int(d.divergences))


@dataclass(frozen=True)
class Calibration:
    """Coverage and rank histograms over the worlds, per quantity."""

    worlds: int
    off_prior: float
    coverage50: dict[str, float]
    coverage90: dict[str, float]
    #: Counts per rank bin (BINS bins over ranks 0..RANK_DRAWS).
    histograms: dict[str, list[int]]
    #: How many values each quantity's coverage is over (source parameters: several a world).
    n_values: dict[str, int]
    rhat_max: float
    worlds_failing: int
    worlds_rhat_over: int

    def meets_targets(self) -> bool:
        """90% intervals cover 85-95% and 50% intervals 42-58%, for every quantity."""
        return all(0.85 <= v <= 0.95 for v in self.coverage90.values()) and all(
            0.42 <= v <= 0.58 for v in self.coverage50.values())

    def to_dict(self) -> dict[str, Any]:
        """The ``relokant calibrate --json`` document."""
        return {"worlds": self.worlds, "off_prior": self.off_prior,
                "coverage": {q: {"50": round(self.coverage50[q], 3),
                                 "90": round(self.coverage90[q], 3), "n": self.n_values[q],
                                 "rank_histogram": self.histograms[q]}
                             for q in self.coverage90},
                "rhat_max": round(self.rhat_max, 4), "worlds_failing_diagnostics":
                self.worlds_failing, "worlds_rhat_over_1.01": self.worlds_rhat_over,
                "meets_targets": self.meets_targets(),
                "targets": {"90": [0.85, 0.95], "50": [0.42, 0.58]}}


def collect(results: Sequence[WorldResult], off_prior: float) -> Calibration:
    """Pool the worlds' hits and ranks."""
    cov50, cov90, hist, n = {}, {}, {}, {}
    for name in QUANTITIES:
        h50 = [h for r in results for h in r.hits50[name]]
        h90 = [h for r in results for h in r.hits90[name]]
        ranks = np.asarray([k for r in results for k in r.ranks[name]])
        cov50[name], cov90[name], n[name] = float(np.mean(h50)), float(np.mean(h90)), len(h90)
        edges = np.linspace(0, RANK_DRAWS + 1, BINS + 1)
        hist[name] = [int(c) for c in np.histogram(ranks, bins=edges)[0]]
    return Calibration(len(results), off_prior, cov50, cov90, hist, n,
                       max(r.rhat_max for r in results), sum(not r.ok for r in results),
                       sum(r.rhat_max > 1.01 for r in results))


def calibrate(worlds: int, *, seed: int = 0, draws: int = 1000, warmup: int = 1000,
              chains: int = 4, off_prior: float = 1.0, workers: int = 1,
              dask_address: str | None = None, event: Event = RUSSIA_2022,
              progress: Callable[[int, int], None] | None = None,
              store: pathlib.Path | None = None) -> Calibration:
    """Simulation-based calibration over ``worlds`` prior-drawn worlds.

    ``store`` (JSON lines) keeps each world's result as it is fitted; a rerun with
    the same settings skips the worlds already there, so a long run can resume.
    """
    if worlds < 1:
        raise EstimateError("calibration needs at least one world", option="worlds")
    if draws * chains < RANK_DRAWS:
        raise EstimateError(f"ranks are taken among {RANK_DRAWS} posterior draws: draws x "
                            f"chains must be at least that (got {draws} x {chains})",
                            option="draws")
    params = draw_parameters(worlds, MONTHS, seed=seed, off_prior=off_prior, event=event)
    settings: dict[str, Any] = {"seed": seed, "draws": draws, "warmup": warmup,
                                "chains": chains, "event": event}
    key = {"seed": seed, "draws": draws, "warmup": warmup, "chains": chains,
           "off_prior": off_prior, "event": event.name, "months": MONTHS}
    done = {k: r for k, r in _load(store, key).items() if k < worlds}
    notify = progress or (lambda finished, total: None)
    results: list[WorldResult] = list(done.values())
    todo = [(k, p) for k, p in enumerate(params) if k not in done]
    if workers <= 1 and not dask_address:
        for k, p in todo:
            results.append(run_world(k, p, **settings))
            _save(store, results[-1], key)
            notify(len(results), worlds)
        return collect(sorted(results, key=lambda r: r.world), off_prior)
    from distributed import as_completed

    from relokant.estimate.cluster import client_for

    with client_for(workers, dask_address) as client:
        futures = [client.submit(run_world, k, p, pure=False, **settings) for k, p in todo]
        for future in as_completed(futures):
            results.append(future.result())
            _save(store, results[-1], key)
            notify(len(results), worlds)
    return collect(sorted(results, key=lambda r: r.world), off_prior)
