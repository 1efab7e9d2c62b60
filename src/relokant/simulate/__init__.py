"""Stage 5: a microsimulation of emigrants' return under policy scenarios."""

from relokant.simulate.lab import PolicyLab, PosteriorPaths, ScenarioResult
from relokant.simulate.levers import BUILTIN, LEVERS, Scenario, load_scenario

__all__ = ["BUILTIN", "LEVERS", "PolicyLab", "PosteriorPaths", "Scenario", "ScenarioResult",
           "load_scenario"]
