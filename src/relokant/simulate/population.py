"""The simulated emigrant population: one array per attribute, a byte or two per agent each.

Never one Python object per person: a million agents are eleven arrays of a
million bytes plus savings in single precision, 16 bytes an agent.
Attribute mixes (IT share, destinations, employers) are stated assumptions
informed by the OutRush survey's description of a young, educated emigration.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

from relokant.events import RUSSIA_2022, Event

# status
WAITING, ABROAD, RETURNED, MOVED_ON = 0, 1, 2, 3
# employer
RUSSIAN_REMOTE, LOCAL, FOREIGN, NONE = 0, 1, 2, 3
# destination group
CIS, GEORGIA_ARMENIA_TURKEY, EU_US, OTHER = 0, 1, 2, 3
# cohort
SPRING, AUTUMN, LATER = 0, 1, 2
#: Autumn 2022 (the mobilisation wave) starts in month 7 (September 2022).
#: Cohort starts of the default event (Russia 2022: September 2022, January 2023).
AUTUMN_START, LATER_START = (RUSSIA_2022.cohort_month(1) or 0, RUSSIA_2022.cohort_month(2) or 0)


def cohort_starts(event: Event, months: int) -> tuple[int, int]:
    """Months where an event's second and third cohorts begin (past the path: never)."""
    second, third = event.cohort_month(1), event.cohort_month(2)
    never = months + 10_000
    return (never if second is None else second, never if third is None else third)


@dataclass
class Population:
    """Agents as a structure of arrays."""

    dep_month: NDArray[np.int16]
    cohort: NDArray[np.uint8]
    age: NDArray[np.uint8]
    male: NDArray[np.uint8]
    it: NDArray[np.uint8]
    employer: NDArray[np.uint8]
    dest: NDArray[np.uint8]
    exposed: NDArray[np.uint8]
    status: NDArray[np.uint8]
    reserve: NDArray[np.uint8]
    savings: NDArray[np.float32]
    weight: float

    @property
    def n(self) -> int:
        """Number of agents."""
        return len(self.status)

    def nbytes(self) -> int:
        """Memory held by the state arrays."""
        return sum(getattr(self, f.name).nbytes for f in fields(self) if f.name != "weight")

    def copy(self) -> Population:
        """An independent copy (scenarios start from the same population)."""
        return Population(
            dep_month=self.dep_month.copy(), cohort=self.cohort.copy(), age=self.age.copy(),
            male=self.male.copy(), it=self.it.copy(), employer=self.employer.copy(),
            dest=self.dest.copy(), exposed=self.exposed.copy(), status=self.status.copy(),
            reserve=self.reserve.copy(), savings=self.savings.copy(), weight=self.weight,
        )


def build_population(monthly_departures: NDArray[np.float64], n_agents: int, *,
                     rng: np.random.Generator, reserve_fraction: float = 0.1,
                     cohort_starts: tuple[int, int] = (AUTUMN_START, LATER_START)) -> Population:
    """Agents whose departure months follow ``monthly_departures`` (people per month).

    ``cohort_starts`` are the months (from the event's month) where the second and third
    departure cohorts begin, from the :class:`~relokant.events.Event`. A reserve of agents
    who have not left is kept for policy-triggered departures (a new mobilisation wave);
    they carry the same weight as everyone else.
    """
    d = np.clip(np.asarray(monthly_departures, dtype=np.float64), 0, None)
    total = float(d.sum())
    n_reserve = int(n_agents * reserve_fraction)
    n_main = n_agents - n_reserve
    months = rng.choice(len(d), size=n_main, p=d / total).astype(np.int16)
    dep_month = np.concatenate([months, np.full(n_reserve, 32000, dtype=np.int16)])
    second, third = cohort_starts
    cohort = np.where(dep_month < second, SPRING,
                      np.where(dep_month < third, AUTUMN, LATER)).astype(np.uint8)
    n = n_agents
    autumn = cohort == AUTUMN
    u = rng.random((6, n), dtype=np.float32)
    male = (u[0] < np.where(autumn, 0.8, 0.6)).astype(np.uint8)
    age = np.digitize(u[1], [0.45, 0.85]).astype(np.uint8)  # 18-29, 30-44, 45+
    it = (u[2] < np.where(autumn, 0.2, 0.35)).astype(np.uint8)
    dest = np.where(autumn, np.digitize(u[3], [0.55, 0.8, 0.93]),
                    np.digitize(u[3], [0.35, 0.7, 0.9])).astype(np.uint8)
    employer = np.where(it == 1, np.digitize(u[4], [0.5, 0.65, 0.85]),
                        np.digitize(u[4], [0.2, 0.45, 0.55])).astype(np.uint8)
    exposed = (u[5] < 0.08).astype(np.uint8)
    savings = np.where(it == 1, rng.uniform(3, 12, n), rng.uniform(0, 6, n)).astype(np.float32)
    return Population(
        dep_month=dep_month, cohort=cohort, age=age, male=male, it=it, employer=employer,
        dest=dest, exposed=exposed, status=np.zeros(n, dtype=np.uint8),
        reserve=np.concatenate([np.zeros(n_main, np.uint8), np.ones(n_reserve, np.uint8)]),
        savings=savings, weight=total / n_main,
    )
