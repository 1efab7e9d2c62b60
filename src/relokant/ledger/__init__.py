"""Stage 3: the evidence ledger (SQLite by default, PostgreSQL for teams)."""

from relokant.ledger.queries import ClaimFilter
from relokant.ledger.store import Ledger, load_bundle
from relokant.records import normalise_name

__all__ = ["ClaimFilter", "Ledger", "load_bundle", "normalise_name"]
