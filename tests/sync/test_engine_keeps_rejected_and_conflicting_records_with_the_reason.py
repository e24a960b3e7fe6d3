"""A record the server refuses stays on the tablet with the server's reason; the rest go."""

from domain.rejection import FieldError
from mobile.store.records import SyncState
from sync import protocol

PHONE_ERROR = {
    "field": "phone",
    "code": "invalid_phone",
    "message": {"zh": "电话号码格式不对", "en": "Not a phone number"},
}


def test_one_rejected_record_does_not_block_the_others(store, server, engine):
    good = store.records.create("return_visit", {"estate_id": "e1", "phone": "13800138000"})
    bad = store.records.create("return_visit", {"estate_id": "e1", "phone": "12"})
    server.reject = lambda record: [PHONE_ERROR] if record["payload"]["phone"] == "12" else None

    report = engine.run_once()

    assert store.records.get(good.id).sync_state is SyncState.SYNCED
    rejected = store.records.get(bad.id)
    assert rejected.sync_state is SyncState.REJECTED
    assert rejected.rejection.code == "rejected"
    assert rejected.rejection.fields == (FieldError.from_dict(PHONE_ERROR),)
    assert "放弃" in rejected.rejection.message.zh  # what the person can do about it
    assert engine.status.rejections == ((bad.id, rejected.rejection),)
    assert report.rejected == 1


def test_conflict_keeps_the_devices_version_until_a_person_edits_it(store, server, engine):
    record = store.records.create("complaint", {"estate_id": "e1", "matter": "设备上的版本"})
    server.records[record.id] = {
        "id": record.id,
        "revision": 1,
        "content_hash": protocol.content_hash({"other": "content"}),
    }

    engine.run_once()

    kept = store.records.get(record.id)
    assert kept.sync_state is SyncState.REJECTED
    assert kept.rejection.code == protocol.CONFLICT_CONTENT_DIFFERS
    assert kept.rejection.conflict.server_revision == 1
    assert kept.payload == {"estate_id": "e1", "matter": "设备上的版本"}
    store.records.edit(record.id, {"estate_id": "e1", "matter": "主管确认后的版本"})
    engine.run_once()
    assert store.records.get(record.id).sync_state is SyncState.SYNCED
    assert server.records[record.id]["revision"] == 2
