"""records: the dashboard's filters as columns (abnormal, review status, reply due) and
the indexes that page a million records

Revision ID: 0007_dash_sendback
Revises: 0006_dash_reports
Create Date: 2026-11-30 15:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.db.types import JSONType, UTCDateTime
from server.services.record_flags import is_abnormal, reply_due

revision: str = "0007_dash_sendback"
down_revision: str | None = "0006_dash_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_records_received_at_id": ["received_at", "id"],
    "ix_records_estate_id_received_at": ["estate_id", "received_at", "id"],
    "ix_records_estate_id_kind_received_at": ["estate_id", "kind", "received_at", "id"],
    "ix_records_account_id_received_at": ["account_id", "received_at"],
    "ix_records_estate_id_abnormal_received_at": ["estate_id", "abnormal", "received_at"],
    "ix_records_estate_id_review_status": ["estate_id", "review_status", "received_at"],
    "ix_records_estate_id_reply_due_at": ["estate_id", "reply_due_at"],
}


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of the table: on SQLite a copy drops the old
    # table, and ON DELETE CASCADE would empty its revisions, photos and reviews.
    op.add_column(
        "records", sa.Column("abnormal", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column(
        "records",
        sa.Column("review_status", sa.String(length=20), server_default="pending", nullable=False),
    )
    op.add_column("records", sa.Column("reply_due_at", sa.DateTime(), nullable=True))
    _backfill()
    for name, columns in INDEXES.items():
        op.create_index(name, "records", columns)


def _backfill() -> None:
    """The new columns of the records stored before them (the push fills them from now on)."""
    connection = op.get_bind()
    records = sa.table(
        "records",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("revision", sa.Integer),
        sa.column("payload", JSONType),
        sa.column("abnormal", sa.Boolean),
        sa.column("review_status", sa.String),
        sa.column("reply_due_at", UTCDateTime()),
    )
    reviews = sa.table(
        "record_reviews",
        sa.column("id", sa.Integer),
        sa.column("record_id", sa.String),
        sa.column("revision", sa.Integer),
        sa.column("verdict", sa.String),
        sa.column("at", sa.DateTime),
    )
    latest = {
        record_id: (revision, verdict)
        for record_id, revision, verdict in connection.execute(
            sa.select(reviews.c.record_id, reviews.c.revision, reviews.c.verdict).order_by(
                reviews.c.at, reviews.c.id
            )
        )
    }
    rows = connection.execute(
        sa.select(records.c.id, records.c.kind, records.c.revision, records.c.payload)
    ).all()
    for record_id, kind, current, payload in rows:
        reviewed = latest.get(record_id)
        connection.execute(
            records.update()
            .where(records.c.id == record_id)
            .values(
                abnormal=is_abnormal(kind, payload),
                reply_due_at=reply_due(kind, payload),
                review_status=reviewed[1] if reviewed and reviewed[0] == current else "pending",
            )
        )


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="records")
    for column in ("reply_due_at", "review_status", "abnormal"):
        op.drop_column("records", column)
