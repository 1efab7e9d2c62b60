"""Microsimulation speed: relokant's vectorised kernel against the same model in Mesa.

The Mesa peer is the same behaviour written the usual way: one Agent object per
emigrant, stepped by the model each month.
"""

from __future__ import annotations

import math
import time
import tracemalloc

import mesa
import numpy as np

from relokant.simulate.engine import Behaviour
from relokant.simulate.engine import run as simulate_run
from relokant.simulate.levers import BUILTIN, draw_effects
from relokant.simulate.population import (
    ABROAD,
    CIS,
    EU_US,
    FOREIGN,
    GEORGIA_ARMENIA_TURKEY,
    LOCAL,
    MOVED_ON,
    NONE,
    RETURNED,
    RUSSIAN_REMOTE,
    WAITING,
    build_population,
)

MONTHLY = np.concatenate([[60e3, 150e3, 50e3, 30e3], np.full(3, 25e3), [125e3, 185e3, 45e3],
                          np.full(13, 25e3)])


class Emigrant(mesa.Agent):
    """One emigrant with the same attributes and rules as relokant's kernel."""

    def __init__(self, model: ExodusModel, i: int) -> None:
        super().__init__(model)
        p = model.pop
        self.dep_month = int(p.dep_month[i])
        self.cohort, self.dest = int(p.cohort[i]), int(p.dest[i])
        self.exposed, self.it = int(p.exposed[i]), int(p.it[i])
        self.employer, self.status = int(p.employer[i]), WAITING
        self.savings = float(p.savings[i])

    def step(self) -> None:
        m, b, r = self.model.month, self.model.behaviour, self.random
        if self.status == WAITING and self.dep_month == m:
            self.status = ABROAD
        u0, u1, u2 = r.random(), r.random(), r.random()
        unemployed = self.employer == NONE
        if self.status == ABROAD:
            eta = (b.base[self.cohort] + b.shift + b.regime[self.dest] + b.exposed * self.exposed
                   + b.unemployed * unemployed + b.broke * (unemployed and self.savings <= 0))
            hazard = math.exp(-b.decay * max(m - self.dep_month, 0)) / (1 + math.exp(-eta))
            near = self.dest in (CIS, GEORGIA_ARMENIA_TURKEY)
            onward = b.onward * (1.5 if near else 1.0)
            if u0 < hazard:
                self.status = RETURNED
            elif u0 < hazard + onward:
                self.status = MOVED_ON
        if self.status in (ABROAD, MOVED_ON):
            loss = (*b.job_loss, 0.0)[self.employer]
            find = b.job_find[self.it] * (0.7 if self.dest == EU_US else 1.0)
            if not unemployed and u1 < loss:
                self.employer = NONE
            elif unemployed and u1 < find:
                self.employer = LOCAL if u2 < 0.5 else FOREIGN
            elif self.employer == RUSSIAN_REMOTE and u2 < b.switch:
                self.employer = FOREIGN
            self.savings = min(24.0, max(-1.0, self.savings + (-1 if self.employer == NONE
                                                               else 0.3)))


class ExodusModel(mesa.Model):
    """The emigrant population, stepped monthly."""

    def __init__(self, n: int, seed: int = 0) -> None:
        super().__init__(seed=seed)
        self.pop = build_population(MONTHLY, n, rng=np.random.default_rng(seed))
        self.behaviour = Behaviour(shift=0.5)
        self.month = 0
        for i in range(n):
            Emigrant(self, i)

    def step(self) -> None:
        self.agents.do("step")
        self.month += 1


def _ours(n: int, months: int) -> dict[str, float]:
    pop = build_population(MONTHLY, n, rng=np.random.default_rng(1))
    state = pop.nbytes() / n
    effects = draw_effects(np.random.default_rng(2))
    tracemalloc.start()
    start = time.perf_counter()
    simulate_run(pop, Behaviour(shift=0.5), months=months, projection_start=months // 2,
        levers=dict(BUILTIN["incentives"].levers), effects=effects, seed=3)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"agents": n, "months": months, "seconds": seconds,
            "agent_months_per_s": n * months / seconds, "bytes_per_agent": state,
            "peak_bytes_per_agent_during_step": peak / n}


def run_benchmark(quick: bool) -> dict[str, object]:
    months = 24
    _ours(1000, 2)  # load the compiled kernel outside the timings
    sizes = [10**6] if quick else [10**6, 10**7]
    ours = [_ours(n, months) for n in sizes]
    for o in ours:
        print(f"relokant: {o['agents']:>10,} agents x {months} months in {o['seconds']:.2f} s = "
              f"{o['agent_months_per_s'] / 1e6:.1f} M agent-months/s, "
              f"{o['bytes_per_agent']:.0f} B/agent state "
              f"(+{o['peak_bytes_per_agent_during_step']:.1f} B/agent allocated while running)")
    n_mesa = 5_000 if quick else 20_000
    model = ExodusModel(n_mesa)
    start = time.perf_counter()
    for _ in range(months):
        model.step()
    mesa_seconds = time.perf_counter() - start
    mesa_rate = n_mesa * months / mesa_seconds
    print(f"mesa:     {n_mesa:>10,} agents x {months} months in {mesa_seconds:.2f} s = "
          f"{mesa_rate / 1e6:.2f} M agent-months/s (one Agent object each)")
    ratio = ours[0]["agent_months_per_s"] / mesa_rate
    print(f"ratio at 10^6 agents: {ratio:.0f}x Mesa")
    return {"benchmark": "simulate", "agent_months_per_s": ours[0]["agent_months_per_s"],
            "mesa_agent_months_per_s": mesa_rate, "ratio_vs_mesa": ratio,
            "bytes_per_agent": ours[0]["bytes_per_agent"],
            "peak_bytes_per_agent": ours[0]["peak_bytes_per_agent_during_step"],
            "runs": ours, "mesa_agents": n_mesa}


def run(quick: bool = False) -> dict[str, object]:
    return run_benchmark(quick)
