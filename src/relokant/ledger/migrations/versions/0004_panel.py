"""The panel's own tables (pseudonymised respondent waves), apart from the claims.

Defined here column for column as in ``relokant.panel.tables`` (a migration
may not import a later stage).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "panel_respondents",
        sa.Column("respondent_id", sa.String(64), primary_key=True))
    op.create_table(
        "panel_waves",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("respondent_id", sa.String(64), nullable=False),
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
        sa.UniqueConstraint("respondent_id", "wave", name="uq_panel_waves_respondent_wave"))
    op.create_index("ix_panel_waves_respondent_id", "panel_waves", ["respondent_id"])


def downgrade() -> None:
    op.drop_index("ix_panel_waves_respondent_id", "panel_waves")
    op.drop_table("panel_waves")
    op.drop_table("panel_respondents")
