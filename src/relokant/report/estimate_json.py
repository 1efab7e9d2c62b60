"""The estimate as a JSON document: what ``relokant estimate --json`` and the API serve.

One serialisation for every front end, so the CLI's JSON and ``GET /api/estimate``
cannot drift apart. Values keep their full precision (rounded only to a few
decimals of noise); human-facing rounding is :mod:`relokant.report.figures`'s job.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from relokant.estimate.by_destination import destinations
from relokant.estimate.diagnostics import suspect_claims
from relokant.estimate.result import Estimate


def _quantities(est: Estimate) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in est.quantities.to_dict(orient="records"):
        out.setdefault(str(row["quantity"]), []).append(
            {"date": row["date"].isoformat(),
             **{k: round(float(row[k]), 4) for k in ("median", "q05", "q25", "q75", "q95")}})
    return out


def _sources(est: Estimate) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for src in est.sources.to_dict(orient="records"):
        out.setdefault(str(src["source_type"]), {})[str(src["scale"])] = {
            "median": round(float(src["median"]), 4), "q05": round(float(src["q05"]), 4),
            "q95": round(float(src["q95"]), 4), "n_claims": int(src["n_claims"]),
            "prior_only": int(src["n_claims"]) == 0,
        }
    return out


def _value(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float | np.floating):
        return round(float(v), 2)
    return v


def _claims(est: Estimate) -> list[dict[str, Any]]:
    return [
        {"id": c["id"], "kind": c["kind"],
         # pandas stores a missing actor as NaN; JSON gets null
         "attributed_to": c["attributed_to"] if isinstance(c["attributed_to"], str) else None,
         "source_type": c["source_type"] if isinstance(c["source_type"], str) else None,
         "residual": round(float(c["residual"]), 3),
         "tail_probability": round(float(c["tail_probability"]), 4),
         "face_value_probability": round(float(c["face_value_probability"]), 4),
         "contradicted": bool(c["contradicted"]),
         "influence": {str(k).removeprefix("influence_"): round(float(v), 2)
                       for k, v in c.items() if str(k).startswith("influence_")},
         "pareto_k": round(float(c["pareto_k"]), 3)}
        for c in est.claims_table().to_dict(orient="records")
    ]


def estimate_document(est: Estimate) -> dict[str, Any]:
    """The JSON document of an estimate: provenance, headline, paths, sources, claims."""
    d = est.diagnostics
    attrs = est.provenance
    return {
        "model_version": attrs["model_version"],
        "ledger_snapshot": attrs["ledger_snapshot"],
        "seed": est.seed,
        "headline": [{k: _value(v) for k, v in row.items()}
                     for row in est.summary.to_dict(orient="records")],
        "quantities": _quantities(est),
        "diagnostics": {"rhat_max": round(d.rhat_max, 4),
                        "ess_bulk_min": round(d.ess_bulk_min, 1),
                        "divergences": d.divergences, "seconds": round(d.seconds, 2),
                        "ok": d.ok, "ess_tail_min": round(d.ess_tail_min, 1),
                        "divergent_fraction": round(d.divergent_fraction, 5),
                        "failing": list(d.failing),
                        "suspect_claims": [] if d.ok else suspect_claims(est.judgements)},
        "horizon": est.horizon.to_dict() if est.horizon is not None else None,
        "bias_priors": attrs.get("bias_priors", "as stated"),
        "sensitivity": est.sensitivity.to_dict() if est.sensitivity is not None else None,
        "sources": _sources(est),
        "priors": [vars(p) for p in est.priors],
        "claims": _claims(est),
        "excluded": [{"id": e.claim_id, "reason": e.reason} for e in est.excluded],
        "warnings": list(est.warnings),
        # DEST (#12): per destination, arrivals and stock with intervals, and the evidence
        "destinations": destinations(est),
        "first_year_end": est.event.first_year_end.isoformat(),
    }
