#!/usr/bin/env python3
"""Add the host-country figures sheet to the bundled record, reproducibly.

    python scripts/build_host_figures.py [--sheet ../shared/record/host_country_figures.csv]

Reads the sheet (one published figure a row, with the page it was read from) and
writes each row into ``src/relokant/data/record.json`` as an accepted claim with its
destination (ISO code), indicator, unit, bound, period and one citation (outlet, url,
date), the source organisation as its actor. Rows it wrote before are replaced, the
article claims are kept as they are, so running it twice changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from relokant.estimate.indicators import INDICATORS  # noqa: E402
from relokant.records import Claim, SourceType  # noqa: E402

RECORD = ROOT / "src" / "relokant" / "data" / "record.json"
SHEET = ROOT.parent / "shared" / "record" / "host_country_figures.csv"
#: Marks the claims this script wrote (their method), so a rerun replaces them.
BUNDLE_VERSION = "2026.12.1"
METHOD = "host-country statistics (bundled sheet)"
#: Destinations as the sheet names them; "all countries" is a national (origin-side) figure.
CODES = {"Israel": "IL", "Georgia": "GE", "Kazakhstan": "KZ", "Armenia": "AM", "Turkey": "TR",
         "Serbia": "RS", "Kyrgyzstan": "KG", "Azerbaijan": "AZ", "Uzbekistan": "UZ",
         "Tajikistan": "TJ", "all countries": None}


def _source_type(org: str) -> SourceType:
    """Statistics offices, ministries and border services are official; compilers are media."""
    if org.startswith("The Bell"):
        return SourceType.media_estimate
    return SourceType.official_statistics


def _published(text: str) -> dt.date:
    """A page date; a month alone ("2022-10") is read as its first day."""
    return dt.date.fromisoformat(text if len(text) > 7 else f"{text}-01")


def _language(url: str) -> str | None:
    """Russian for .ru pages; the Turkish page is left unset; the rest are English pages."""
    host = url.split("/")[2]
    if host.endswith(".ru"):
        return "ru"
    return None if host.endswith("turizmnews.com") else "en"


def claim(row: dict[str, str]) -> dict[str, object]:
    """One sheet row as a claim object of the bundled record."""
    indicator = INDICATORS[row["indicator"]]
    figures: dict[str, float | None] = {"value": None, "low": None, "high": None}
    if row["bound"] == "range":
        figures.update(low=float(row["low"]), high=float(row["high"]))
    else:
        figures["value"] = float(row["value"])
    month_only = len(row["page_date"]) <= 7
    note = row["note"] or None
    if month_only:
        note = "; ".join(filter(None, [note, f"page dated {row['page_date']} (month only)"]))
    data = {
        **figures, "measure": indicator.measure, "unit": indicator.unit, "bound": row["bound"],
        "destination": CODES[row["destination"]], "indicator": indicator.name,
        "population": f"Russian citizens: {row['counts']}",
        "period_start": row["period_start"], "as_of": row["period_end"],
        "attributed_to": row["source_org"], "source_type": _source_type(row["source_org"]),
        "method": METHOD, "status": "accepted", "note": note,
        "citations": [{"document": {"outlet": row["page_outlet"], "url": row["page_url"],
                                    "published": _published(row["page_date"]).isoformat(),
                                    "language": _language(row["page_url"])}}],
    }
    validated = Claim.model_validate(data)  # the record's own rules, before writing
    return json.loads(validated.model_dump_json(exclude={"id", "attributed_surface",
                                                         "std_error", "confidence",
                                                         "reviewed_by", "reviewed_at"}))


def main(argv: list[str] | None = None) -> int:
    """Rewrite the bundled record's host-country claims from the sheet."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=pathlib.Path, default=SHEET)
    args = parser.parse_args(argv)
    with args.sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    record = json.loads(RECORD.read_text("utf-8"))
    kept = [c for c in record["claims"] if c.get("method") != METHOD]
    record["claims"] = kept + [claim(r) for r in rows]
    record["bundle_version"] = BUNDLE_VERSION
    record["description"] = (
        "Published claims about emigration from Russia after 24 February 2022 and return: "
        "those of the five development articles (spans are character offsets into each "
        "article's text; quotes are left out, the articles' sentences are not redistributed) "
        "and the host-country figures sheet (shared/record/host_country_figures.csv: one "
        "figure per row with the page it was read from), added by "
        "scripts/build_host_figures.py.")
    RECORD.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(kept)} article claims kept, {len(rows)} host-country figures written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
