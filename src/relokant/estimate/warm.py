"""Warm re-fits: one new claim should not cost a whole fit.

A fit keeps its sampler's last state: each chain's position and the adapted step size
and mass matrix. A re-fit of almost the same claims starts every chain where it ended
and keeps the adaptation (the posterior's scales barely move for one claim), so it
skips the warm-up and runs the program the previous fit compiled
(:mod:`relokant.estimate.chains`: the claims are arguments of the compiled program,
padded to a fixed number of rows). A re-fit that fails the checks its starting fit
passed is fitted afresh. When the new claims change the path's length (a claim past the
old horizon) the parameters change shape and the re-fit is a cold fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class SamplerState:
    """What a fit hands to the next: chain positions, step size, mass matrix."""

    positions: dict[str, np.ndarray]
    step_size: float
    inverse_mass_matrix: Any
    months: int
    chains: int
    #: Whether the fit it comes from passed the sampler checks.
    ok: bool = True

    @classmethod
    def from_result(cls, result: Any, months: int, chains: int, ok: bool) -> SamplerState:
        """The state a finished run ended in (chains on the leading axis).

        The chains share one step size (their median) and one mass matrix (their mean).
        """
        import jax

        mass = jax.tree_util.tree_map(lambda a: np.asarray(a).mean(axis=0),
                                      result.inverse_mass_matrix)
        return cls(dict(result.positions), float(np.median(result.step_size)), mass, months,
                   chains, ok)

    def fits(self, months: int, chains: int, sites: dict[str, Any] | None = None) -> bool:
        """Whether a fit of ``months`` and ``chains`` can start from this state.

        ``sites`` (the new model's positions by name, chains first) must match too.
        """
        if months != self.months or chains != self.chains:
            return False
        return sites is None or (set(sites) == set(self.positions) and all(
            np.shape(sites[k]) == np.shape(v) for k, v in self.positions.items()))
