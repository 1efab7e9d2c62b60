"""The panel's own tables, kept apart from the ledger's so no export carries them."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

panel_waves = sa.Table(
    "panel_waves", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("respondent_id", sa.String(64), nullable=False, index=True),
    sa.Column("wave", sa.Integer, nullable=False),
    sa.Column("interview_date", sa.String(10), nullable=False),
    sa.Column("residence", sa.String(2), nullable=False),
    sa.Column("departure_month", sa.String(7), nullable=False),
    sa.Column("returned", sa.Integer, nullable=False),
    sa.Column("return_date", sa.String(10)),
    sa.Column("moved_on", sa.Integer, nullable=False),
    sa.Column("moved_on_date", sa.String(10)),
    sa.Column("design_weight", sa.Float, nullable=False),
    sa.Column("age_band", sa.String(40), nullable=False),
    sa.Column("sex", sa.String(40), nullable=False),
    sa.Column("occupation", sa.String(40), nullable=False),
    sa.Column("cohort", sa.String(40), nullable=False),
    sa.UniqueConstraint("respondent_id", "wave", name="uq_panel_waves_respondent_wave"),
)
panel_respondents = sa.Table(
    "panel_respondents", metadata,
    sa.Column("respondent_id", sa.String(64), primary_key=True),
)


def store_waves(engine: Engine, frame: pd.DataFrame) -> int:
    """Insert all rows in one transaction (a clash rolls every row back)."""
    metadata.create_all(engine)
    rows: list[dict[str, Any]] = [
        {str(c): v for c, v in r.items()}
        for r in frame.astype(object).where(frame.notna(), None).to_dict("records")]
    ids = [{"respondent_id": r} for r in sorted(set(frame["respondent_id"]))]
    with engine.begin() as conn:
        known = set(conn.scalars(sa.select(panel_respondents.c.respondent_id)))
        new = [i for i in ids if i["respondent_id"] not in known]
        if new:
            conn.execute(panel_respondents.insert(), new)
        if rows:
            conn.execute(panel_waves.insert(), rows)
    return len(rows)


def load_waves(engine: Engine) -> pd.DataFrame:
    """All stored panel rows (pseudonymised), for the estimator only."""
    metadata.create_all(engine)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(sa.select(panel_waves)).mappings().all(),
                            columns=[c.name for c in panel_waves.columns]).drop(columns="id")
