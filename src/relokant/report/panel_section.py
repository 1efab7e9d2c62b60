"""The report's panel section: suppressed cells are named as suppressed, never shown."""

from __future__ import annotations

from typing import Any

from relokant.panel.estimator import PanelEstimator


def panel_section(fitted: PanelEstimator) -> dict[str, Any]:
    """Rows for the report (shares rounded to whole percent, with their interval)."""
    rows: list[dict[str, object]] = []
    for r in fitted.summary.to_dict("records"):
        if r["suppressed"]:
            rows.append({"group": str(r["group"]), "text": f"suppressed (<{fitted.k})"})
            continue
        rows.append({"group": str(r["group"]), "respondents": int(r["respondents"]),
                     "text": f"{100 * r['return_share']:.0f}% "
                             f"({100 * fitted.level:.0f}% interval "
                             f"{100 * r['lower']:.0f}–{100 * r['upper']:.0f}%)"})
    return {"title": f"Returned within {fitted.months} months (panel survey, "
                     "weighted competing-risks survival)",
            "rows": rows, "suppressed_cells": fitted.suppressed_,
            "note": (f"{fitted.suppressed_} cell(s) with fewer than {fitted.k} respondents "
                     "suppressed") if fitted.suppressed_ else None}
