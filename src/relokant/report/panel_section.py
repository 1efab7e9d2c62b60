"""The report's panel section: suppressed cells are named as suppressed, never shown."""

from __future__ import annotations

from typing import Any

from relokant.panel.estimator import PanelEstimator
from relokant.panel.privacy import suppression_note
from relokant.panel.spells import UNKNOWN, UNKNOWN_NOTE
from relokant.report.figures import format_estimate


def panel_section(fitted: PanelEstimator) -> dict[str, Any]:
    """Rows for the report (shares rounded as their interval allows, with that interval)."""
    rows: list[dict[str, object]] = []
    for r in fitted.summary_.to_dict("records"):
        if r["suppressed"]:
            rows.append({"group": str(r["group"]), "text": "suppressed"})
            continue
        figure = format_estimate(100 * r["return_share"], 100 * r["lower"], 100 * r["upper"],
                                 share=True)
        rows.append({"group": str(r["group"]), "respondents": int(r["respondents"]),
                     "text": f"{figure}, {100 * fitted.level:.0f}% bootstrap interval"})
    notes = [suppression_note(fitted.suppressed_, fitted.k),
             UNKNOWN_NOTE if fitted.by == "destination"
             and UNKNOWN in set(fitted.summary_["group"]) else None]
    return {"title": f"Returned within {fitted.months} months (panel survey, "
                     "weighted competing-risks survival)",
            "rows": rows, "suppressed_cells": fitted.suppressed_,
            "note": "; ".join(n for n in notes if n) or None}
