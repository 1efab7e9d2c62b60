"""The Reconciler: claims in, posterior trajectories and source biases out.

Shaped like a lifelines estimator: settings in ``__init__``, ``fit()`` returns
``self``, fitted results end in ``_``. The posterior is an ArviZ
``InferenceData`` stamped with the ledger snapshot, model version and seed.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import numpy as np
import pandas as pd

from relokant.errors import EstimateError, ValidationError
from relokant.estimate import runtime
from relokant.estimate.diagnostics import (
    ClaimJudgement,
    judge_claims,
    sampler_health,
    suspect_claims,
)
from relokant.estimate.horizon import extend as extend_horizon
from relokant.estimate.observations import (
    ABROAD,
    DEPARTURES,
    KIND_NAMES,
    RETURNS,
    SHARE,
    SOURCE_TYPES,
    Observations,
    build_observations,
)
from relokant.events import RUSSIA_2022, Event
from relokant.records import Claim, Status

log = logging.getLogger(__name__)

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Diagnostics below these are reported as failing.
RHAT_MAX = 1.01
ESS_MIN = 400
#: A claim is contradicted when, without it, the truth is this unlikely to be as it states.
CONTRADICTION_P = 0.05
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Diagnostics:
    """Sampler health."""

    rhat_max: float
    ess_bulk_min: float
    divergences: int
    seconds: float
    ok: bool
    # VALIDATE (#14): tail ESS, divergent fraction and the named failing checks
    ess_tail_min: float = 0.0
    divergent_fraction: float = 0.0
    failing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class Reconciler:
    """Bayesian measurement-error model reconciling contradictory claims.

    Parameters
    ----------
    draws, warmup, chains
        NUTS settings (per chain).
    seed
        Seed of the sampler; the same seed and claims give the same posterior.
    target_accept
        NUTS target acceptance; raise it if divergences are reported.
    event
        The exodus measured: its start, shocks and cohorts set the model's calendar.
    until
        Horizon: the path runs to this month (default: the latest accepted claim's);
        past the last claim the model projects, with intervals that widen.
    prior_scale
        The source-type bias priors as stated (default), neutral, or with scaled spread.
    """

    def __init__(self, *, draws: int = 1000, warmup: int = 1000, chains: int = 4,
                 seed: int = 0, target_accept: float = 0.99,
                 event: Event = RUSSIA_2022, until: dt.date | None = None,
                 prior_scale: Any = None) -> None:
        if draws < 10 or warmup < 10 or chains < 1:
            raise ValidationError(
                f"draws and warmup must be at least 10 and chains at least 1 (got draws={draws},"
                f" warmup={warmup}, chains={chains})")
        self.draws, self.warmup, self.chains = draws, warmup, chains
        self.seed = seed
        self.target_accept = target_accept
        self.event = event
        self.until = until
        self.prior_scale = prior_scale
        self._sensitivity: Any = None

    # -- fitting ---------------------------------------------------------------
    def fit(self, claims: Sequence[Claim], *, snapshot: str | None = None,
            progress: Progress | None = None) -> Reconciler:
        """Fit the model to the accepted claims; returns ``self``.

        Raises
        ------
        EstimateError
            When the claims cannot support an estimate; the message says what
            is missing and what can be done.
        """
        accepted = [c for c in claims if c.status is Status.accepted]
        obs = build_observations(accepted, self.event)
        self._check_identifiable(accepted, obs)
        # VALIDATE (#14): the path runs to the horizon; past the last claim it is projection
        obs, self.horizon_ = extend_horizon(obs, accepted, self.until)
        self.observations_ = obs
        self.excluded_ = list(obs.excluded)
        self.claims_by_id_ = {c.id: c for c in accepted if c.id}
        self.warnings_ = self._warnings(obs)
        notify = progress or (lambda stage, fraction: None)

        import jax
        from numpyro.infer import MCMC, NUTS

        from relokant.estimate.initial import init_to_jittered_mean
        from relokant.estimate.model import model

        chain_method = runtime.prepare(self.chains)
        started = time.perf_counter()
        notify("compiling, warming up and sampling", 0.05)
        kernel = NUTS(model, target_accept_prob=self.target_accept,
                      init_strategy=init_to_jittered_mean())
        mcmc = MCMC(kernel, num_warmup=self.warmup, num_samples=self.draws,
                    num_chains=self.chains, chain_method=chain_method, progress_bar=False)
        # one run, warm-up included: a separate warmup() call compiles the model a second
        # time for sampling, which cost 8 of 23 s on the bundled record
        mcmc.run(jax.random.PRNGKey(self.seed), obs, self.prior_scale,
                 extra_fields=("diverging",))
        notify("diagnostics", 0.9)
        seconds = time.perf_counter() - started
        self.posterior_ = self._inference_data(mcmc, obs, snapshot)
        self.diagnostics_ = self._diagnostics(mcmc, seconds)
        self._summarise(obs)
        notify("done", 1.0)
        return self

    def _check_identifiable(self, accepted: Sequence[Claim], obs: Observations) -> None:
        if obs.n == 0:
            if not accepted:
                raise EstimateError(
                    "no accepted claims: there is nothing to estimate from",
                    hint="import or ingest claims and accept them ('relokant review'), or "
                    "run 'relokant init' to load the bundled record",
                )
            reasons = "; ".join(sorted({e.reason for e in obs.excluded}))
            raise EstimateError(
                f"none of the {len(accepted)} accepted claims can be used: {reasons}",
                hint="the estimate needs counts of departures or people abroad, or return "
                "shares, with an as_of date",
            )
        if not obs.has(DEPARTURES, ABROAD, RETURNS, SHARE):  # pragma: no cover - by kinds
            raise EstimateError("no usable claim kinds")

    def _warnings(self, obs: Observations) -> list[str]:
        warnings = []
        if not obs.has(DEPARTURES, ABROAD, RETURNS):
            warnings.append("no usable counts: departures, returns and people abroad are not "
                            "estimated (only the return share is)")
        if not obs.has(RETURNS, SHARE):
            warnings.append("no usable claims about returns: returns, the return share and "
                            "people abroad are not estimated (only departures are)")
        if bool(np.all(obs.bound >= 3)):
            warnings.append("every usable claim is a one-sided bound ('more than', 'up to'): "
                            "within those bounds the figures come from the priors")
        return warnings

    def identified(self, quantity: str) -> bool:
        """Whether the claims inform ``quantity`` (else it would be prior-only)."""
        obs = self.observations_
        counts = obs.has(DEPARTURES, ABROAD, RETURNS)
        returns = obs.has(RETURNS, SHARE)
        return {"departures": counts, "returns": counts and returns,
                "return_share": returns, "abroad": counts and returns}[quantity]

    def _inference_data(self, mcmc: Any, obs: Observations, snapshot: str | None) -> Any:
        import arviz as az

        from relokant.estimate.model import MODEL_VERSION

        months = [d.isoformat() for d in obs.dates()]
        # from_dict on the chain-grouped draws: az.from_numpyro re-traces the model (~10 s)
        samples = {k: np.asarray(v) for k, v in mcmc.get_samples(group_by_chain=True).items()}
        diverging = np.asarray(mcmc.get_extra_fields(group_by_chain=True)["diverging"])
        idata = az.from_dict(
            posterior=samples, sample_stats={"diverging": diverging},
            coords={"month": months, "source_type": [t.value for t in SOURCE_TYPES],
                    "claim": list(obs.claim_ids), "rw_step": months[1:]},
            dims={"D": ["month"], "R": ["month"], "S": ["month"], "share": ["month"],
                  "rw_z": ["rw_step"], "bias_count": ["source_type"],
                  "bias_share": ["source_type"], "z_bias_count": ["source_type"],
                  "z_bias_share": ["source_type"], "noise": ["source_type"],
                  "obs_f": ["claim"], "obs_mu": ["claim"], "obs_sigma": ["claim"],
                  "log_lik": ["claim"]},
        )
        idata.posterior.attrs.update({
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "relokant_version": version("relokant"), "model_version": MODEL_VERSION,
            "ledger_snapshot": snapshot or "", "seed": self.seed, "draws": self.draws,
            "warmup": self.warmup, "chains": self.chains, "sampler": "numpyro NUTS",
            "numpyro_version": version("numpyro"), "jax_version": version("jax"),
            "event": self.event.model_dump_json(),
            "bias_priors": self.prior_scale.label if self.prior_scale else "as stated",
        })
        return idata

    def _diagnostics(self, mcmc: Any, seconds: float) -> Diagnostics:
        post = self.posterior_.posterior
        free = [v for v in ("alpha_z", "b_spring", "b_autumn", "sigma_rw", "rw_z", "h_spring",
                            "h_autumn", "decay", "z_bias_count", "z_bias_share", "noise",
                            "temporary_shift") if v in post]
        summary_vars = [*free, "D", "share"]
        # the share in the first month is identically zero: no variance to diagnose
        checked = post[summary_vars].isel(month=slice(1, None))
        # VALIDATE (#14): one health check (R-hat, bulk and tail ESS, divergent fraction)
        diverging = np.asarray(mcmc.get_extra_fields()["diverging"])
        health = sampler_health(checked, diverging)
        if not health.ok:
            log.warning("sampler diagnostics fail: %s", "; ".join(health.failing))
        for note in health.warnings:
            log.warning("sampler: %s", note)
        return Diagnostics(health.rhat_max, health.ess_bulk_min, int(diverging.sum()), seconds,
                           health.ok, health.ess_tail_min, health.divergent_fraction,
                           health.failing, health.warnings)

    # -- results ---------------------------------------------------------------
    def _draws(self, name: str) -> np.ndarray:
        values = np.asarray(self.posterior_.posterior[name])
        return values.reshape(-1, *values.shape[2:])

    def _summarise(self, obs: Observations) -> None:
        dates = obs.dates()
        series = {"departures": self._draws("D"), "returns": self._draws("R"),
                  "return_share": 100 * self._draws("share"), "abroad": self._draws("S")}
        rows = []
        for name, draws in series.items():
            if not self.identified(name):
                continue
            qs = np.quantile(draws, QUANTILES, axis=0)
            for m, day in enumerate(dates):
                rows.append({"quantity": name, "date": day, "median": qs[2, m],
                             "q05": qs[0, m], "q25": qs[1, m], "q75": qs[3, m],
                             "q95": qs[4, m]})
        self.quantities_ = pd.DataFrame(rows)
        last = obs.months - 1
        first_year = self.event.month_index(self.event.first_year_end)
        headlines: dict[str, np.ndarray] = {}
        if self.identified("departures"):
            headlines["departures"] = series["departures"][:, last]
            headlines["departures_first_year"] = series["departures"][:, first_year]
        if self.identified("return_share"):
            headlines["return_share"] = series["return_share"][:, last]
        if self.identified("abroad"):
            headlines["abroad"] = series["abroad"][:, last]
        self._headline_draws = headlines
        self.judgements_: list[ClaimJudgement] = judge_claims(
            obs, self._draws("obs_f"), self._draws("obs_mu"), self._draws("obs_sigma"),
            self._draws("log_lik"),
            {k: v for k, v in headlines.items() if k != "departures_first_year"},
        )
        self.sources_ = self._sources(obs)

    def _sources(self, obs: Observations) -> pd.DataFrame:
        from relokant.estimate.model import PriorScale, bias_priors

        rows = []
        setting = self.prior_scale or PriorScale()
        for scale, var in (("count", "bias_count"), ("share", "bias_share")):
            priors = dict(zip(SOURCE_TYPES, bias_priors(setting, scale), strict=True))
            draws = np.exp(self._draws(var))
            mask = obs.is_share if scale == "share" else ~obs.is_share
            for k, source in enumerate(SOURCE_TYPES):
                n = int(np.sum(mask & (obs.source == k)))
                q = np.quantile(draws[:, k], (0.05, 0.5, 0.95))
                rows.append({"source_type": source.value, "scale": scale, "n_claims": n,
                             "median": q[1], "q05": q[0], "q95": q[2],
                             "prior_mean": float(np.exp(priors[source].mean)),
                             "prior_reason": priors[source].why})
        return pd.DataFrame(rows)

    @property
    def summary(self) -> pd.DataFrame:
        """Headline figures with 90% intervals, one row each."""
        rows = []
        labels = {"departures_first_year": f"departures by end of {self.event.start.year}",
                  "departures": "departures to date", "return_share": "return share (%)",
                  "abroad": "people abroad"}
        as_of = self.observations_.dates()[-1]
        for name, draws in self._headline_draws.items():
            q = np.quantile(draws, (0.05, 0.5, 0.95))
            day = self.event.first_year_end if name == "departures_first_year" else as_of
            rows.append({"quantity": labels[name], "as_of": day, "median": q[1], "q05": q[0],
                         "q95": q[2]})
        return pd.DataFrame(rows)

    def claims_table(self) -> pd.DataFrame:
        """Every used claim with its residual, tail probability and influence."""
        obs = self.observations_
        rows = []
        for i, j in enumerate(self.judgements_):
            claim = self.claims_by_id_.get(j.claim_id)
            rows.append({
                "id": j.claim_id, "kind": KIND_NAMES[int(obs.kind[i])],
                "attributed_to": claim.attributed_to if claim else None,
                "source_type": claim.source_type.value if claim else None,
                "residual": j.residual, "tail_probability": j.tail_probability,
                "face_value_probability": j.face_value_probability,
                "contradicted": j.face_value_probability < CONTRADICTION_P,
                "influence": max((abs(v) for v in j.influence.values()), default=0.0),
                **{f"influence_{k}": v for k, v in j.influence.items()},
                "pareto_k": j.pareto_k,
            })
        return pd.DataFrame(rows).sort_values("face_value_probability").reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``relokant estimate --json``."""
        quantities: dict[str, list[dict[str, Any]]] = {}
        for row in self.quantities_.to_dict(orient="records"):
            quantities.setdefault(str(row["quantity"]), []).append(
                {"date": row["date"].isoformat(),
                 **{k: round(float(row[k]), 4) for k in ("median", "q05", "q25", "q75", "q95")}})
        sources: dict[str, dict[str, Any]] = {}
        for src in self.sources_.to_dict(orient="records"):
            sources.setdefault(str(src["source_type"]), {})[str(src["scale"])] = {
                "median": round(float(src["median"]), 4), "q05": round(float(src["q05"]), 4),
                "q95": round(float(src["q95"]), 4), "n_claims": int(src["n_claims"]),
                "prior_only": int(src["n_claims"]) == 0,
            }
        d = self.diagnostics_
        attrs = self.posterior_.posterior.attrs
        return {
            "model_version": attrs["model_version"],
            "ledger_snapshot": attrs["ledger_snapshot"],
            "seed": self.seed,
            "headline": [
                {**{k: (v.isoformat() if isinstance(v, dt.date) else
                        (round(float(v), 2) if isinstance(v, float | np.floating) else v))
                    for k, v in row.items()}}
                for row in self.summary.to_dict(orient="records")
            ],
            "quantities": quantities,
            "diagnostics": {"rhat_max": round(d.rhat_max, 4),
                            "ess_bulk_min": round(d.ess_bulk_min, 1),
                            "divergences": d.divergences, "seconds": round(d.seconds, 2),
                            "ok": d.ok,
                            # VALIDATE (#14)
                            "ess_tail_min": round(d.ess_tail_min, 1),
                            "divergent_fraction": round(d.divergent_fraction, 5),
                            "failing": list(d.failing),
                            "suspect_claims": [] if d.ok else suspect_claims(self.judgements_)},
            "horizon": self.horizon_.to_dict(),
            "bias_priors": attrs.get("bias_priors", "as stated"),
            "sensitivity": self._sensitivity.to_dict() if self._sensitivity else None,
            "sources": sources,
            "claims": [
                {"id": c["id"], "kind": c["kind"],
                 # pandas stores a missing actor as NaN; JSON gets null
                 "attributed_to": c["attributed_to"] if isinstance(c["attributed_to"], str)
                 else None,
                 "source_type": c["source_type"] if isinstance(c["source_type"], str) else None,
                 "residual": round(float(c["residual"]), 3),
                 "tail_probability": round(float(c["tail_probability"]), 4),
                 "face_value_probability": round(float(c["face_value_probability"]), 4),
                 "contradicted": bool(c["contradicted"]),
                 "influence": {str(k).removeprefix("influence_"): round(float(v), 2)
                               for k, v in c.items() if str(k).startswith("influence_")},
                 "pareto_k": round(float(c["pareto_k"]), 3)}
                for c in self.claims_table().to_dict(orient="records")
            ],
            "excluded": [{"id": e.claim_id, "reason": e.reason} for e in self.excluded_],
            "warnings": list(self.warnings_) + list(d.notes) + ([] if d.ok else [
                f"sampler diagnostics fail ({'; '.join(d.failing)}): do not trust these "
                "figures; rerun with more draws or check the claims"]),
        }

    def sensitivity(self) -> Any:
        """Power-scaling sensitivity of the headlines (computed once, then in ``to_dict``)."""
        if self._sensitivity is None:
            from relokant.estimate.sensitivity import sensitivity

            self._sensitivity = sensitivity(self.posterior_.posterior, self.observations_,
                                            self._headline_draws, self.prior_scale)
        return self._sensitivity

    def save(self, path: str) -> None:
        """Write the posterior (ArviZ NetCDF, provenance in its attributes)."""
        self.posterior_.to_netcdf(path, engine="h5netcdf")
