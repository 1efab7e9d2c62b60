"""JAX set-up for fitting: one CPU device per chain, a persistent compilation cache, NUTS's depth.

Compiling the sampler is most of a cold fit (about 7 of 15 s on the bundled
record, 2 cores). JAX can keep compiled programs on disk; with the cache, a
second ``relokant estimate`` or ``report`` in a new process skips that step. The
cache lives in the user cache folder; ``RELOKANT_JAX_CACHE`` names another
folder, or ``off`` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import pathlib

from platformdirs import user_cache_dir

from relokant.events import Event

#: The destination model's trajectories are capped at 127 steps. At the target acceptance
#: of 0.99 every uncapped trajectory ran to 255 (no U-turn sooner); capped, the bundled
#: record's 4 x 1000 draws still had bulk ESS >= 691, R-hat <= 1.006 and no divergence, in
#: 76 s instead of 134 on 2 cores. A cap of 6 (63 steps) fell to ESS 168, R-hat 1.039.
DESTINATION_TREE_DEPTH = 7


def tree_depth(event: Event) -> int:
    """NUTS's default tree depth for a model of ``event`` (as fitted, with its evidence)."""
    return DESTINATION_TREE_DEPTH if event.destinations else 10


#: Environment variable: a folder for compiled programs, or "off".
CACHE_VARIABLE = "RELOKANT_JAX_CACHE"
_configured: set[str] = set()


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
    if folder is not None and str(folder) not in _configured:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            jax.config.update("jax_compilation_cache_dir", str(folder))  # type: ignore[no-untyped-call]
            _configured.add(str(folder))
    return "parallel" if jax.local_device_count() >= chains else "vectorized"
