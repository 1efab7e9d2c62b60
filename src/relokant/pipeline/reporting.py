"""The report: an estimate, the claims behind it, their consistency findings, scenarios."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from relokant.consistency import check_claims
from relokant.estimate.result import Estimate
from relokant.ledger import Ledger
from relokant.pipeline.fitting import Progress, fit
from relokant.pipeline.scenarios import scenario_frames
from relokant.records import Status
from relokant.report import ReportData, from_estimate


def _panel(ledger: Ledger, seed: int) -> dict[str, Any] | None:
    """The panel section when the ledger holds a panel (cells under k suppressed)."""
    from relokant.panel.estimator import PanelEstimator
    from relokant.panel.tables import load_waves
    from relokant.report.panel_section import panel_section

    waves = load_waves(ledger.engine)
    if waves.empty:
        return None
    return panel_section(PanelEstimator(seed=seed, replicates=100).fit(waves))


def build_report(
    ledger: Ledger, *, fitted: Estimate | None = None, scenarios: Sequence[str] = (), seed: int = 0,
    progress: Progress | None = None, **settings: Any,
) -> ReportData:
    """Everything the report shows, fitting the ledger first unless ``fitted`` is given."""
    if fitted is None:
        fitted = fit(ledger, progress=progress, seed=seed, **settings)
    claims = ledger.list_claims(status=Status.accepted.value)
    data = from_estimate(fitted, claims, check_claims(claims))
    data.panel = _panel(ledger, seed)
    if scenarios:
        data.scenarios, data.scenario_summary = scenario_frames(fitted, list(scenarios),
                                                                seed=seed)
    return data
