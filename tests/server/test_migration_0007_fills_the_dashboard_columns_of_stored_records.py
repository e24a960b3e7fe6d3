"""Migration 0007 adds the columns the dashboard filters on; the records stored before it
get them from their payloads and reviews, as the push and the reviews fill them after."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import create_engine, make_url, text

from server.db.migrate import alembic_config, upgrade_to_head
from tests.server.dashboard.world import complaint, patrol_round, visit


@pytest.fixture
def fresh_url(tmp_path) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    schema = f"m6_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


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
def test_stored_records_get_their_flags_and_review_status(fresh_url):
    command.upgrade(alembic_config(fresh_url), "0005")
    engine = create_engine(fresh_url)
    now = "2026-11-30 08:00:00"
    with engine.begin() as db:
        db.execute(text("INSERT INTO estates (id, name, address, change_seq, created_at) "
                        "VALUES ('e', '小区', '', 1, :now)"), {"now": now})  # fmt: skip
        db.execute(text("INSERT INTO accounts (id, username, display_name, password_hash, role, "
                        "active, company_wide, created_at) VALUES (1, 'w', '', 'x', 'patrol', "
                        "true, false, :now)"), {"now": now})  # fmt: skip
        db.execute(text("INSERT INTO devices (id, account_id, name, token_sha256, created_at, "
                        "expires_at) VALUES (1, 1, 't', 'h', :now, :now)"),
                   {"now": now})  # fmt: skip
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
