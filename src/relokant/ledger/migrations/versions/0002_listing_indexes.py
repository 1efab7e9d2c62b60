"""Indexes for paginated listing: order by seq, filtered by measure or status.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_seq", "claims", ["seq"])
    op.create_index("ix_claims_measure_seq", "claims", ["measure", "seq"])
    op.create_index("ix_claims_status_seq", "claims", ["status", "seq"])


def downgrade() -> None:
    op.drop_index("ix_claims_status_seq", "claims")
    op.drop_index("ix_claims_measure_seq", "claims")
    op.drop_index("ix_claims_seq", "claims")
