"""Words for people: source types, claim forms, quantities and dates as a reader says them.

Identifiers (``independent_research``, ``at_least``) stay in JSON and the data package;
every chart, table and headline a person reads goes through these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

SOURCE_TYPES = {
    "official_statistics": "official statistics",
    "independent_research": "independent research",
    "panel_survey": "panel survey",
    "commercial_data": "commercial data",
    "government_statement": "government statement",
    "media_estimate": "media estimate",
    "other": "other",
}
BOUNDS = {"point": "exact figure", "about": "about", "range": "range",
          "at_least": "more than", "at_most": "up to"}
QUANTITIES = {"departures": "departures", "returns": "returns",
              "return_share": "return share", "abroad": "people abroad",
              "stock_abroad": "people abroad", "remote_workers_paying_russian_tax":
              "remote workers paying Russian tax", "tax_revenue_rub": "tax revenue (roubles)"}
SCALES = {"count": "counts", "share": "shares"}


def human(identifier: object) -> str:
    """Any identifier as words: a known label, else underscores turned to spaces."""
    text = str(getattr(identifier, "value", identifier))
    for table in (SOURCE_TYPES, BOUNDS, QUANTITIES):
        if text in table:
            return table[text]
    return text.replace("_", " ")


def long_date(day: Any) -> str:
    """"31 December 2023": dates as a reader says them, not as a database stores them."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        return str(day)
    return f"{day.day} {day:%B %Y}"

