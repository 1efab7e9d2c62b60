"""The use cases, once: what the CLI and the web app do, as library calls.

Front ends parse their input, call one of these and render the records they get
back; they never wire stages together themselves, so the same article gives the same
claims and the same ledger gives the same estimate whichever front end asked.
"""

from relokant.pipeline.fitting import By, by_destination, fit, fit_claims
from relokant.pipeline.ingesting import (
    FileOutcome,
    IngestOutcome,
    extract_paths,
    ingest_bytes,
    ingest_paths,
)
from relokant.pipeline.publishing import publish
from relokant.pipeline.quotes import figure_spans
from relokant.pipeline.reporting import build_report
from relokant.pipeline.reviewing import ReviewItem, review_queue
from relokant.pipeline.scenarios import run_scenarios, scenario_frames

__all__ = [
    "By",
    "FileOutcome",
    "IngestOutcome",
    "ReviewItem",
    "build_report",
    "by_destination",
    "extract_paths",
    "figure_spans",
    "fit",
    "fit_claims",
    "ingest_bytes",
    "ingest_paths",
    "publish",
    "review_queue",
    "run_scenarios",
    "scenario_frames",
]
