"""Panel surveys of emigrants: return and onward-move hazards with attrition weights.

A stage between the ledger and the estimate. Respondent rows never leave this
package: every output goes through :mod:`relokant.panel.privacy`.
"""

from __future__ import annotations

from relokant.panel.estimator import PanelEstimator
from relokant.panel.importing import COLUMNS, OPTIONAL, import_panel, read_panel
from relokant.panel.privacy import MIN_CELL, check_k, suppressed_cells
from relokant.panel.synthetic import SyntheticPanel
from relokant.panel.tables import Stored

PANEL_TABLES: tuple[str, ...] = ("panel_respondents", "panel_waves")
"""Tables holding respondent data; export and publish packages must exclude them."""

__all__ = ["COLUMNS", "MIN_CELL", "OPTIONAL", "PANEL_TABLES", "PanelEstimator", "Stored",
           "SyntheticPanel", "check_k", "import_panel", "read_panel", "suppressed_cells"]
