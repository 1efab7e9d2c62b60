"""Chain starts and the JAX set-up: cheap checks that need no fit."""

from __future__ import annotations

import pathlib

import jax
import numpy as np
import numpyro
import numpyro.distributions as dist
import pytest
from numpyro.handlers import seed, substitute, trace

from relokant.estimate import runtime
from relokant.estimate.initial import JITTER, init_to_jittered_mean


def _starts(n: int) -> dict[str, np.ndarray]:
    def prior() -> None:
        numpyro.sample("location", dist.Normal(5.0, 1.0))
        numpyro.sample("scale", dist.HalfNormal(0.2))
        numpyro.sample("noise", dist.LogNormal(np.log(0.15), 0.6).expand([3]).to_event(1))

    out: dict[str, list[np.ndarray]] = {"location": [], "scale": [], "noise": []}
    for k in range(n):
        init = substitute(seed(prior, jax.random.PRNGKey(k)), substitute_fn=init_to_jittered_mean)
        for name, site in trace(init).get_trace().items():
            out[name].append(np.asarray(site["value"]))
    return {k: np.stack(v) for k, v in out.items()}


def test_starts_lie_within_the_jitter_of_the_prior_mean() -> None:
    starts = _starts(40)
    assert np.all(np.abs(starts["location"] - 5.0) <= JITTER)
    # positive sites are jittered on the log scale around their mean
    mean_scale = 0.2 * np.sqrt(2 / np.pi)
    assert np.all(np.abs(np.log(starts["scale"]) - np.log(mean_scale)) <= JITTER + 1e-9)
    assert starts["noise"].shape == (40, 3)
    assert np.all(starts["noise"] > 0)


def test_starts_differ_between_chains() -> None:
    starts = _starts(4)
    assert len(set(np.round(starts["location"], 6))) == 4


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv(runtime.CACHE_VARIABLE, str(tmp_path / "compiled"))
    assert runtime.cache_folder() == tmp_path / "compiled"
    monkeypatch.setenv(runtime.CACHE_VARIABLE, "off")
    assert runtime.cache_folder() is None
    monkeypatch.delenv(runtime.CACHE_VARIABLE)
    default = runtime.cache_folder()
    assert default is not None and default.name == "jax" and "relokant" in str(default)


def test_each_model_has_its_own_sampler_defaults_and_the_caller_overrides_them() -> None:
    from relokant.events import RUSSIA_2022, RUSSIA_2022_BY_DESTINATION

    national = runtime.nuts_defaults(RUSSIA_2022)
    by_destination = runtime.nuts_defaults(RUSSIA_2022_BY_DESTINATION)
    assert (national.target_accept, national.warmup, national.draws,
            national.max_tree_depth) == (0.99, 1000, 1000, 10)
    # the destination model: shallower trees and a shorter warm-up (runtime.py, README)
    assert by_destination.max_tree_depth == 7 and by_destination.warmup < national.warmup
    assert by_destination.given(None, None, None, None) == (
        by_destination.draws, by_destination.warmup, by_destination.target_accept, 7)
    assert by_destination.given(200, 100, 0.9, 5) == (200, 100, 0.9, 5)
    # an event whose destinations have no figure fits the national model, with its defaults
    assert runtime.nuts_defaults(RUSSIA_2022_BY_DESTINATION.model_copy(
        update={"destinations": ()})) == national


def test_a_new_cache_folder_replaces_the_one_jax_opened(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: pathlib.Path) -> None:
    """JAX opens its cache once per process; a later folder (the benchmark gives each cold
    fit its own) must replace it, or JAX keeps writing to the first, perhaps deleted."""
    from jax.experimental.compilation_cache import compilation_cache

    runtime.prepare(4)
    original = jax.config.jax_compilation_cache_dir
    resets: list[int] = []
    reset = compilation_cache.reset_cache
    monkeypatch.setattr(compilation_cache, "reset_cache", lambda: (resets.append(1), reset()))
    try:
        monkeypatch.setenv(runtime.CACHE_VARIABLE, str(tmp_path / "fresh"))
        runtime.prepare(4)
        assert jax.config.jax_compilation_cache_dir == str(tmp_path / "fresh")
        assert resets and (tmp_path / "fresh").is_dir()
    finally:
        monkeypatch.undo()
        runtime.prepare(4)
    assert jax.config.jax_compilation_cache_dir == original


def test_preload_imports_in_the_background() -> None:
    import sys

    sys.modules.pop("json.tool", None)
    thread = runtime.preload("json.tool", "relokant_no_such_module")
    assert thread is not None
    thread.join(timeout=30)
    assert "json.tool" in sys.modules  # a missing module is skipped, not raised
    assert runtime.preload("json.tool") is None  # nothing left to import: no thread
