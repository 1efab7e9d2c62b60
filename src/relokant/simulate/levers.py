"""Policy levers: what each one changes, by how much, and how sure we are.

A lever's setting is its intensity (a tax surcharge as a fraction, or 0-1 for
yes/no policies). Its effect sizes are ranges, not numbers: every simulation
draw samples them, so scenario results carry behavioural uncertainty. Where a
published source motivates a mechanism it is named; the magnitudes are
assumptions and say so.
"""

from __future__ import annotations

import pathlib
import tomllib
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from relokant.errors import SimulateError


@dataclass(frozen=True)
class Lever:
    """One policy lever."""

    name: str
    unit: str
    maximum: float
    mechanism: str
    effects: dict[str, tuple[float, float]]
    direction: str
    source: str


LEVERS: dict[str, Lever] = {lever.name: lever for lever in (
    Lever(
        "remote_work_tax", "income-tax surcharge on remote workers abroad (fraction, 0.17 = "
        "+17 points)", 0.5,
        "Remote workers employed by Russian firms switch to foreign employers or grey "
        "arrangements (switch hazard x exp(k * surcharge)); a few return to avoid it.",
        {"switch_elasticity": (2.0, 6.0), "return_logodds_per_unit": (0.0, 1.0)},
        "fewer remote workers paying Russian tax; slightly more returns",
        "Mechanism: Russian Finance Ministry and a tax expert quoted by MEMRI (13 Jan 2023) "
        "warned of lost 13-15% income tax and 30% insurance premiums. Magnitudes: assumption.",
    ),
    Lever(
        "return_incentives", "intensity 0-1 (payments, tax holidays, mobilisation deferment)", 1.0,
        "Raises the monthly return hazard; deferment adds more for men of military age.",
        {"return_logodds": (0.1, 0.5), "deferment_logodds_men": (0.1, 0.5)},
        "more returns",
        "Mechanism: the May 2023 decree ordering measures to reverse the outflow (The Moscow "
        "Times, 12 May 2023). Magnitudes: assumption.",
    ),
    Lever(
        "entry_restrictions", "intensity 0-1 (entry bans, prosecution of critics)", 1.0,
        "Cuts returns of people exposed to prosecution sharply and chills the rest.",
        {"exposed_hazard_factor": (0.1, 0.4), "chill_hazard_factor": (0.8, 0.97)},
        "fewer returns",
        "Mechanism: proposals by Medvedev, Morozov and others reported by MEMRI (Jan 2023) and "
        "The Moscow Times (May 2023). Magnitudes: assumption.",
    ),
    Lever(
        "property_confiscation", "intensity 0-1", 1.0,
        "Lowers returns (fear of sanctions), more for the exposed.",
        {"hazard_factor": (0.7, 0.95), "exposed_hazard_factor": (0.4, 0.8)},
        "fewer returns",
        "Mechanism: proposals by Senator Tsekov and Speaker Volodin (The Moscow Times, "
        "12 May 2023). Magnitudes: assumption.",
    ),
    Lever(
        "mobilization", "intensity 0-1 (a new mobilisation wave)", 1.0,
        "Men of military age stop returning; a new departure wave the size of a fraction of "
        "the autumn 2022 wave leaves in the first two months.",
        {"men_hazard_factor": (0.2, 0.5), "new_wave_fraction": (0.1, 0.4)},
        "fewer returns, more departures",
        "Mechanism: the autumn 2022 wave after the September mobilisation (Re:Russia, OutRush "
        "as reported by The Moscow Times). Magnitudes: assumption.",
    ),
    Lever(
        "residence_rules", "intensity 0-1 (tougher residence rules abroad)", 1.0,
        "More returns and onward moves from visa-free CIS countries and Georgia/Armenia/"
        "Turkey.",
        {"return_logodds": (0.2, 0.7), "onward_factor": (1.2, 2.0)},
        "more returns",
        "Mechanism: experts interviewed by Izvestia (as reported by The Moscow Times, 5 Dec "
        "2023) name tougher immigration rules as a main reason for return. Magnitudes: "
        "assumption.",
    ),
    Lever(
        "it_salary_growth", "real IT salary growth at home (fraction, 0.2 = +20%)", 1.0,
        "Raises the return hazard of IT workers in proportion to the growth.",
        {"return_logodds_per_unit": (0.5, 2.0)},
        "more returns of IT workers",
        "Mechanism: experts cited by Izvestia name IT salary increases as a reason for "
        "return (The Moscow Times, 5 Dec 2023). Magnitudes: assumption.",
    ),
)}


class Scenario(BaseModel):
    """A named set of lever settings; levers not named stay off."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(min_length=1)
    description: str = ""
    levers: dict[str, float] = Field(default_factory=dict)

    @field_validator("levers")
    @classmethod
    def _known(cls, levers: dict[str, float]) -> dict[str, float]:
        for key, value in levers.items():
            if key not in LEVERS:
                raise ValueError(f"unknown lever {key!r}; known levers: {', '.join(LEVERS)}")
            lever = LEVERS[key]
            if not 0 <= value <= lever.maximum:
                raise ValueError(f"lever {key!r} must be between 0 and {lever.maximum} "
                                 f"({lever.unit}), got {value}")
        return levers


BUILTIN: dict[str, Scenario] = {s.name: s for s in (
    Scenario(name="baseline", description="Current policy continues."),
    Scenario(name="incentives", description="Return payments, tax holidays and mobilisation "
             "deferment for returnees.", levers={"return_incentives": 1.0}),
    Scenario(name="remote_work_tax", description="A 17-point income-tax surcharge (to 30%) on "
             "remote workers abroad.", levers={"remote_work_tax": 0.17}),
    Scenario(name="entry_restrictions", description="Entry bans and prosecution of critics "
             "abroad.", levers={"entry_restrictions": 1.0}),
    Scenario(name="mobilization", description="A new mobilisation wave.",
             levers={"mobilization": 1.0}),
)}


def load_scenario(spec: str) -> Scenario:
    """A built-in scenario by name, or a TOML file with a ``[levers]`` table."""
    if spec in BUILTIN:
        return BUILTIN[spec]
    path = pathlib.Path(spec)
    if path.suffix.lower() != ".toml":
        raise SimulateError(f"unknown scenario {spec!r}",
                            hint=f"use one of {', '.join(BUILTIN)} or a .toml file")
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SimulateError(f"{path}: no such scenario file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SimulateError(f"{path}: not valid TOML: {exc}") from None
    data.setdefault("name", path.stem)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SimulateError(f"{path}: {where}: {message}",
                            hint="a scenario file has name, description and a [levers] "
                            "table") from None


def draw_effects(rng: np.random.Generator) -> dict[str, dict[str, float]]:
    """One draw of every lever's effect sizes (uniform within their ranges)."""
    return {name: {k: float(rng.uniform(lo, hi)) for k, (lo, hi) in lever.effects.items()}
            for name, lever in LEVERS.items()}
