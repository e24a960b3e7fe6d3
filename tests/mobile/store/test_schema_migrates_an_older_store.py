"""The store carries a schema version; opening an older store migrates it."""

import pytest

from mobile.store.errors import StoreFromNewerApp
from mobile.store.records import SyncState
from mobile.store.schema import CURRENT_VERSION, schema_version, set_schema_version
from mobile.store.store import Store
from mobile.store.tinydb_journal import open_database


def _version_1_store(directory):
    """A store as the first prototype wrote it: the rejection reason a plain string."""
    db = open_database(directory / "db")
    set_schema_version(db, 1)
    records = db.table("records")
    for record_id, state, reason in [("r1", "rejected", "房号不存在"), ("r2", "pending", None)]:
        doc = {
            "id": record_id,
            "kind": "complaint",
            "payload": {"room": "1101"},
            "photos": [],
            "revision": 1,
            "sync_state": state,
            "created_at": "2026-11-01T08:00:00+00:00",
            "updated_at": "2026-11-01T08:00:00+00:00",
            "synced_at": None,
            "rejection_reason": reason,
        }
        records.insert(records.document_class(doc, record_id))
    db.close()


def test_version_1_rejection_reasons_become_structured_on_open(tmp_path):
    _version_1_store(tmp_path)

    with Store.open(tmp_path) as store:
        assert schema_version(store.db) == CURRENT_VERSION == 2
        rejected = store.records.get("r1")
        assert rejected.sync_state is SyncState.REJECTED
        assert rejected.rejection == {
            "code": "rejected",
            "message": {"zh": "房号不存在", "en": "房号不存在"},
            "fields": [],
        }
        assert store.records.get("r2").rejection is None
        assert "rejection_reason" not in store.db.table("records").get(doc_id="r1")


def test_new_store_starts_at_the_current_version(tmp_path):
    with Store.open(tmp_path) as store:
        assert schema_version(store.db) == CURRENT_VERSION


def test_store_from_a_newer_app_is_refused_untouched(tmp_path):
    db = open_database(tmp_path / "db")
    set_schema_version(db, CURRENT_VERSION + 1)
    db.close()

    with pytest.raises(StoreFromNewerApp) as raised:
        Store.open(tmp_path)

    assert "更新" in raised.value.text.zh
    db = open_database(tmp_path / "db")
    assert schema_version(db) == CURRENT_VERSION + 1
