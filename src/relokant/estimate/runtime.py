"""JAX set-up for fitting: one CPU device per chain, a compilation cache, NUTS's defaults.

Compiling the sampler is most of a cold fit (about 7 of 15 s on the bundled
record, 2 cores). JAX can keep compiled programs on disk; with the cache, a
second ``relokant estimate`` or ``report`` in a new process skips that step. The
cache lives in the user cache folder; ``RELOKANT_JAX_CACHE`` names another
folder, or ``off`` turns it off.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pathlib
import sys
import threading
from dataclasses import dataclass

from platformdirs import user_cache_dir

from relokant.events import Event


@dataclass(frozen=True)
class NutsDefaults:
    """NUTS's settings for a model of one event, where the caller does not set them."""

    target_accept: float
    warmup: int
    draws: int
    max_tree_depth: int

    def given(self, draws: int | None, warmup: int | None, target_accept: float | None,
              max_tree_depth: int | None) -> tuple[int, int, float, int]:
        """Draws, warm-up, target acceptance and tree depth: the caller's, else these."""
        return (self.draws if draws is None else draws,
                self.warmup if warmup is None else warmup,
                self.target_accept if target_accept is None else target_accept,
                self.max_tree_depth if max_tree_depth is None else max_tree_depth)


#: The national model: Stan's defaults but a target acceptance of 0.99 (0.8 and 0.9 left
#: divergent transitions on the bundled record).
NATIONAL = NutsDefaults(target_accept=0.99, warmup=1000, draws=1000, max_tree_depth=10)
#: The destination model: with the first year's departures sampled directly (model.py),
#: every trajectory takes 63 steps (it took 127, the depth cap, before). Measured on the
#: bundled record, 4 chains, 2 cores, target 0.97, 1000 draws (seeds 0-3): after 300
#: warm-up iterations R-hat <= 1.0069, bulk ESS >= 1,385, tail ESS >= 1,007, about 28 s
#: of sampling; after 400, R-hat <= 1.0084, tail ESS down to 751; after 500, R-hat <=
#: 1.0065, 38-43 s. 750 draws after 500 left R-hat 1.0113 (``rw_z``, seed 0: fails).
DESTINATIONS = NutsDefaults(target_accept=0.97, warmup=300, draws=1000, max_tree_depth=7)


def nuts_defaults(event: Event) -> NutsDefaults:
    """NUTS's default settings for a model of ``event`` (as fitted, with its evidence)."""
    return DESTINATIONS if event.destinations else NATIONAL


def default_text(setting: str) -> str:
    """A setting's defaults in words, for the CLI's and the API's help: one source of truth."""
    return (f"default: {getattr(DESTINATIONS, setting)} for the destination model, "
            f"{getattr(NATIONAL, setting)} for the national one")


#: Environment variable: a folder for compiled programs, or "off".
CACHE_VARIABLE = "RELOKANT_JAX_CACHE"
#: The folder JAX was last pointed at in this process (it opens one cache at a time).
_opened: dict[str, str] = {}


def cache_folder() -> pathlib.Path | None:
    """Where compiled programs are kept, or None when the cache is off."""
    setting = os.environ.get(CACHE_VARIABLE, "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    return pathlib.Path(setting) if setting else pathlib.Path(
        user_cache_dir("relokant", appauthor=False)) / "jax"


def prepare(chains: int) -> str:
    """Set JAX up for ``chains`` chains; returns NumPyro's chain method.

    Chains run in parallel on CPU devices when JAX is not yet initialised (the
    device count is fixed at start-up); otherwise they are vectorised.
    """
    import numpyro

    with contextlib.suppress(Exception):  # jax already initialised: keep its devices
        numpyro.set_host_device_count(max(chains, 1))
    import jax

    folder = cache_folder()
    if folder is not None and _opened.get("folder") != str(folder):
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            if _opened:
                # JAX opens its cache once per process: a new folder (the variable changed,
                # as in the benchmark's cold fits) needs the old one closed first
                from jax.experimental.compilation_cache import compilation_cache

                compilation_cache.reset_cache()
            jax.config.update("jax_compilation_cache_dir", str(folder))  # type: ignore[no-untyped-call]
            _opened["folder"] = str(folder)
    return "parallel" if jax.local_device_count() >= chains else "vectorized"


def preload(*modules: str) -> threading.Thread | None:
    """Import ``modules`` not yet imported in a background thread (a daemon), or None.

    XLA compiles the chains without holding Python's lock, so on a cold fit the second
    core can import what the summaries need next meanwhile: ArviZ alone takes about 2 s
    to import, which a cold ``relokant report`` otherwise spent after the sampler.
    """
    missing = [name for name in modules if name not in sys.modules]  # a re-fit: none
    if not missing:
        return None

    def load() -> None:
        for name in missing:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)

    thread = threading.Thread(target=load, name="relokant-preload", daemon=True)
    thread.start()
    return thread
