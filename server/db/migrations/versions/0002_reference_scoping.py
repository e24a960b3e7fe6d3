"""reference data scoping: assignee and room columns, owner rooms, per-account access;
64-bit change sequence numbers on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Change sequence numbers: 64-bit on PostgreSQL; SQLite's INTEGER already is.
SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
SEQUENCE_COLUMNS = [
    ("counters", "value"),
    ("estates", "change_seq"),
    ("reference_items", "change_seq"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in SEQUENCE_COLUMNS:
            op.alter_column(table, column, type_=sa.BigInteger(), existing_nullable=False)
    with op.batch_alter_table("reference_items") as batch:
        batch.add_column(sa.Column("assignee", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("room_id", sa.String(length=100), nullable=True))
        batch.create_index(op.f("ix_reference_items_assignee"), ["assignee"], unique=False)
        batch.create_index(op.f("ix_reference_items_room_id"), ["room_id"], unique=False)
    op.create_table(
        "reference_item_rooms",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["reference_items.id"],
            name=op.f("fk_reference_item_rooms_item_id_reference_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "room_id", name=op.f("pk_reference_item_rooms")),
    )
    op.create_index(
        op.f("ix_reference_item_rooms_room_id"), "reference_item_rooms", ["room_id"], unique=False
    )
    op.create_table(
        "reference_access",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("change_seq", SEQUENCE, nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["reference_items.id"],
            name=op.f("fk_reference_access_item_id_reference_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "username", name=op.f("pk_reference_access")),
    )
    op.create_index(
        "ix_reference_access_username_change_seq",
        "reference_access",
        ["username", "change_seq"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_reference_access_username_change_seq", table_name="reference_access")
    op.drop_table("reference_access")
    op.drop_index(op.f("ix_reference_item_rooms_room_id"), table_name="reference_item_rooms")
    op.drop_table("reference_item_rooms")
    with op.batch_alter_table("reference_items") as batch:
        batch.drop_index(op.f("ix_reference_items_room_id"))
        batch.drop_index(op.f("ix_reference_items_assignee"))
        batch.drop_column("room_id")
        batch.drop_column("assignee")
    if op.get_bind().dialect.name == "postgresql":
        for table, column in SEQUENCE_COLUMNS:
            op.alter_column(table, column, type_=sa.Integer(), existing_nullable=False)
