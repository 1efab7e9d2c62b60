"""Claims keep the actor as the text names it, a stated standard error, field confidences.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("attributed_surface", sa.String(300), nullable=True))
        batch.add_column(sa.Column("std_error", sa.Float, nullable=True))
        batch.add_column(sa.Column("confidence", sa.Text, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("confidence")
        batch.drop_column("std_error")
        batch.drop_column("attributed_surface")
