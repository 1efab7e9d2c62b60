"""The panel's own tables, kept apart from the ledger's so no export carries them."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from relokant.errors import ValidationError

OnConflict = Literal["error", "skip", "replace"]

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
    sa.Column("destination", sa.String(2)),
    sa.UniqueConstraint("respondent_id", "wave", name="uq_panel_waves_respondent_wave"),
)
panel_respondents = sa.Table(
    "panel_respondents", metadata,
    sa.Column("respondent_id", sa.String(64), primary_key=True),
)


class Stored(NamedTuple):
    """What an import did: rows added, stored rows replaced, file rows skipped."""

    added: int
    replaced: int
    skipped: int


def store_waves(engine: Engine, frame: pd.DataFrame, *, on_conflict: OnConflict = "error",
                source: str | None = None) -> Stored:
    """Insert all rows in one transaction; any failure leaves the stored panel as it was.

    A respondent-wave pair already stored is refused (naming the file's records),
    or, as asked, skipped (the stored row kept) or replaced by the file's row.
    ``frame``'s index holds the file's record numbers.
    """
    if on_conflict not in ("error", "skip", "replace"):
        raise ValidationError(f"received on_conflict={on_conflict!r}; expected error, skip or "
                              "replace", field="on_conflict", hint="use error, skip or replace")
    metadata.create_all(engine)
    try:
        with engine.begin() as conn:
            stored = set(conn.execute(sa.select(panel_waves.c.respondent_id,
                                                panel_waves.c.wave)).tuples())
            pairs = list(zip(frame["respondent_id"], frame["wave"].astype(int), strict=True))
            clash = [p in stored for p in pairs]
            if any(clash) and on_conflict == "error":
                raise _conflict(frame.index[clash].tolist(), source)
            if on_conflict == "replace" and any(clash):
                conn.execute(panel_waves.delete().where(
                    (panel_waves.c.respondent_id == sa.bindparam("rid"))
                    & (panel_waves.c.wave == sa.bindparam("w"))),
                    [{"rid": r, "w": w} for (r, w), c in zip(pairs, clash, strict=True) if c])
            keep = frame if on_conflict == "replace" else frame[[not c for c in clash]]
            _insert(conn, keep)
    except sa.exc.IntegrityError as exc:
        raise ValidationError("another import stored some of these respondent-wave pairs "
                              "meanwhile; nothing from this file was stored", source=source,
                              hint="import the file again") from exc
    replaced = sum(clash) if on_conflict == "replace" else 0
    return Stored(added=len(keep) - replaced, replaced=replaced,
                  skipped=0 if on_conflict == "replace" else sum(clash))


def _insert(conn: sa.Connection, frame: pd.DataFrame) -> None:
    rows: list[dict[str, Any]] = [
        {str(c): v for c, v in r.items()}
        for r in frame.astype(object).where(frame.notna(), None).to_dict("records")]
    known = set(conn.scalars(sa.select(panel_respondents.c.respondent_id)))
    new = [{"respondent_id": r} for r in sorted(set(frame["respondent_id"]) - known)]
    if new:
        conn.execute(panel_respondents.insert(), new)
    if rows:
        conn.execute(panel_waves.insert(), rows)


def _conflict(records: list[int], source: str | None) -> ValidationError:
    shown = ", ".join(str(r) for r in records[:5])
    more = f" and {len(records) - 5} more" if len(records) > 5 else ""
    error = ValidationError(
        f"records {shown}{more} repeat respondent-wave pairs already stored "
        f"({len(records)} in all); expected only waves not yet imported; nothing was stored",
        source=source, field="wave",
        hint="import again with on_conflict 'skip' to keep the stored rows, or 'replace' to "
             "overwrite them with this file's")
    error.option = "on_conflict"  # the CLI names its flag
    return error


def load_waves(engine: Engine) -> pd.DataFrame:
    """All stored panel rows (pseudonymised), for the estimator only."""
    metadata.create_all(engine)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(sa.select(panel_waves)).mappings().all(),
                            columns=[c.name for c in panel_waves.columns]).drop(columns="id")
