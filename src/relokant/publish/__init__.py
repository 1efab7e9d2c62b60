"""Publishing: files others can open without relokant (Parquet, data packages, SQLite).

:func:`write_publication` lays out one folder::

    datapackage.json        Frictionless data package (claims, citations, documents,
    data/*.csv              actors, headline and monthly estimates)
    relokant.db             SQLite for datasette, with metadata.json beside it
    metadata.json
    estimate/posterior.nc   ArviZ InferenceData (NetCDF-4)
    estimate/headline.csv   headline figures, full precision
    estimate/monthly.csv    every quantity at every month's end
    report.html             the report

Nothing respondent-level is ever written: the panel's tables are not read here.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relokant.errors import RelokantError
from relokant.publish.database import write_database, write_metadata
from relokant.publish.estimate import write_estimate
from relokant.publish.package import write_package
from relokant.publish.tables import build_tables
from relokant.records import Actor, Claim

DATABASE = "relokant.db"


@dataclass(frozen=True)
class Publication:
    """What was written, relative to the folder."""

    folder: pathlib.Path
    files: tuple[str, ...]
    claims: int
    citations: int
    documents: int
    actors: int


@dataclass(frozen=True)
class EstimateFiles:
    """The estimate's parts to publish: posterior, headline rows, monthly rows, report."""

    posterior: Any
    headline: Sequence[dict[str, Any]]
    monthly: Sequence[dict[str, Any]]
    report_html: str | None = None


def write_publication(
    folder: pathlib.Path, claims: Sequence[Claim], actors: Sequence[Actor], *, snapshot: str,
    version: str, estimate: EstimateFiles | None = None, include_quotes: bool = False,
) -> Publication:
    """Write the data package, the SQLite file and (given) the estimate into ``folder``."""
    if folder.exists() and not folder.is_dir():
        raise RelokantError(f"{folder} is a file; expected a folder to publish into; "
                            "give a new or existing folder")
    folder.mkdir(parents=True, exist_ok=True)
    tables = build_tables(claims, actors, include_quotes=include_quotes)
    extra = []
    if estimate is not None:
        extra = write_estimate(folder, estimate.posterior, estimate.headline, estimate.monthly,
                               estimate.report_html)
    write_package(folder, tables, snapshot=snapshot, version=version, extra=extra,
                  include_quotes=include_quotes)
    write_database(folder / DATABASE, tables)
    write_metadata(folder / "metadata.json", pathlib.Path(DATABASE).stem, snapshot=snapshot,
                   version=version)
    files = sorted([*(f"data/{name}.csv" for name in tables.rows), "datapackage.json", DATABASE,
                    "metadata.json", *(str(r["path"]) for r in extra)])
    return Publication(folder, tuple(files), len(tables["claims"]), len(tables["citations"]),
                       len(tables["documents"]), len(tables["actors"]))


__all__ = ["DATABASE", "EstimateFiles", "Publication", "write_publication"]
