"""What the server knows beyond the ledger: the latest estimate, its report and scenarios.

One typed record behind a lock. Requests read while a background job re-fits, so
the estimate, its JSON document, report and charts change together, and pages
cached on the version never show a judgement from one fit beside a chart of another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from relokant.estimate.result import Estimate
from relokant.report import ReportData


@dataclass(frozen=True)
class Fitted:
    """One fit as the web app serves it."""

    estimate: Estimate
    document: dict[str, Any]
    report: ReportData


@dataclass
class EstimateStore:
    """The latest fit, its charts (drawn once, when first asked) and scenario results."""

    _fitted: Fitted | None = None
    _charts: dict[str, str] | None = None
    _scenarios: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Counts re-fits: cached pages that show how claims are judged depend on it.
    version: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, fitted: Fitted) -> None:
        """Make a new fit the one every page and endpoint shows."""
        with self._lock:
            self._fitted, self._charts = fitted, None
            self.version += 1

    @property
    def fitted(self) -> Fitted | None:
        """The latest fit, or None before the first."""
        return self._fitted

    @property
    def document(self) -> dict[str, Any] | None:
        """The latest estimate's JSON document (``relokant estimate --json``)."""
        fitted = self._fitted
        return fitted.document if fitted else None

    def judgement(self, claim_id: str) -> dict[str, Any] | None:
        """How the latest fit judged a claim, or why it set it aside."""
        doc = self.document
        if doc is None:
            return None
        for row in (*doc["claims"], *doc["excluded"]):
            if row["id"] == claim_id:
                return dict(row)
        return None

    def charts(self, draw: Callable[[ReportData], dict[str, str]]) -> dict[str, str]:
        """The latest fit's charts as SVG, drawn on first request."""
        with self._lock:
            if self._charts is None and self._fitted is not None:
                self._charts = draw(self._fitted.report)
            return dict(self._charts or {})

    def add_scenario(self, name: str, result: dict[str, Any]) -> None:
        """Keep a scenario's result for the scenarios page."""
        with self._lock:
            self._scenarios[name] = result

    @property
    def scenarios(self) -> dict[str, dict[str, Any]]:
        """Scenario results by name."""
        with self._lock:
            return dict(self._scenarios)
