"""Warm re-fits: one new claim should not cost a whole fit.

A fit keeps its sampler's last state: each chain's position and the adapted step size
and mass matrix. A re-fit of almost the same claims starts every chain where it
ended, keeps the mass matrix (the posterior's scales barely move for one claim) and
only re-tunes the step size in a short warm-up; compiled programs are reused from
JAX's caches. When the new claims change the path's length (a claim past the old
horizon) the parameters change shape and the re-fit is a cold fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Warm-up iterations of a warm re-fit: step-size adaptation only.
WARM_WARMUP = 150


@dataclass(frozen=True)
class SamplerState:
    """What a fit hands to the next: chain positions, step size, mass matrix."""

    positions: dict[str, np.ndarray]
    step_size: float
    inverse_mass_matrix: Any
    months: int
    chains: int

    @classmethod
    def from_mcmc(cls, mcmc: Any, months: int, chains: int) -> SamplerState:
        """The state a finished NumPyro run ended in (chains on the leading axis)."""
        import jax

        last = mcmc.last_state
        adapt = last.adapt_state
        positions = {k: np.asarray(v) for k, v in last.z.items()}
        step = float(np.median(np.asarray(adapt.step_size)))
        mass = jax.tree_util.tree_map(
            lambda a: np.asarray(a).mean(axis=0) if chains > 1 else np.asarray(a),
            adapt.inverse_mass_matrix)
        return cls(positions, step, mass, months, chains)

    def fits(self, months: int, chains: int) -> bool:
        """Whether a fit of ``months`` and ``chains`` can start from this state."""
        return months == self.months and chains == self.chains


def kernel(model: Any, state: SamplerState | None, target_accept: float,
           init_strategy: Any) -> tuple[Any, dict[str, Any]]:
    """A NUTS kernel (warm from ``state`` when given) and ``MCMC.run``'s extra arguments."""
    from numpyro.infer import NUTS

    if state is None:
        return NUTS(model, target_accept_prob=target_accept, init_strategy=init_strategy), {}
    nuts = NUTS(model, target_accept_prob=target_accept, init_strategy=init_strategy,
                step_size=state.step_size, inverse_mass_matrix=state.inverse_mass_matrix,
                adapt_mass_matrix=False)
    return nuts, {"init_params": state.positions}
