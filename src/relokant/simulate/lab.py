"""The policy lab: a microsimulation calibrated to the estimate, run under scenarios.

Each posterior draw of the estimate (monthly departures and the return share)
seeds one simulation draw: agents leave when that draw says people left, and
the return hazard's level is calibrated so the simulated return share matches
that draw's. Lever effect sizes are drawn per draw too, so every scenario
result carries posterior and behavioural uncertainty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from relokant.errors import SimulateError
from relokant.estimate.result import Estimate
from relokant.events import RUSSIA_2022, Event
from relokant.simulate.engine import Behaviour, Trajectory, autumn_wave_size, run
from relokant.simulate.levers import Scenario, draw_effects
from relokant.simulate.population import build_population, cohort_starts

FIGURES = ("returns", "abroad", "departed", "moved_on", "remote_workers_paying_russian_tax",
           "tax_revenue_rub")
CALIBRATION_AGENTS = 20_000


@dataclass(frozen=True)
class PosteriorPaths:
    """Draws of the estimate's monthly paths: cumulative departures and return share."""

    D: NDArray[np.float64]  # (draws, months)
    share: NDArray[np.float64]  # (draws, months), 0-1
    #: The exodus the paths describe: its calendar dates the months and sets the cohorts.
    event: Event = RUSSIA_2022
    #: Month-end date of each column, from the posterior's ``month`` coordinate.
    dates: tuple[dt.date, ...] = ()

    @classmethod
    def from_estimate(cls, estimate: Estimate) -> PosteriorPaths:
        """Take the paths from a fitted :class:`~relokant.estimate.result.Estimate`."""
        return cls.from_inference_data(estimate.posterior)

    @classmethod
    def from_inference_data(cls, idata: Any) -> PosteriorPaths:
        """Take the paths from an ArviZ posterior (as ``relokant estimate --save`` writes)."""
        post = idata.posterior
        if "D" not in post or "share" not in post:
            raise SimulateError("the posterior has no D and share paths",
                                hint="save the posterior of a fit of this version of relokant",
                                option="posterior")
        D = np.asarray(post["D"]).reshape(-1, post["D"].shape[-1])
        share = np.asarray(post["share"]).reshape(-1, post["share"].shape[-1])
        stamped = post.attrs.get("event")
        event = Event.model_validate_json(stamped) if stamped else RUSSIA_2022
        dates: tuple[dt.date, ...] = ()
        if "month" in post["D"].coords:
            try:
                dates = tuple(dt.date.fromisoformat(str(m)[:10])
                              for m in post["D"].coords["month"].values)
            except ValueError:  # unlabelled months (an older or hand-made posterior)
                dates = ()
        return cls(D=D, share=share, event=event, dates=dates)

    def month_end(self, index: int) -> dt.date:
        """Date of month ``index``: the posterior's label, or the event's calendar past it."""
        if index < len(self.dates):
            return self.dates[index]
        if self.dates:
            last = self.dates[-1]
            return self.event.month_end(self.event.month_index(last) + index - len(self.dates)
                                        + 1)
        return self.event.month_end(index)

    @property
    def months(self) -> int:
        """Months of the estimate."""
        return int(self.D.shape[1])


@dataclass
class _Draw:
    monthly: NDArray[np.float64]
    behaviour: Behaviour
    effects: dict[str, dict[str, float]]
    seed: int
    target_share: float


