"""The store carries a schema version; opening an older store migrates it."""

import pytest

from domain.rejection import Conflict, FieldError, Rejection, text_for
from domain.text import Text
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
        assert schema_version(store.db) == CURRENT_VERSION == 4
        rejected = store.records.get("r1")
        assert rejected.sync_state is SyncState.REJECTED
        assert rejected.rejection == Rejection("rejected", Text("房号不存在", "房号不存在"))
        assert store.records.get("r2").rejection is None
        assert "rejection_reason" not in store.db.table("records").get(doc_id="r1")


PHONE_ERROR = {
    "field": "payload.phone",
    "code": "invalid_phone",
    "message": {"zh": "电话号码格式不对", "en": "Not a phone number"},
}
ORDER = {"version": 57, "deleted": False, "data": {"id": "wo-1", "status": "cancelled"}}
# The three shapes a version-2 store holds: its migration's, and the engine's two.
VERSION_2_REJECTIONS = {
    "r1": {"code": "rejected", "message": {"zh": "房号不存在", "en": "房号不存在"}, "fields": []},
    "r2": {"outcome": "rejected", "errors": [PHONE_ERROR]},
    "r3": {
        "outcome": "conflict",
        "reason": "work_order_changed",
        "server_revision": 0,
        "work_order": ORDER,
    },
}


def test_every_version_2_rejection_takes_the_one_typed_shape(tmp_path):
    _version_1_store(tmp_path)
    db = open_database(tmp_path / "db")
    set_schema_version(db, 2)
    records = db.table("records")
    for record_id, rejection in VERSION_2_REJECTIONS.items():
        doc = dict(records.get(doc_id="r1"), id=record_id, rejection=rejection)
        doc.pop("rejection_reason")
        records.upsert(records.document_class(doc, record_id))
    db.close()

    with Store.open(tmp_path) as store:
        r1, r2, r3 = (store.records.get(i).rejection for i in ("r1", "r2", "r3"))

    assert r1 == Rejection("rejected", Text("房号不存在", "房号不存在"))
    assert (r2.code, r2.fields) == ("rejected", (FieldError.from_dict(PHONE_ERROR),))
    assert r2.message == text_for("rejected")
    assert (r3.code, r3.conflict) == ("work_order_changed", Conflict(0, ORDER))
    assert "工单" in r3.message.zh


def test_version_3_records_get_their_author_indexed_on_open(tmp_path):
    _version_1_store(tmp_path)
    db = open_database(tmp_path / "db")
    set_schema_version(db, 3)
    records = db.table("records")
    doc = dict(records.get(doc_id="r2"), payload={"room": "1101", "received_by": "kefu1"})
    doc.pop("rejection_reason")
    records.upsert(records.document_class(dict(doc, rejection=None), "r2"))
    db.close()

    with Store.open(tmp_path) as store:
        assert store.records.pending_ids(authors={"kefu1"}) == ["r2"]
        assert store.records.waiting_authors() == {"kefu1", None}


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
