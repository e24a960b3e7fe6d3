"""what each tablet reports with its syncs: app version, last sync, backlog

Revision ID: 0006_dash_reports
Revises: 0005
Create Date: 2026-11-30 14:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_dash_reports"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("app_version", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("last_sync_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("backlog_records", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("backlog_photos", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("backlog_photos")
        batch.drop_column("backlog_records")
        batch.drop_column("last_sync_at")
        batch.drop_column("app_version")
