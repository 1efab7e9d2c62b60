"""Stage 3: the evidence ledger (SQLite by default, PostgreSQL for teams)."""

from relokant.ledger.checks import check_claims
from relokant.ledger.store import Ledger, load_bundle
from relokant.records import normalise_name

__all__ = ["Ledger", "check_claims", "load_bundle", "normalise_name"]
