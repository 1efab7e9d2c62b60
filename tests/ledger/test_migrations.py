"""Alembic owns the schema; the ORM tables must match the newest revision."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from relokant.ledger import Ledger
from relokant.ledger.database import current_revision, head_revision
from relokant.ledger.tables import Base


def test_schema_is_at_head_and_matches_models(db_url: str) -> None:
    ledger = Ledger.open(db_url, seed=False)
    assert current_revision(ledger.engine) == head_revision()
    with ledger.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
