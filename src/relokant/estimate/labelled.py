"""The chains' draws as a labelled ArviZ posterior, with the fit's provenance stamped in.

Every site gets its dimensions (month, source type, claim, destination, ...) and the
posterior's attributes say where it came from: ledger snapshot, versions, seed, sampler
settings and the event, so that a saved posterior can be traced and re-run.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version
from typing import Any

from relokant.estimate.destinations import posterior_layout
from relokant.estimate.model import MODEL_VERSION
from relokant.estimate.observations import SOURCE_TYPES, Observations
from relokant.events import Event

#: Posterior sites with one value per claim row (the compiled program pads the rows).
PER_CLAIM = frozenset({"obs_f", "obs_mu", "obs_sigma", "log_lik"})


def labelled_posterior(result: Any, obs: Observations, event: Event,
                       stamp: dict[str, Any]) -> Any:
    """ArviZ ``InferenceData`` of a :class:`relokant.estimate.chains.ChainResult`.

    ``stamp`` adds the fit's own attributes (snapshot, seed, sampler settings, priors).
    """
    import arviz as az

    months = [d.isoformat() for d in obs.dates()]
    # from_dict on the chain-grouped draws (az.from_numpyro would re-trace the model);
    # per-claim sites drop the padding rows
    samples = {k: v[:, :, :obs.n] if k in PER_CLAIM else v for k, v in result.samples.items()}
    coords, dims = posterior_layout(event)
    idata = az.from_dict(
        posterior=samples, sample_stats={"diverging": result.diverging},
        coords={"month": months, "source_type": [t.value for t in SOURCE_TYPES],
                "claim": list(obs.claim_ids), "rw_step": months[1:], **coords},
        dims={"D": ["month"], "R": ["month"], "S": ["month"], "share": ["month"],
              "rw_z": ["rw_step"], "bias_count": ["source_type"],
              "bias_share": ["source_type"], "z_bias_count": ["source_type"],
              "z_bias_share": ["source_type"], "noise": ["source_type"],
              "obs_f": ["claim"], "obs_mu": ["claim"], "obs_sigma": ["claim"],
              "log_lik": ["claim"], **dims},
    )
    idata.posterior.attrs.update({
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "relokant_version": version("relokant"), "model_version": MODEL_VERSION,
        "sampler": "numpyro NUTS", "numpyro_version": version("numpyro"),
        "jax_version": version("jax"), "event": event.model_dump_json(), **stamp})
    return idata
