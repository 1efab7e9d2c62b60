"""People abroad by destination: monthly arrivals and stock with intervals, and the evidence.

One data function for every front end: ``relokant estimate --json`` (its ``destinations``
key), ``--by destination``, the report's small multiples and table, and the web app.
Each host-country figure is listed as used (consistent, or contradicted with the reason
naming its indicator) or as set aside with the reason that names its indicator.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from relokant.estimate.indicators import INDICATORS, indicator_for
from relokant.estimate.result import Estimate
from relokant.places import country_name
from relokant.records import Claim, format_figure

#: A figure is contradicted when its face value is this unlikely under the other evidence.
CONTRADICTION_P = 0.05


def _quantiles(draws: np.ndarray) -> dict[str, np.ndarray]:
    q = np.quantile(draws, (0.05, 0.5, 0.95), axis=0)
    return {"q05": q[0], "median": q[1], "q95": q[2]}


def _series(dates: list[str], draws: np.ndarray) -> list[dict[str, Any]]:
    q = _quantiles(draws)
    return [{"date": day, **{k: round(float(v[m]), 1) for k, v in q.items()}}
            for m, day in enumerate(dates)]


def _evidence(claim: Claim, judgement: dict[str, Any] | None,
              reason: str | None) -> dict[str, Any]:
    ind = indicator_for(claim.indicator, claim.measure, claim.unit)
    name = ind.name if ind else (claim.indicator or claim.measure.value)
    row: dict[str, Any] = {"id": claim.id, "indicator": name,
                           "title": ind.title if ind else name, "figure": format_figure(claim),
                           "period_start": claim.period_start.isoformat()
                           if claim.period_start else None,
                           "as_of": claim.as_of.isoformat() if claim.as_of else None,
                           "attributed_to": claim.attributed_to}
    if judgement is None:
        return {**row, "used": False, "status": "set aside", "reason": reason}
    p = float(judgement["face_value_probability"])
    contradicted = p < CONTRADICTION_P
    why = (f"{name} ({row['title']}): P(face value) {p:.3f} under the rest of the evidence; "
           f"the model reads it as {INDICATORS[name].equation}" if contradicted and ind
           else None)
    return {**row, "used": True, "status": "contradicted" if contradicted else "consistent",
            "face_value_probability": round(p, 4), "reason": why}


def destinations(est: Estimate) -> list[dict[str, Any]]:
    """Per destination: arrivals and stock by month (median, 90% interval) and evidence."""
    from relokant.estimate.destinations import names

    post = est.posterior.posterior
    if "stock" not in post:
        return []
    dates = [str(d) for d in post["month"].values]
    arrivals, stock = est.draws("arrivals"), est.draws("stock")
    judged = {j.claim_id: {"face_value_probability": j.face_value_probability}
              for j in est.judgements}
    reasons = {e.claim_id: e.reason for e in est.excluded}
    claims = [c for c in est.claims.values() if c.destination]
    out = []
    for k, code in enumerate(names(est.event)):
        evidence = [_evidence(c, judged.get(c.id or ""), reasons.get(c.id or ""))
                    for c in claims if c.destination == code]
        out.append({"code": code, "name": country_name(code),
                    "arrivals": _series(dates, np.cumsum(arrivals[:, k], axis=1)),
                    "monthly_arrivals": _series(dates, arrivals[:, k]),
                    "stock": _series(dates, stock[:, k]), "evidence": evidence})
    unmodelled = sorted({c.destination for c in claims if c.destination}
                        - set(names(est.event)))
    for code in unmodelled:
        out.append({"code": code, "name": country_name(code) if len(code) == 2 else code,
                    "arrivals": [], "monthly_arrivals": [], "stock": [],
                    "evidence": [_evidence(c, None, reasons.get(c.id or ""))
                                 for c in claims if c.destination == code]})
    return out


def destination_table(est: Estimate) -> pd.DataFrame:
    """One row per modelled destination: stock at the first year's end and at the last month."""
    rows = []
    first = est.event.first_year_end.isoformat()
    for d in destinations(est):
        if not d["stock"]:
            continue
        by_date = {r["date"]: r for r in d["stock"]}
        end = d["stock"][-1]
        year = by_date.get(first, end)
        used = [e for e in d["evidence"] if e["used"]]
        rows.append({"destination": d["name"], "code": d["code"],
                     "stock_first_year": year["median"], "stock_first_year_q05": year["q05"],
                     "stock_first_year_q95": year["q95"], "as_of": end["date"],
                     "stock": end["median"], "stock_q05": end["q05"], "stock_q95": end["q95"],
                     "arrivals": d["arrivals"][-1]["median"],
                     "figures_used": len(used),
                     "contradicted": sum(e["status"] == "contradicted" for e in used),
                     "set_aside": sum(not e["used"] for e in d["evidence"])})
    return pd.DataFrame(rows)
