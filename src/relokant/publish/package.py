"""A Frictionless data package: CSVs with table schemas, keys and provenance.

``datapackage.json`` follows the Data Package standard (v1, which every Frictionless
tool reads); relokant's version and the ledger snapshot the data were taken from are
stamped in it so a published table can be traced back to one ledger state.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import pathlib
from collections.abc import Sequence
from typing import Any

from relokant.publish.columns import TABLES, Table, table_schema
from relokant.publish.tables import Row, Tables

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def _cell(value: Any) -> str:
    """CSV text: empty for missing, JSON for arrays, ISO for dates, plain numbers otherwise."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def write_csv(path: pathlib.Path, table: Table, rows: Sequence[Row]) -> None:
    """One table as UTF-8 CSV with a header row, columns in schema order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [c.name for c in table.columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(name)) for name in names])


def resource(table: Table, path: str) -> dict[str, Any]:
    """The package's description of one CSV resource."""
    return {"name": table.name, "title": table.title, "description": table.description,
            "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(table)}


def write_package(folder: pathlib.Path, tables: Tables, *, snapshot: str, version: str,
                  extra: Sequence[dict[str, Any]] = (), include_quotes: bool = False
                  ) -> pathlib.Path:
    """Write ``data/*.csv`` and ``datapackage.json`` into ``folder``; return the descriptor.

    ``extra`` are further resources (already written, paths relative to ``folder``).
    """
    resources = []
    for table in TABLES:
        relative = f"data/{table.name}.csv"
        write_csv(folder / relative, table, tables[table.name])
        resources.append(resource(table, relative))
    quotes = ("Citations carry the quoted sentence as the ledger holds it." if include_quotes
              else "No article text is included: citations locate each passage by its "
                   "character offsets in the source document.")
    descriptor = {
        "profile": "data-package",
        "name": "relokant-emigration-claims",
        "title": "Published claims about emigration from Russia since February 2022",
        "description": ("Quantitative claims about departures, returns and people abroad, "
                        "who made them and where they were published, as reconciled by "
                        f"relokant. {quotes} No respondent-level or panel-survey data."),
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "licenses": [LICENSE],
        "sources": [{"title": "The documents listed in documents.csv"}],
        "contributors": [{"title": "relokant", "role": "author"}],
        "keywords": ["emigration", "Russia", "migration statistics", "Bayesian estimate"],
        "relokant": {"version": version, "ledger_snapshot": snapshot,
                     "quotes_included": include_quotes},
        "resources": [*resources, *extra],
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path
