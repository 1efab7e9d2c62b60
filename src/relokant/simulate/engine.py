"""The monthly kernel: departures, jobs, savings, returns and onward moves.

One fused Numba kernel, agent-major: each agent runs through every month in
registers, blocks of agents run in parallel, and no full-population
temporaries are made (about 16 bytes of state per agent, nothing more).
Random numbers come from a counter-based generator keyed by (seed, agent,
month), so results do not depend on threads, and a scenario sees the same
numbers as its baseline (common random numbers): with no levers it reproduces
the baseline exactly for the same seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numba as nb  # type: ignore[import-untyped]
import numpy as np
from numpy.typing import NDArray

from relokant.simulate.population import (
    ABROAD,
    AUTUMN,
    AUTUMN_START,
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
    Population,
)

#: Monthly gross salaries (roubles) of remote workers employed by Russian firms: assumption.
SALARY_RUB = (100_000.0, 250_000.0)  # other, IT
#: Personal income tax and employers' insurance premiums (MEMRI, 13 Jan 2023: 13-15%, 30%).
PIT, PREMIUMS = 0.13, 0.30
N_BLOCKS = 64


@dataclass(frozen=True)
class Behaviour:
    """Behavioural parameters; ``shift`` is calibrated to the estimate, the rest assumed."""

    shift: float = 0.0
    base: tuple[float, float, float] = (-4.0, -3.6, -4.0)  # spring, autumn, later cohorts
    unemployed: float = 0.8
    broke: float = 1.2
    regime: tuple[float, float, float, float] = (0.3, 0.2, -0.3, 0.0)  # by destination
    exposed: float = -2.0
    decay: float = 0.03
    job_loss: tuple[float, float, float] = (0.01, 0.03, 0.015)  # remote, local, foreign
    job_find: tuple[float, float] = (0.07, 0.15)  # other, IT
    switch: float = 0.005
    onward: float = 0.003


@dataclass
class Trajectory:
    """Monthly outputs of one run (people, scaled by the agents' weight)."""

    departed: NDArray[np.float64]
    returned: NDArray[np.float64]
    in_destination: NDArray[np.float64]
    moved_on: NDArray[np.float64]
    remote_workers: NDArray[np.float64]
    #: Monthly income tax and insurance premiums paid by remote workers of Russian firms.
    tax_revenue_rub: NDArray[np.float64]
    counts: dict[str, NDArray[np.int64]] = field(default_factory=dict)

    @property
    def abroad(self) -> NDArray[np.float64]:
        """Everyone who left and has not returned (in the first country or beyond)."""
        return self.in_destination + self.moved_on


@nb.njit(cache=True, inline="always")  # type: ignore[untyped-decorator]
def _uniform(seed: np.uint64, agent: int, month: int, k: int) -> float:  # pragma: no cover
    """A uniform in [0, 1) from (seed, agent, month, k): splitmix64 of the counter."""
    x = seed ^ (np.uint64(agent) * np.uint64(0x9E3779B97F4A7C15)) ^ (
        np.uint64(month * 4 + k + 1) * np.uint64(0xD1B54A32D192ED03))
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return float(x >> np.uint64(40)) * (1.0 / 16777216.0)


@nb.njit(parallel=True, cache=True)
def _kernel(dep_month, cohort, age, male, it, employer, dest, exposed, status, reserve,  # type: ignore[no-untyped-def] # pragma: no cover
            savings, base, regime, coef, levers, decay, months, projection_start, seed,
            n_blocks):
    n = status.shape[0]
    # per block: people departed / returned / moved on *from* month m (summed later), and
    # remote workers of Russian firms and their pay in month m
    entered = np.zeros((n_blocks, months + 1, 3), np.int64)
    remote = np.zeros((n_blocks, months), np.int64)
    revenue = np.zeros((n_blocks, months), np.float64)
    block = (n + n_blocks - 1) // n_blocks
    useed = np.uint64(seed)
    for b in nb.prange(n_blocks):
        for i in range(b * block, min(n, (b + 1) * block)):
            st, emp, sav = status[i], employer[i], savings[i]
            dm, coh, dst = dep_month[i], cohort[i], dest[i]
            if st == WAITING:
                if reserve[i] == 1:
                    if levers[10] <= 0:
                        continue  # a reserve agent leaves only in a new mobilisation
                    first = projection_start
                elif dm >= months:
                    continue
                else:
                    first = dm
            else:
                first = 0
            men = male[i] == 1 and age[i] < 2
            near = dst in (CIS, GEORGIA_ARMENIA_TURKEY)
            salary = coef[12] if it[i] == 1 else coef[11]
            for m in range(first, months):
                proj = m >= projection_start
                if st == WAITING:
                    if dm == m:
                        st = ABROAD
                        entered[b, m, 0] += 1
                    elif (reserve[i] == 1 and proj and m < projection_start + 2
                          and _uniform(useed, i, m, 2) < levers[10]):
                        st, dm, coh = ABROAD, m, AUTUMN
                        entered[b, m, 0] += 1
                    else:
                        continue
                unemployed = emp == NONE
                if st == ABROAD:
                    eta = base[coh] + regime[dst] + coef[2] * exposed[i]
                    if unemployed:
                        eta += coef[0]
                        if sav <= 0:
                            eta += coef[1]
                    factor = 1.0
                    onward = coef[10] * (1.5 if near else 1.0)
                    if proj:
                        eta += levers[0]
                        if men:
                            eta += levers[1]
                            factor *= levers[7]
                        if near:
                            eta += levers[2]
                            onward *= levers[8]
                        if it[i] == 1:
                            eta += levers[3]
                        if emp == RUSSIAN_REMOTE:
                            eta += levers[4]
                        factor *= levers[5]
                        if exposed[i] == 1:
                            factor *= levers[6]
                    hazard = factor * decay[m - dm] / (1.0 + math.exp(-eta))
                    u0 = _uniform(useed, i, m, 0)
                    if u0 < hazard:
                        st = RETURNED
                        entered[b, m, 1] += 1
                        break  # returning is final: nothing more happens to this agent
                    if u0 < hazard + onward:
                        st = MOVED_ON
                        entered[b, m, 2] += 1
                u1 = _uniform(useed, i, m, 1)
                u2 = _uniform(useed, i, m, 2)
                if not unemployed:
                    if u1 < coef[4 + emp]:
                        emp = NONE
                    elif emp == RUSSIAN_REMOTE and u2 < coef[9] * (levers[9] if proj else 1.0):
                        emp = FOREIGN
                elif u1 < coef[7 + it[i]] * (0.7 if dst == EU_US else 1.0):
                    emp = LOCAL if u2 < 0.5 else FOREIGN
                sav = min(24.0, max(-1.0, sav + (-1.0 if emp == NONE else 0.3)))
                if emp == RUSSIAN_REMOTE:
                    remote[b, m] += 1
                    revenue[b, m] += salary
            status[i], employer[i], savings[i] = st, emp, sav
            dep_month[i], cohort[i] = dm, coh
    totals = np.zeros((months, 4), np.int64)
    running = np.zeros(3, np.int64)
    flows = entered.sum(axis=0)
    for m in range(months):
        running += flows[m]
        totals[m, :3] = running
    totals[:, 3] = remote.sum(axis=0)
    return totals, revenue.sum(axis=0)


def _lever_vector(levers: dict[str, float], effects: dict[str, dict[str, float]],
                  pop: Population, autumn_wave: float) -> NDArray[np.float64]:
    """Lever settings and drawn effects as the kernel's scalar parameters."""
    v = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0], dtype=np.float64)
    on = {k: x for k, x in levers.items() if x > 0}
    if "return_incentives" in on:
        e = effects["return_incentives"]
        v[0] += on["return_incentives"] * e["return_logodds"]
        v[1] += on["return_incentives"] * e["deferment_logodds_men"]
    if "residence_rules" in on:
        e = effects["residence_rules"]
        v[2] += on["residence_rules"] * e["return_logodds"]
        v[8] *= 1 + on["residence_rules"] * (e["onward_factor"] - 1)
    if "it_salary_growth" in on:
        v[3] += on["it_salary_growth"] * effects["it_salary_growth"]["return_logodds_per_unit"]
    if "remote_work_tax" in on:
        e = effects["remote_work_tax"]
        v[4] += on["remote_work_tax"] * e["return_logodds_per_unit"]
        v[9] *= math.exp(e["switch_elasticity"] * on["remote_work_tax"])
        v[11] = on["remote_work_tax"]
    for name in ("entry_restrictions", "property_confiscation"):
        if name in on:
            e, level = effects[name], on[name]
            general = e["chill_hazard_factor"] if name == "entry_restrictions" else \
                e["hazard_factor"]
            v[5] *= 1 - level * (1 - general)
            v[6] *= 1 - level * (1 - e["exposed_hazard_factor"])
    if "mobilization" in on:
        e, level = effects["mobilization"], on["mobilization"]
        v[7] *= 1 - level * (1 - e["men_hazard_factor"])
        reserve = int(pop.reserve.sum())
        if reserve and autumn_wave:
            wanted = level * e["new_wave_fraction"] * autumn_wave / 2 / pop.weight
            v[10] = min(1.0, wanted / reserve)
    return v


