"""reference items remember the pushed record whose workflow last changed them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reference_items") as batch:
        batch.add_column(sa.Column("changed_by_record", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reference_items") as batch:
        batch.drop_column("changed_by_record")
