"""The estimate as files: the posterior (ArviZ NetCDF), headline and monthly CSVs, the report.

The CSVs keep full precision (rounding is for text read by people); the NetCDF file
carries the estimate's provenance (model version, ledger snapshot, event) in its
attributes, as ``relokant estimate --save`` writes it.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from typing import Any

from relokant.publish.columns import HEADLINE, MONTHLY
from relokant.publish.package import resource, write_csv

POSTERIOR = "estimate/posterior.nc"
HEADLINE_CSV = "estimate/headline.csv"
MONTHLY_CSV = "estimate/monthly.csv"
REPORT = "report.html"


def _iso(value: Any) -> Any:
    return value.isoformat()[:10] if hasattr(value, "isoformat") else value


def write_estimate(folder: pathlib.Path, posterior: Any, headline: Sequence[dict[str, Any]],
                   monthly: Sequence[dict[str, Any]], report_html: str | None
                   ) -> list[dict[str, Any]]:
    """Write the estimate's files under ``folder``; return their package resources."""
    (folder / "estimate").mkdir(parents=True, exist_ok=True)
    posterior.to_netcdf(str(folder / POSTERIOR), engine="h5netcdf")
    write_csv(folder / HEADLINE_CSV, HEADLINE,
              [{k: _iso(v) for k, v in row.items()} for row in headline])
    write_csv(folder / MONTHLY_CSV, MONTHLY,
              [{k: _iso(v) for k, v in row.items()} for row in monthly])
    resources = [resource(HEADLINE, HEADLINE_CSV), resource(MONTHLY, MONTHLY_CSV),
                 {"name": "posterior", "title": "Posterior draws",
                  "description": "Every posterior draw of the estimate (ArviZ InferenceData "
                                 "as NetCDF-4); open with arviz.from_netcdf.",
                  "path": POSTERIOR, "format": "nc", "mediatype": "application/x-netcdf"}]
    if report_html is not None:
        (folder / REPORT).write_text(report_html, encoding="utf-8")
        resources.append({"name": "report", "title": "Report",
                          "description": "The estimate's report: one self-contained HTML "
                                         "page.",
                          "path": REPORT, "format": "html", "mediatype": "text/html"})
    return resources
