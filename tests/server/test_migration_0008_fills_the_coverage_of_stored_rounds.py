"""Migration 0008 adds each patrol round's coverage columns; the rounds stored before it
get them from their payloads and their routes, as the push fills them after."""

from __future__ import annotations

import json
from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from server.db.migrate import alembic_config, upgrade_to_head
from tests.server.dashboard.world import at, patrol_round, visit
from tests.server.stored_before_a_migration import (
    fresh_url,  # noqa: F401  (a fixture)
    store_estate_account_and_device,
)

ROUTE = {"id": "r", "estate_id": "e", "name": "夜巡", "checkpoint_ids": ["a", "b", "c"]}
PAYLOADS = {
    # b (abnormal) reached before a: a is out of order; c missed
    "swapped": (
        "patrol_round",
        patrol_round("e", "w", [visit("b", 5, abnormal=True), visit("a", 9)], "r"),
    ),
    "unknown_route": ("patrol_round", patrol_round("e", "w", [visit("a", 5)], "other")),
    "complaint": ("complaint", {"estate_id": "e", "status": "closed"}),
}


@pytest.mark.database
def test_stored_rounds_get_their_shift_day_and_counts_against_their_route(fresh_url):  # noqa: F811
    command.upgrade(alembic_config(fresh_url), "0007_dash_sendback")
    engine = create_engine(fresh_url)
    now = "2026-11-30 08:00:00"
    with engine.begin() as db:
        store_estate_account_and_device(db, now)
        db.execute(text("INSERT INTO reference_items (kind, key, estate_id, data, deleted, "
                        "change_seq, updated_at) VALUES ('route', 'r', 'e', :data, false, 2, "
                        ":now)"), {"data": json.dumps(ROUTE), "now": now})  # fmt: skip
        for name, (kind, payload) in PAYLOADS.items():
            db.execute(
                text("INSERT INTO records (id, kind, estate_id, revision, content_hash, payload, "
                     "photos, complete, account_id, device_id, device_created_at, "
                     "device_updated_at, received_at, updated_at) VALUES (:id, :kind, 'e', 1, "
                     "'h', :payload, '[]', true, 1, 1, '', '', :now, :now)"),
                {"id": name, "kind": kind, "payload": json.dumps(payload), "now": now},
            )  # fmt: skip

    upgrade_to_head(fresh_url)

    with engine.connect() as db:
        rows = {
            row.id: (
                row.shift_day,
                row.visited_count,
                row.missed_count,
                row.out_of_order_count,
                row.abnormal_count,
            )
            for row in db.execute(
                text("SELECT id, shift_day, visited_count, missed_count, out_of_order_count, "
                     "abnormal_count FROM records")
            )
        }  # fmt: skip
    engine.dispose()
    night = date.fromisoformat(at(1, 21)[:10])
    assert {name: row[1:] for name, row in rows.items()} == {
        "swapped": (2, 1, 1, 1),
        "unknown_route": (1, 0, 0, 0),
        "complaint": (None, None, None, None),
    }
    assert {str(rows[name][0]) for name in ("swapped", "unknown_route")} == {str(night)}
    assert rows["complaint"][0] is None