class PolicyLab:
    """Microsimulation of emigrants' return under policy scenarios.

    Parameters
    ----------
    agents
        Agents per simulation draw (each stands for ``people / agents`` people).
    months
        Months to project past the end of the estimate.
    draws
        Posterior draws to simulate (each with its own behavioural effect sizes).
    seed
        Seed of every random choice (posterior draws, agents, effects, transitions).
    """

    def __init__(self, *, agents: int = 100_000, months: int = 24, draws: int = 20,
                 seed: int = 0) -> None:
        if agents < 1000 or months < 1 or draws < 1:
            raise SimulateError(f"need agents >= 1000, months >= 1 and draws >= 1 (got "
                                f"agents={agents}, months={months}, draws={draws})")
        self.agents, self.months, self.draws, self.seed = agents, months, draws, seed

    def fit(self, paths: PosteriorPaths) -> PolicyLab:
        """Calibrate one simulation draw per chosen posterior draw; returns ``self``."""
        rng = np.random.default_rng(self.seed)
        picks = rng.choice(len(paths.D), size=min(self.draws, len(paths.D)), replace=False)
        self.history_ = paths.months
        self.paths_ = paths
        self.cohort_starts_ = cohort_starts(paths.event, paths.months)
        self.wave_start_ = self.cohort_starts_[0]
        self.draws_: list[_Draw] = []
        for i in picks:
            D = paths.D[i]
            monthly = np.diff(np.concatenate([[0.0], D]))
            recent = float(np.mean(monthly[-6:]))
            projected = np.concatenate([monthly, np.full(self.months, recent)])
            seed = int(rng.integers(2**31))
            effects = draw_effects(np.random.default_rng(seed + 1))
            target = float(paths.share[i, -1])
            shift = self._calibrate(projected, target, seed)
            self.draws_.append(_Draw(projected, Behaviour(shift=shift), effects, seed, target))
        self.baseline_ = [self._run_draw(d, {}) for d in self.draws_]
        return self

    def _calibrate(self, monthly: NDArray[np.float64], target: float, seed: int) -> float:
        """Hazard shift (logit) that reproduces the estimated return share."""
        n = min(self.agents, CALIBRATION_AGENTS)
        template = build_population(monthly, n, rng=np.random.default_rng(seed),
                                    cohort_starts=self.cohort_starts_)
        lo, hi = -6.0, 6.0
        for _ in range(16):
            mid = (lo + hi) / 2
            traj = run(template.copy(), Behaviour(shift=mid), months=self.history_,
                       projection_start=self.history_, seed=seed)
            share = traj.returned[-1] / max(traj.departed[-1], 1.0)
            lo, hi = (mid, hi) if share < target else (lo, mid)
        return (lo + hi) / 2

    def _run_draw(self, draw: _Draw, levers: dict[str, float]) -> Trajectory:
        pop = build_population(draw.monthly, self.agents, rng=np.random.default_rng(draw.seed),
                               cohort_starts=self.cohort_starts_)
        return run(pop, draw.behaviour, months=self.history_ + self.months,
                   projection_start=self.history_, levers=levers, effects=draw.effects,
                   seed=draw.seed + 2,
                   autumn_wave=autumn_wave_size(draw.monthly, self.wave_start_))

    def simulate(self, scenario: Scenario) -> ScenarioResult:
        """Run ``scenario`` on every calibrated draw and compare with the baseline."""
        if not hasattr(self, "draws_"):
            raise SimulateError("the lab is not calibrated", hint="call fit() first")
        runs = [self._run_draw(d, dict(scenario.levers)) for d in self.draws_]
        return ScenarioResult.collect(scenario, runs, self.baseline_, self.history_,
                                      self.paths_.month_end)


def _figure(t: Trajectory, name: str) -> NDArray[np.float64]:
    return {"returns": t.returned, "abroad": t.abroad, "departed": t.departed,
            "moved_on": t.moved_on, "remote_workers_paying_russian_tax": t.remote_workers,
            "tax_revenue_rub": t.tax_revenue_rub}[name]


@dataclass
class ScenarioResult:
    """A scenario's monthly figures (median, q05, q95) and their difference to baseline."""

    scenario: Scenario
    frame: pd.DataFrame

    @classmethod
    def collect(cls, scenario: Scenario, runs: list[Trajectory], baseline: list[Trajectory],
                history: int, month_end: Callable[[int], dt.date]) -> ScenarioResult:
        """Summarise runs from the last estimated month to the end of the projection."""
        rows = []
        months = len(runs[0].returned)
        for name in FIGURES:
            values = np.stack([_figure(t, name) for t in runs])
            diff = values - np.stack([_figure(t, name) for t in baseline])
            q = np.quantile(values, (0.05, 0.5, 0.95), axis=0)
            qd = np.quantile(diff, (0.05, 0.5, 0.95), axis=0)
            for m in range(history - 1, months):
                rows.append({"figure": name, "date": month_end(m),
                             "q05": q[0, m], "median": q[1, m], "q95": q[2, m],
                             "diff_q05": qd[0, m], "diff_median": qd[1, m],
                             "diff_q95": qd[2, m]})
        return cls(scenario, pd.DataFrame(rows))

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``relokant simulate --json``."""
        months: dict[dt.date, dict[str, Any]] = {}
        for r in self.frame.to_dict(orient="records"):
            entry = months.setdefault(r["date"], {"date": r["date"].isoformat()})
            entry[str(r["figure"])] = {k: round(float(r[k]), 1) for k in ("median", "q05", "q95")}
            entry.setdefault("difference_to_baseline", {})[str(r["figure"])] = {
                k.removeprefix("diff_"): round(float(r[k]), 1)
                for k in ("diff_median", "diff_q05", "diff_q95")}
        return {"scenario": self.scenario.name, "description": self.scenario.description,
                "levers": dict(self.scenario.levers), "months": list(months.values())}

    def final(self, figure: str) -> dict[str, float]:
        """The figure at the end of the projection, with its difference to baseline."""
        rows = self.frame[self.frame["figure"] == figure]
        last = rows.iloc[-1]
        return {k: float(last[k]) for k in ("median", "q05", "q95", "diff_median", "diff_q05",
                                            "diff_q95")}
