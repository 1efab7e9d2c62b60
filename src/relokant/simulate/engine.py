"""The monthly kernel: departures, jobs, savings, returns and onward moves, vectorised.

Every month draws the same three uniform arrays whatever the levers are
(common random numbers): a scenario with no levers reproduces the baseline
exactly for the same seed, and scenario differences are not drowned in noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


def run(pop: Population, behaviour: Behaviour, *, months: int, projection_start: int,
        levers: dict[str, float] | None = None,
        effects: dict[str, dict[str, float]] | None = None, seed: int = 0,
        autumn_wave: float = 0.0) -> Trajectory:
    """Simulate ``months`` months from February 2022; levers act from ``projection_start``.

    ``pop`` is changed in place (pass a copy to keep it). ``autumn_wave`` is the
    size (people) of the autumn 2022 wave, the yardstick of a new mobilisation.
    """
    rng = np.random.default_rng(seed)
    levers = levers or {}
    effects = effects or {}
    n = pop.n
    out = {k: np.zeros(months) for k in ("departed", "returned", "in_destination", "moved_on",
                                          "remote", "revenue")}
    counts = {k: np.zeros(months, dtype=np.int64) for k in ("departed", "returned", "abroad",
                                                            "moved_on")}
    base = np.asarray(behaviour.base, dtype=np.float32)[pop.cohort] + np.float32(behaviour.shift)
    base += np.asarray(behaviour.regime, dtype=np.float32)[pop.dest]
    base += np.float32(behaviour.exposed) * pop.exposed
    loss = np.asarray([*behaviour.job_loss, 0.0], dtype=np.float32)
    find = np.asarray(behaviour.job_find, dtype=np.float32)[pop.it]
    find *= np.where(pop.dest == EU_US, np.float32(0.7), np.float32(1.0))
    salary = np.asarray(SALARY_RUB, dtype=np.float32)[pop.it]
    military_age_men = (pop.male == 1) & (pop.age < 2)
    near = (pop.dest == CIS) | (pop.dest == GEORGIA_ARMENIA_TURKEY)
    reserve_left = int(pop.reserve.sum())
    for m in range(months):
        u = rng.random((3, n), dtype=np.float32)
        projecting = m >= projection_start
        on = {k: v for k, v in levers.items() if v > 0} if projecting else {}
        # departures: scheduled ones, and a policy-triggered wave from the reserve
        leaving = (pop.status == WAITING) & (pop.dep_month == m)
        if "mobilization" in on and m < projection_start + 2 and reserve_left and autumn_wave:
            wanted = on["mobilization"] * effects["mobilization"]["new_wave_fraction"] * \
                autumn_wave / 2 / pop.weight
            p = min(1.0, wanted / reserve_left)
            extra = (pop.reserve == 1) & (pop.status == WAITING) & (u[2] < p)
            pop.dep_month[extra] = m
            pop.cohort[extra] = AUTUMN
            leaving |= extra
        pop.status[leaving] = ABROAD
        abroad = pop.status == ABROAD
        # return hazard
        eta = base.copy()
        unemployed = pop.employer == NONE
        eta += np.float32(behaviour.unemployed) * unemployed
        eta += np.float32(behaviour.broke) * (unemployed & (pop.savings <= 0))
        if "return_incentives" in on:
            e = effects["return_incentives"]
            eta += np.float32(on["return_incentives"]) * (
                np.float32(e["return_logodds"])
                + np.float32(e["deferment_logodds_men"]) * military_age_men)
        if "residence_rules" in on:
            eta += np.float32(on["residence_rules"] * effects["residence_rules"][
                "return_logodds"]) * near
        if "it_salary_growth" in on:
            eta += np.float32(on["it_salary_growth"] * effects["it_salary_growth"][
                "return_logodds_per_unit"]) * pop.it
        if "remote_work_tax" in on:
            eta += np.float32(on["remote_work_tax"] * effects["remote_work_tax"][
                "return_logodds_per_unit"]) * (pop.employer == RUSSIAN_REMOTE)
        time_abroad = np.maximum(m - pop.dep_month.astype(np.float32), 0)
        hazard = np.exp(np.float32(-behaviour.decay) * time_abroad) / (1 + np.exp(-eta))
        factor = np.ones(n, dtype=np.float32)
        if "entry_restrictions" in on:
            e, level = effects["entry_restrictions"], on["entry_restrictions"]
            factor *= np.float32(1 - level * (1 - e["chill_hazard_factor"]))
            factor *= np.where(pop.exposed == 1,
                               np.float32(1 - level * (1 - e["exposed_hazard_factor"])), 1)
        if "property_confiscation" in on:
            e, level = effects["property_confiscation"], on["property_confiscation"]
            factor *= np.float32(1 - level * (1 - e["hazard_factor"]))
            factor *= np.where(pop.exposed == 1,
                               np.float32(1 - level * (1 - e["exposed_hazard_factor"])), 1)
        if "mobilization" in on:
            e, level = effects["mobilization"], on["mobilization"]
            factor *= np.where(military_age_men,
                               np.float32(1 - level * (1 - e["men_hazard_factor"])), 1)
        hazard *= factor
        onward_p = np.float32(behaviour.onward) * np.where(near, np.float32(1.5), 1)
        if "residence_rules" in on:
            onward_p *= np.float32(1 + on["residence_rules"] * (
                effects["residence_rules"]["onward_factor"] - 1))
        returning = abroad & (u[0] < hazard)
        onward = abroad & ~returning & (u[0] < hazard + onward_p)
        pop.status[returning] = RETURNED
        pop.status[onward] = MOVED_ON
        # jobs and savings of everyone still abroad
        out_of_russia = (pop.status == ABROAD) | (pop.status == MOVED_ON)
        employed = out_of_russia & ~unemployed
        lost = employed & (u[1] < loss[pop.employer])
        found = out_of_russia & unemployed & (u[1] < find)
        switch_p = np.float32(behaviour.switch)
        if "remote_work_tax" in on:
            switch_p *= np.float32(np.exp(effects["remote_work_tax"]["switch_elasticity"]
                                          * on["remote_work_tax"]))
        switching = out_of_russia & (pop.employer == RUSSIAN_REMOTE) & (u[2] < switch_p)
        pop.employer[lost] = NONE
        pop.employer[found] = np.where(u[2][found] < 0.5, LOCAL, FOREIGN).astype(np.uint8)
        pop.employer[switching] = FOREIGN
        pop.savings += np.where(pop.employer == NONE, np.float16(-1), np.float16(0.3)) \
            .astype(np.float16) * out_of_russia
        np.clip(pop.savings, -1, 24, out=pop.savings)
        # outputs
        remote = out_of_russia & (pop.employer == RUSSIAN_REMOTE)
        surcharge = on.get("remote_work_tax", 0.0)
        n_dep = int(np.count_nonzero(pop.status != WAITING))
        n_ret = int(np.count_nonzero(pop.status == RETURNED))
        n_on = int(np.count_nonzero(pop.status == MOVED_ON))
        n_abr = n_dep - n_ret - n_on
        counts["departed"][m], counts["returned"][m] = n_dep, n_ret
        counts["abroad"][m], counts["moved_on"][m] = n_abr, n_on
        w = pop.weight
        out["departed"][m], out["returned"][m] = n_dep * w, n_ret * w
        out["in_destination"][m], out["moved_on"][m] = n_abr * w, n_on * w
        out["remote"][m] = int(np.count_nonzero(remote)) * w
        out["revenue"][m] = float(salary[remote].sum(dtype=np.float64)) * w * (
            PIT + surcharge + PREMIUMS)
    return Trajectory(out["departed"], out["returned"], out["in_destination"], out["moved_on"],
                      out["remote"], out["revenue"], counts)


def autumn_wave_size(monthly_departures: NDArray[np.float64]) -> float:
    """People who left in September-November 2022 (the mobilisation wave)."""
    return float(np.sum(monthly_departures[AUTUMN_START:AUTUMN_START + 3]))
