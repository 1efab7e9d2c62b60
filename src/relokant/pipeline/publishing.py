"""Publish: the ledger's claims and the estimate as files others can open without relokant."""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import pandas as pd

from relokant.estimate.result import Estimate
from relokant.ledger import Ledger
from relokant.pipeline.fitting import Progress, fit
from relokant.pipeline.reporting import build_report
from relokant.publish import EstimateFiles, Publication, write_publication
from relokant.records import Status
from relokant.report import render_html


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


def publish(
    ledger: Ledger, folder: pathlib.Path, *, statuses: Sequence[Status] = (Status.accepted,),
    include_quotes: bool = False, estimate: bool = True, fitted: Estimate | None = None,
    seed: int = 0, progress: Progress | None = None, **settings: Any,
) -> tuple[Publication, Estimate | None]:
    """Write the data package, SQLite file and (unless ``estimate`` is off) the estimate.

    Claims of the given review ``statuses`` are published (accepted ones by default, the
    claims the estimate uses). Returns the publication and the fit it used, if any.
    """
    claims = [c for s in statuses for c in ledger.list_claims(status=s.value)]
    files = None
    if estimate:
        if fitted is None:
            fitted = fit(ledger, progress=progress, seed=seed, **settings)
        report = render_html(build_report(ledger, fitted=fitted, seed=seed))
        files = EstimateFiles(posterior=fitted.posterior,
                              headline=_records(fitted.summary),
                              monthly=_records(fitted.quantities),
                              report_html=report)
    publication = write_publication(
        folder, claims, ledger.actors(), snapshot=ledger.snapshot_hash(),
        version=version("relokant"), estimate=files, include_quotes=include_quotes)
    return publication, fitted