def run(pop: Population, behaviour: Behaviour, *, months: int, projection_start: int,
        levers: dict[str, float] | None = None,
        effects: dict[str, dict[str, float]] | None = None, seed: int = 0,
        autumn_wave: float = 0.0) -> Trajectory:
    """Simulate ``months`` months from February 2022; levers act from ``projection_start``.

    ``pop`` is changed in place (pass a copy to keep it). ``autumn_wave`` is the
    size (people) of the autumn 2022 wave, the yardstick of a new mobilisation.
    """
    lever_vector = _lever_vector(levers or {}, effects or {}, pop, autumn_wave)
    coef = np.array([behaviour.unemployed, behaviour.broke, behaviour.exposed, behaviour.decay,
                     *behaviour.job_loss, *behaviour.job_find, behaviour.switch,
                     behaviour.onward, *SALARY_RUB], dtype=np.float64)
    base = np.asarray(behaviour.base, dtype=np.float64) + behaviour.shift
    decay = np.exp(-behaviour.decay * np.arange(months + 1, dtype=np.float64))
    counts, revenue = _kernel(
        pop.dep_month, pop.cohort, pop.age, pop.male, pop.it, pop.employer, pop.dest,
        pop.exposed, pop.status, pop.reserve, pop.savings, base,
        np.asarray(behaviour.regime, dtype=np.float64), coef, lever_vector, decay, months,
        projection_start, seed % (2**63), N_BLOCKS)
    departed, returned, moved_on, remote = (counts[:, k] for k in range(4))
    abroad = departed - returned - moved_on
    w = pop.weight
    rate = PIT + float(lever_vector[11]) + PREMIUMS
    return Trajectory(
        departed * w, returned * w, abroad * w, moved_on * w, remote * w,
        revenue * w * rate,
        {"departed": departed, "returned": returned, "abroad": abroad, "moved_on": moved_on},
    )


def autumn_wave_size(monthly_departures: NDArray[np.float64],
                     start: int = AUTUMN_START) -> float:
    """People who left in the three months from ``start``: the yardstick of a new wave.

    For Russia 2022 these are September-November 2022, the mobilisation wave.
    """
    return float(np.sum(monthly_departures[start:start + 3]))

