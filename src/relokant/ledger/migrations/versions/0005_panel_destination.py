"""The panel's optional destination column (the country a respondent first emigrated to).

Respondents back home before their first interview were recorded nowhere abroad;
this column places them in their destination group instead of "unknown".

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("panel_waves") as batch:
        batch.add_column(sa.Column("destination", sa.String(2)))


def downgrade() -> None:
    with op.batch_alter_table("panel_waves") as batch:
        batch.drop_column("destination")
