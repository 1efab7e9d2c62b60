"""NUTS chains as compiled programs whose claims and sampler state are arguments.

NumPyro's ``MCMC`` runs parallel chains under a ``pmap`` that closes over the model's
arguments, so the claims become constants of the compiled program: every fit with one
claim more compiled again, about 6 of a warm re-fit's 12 s on 2 cores. Here the chains
run one program, warm-up (adapting step size and mass matrix) then sampling (adaptation
off) in one loop, with the claims (padded to a fixed number of rows), the positions, the
step size and the mass matrix as arguments. A re-fit after one new claim starts
from the previous fit's positions and adaptation and runs the sampling program the
previous fit compiled. The kernel is NumPyro's NUTS throughout; only the driver is ours.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import partial
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

#: Compiled programs kept per process (each holds its executables).
_KEEP = 8
_PROGRAMS: OrderedDict[Any, Any] = OrderedDict()
#: How many times a chain program was traced (each trace precedes a compilation or a
#: look-up in JAX's persistent cache): what a warm re-fit must not add to.
TRACES = {"chains": 0}


@dataclass(frozen=True)
class ChainSettings:
    """What a compiled program fixes: everything but the claims' values and the state."""

    chains: int
    warmup: int
    draws: int
    target_accept: float
    #: One CPU device per chain (``pmap``); else the chains are vectorised (``vmap``).
    parallel: bool
    #: Static description of the model's arguments (path length, event, priors, row count).
    model_key: Any
    #: The longest trajectory is ``2 ** max_tree_depth - 1`` leapfrog steps.
    max_tree_depth: int = 10


@dataclass(frozen=True)
class ChainResult:
    """Draws of every site (chains, draws, ...), divergences and where each chain ended."""

    samples: dict[str, np.ndarray]
    diverging: np.ndarray
    positions: dict[str, np.ndarray]
    step_size: np.ndarray
    inverse_mass_matrix: Any


def _program(name: str, settings: ChainSettings, build: Any) -> Any:
    key = (name, settings)
    if key not in _PROGRAMS:
        _PROGRAMS[key] = build()
        while len(_PROGRAMS) > _KEEP:
            _PROGRAMS.popitem(last=False)
    _PROGRAMS.move_to_end(key)
    return _PROGRAMS[key]


def _mapped(one_chain: Any, settings: ChainSettings, in_axes: tuple[Any, ...]) -> Any:
    """The chains on one device each, or vectorised on one (compiled once either way)."""
    if settings.parallel:
        return jax.pmap(one_chain, in_axes=in_axes)
    return jax.jit(jax.vmap(one_chain, in_axes=in_axes))


def _kernels(model: Any, static: tuple[Any, ...], data: Any) -> tuple[Any, Any]:
    from numpyro.infer.hmc import hmc
    from numpyro.infer.util import potential_energy

    potential = partial(potential_energy, model, (*static, data), {})
    init_kernel, sample_kernel = hmc(potential_fn=potential, algo="NUTS")
    return init_kernel, sample_kernel


def _start(key: Any, model: Any, args: tuple[Any, ...], init_strategy: Any) -> Any:
    """A cold chain's unconstrained start: the init strategy's values, from one trace.

    NumPyro's ``initialize_model`` also evaluates the potential, twice (a first try, then
    a loop of retries), which put two more copies of the model into the program, about
    2 s of compilation; the kernel's own set-up evaluates it at the start anyway. A start
    whose potential is not finite shows as a chain of divergences, which the checks report.
    """
    from numpyro import handlers
    from numpyro.distributions import biject_to

    seeded = handlers.substitute(handlers.seed(model, key), substitute_fn=init_strategy)
    trace = handlers.trace(seeded).get_trace(*args)
    return {name: biject_to(site["fn"].support).inv(site["value"])
            for name, site in trace.items()
            if site["type"] == "sample" and not site["is_observed"]}


