"""Alembic owns the schema; the ORM tables must match the newest revision."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from relokant.ledger import Ledger
from relokant.ledger.database import current_revision, head_revision
from relokant.ledger.tables import Base
from relokant.panel import PANEL_TABLES
from relokant.panel.tables import metadata as panel_metadata


def test_schema_is_at_head_and_matches_models(db_url: str) -> None:
    ledger = Ledger.open(db_url, seed=False)
    assert current_revision(ledger.engine) == head_revision()
    with ledger.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        diff = compare_metadata(context, Base.metadata)
        panel_diff = compare_metadata(context, panel_metadata)
    # each metadata sees the other's tables as extra; the panel owns PANEL_TABLES
    assert [d for d in diff if not (d[0].startswith("remove_") and _table(d) in PANEL_TABLES)
            ] == []
    assert [d for d in panel_diff if not (d[0].startswith("remove_")
                                          and _table(d) not in PANEL_TABLES)] == []


def _table(entry: tuple[object, ...]) -> str:
    item = entry[1]
    table = getattr(item, "table", item)
    return str(getattr(table, "name", ""))
