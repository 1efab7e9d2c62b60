"""Turn a fitted panel estimate into ledger claims (pending until reviewed)."""

from __future__ import annotations

import datetime as dt

from relokant.panel.estimator import PanelEstimator
from relokant.panel.spells import UNKNOWN
from relokant.records import (
    Bound,
    Citation,
    Claim,
    Document,
    Measure,
    SourceType,
    Status,
    Unit,
)

METHOD = "weighted competing-risks survival"


def panel_claims(fitted: PanelEstimator, *, panel_name: str, wave_date: dt.date,
                 as_of: dt.date | None = None) -> list[Claim]:
    """One return-share claim per unsuppressed cell, in percent, interval as a range.

    The ``unknown`` destination group gets none: it holds only respondents never
    recorded abroad, so its share describes the recording, not a destination.
    """
    doc = Document(outlet=panel_name, title=f"{panel_name} panel survey", published=wave_date)
    claims = []
    for row in fitted.summary_.to_dict("records"):
        group = str(row["group"])
        if row["suppressed"] or (fitted.by == "destination" and group == UNKNOWN):
            continue
        destination = group if fitted.by == "destination" else None
        cohort = f", departure cohort {group}" if fitted.by == "cohort" else ""
        claims.append(Claim(
            measure=Measure.return_share, unit=Unit.percent, bound=Bound.range,
            low=100 * float(row["lower"]),
            high=100 * float(row["upper"]), std_error=100 * float(row["std_error"]),
            population=(f"panel respondents who emigrated, returned within "
                        f"{fitted.months} months{cohort} (n={row['respondents']})"),
            destination=destination, as_of=as_of or wave_date, attributed_to=panel_name,
            source_type=SourceType.panel_survey, method=METHOD,
            indicator="return_share_within_months",
            citations=(Citation(document=doc),), status=Status.pending,
            note=f"point estimate {100 * float(row['return_share']):.1f}%, "
                 f"{100 * fitted.level:.0f}% bootstrap interval"))
    return claims
