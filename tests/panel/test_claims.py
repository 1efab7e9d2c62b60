"""Panel results become ledger claims the estimator accepts as return-share evidence."""

from __future__ import annotations

import datetime as dt

from relokant.estimate.observations import build_observations
from relokant.panel import PanelEstimator, SyntheticPanel
from relokant.panel.claims import METHOD, panel_claims
from relokant.records import Bound, SourceType, Status


def test_national_panel_claim_enters_the_estimator_observations() -> None:
    fitted = PanelEstimator(replicates=20, seed=1).fit(
        SyntheticPanel(respondents=300, seed=1).frame())
    (claim,) = panel_claims(fitted, panel_name="Synthetic panel",
                            wave_date=dt.date(2024, 6, 30))
    row = fitted.summary_.iloc[0]
    assert claim.status is Status.pending and claim.bound is Bound.range
    assert claim.source_type is SourceType.panel_survey and claim.method == METHOD
    assert claim.low == 100 * row["lower"] and claim.high == 100 * row["upper"]
    assert claim.std_error == 100 * row["std_error"]
    accepted = claim.model_copy(update={"status": Status.accepted, "id": "clm_panel"})
    obs = build_observations([accepted])
    assert obs.claim_ids == ("clm_panel",) and obs.is_share.all()
    assert not obs.excluded
