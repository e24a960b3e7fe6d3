"""Migration 0007 adds the columns the dashboard filters on; the records stored before it
get them from their payloads and reviews, as the push and the reviews fill them after."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from server.db.migrate import alembic_config, upgrade_to_head
from tests.server.dashboard.world import complaint, patrol_round, visit
from tests.server.stored_before_a_migration import (
    fresh_url,  # noqa: F401  (a fixture)
    store_estate_account_and_device,
)

PAYLOADS = {
    "abnormal": ("patrol_round", patrol_round("e", "w", [visit("a", 5, abnormal=True)], "r")),
    "normal": ("patrol_round", patrol_round("e", "w", [visit("a", 5)], "r")),
    "open": (
        "complaint",
        complaint("e", "漏水", major=False, received_at="2026-11-01T09:00:00+08:00"),
    ),
    "approved": ("patrol_round", patrol_round("e", "w", [visit("a", 6)], "r")),
    "approved_before": ("patrol_round", patrol_round("e", "w", [visit("a", 7)], "r")),
}


@pytest.mark.database
def test_stored_records_get_their_flags_and_review_status(fresh_url):  # noqa: F811
    command.upgrade(alembic_config(fresh_url), "0005")
    engine = create_engine(fresh_url)
    now = "2026-11-30 08:00:00"
    with engine.begin() as db:
        store_estate_account_and_device(db, now)
        for name, (kind, payload) in PAYLOADS.items():
            db.execute(
                text("INSERT INTO records (id, kind, estate_id, revision, content_hash, payload, "
                     "photos, complete, account_id, device_id, device_created_at, "
                     "device_updated_at, received_at, updated_at) VALUES (:id, :kind, 'e', 2, "
                     "'h', :payload, '[]', true, 1, 1, '', '', :now, :now)"),
                {"id": name, "kind": kind, "payload": json.dumps(payload), "now": now},
            )  # fmt: skip
        for record, revision in (("approved", 2), ("approved_before", 1)):
            db.execute(
                text("INSERT INTO record_reviews (record_id, revision, verdict, comment, "
                     "account_id, at) VALUES (:r, :rev, 'approved', '', 1, :now)"),
                {"r": record, "rev": revision, "now": now},
            )  # fmt: skip

    upgrade_to_head(fresh_url)

    with engine.connect() as db:
        rows = {
            row.id: (bool(row.abnormal), row.review_status, row.reply_due_at is not None)
            for row in db.execute(
                text("SELECT id, abnormal, review_status, reply_due_at FROM records")
            )
        }
    engine.dispose()
    assert rows == {
        "abnormal": (True, "pending", False),
        "normal": (False, "pending", False),
        "open": (False, "pending", True),
        "approved": (False, "approved", False),
        "approved_before": (False, "pending", False),
    }