def _chain_program(model: Any, static: tuple[Any, ...], settings: ChainSettings,
                   init_strategy: Any) -> Any:
    """One chain, cold (from the init strategy, warm-up adapting) or warm (from a state).

    One program serves both, so that a warm re-fit runs what the cold fit compiled: the
    NUTS kernel adapts only while its iteration count is below the warm-up length, and a
    warm chain starts at that count with the previous step size and mass matrix.
    """
    from numpyro.infer.util import constrain_fn

    def relokant_chains(key: Any, cold: Any, z: Any, step_size: Any, inverse_mass_matrix: Any,
                        data: Any) -> Any:
        TRACES["chains"] += 1  # runs when JAX traces the program, not when it runs it
        args = (*static, data)
        start_key, run_key = jax.random.split(key)
        z0 = jax.tree_util.tree_map(lambda a, b: jnp.where(cold, a, b),
                                    _start(start_key, model, args, init_strategy), z)
        init_kernel, sample_kernel = _kernels(model, static, data)
        state = init_kernel(z0, settings.warmup, step_size=jnp.where(cold, 1.0, step_size),
                            inverse_mass_matrix=inverse_mass_matrix,
                            target_accept_prob=settings.target_accept, rng_key=run_key,
                            max_tree_depth=settings.max_tree_depth)
        adapt = state.adapt_state
        state = state._replace(i=jnp.where(cold, 0, settings.warmup), adapt_state=adapt._replace(
            step_size=jnp.where(cold, adapt.step_size, step_size)))
        constrain = partial(constrain_fn, model, args, {}, return_deterministic=True)
        # one loop over warm-up and draws calls the kernel once in the program: XLA compiles
        # NUTS once, not twice (the destination model's program: 20 s to compile, now 15).
        # Draws land in buffers; warm-up iterations write slot 0, which the first draw
        # overwrites (the kernel itself stops adapting at the warm-up's end).
        shapes = jax.eval_shape(constrain, state.z)
        buffers = (jax.tree_util.tree_map(
            lambda a: jnp.zeros((settings.draws, *a.shape), a.dtype), shapes),
            jnp.zeros(settings.draws, bool))

        def step(i: Any, carry: Any) -> Any:
            s, (draws, diverging) = carry
            s = sample_kernel(s)
            slot = jnp.maximum(i - settings.warmup, 0)
            draws = jax.tree_util.tree_map(
                lambda b, v: jax.lax.dynamic_update_index_in_dim(b, v, slot, 0),
                draws, constrain(s.z))
            diverging = jax.lax.dynamic_update_index_in_dim(diverging, s.diverging, slot, 0)
            return s, (draws, diverging)

        state, (draws, diverging) = jax.lax.fori_loop(
            state.i, settings.warmup + settings.draws, step, (state, buffers))
        return (draws, diverging, state.z, state.adapt_state.step_size,
                state.adapt_state.inverse_mass_matrix)

    return _mapped(relokant_chains, settings, (0, None, 0, 0, 0, None))


def _chains_axis(x: Any, chains: int) -> Any:
    return jax.tree_util.tree_map(lambda a: np.broadcast_to(np.asarray(a),
                                                            (chains, *np.shape(a))).copy(), x)


def run(model: Any, static: tuple[Any, ...], data: Any, settings: ChainSettings, *,
        seed: int, init_strategy: Any, start: Any = None, unit_mass: Any = None) -> ChainResult:
    """Run the chains; ``start`` (a previous fit's state) skips the warm-up.

    ``static`` are the model's leading arguments (``settings.model_key`` describes them:
    programs are kept by it), ``data`` its last, a pytree of arrays that may change
    between runs of the same program. A cold run needs ``unit_mass``, the mass matrix's
    layout filled with ones, and positions of the right shapes (``start`` gives them on
    a warm run).
    """
    keys = jax.random.split(jax.random.PRNGKey(seed), settings.chains)
    program = _program("chains", settings,
                       lambda: _chain_program(model, static, settings, init_strategy))
    if start is None:
        z, step_size, mass = unit_mass
        cold = True
    else:
        z, step_size = start.positions, np.full(settings.chains, start.step_size)
        mass = _chains_axis(start.inverse_mass_matrix, settings.chains)
        cold = False
    draws, diverging, last, step, inverse_mass = program(keys, cold, z, step_size, mass, data)
    return ChainResult({k: np.asarray(v) for k, v in draws.items()}, np.asarray(diverging),
                       {k: np.asarray(v) for k, v in last.items()}, np.asarray(step),
                       jax.tree_util.tree_map(np.asarray, inverse_mass))


def cold_inputs(model: Any, args: tuple[Any, ...], chains: int) -> tuple[Any, Any, Any]:
    """Positions, step sizes and a unit mass matrix of the shapes a cold run takes.

    The values are placeholders (a cold chain starts from the init strategy); the shapes
    come from an abstract trace of the model (nothing is compiled), the mass matrix's
    layout is NumPyro's (the diagonal of all sites, flattened).
    """
    from numpyro import handlers

    def sites() -> dict[str, Any]:
        trace = handlers.trace(handlers.seed(model, jax.random.PRNGKey(0))).get_trace(*args)
        return {k: v["value"] for k, v in trace.items()
                if v["type"] == "sample" and not v["is_observed"]}

    shapes = jax.eval_shape(sites)
    z = {k: np.zeros((chains, *v.shape)) for k, v in shapes.items()}
    size = sum(int(np.prod(v.shape)) for v in shapes.values())
    return z, np.ones(chains), np.ones((chains, size))


def forget() -> None:
    """Drop the kept programs (with ``jax.clear_caches()``, their executables go too)."""
    _PROGRAMS.clear()
