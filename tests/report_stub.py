"""A report's data with no fit behind it, for tests of sections that need none."""

from __future__ import annotations

from typing import Any

import pandas as pd

from relokant.report import ReportData


def stub_report(**sections: Any) -> ReportData:
    """Empty headline, one source row, healthy diagnostics; ``sections`` fill the rest."""
    estimate = {"claims": [], "excluded": [], "headline": [], "warnings": [],
                "model_version": "test", "ledger_snapshot": "x", "seed": 0,
                "diagnostics": {"seconds": 1, "rhat_max": 1.0, "ess_bulk_min": 500,
                                "divergences": 0, "ok": True}}
    sources = pd.DataFrame([{"source_type": "independent_research", "scale": "count",
                             "n_claims": 1, "median": 1.0, "q05": 0.9, "q95": 1.1}])
    return ReportData(estimate=estimate, quantities=pd.DataFrame(columns=["quantity"]),
                      sources=sources, claims=[], findings=[], priors=[], **sections)
