"""records: each patrol round's coverage against its route (shift day, visited, missed,
out of order), so the coverage page sums an estate's month in SQL; an index by last
change, so the monthly figures skip older records

Revision ID: 0008_coverage_rounds
Revises: 0007_dash_sendback
Create Date: 2026-11-30 16:30:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from server.db.types import JSONType, UTCDateTime
from server.services.round_coverage import round_columns

revision: str = "0008_coverage_rounds"
down_revision: str | None = "0007_dash_sendback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS: dict[str, Any] = {  # name -> SQL type
    "shift_day": sa.Date(),
    "round_started_at": UTCDateTime(),
    "visited_count": sa.Integer(),
    "missed_count": sa.Integer(),
    "out_of_order_count": sa.Integer(),
    "abnormal_count": sa.Integer(),
    "round_route": JSONType,
}


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch copy of the table (see 0007).
    for name, kind in COLUMNS.items():
        op.add_column("records", sa.Column(name, kind, nullable=True))
    _backfill()
    op.create_index("ix_records_estate_id_shift_day", "records", ["estate_id", "shift_day"])
    # the monthly figures skip records last changed before their month (server.dashboard.in_month)
    op.create_index(
        "ix_records_estate_id_kind_updated_at", "records", ["estate_id", "kind", "updated_at"]
    )


def _backfill() -> None:
    """The rounds stored before: against their routes as they are now, the best known."""
    connection = op.get_bind()
    records = sa.table(
        "records",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("estate_id", sa.String),
        sa.column("payload", JSONType),
        sa.column("received_at", UTCDateTime()),
        *(sa.column(name, kind) for name, kind in COLUMNS.items()),
    )
    items = sa.table(
        "reference_items",
        sa.column("kind", sa.String),
        sa.column("key", sa.String),
        sa.column("estate_id", sa.String),
        sa.column("data", JSONType),
        sa.column("deleted", sa.Boolean),
    )
    routes = {
        (estate_id, key): [str(c) for c in data.get("checkpoint_ids", [])]
        for key, estate_id, data in connection.execute(
            sa.select(items.c.key, items.c.estate_id, items.c.data).where(
                items.c.kind == "route", items.c.deleted.is_(False)
            )
        )
    }
    rows = connection.execute(
        sa.select(
            records.c.id, records.c.estate_id, records.c.payload, records.c.received_at
        ).where(records.c.kind == "patrol_round")
    ).all()
    for record_id, estate_id, payload, received_at in rows:
        route = routes.get((estate_id, str(payload.get("route_id"))))
        connection.execute(
            records.update()
            .where(records.c.id == record_id)
            .values(**round_columns("patrol_round", payload, route, received_at))
        )


def downgrade() -> None:
    op.drop_index("ix_records_estate_id_kind_updated_at", table_name="records")
    op.drop_index("ix_records_estate_id_shift_day", table_name="records")
    for name in reversed(COLUMNS):
        op.drop_column("records", name)
