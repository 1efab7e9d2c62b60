"""The Reconciler: claims in, posterior trajectories and source biases out.

Shaped like a lifelines estimator: settings in ``__init__``, ``fit()`` returns
``self``, fitted results end in ``_``; the one that matters is ``estimate_``, a frozen
:class:`~relokant.estimate.result.Estimate` that every later stage reads. Its
posterior is an ArviZ ``InferenceData`` stamped with the ledger snapshot, model
version and seed.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from relokant.errors import EstimateError, ValidationError
from relokant.estimate import runtime
from relokant.estimate.diagnostics import judge_claims, sampler_health
from relokant.estimate.horizon import extend as extend_horizon
from relokant.estimate.host_rows import with_evidence
from relokant.estimate.initial import init_to_jittered_mean
from relokant.estimate.labelled import labelled_posterior
from relokant.estimate.observations import (
    ABROAD,
    DEPARTURES,
    RETURNS,
    SHARE,
    Observations,
    build_observations,
)
from relokant.estimate.priors import PriorScale, model_bias_prior, prior_tables
from relokant.estimate.result import (
    QUANTITIES,
    Diagnostics,
    Estimate,
    Headline,
    headline_label,
    priors_as_data,
)
from relokant.estimate.sensitivity import PRIOR_GROUPS
from relokant.estimate.sensitivity import sensitivity as power_scaling
from relokant.estimate.sources import source_biases
from relokant.events import RUSSIA_2022, Event
from relokant.records import Claim, Status

log = logging.getLogger(__name__)
#: Where cold chains start (one strategy object, so that compiled programs are reused).
_INIT = init_to_jittered_mean()

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
Progress = Callable[[str, float], None]


class Reconciler:
    """Bayesian measurement-error model reconciling contradictory claims.

    Parameters
    ----------
    draws, warmup, chains
        NUTS settings (per chain); draws, warm-up, ``target_accept`` and
        ``max_tree_depth`` default to :func:`~relokant.estimate.runtime.nuts_defaults` of
        the event as fitted.
    seed
        Seed of the sampler; the same seed and claims give the same posterior.
    target_accept, max_tree_depth
        NUTS target acceptance (raise it if divergences are reported) and longest
        trajectory, ``2 ** depth - 1`` steps.
    event
        The exodus measured: its start, shocks and cohorts set the model's calendar.
    until, prior_scale, sensitivity
        Horizon month (default: the latest claim's), the bias priors' setting
        (:class:`~relokant.estimate.priors.PriorScale`), and whether to compute the
        headlines' power-scaling sensitivity (a few seconds).
    """

    def __init__(self, *, draws: int | None = None, warmup: int | None = None,
                 chains: int = 4, seed: int = 0, target_accept: float | None = None,
                 event: Event = RUSSIA_2022, until: dt.date | None = None,
                 prior_scale: PriorScale | None = None, sensitivity: bool = False,
                 max_tree_depth: int | None = None) -> None:
        if any(n is not None and n < 10 for n in (draws, warmup)) or chains < 1:
            raise ValidationError(
                f"draws and warmup must be at least 10 and chains at least 1 (got draws={draws},"
                f" warmup={warmup}, chains={chains})")
        self.draws, self.warmup, self.chains = draws, warmup, chains
        self.seed = seed
        self.target_accept = target_accept
        self.event = event
        self.max_tree_depth = max_tree_depth
        self.until, self.sensitivity = until, sensitivity
        self.prior_scale = prior_scale or PriorScale()

    # -- fitting ---------------------------------------------------------------
    def fit(self, claims: Sequence[Claim], *, snapshot: str | None = None,
            progress: Progress | None = None, warm_start: Any = None) -> Reconciler:
        """Fit the model to the accepted claims; returns ``self`` (warm re-fit: :mod:`.warm`).

        Raises
        ------
        EstimateError
            When the claims cannot support an estimate; the message says what
            is missing and what can be done.
        """
        accepted = [c for c in claims if c.status is Status.accepted]
        #: the event as fitted: its destinations that some usable figure is about
        self.event_ = with_evidence(self.event, accepted)
        nuts = runtime.nuts_defaults(self.event_)
        self.draws_, self.warmup_, self.target_accept_, self.max_tree_depth_ = nuts.given(
            self.draws, self.warmup, self.target_accept, self.max_tree_depth)
        obs = build_observations(accepted, self.event_)
        self._check_identifiable(accepted, obs)
        obs, self.horizon_ = extend_horizon(obs, accepted, self.until)  # projection past it
        self.observations_ = obs
        self.excluded_ = list(obs.excluded)
        self.claims_by_id_ = {c.id: c for c in accepted if c.id}
        self.warnings_ = self._warnings(obs)
        if self.event_.folded:
            self.warnings_.append(f"no usable figure for {', '.join(self.event_.folded)}: "
                                  "counted in the rest of the world")
        notify = progress or (lambda stage, fraction: None)

        from relokant.estimate import chains, warm
        from relokant.estimate.arrays import observation_arrays, padded_rows
        from relokant.estimate.model import model

        parallel = runtime.prepare(self.chains) == "parallel"
        runtime.preload("arviz")  # imported while the chains compile
        started = time.perf_counter()
        notify("compiling, warming up and sampling", 0.05)
        prior = model_bias_prior(self.prior_scale)
        rows = padded_rows(obs.n)
        data = observation_arrays(obs, rows)
        unit = chains.cold_inputs(model, (obs, prior, data), self.chains)
        state = warm_start if warm_start and warm_start.fits(obs.months, self.chains,
                                                             unit[0]) else None
        settings = chains.ChainSettings(
            self.chains, self.warmup_, self.draws_, self.target_accept_, parallel,
            (obs.months, self.event_.model_dump_json(), rows,
             tuple(tuple(p) for p in prior)), self.max_tree_depth_)
        result = chains.run(model, (obs, prior), data, settings, seed=self.seed,
                            init_strategy=_INIT, start=state, unit_mass=unit)
        seconds = time.perf_counter() - started
        self.posterior_ = self._inference_data(result, obs, snapshot)
        self.diagnostics_ = self._diagnostics(result.diverging, seconds)
        if state is not None and state.ok and not self.diagnostics_.ok:
            # the previous fit's adaptation does not suit these claims: fit them afresh
            log.warning("warm re-fit failed the checks its starting fit passed; fitting afresh")
            return self.fit(claims, snapshot=snapshot, progress=progress)
        self.warm_started_ = state is not None
        self.posterior_.posterior.attrs["warm_start"] = int(self.warm_started_)
        self.sampler_state_ = warm.SamplerState.from_result(result, obs.months, self.chains,
                                                            self.diagnostics_.ok)
        notify("diagnostics", 0.9)
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

    def _inference_data(self, result: Any, obs: Observations, snapshot: str | None) -> Any:
        return labelled_posterior(result, obs, self.event_, {
            "ledger_snapshot": snapshot or "", "seed": self.seed, "draws": self.draws_,
            "warmup": self.warmup_, "chains": self.chains,
            "target_accept": self.target_accept_, "max_tree_depth": self.max_tree_depth_,
            "bias_priors": self.prior_scale.label})

    def _diagnostics(self, diverging: np.ndarray, seconds: float) -> Diagnostics:
        post = self.posterior_.posterior  # every sampled site is in one prior group
        free = [v for group in PRIOR_GROUPS.values() for v in group if v in post]
        summary_vars = [*free, "D", "share"]
        # the share in the first month is identically zero: no variance to diagnose
        checked = post[summary_vars].isel(month=slice(1, None))
        # VALIDATE (#14): one health check (R-hat, bulk and tail ESS, divergent fraction)
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
        identified = frozenset(q for q in QUANTITIES if self.identified(q))
        rows = []
        for name, draws in series.items():
            if name not in identified:
                continue
            qs = np.quantile(draws, QUANTILES, axis=0)
            for m, day in enumerate(dates):
                rows.append({"quantity": name, "date": day, "median": qs[2, m],
                             "q05": qs[0, m], "q25": qs[1, m], "q75": qs[3, m],
                             "q95": qs[4, m]})
        last = obs.months - 1
        first_year = self.event_.month_index(self.event_.first_year_end)
        draws_at: dict[str, tuple[np.ndarray, dt.date]] = {}
        if "departures" in identified:
            draws_at["departures_first_year"] = (series["departures"][:, first_year],
                                                 self.event_.first_year_end)
            draws_at["departures"] = (series["departures"][:, last], dates[-1])
        if "return_share" in identified:
            draws_at["return_share"] = (series["return_share"][:, last], dates[-1])
        if "abroad" in identified:
            draws_at["abroad"] = (series["abroad"][:, last], dates[-1])
        headlines = []
        for key, (draws, day) in draws_at.items():
            q = np.quantile(draws, (0.05, 0.5, 0.95))
            headlines.append(Headline(key, headline_label(key, self.event_, day), day,
                                      float(q[1]), float(q[0]), float(q[2])))
        judgements = judge_claims(
            obs, self._draws("obs_f"), self._draws("obs_mu"), self._draws("obs_sigma"),
            self._draws("log_lik"),
            {k: v for k, (v, _) in draws_at.items() if k != "departures_first_year"},
        )
        count_priors, share_priors = prior_tables(self.prior_scale)
        headline_draws = {k: v for k, (v, _) in draws_at.items()}
        sensitivity = power_scaling(self.posterior_.posterior, obs, headline_draws,
                                    self.prior_scale) if self.sensitivity else None
        self.estimate_ = Estimate(
            posterior=self.posterior_, event=self.event_, observations=obs,
            quantities=pd.DataFrame(rows), headlines=tuple(headlines),
            sources=source_biases(self._draws, obs, (count_priors, share_priors)),
            judgements=tuple(judgements), excluded=tuple(obs.excluded),
            diagnostics=self.diagnostics_,
            priors=priors_as_data(count_priors, share_priors),
            warnings=tuple(self._all_warnings()), identified=identified, seed=self.seed,
            claims=dict(self.claims_by_id_),
            headline_draws=headline_draws, horizon=self.horizon_, sensitivity=sensitivity,
            sampler_state=self.sampler_state_)
        self.quantities_ = self.estimate_.quantities
        self.sources_ = self.estimate_.sources
        self.judgements_ = list(judgements)

    def _all_warnings(self) -> list[str]:
        d = self.diagnostics_
        return list(self.warnings_) + list(d.notes) + ([] if d.ok else [
            f"sampler diagnostics fail ({'; '.join(d.failing)}): do not trust these "
            "figures; more draws or a check of the claims may help"])

    @property
    def summary(self) -> pd.DataFrame:
        """Headline figures with 90% intervals, one row each (see :class:`Estimate`)."""
        return self.estimate_.summary

    def claims_table(self) -> pd.DataFrame:
        """Every used claim with its residual, tail probability and influence."""
        return self.estimate_.claims_table()

    def save(self, path: str) -> None:
        """Write the posterior (ArviZ NetCDF, provenance in its attributes)."""
        self.estimate_.save(path)
