"""company-wide admins; login failures by client address; the audit log append-only
in the database (triggers)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.db import audit_guard

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(
            sa.Column("company_wide", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("login_failures") as batch:
        batch.add_column(
            sa.Column("address", sa.String(length=64), nullable=False, server_default="")
        )
        batch.create_index("ix_login_failures_address_at", ["address", "at"], unique=False)
        batch.create_index(op.f("ix_login_failures_at"), ["at"], unique=False)
    audit_guard.install(op.get_bind())


def downgrade() -> None:
    audit_guard.uninstall(op.get_bind())
    with op.batch_alter_table("login_failures") as batch:
        batch.drop_index(op.f("ix_login_failures_at"))
        batch.drop_index("ix_login_failures_address_at")
        batch.drop_column("address")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("company_wide")
