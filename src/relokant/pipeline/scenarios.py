"""Scenarios: the microsimulation calibrated to an estimate, then run per scenario."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from relokant.estimate.result import Estimate
from relokant.simulate import PolicyLab, PosteriorPaths, Scenario, ScenarioResult, load_scenario
from relokant.simulate.sweep import sweep


def _paths(source: Any) -> PosteriorPaths:
    """Posterior paths from a fitted estimate, an InferenceData, or paths already made."""
    if isinstance(source, PosteriorPaths):
        return source
    if isinstance(source, Estimate):
        return PosteriorPaths.from_estimate(source)
    return PosteriorPaths.from_inference_data(source)


def _scenarios(specs: Sequence[str | Scenario]) -> list[Scenario]:
    return [s if isinstance(s, Scenario) else load_scenario(s) for s in specs]


def run_scenarios(
    source: Any, specs: Sequence[str | Scenario], *, agents: int = 100_000, months: int = 24,
    draws: int = 20, seed: int = 0, workers: int = 1, dask_address: str | None = None,
) -> list[ScenarioResult]:
    """Every scenario (built-in name, TOML path or :class:`Scenario`) on the calibrated lab.

    Scenarios are loaded before anything is calibrated, so a misspelt one fails at once.
    """
    scenarios = _scenarios(specs)
    lab = PolicyLab(agents=agents, months=months, draws=draws, seed=seed).fit(_paths(source))
    return sweep(lab, scenarios, workers=workers, dask_address=dask_address)


def scenario_frames(
    source: Any, specs: Sequence[str | Scenario], *, seed: int = 0, agents: int = 50_000,
    months: int = 24, draws: int = 20,
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Scenario trajectories and end-of-projection summaries (baseline always included)."""
    scenarios = _scenarios(specs)
    if "baseline" not in {s.name for s in scenarios}:
        scenarios.insert(0, load_scenario("baseline"))
    results = run_scenarios(source, scenarios, agents=agents, months=months, draws=draws,
                            seed=seed)
    frame = pd.concat([r.frame.assign(scenario=r.scenario.name) for r in results])
    summary = [{"scenario": r.scenario.name, "figure": figure, **r.final(figure)}
               for r in results for figure in ("returns", "abroad")]
    return frame, summary
