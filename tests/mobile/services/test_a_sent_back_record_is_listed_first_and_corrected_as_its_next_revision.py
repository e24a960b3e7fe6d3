"""A record sent back to me shows first on Today; its correction form holds the record's
text fields prefilled; saving makes the record's next revision, pending, and the task
leaves Today. On a tablet without the record, the correction starts from the send-back's
copy with the server's next revision number."""

from datetime import datetime

import pytest

from domain.records import PATROL_ROUND
from domain.send_back import SendBack
from mobile.services.forms import FormInvalid
from mobile.services.send_backs import SendBacks
from mobile.services.today import ESTATE_TIME, TodayService
from mobile.store.records import SyncState
from tests.mobile.services.test_today_lists_my_work_overdue_first import (
    SignedInAs,
    _route,
)

NOW = datetime(2026, 5, 4, 20, 0, tzinfo=ESTATE_TIME)
ROUND = {
    "estate_id": "hxy",
    "route_id": "night",
    "staff_id": "wang",
    "started_at": "2026-05-04T21:00:00+08:00",
    "ended_at": "2026-05-04T22:00:00+08:00",
    "checkpoints": [
        {
            "checkpoint_id": "pump-room",
            "arrived_at": "2026-05-04T21:10:00+08:00",
            "presence": {"method": "scanned", "code": "CP-pump-room"},
            "results": [
                {"item_id": "pump", "label": "水泵运行", "kind": "check", "outcome": "abnormal"}
            ],
            "abnormal": True,
            "note": "异响",
        }
    ],
}


def _send_back(record_id: str, *, revision: int = 1, staff: str = "wang", status="open"):
    task = SendBack(
        id=f"sb-{record_id[:8]}-{staff}",
        record_id=record_id,
        record_kind=PATROL_ROUND,
        revision=revision,
        staff_id=staff,
        reviewer="boss",
        comment="请写明积水位置",
        sent_at=NOW,
        payload=ROUND,
    )
    data = task.to_dict() | {"status": status}
    return {"kind": "send_back", "key": task.id, "version": 9, "deleted": False, "data": data}


@pytest.fixture
def pulled(store):
    def apply(*items):
        store.reference.apply_page(list(items), store.reference.cursor() + 1, "scope")

    return apply


def test_the_send_back_is_first_on_today_and_its_correction_is_the_next_revision(store, pulled):
    record = store.records.create(PATROL_ROUND, ROUND)
    store.records.mark_sending([record.id])
    store.records.mark_synced(record.id, 1)
    pulled(_route("day", "day"), _send_back(record.id), _send_back(record.id, staff="li"))
    today = TodayService(store, SignedInAs("wang", "patrol"))
    saved = []
    send_backs = SendBacks(store, on_saved=[saved.append])

    before = today.items(NOW)
    form = send_backs.form(before[0].key)
    corrected = send_backs.correct(before[0].key, {"checkpoints[0].note": "异响，泵房东侧积水"})
    after = today.items(NOW)

    assert [item.kind for item in before] == ["send_back", "route"]
    assert before[0].title == "请写明积水位置"
    assert [(f.path, f.value) for f in form.fields] == [("checkpoints[0].note", "异响")]
    assert form.fields[0].label.zh == "巡查点 1 · 备注"
    assert (corrected.id, corrected.revision) == (record.id, 2)
    assert corrected.sync_state is SyncState.PENDING
    assert corrected.payload["checkpoints"][0]["note"] == "异响，泵房东侧积水"
    assert saved == [corrected]
    assert [item.kind for item in after] == ["route"]


def test_an_answered_send_back_is_not_listed(store, pulled):
    pulled(_send_back("0" * 36, status="answered") | {})
    today = TodayService(store, SignedInAs("wang", "patrol"))

    assert today.items(NOW) == []


def test_a_tablet_without_the_record_corrects_the_send_back_s_copy(store, pulled):
    record_id = "5d0c6f52-8a55-4a53-9c39-8f7f1f0f2a11"
    pulled(_send_back(record_id, revision=3))
    send_backs = SendBacks(store)
    key = send_backs.open_for("wang")[0].id

    corrected = send_backs.correct(key, {"checkpoints[0].note": "已补充"})

    assert (corrected.id, corrected.revision) == (record_id, 4)
    assert corrected.payload["route_id"] == "night"


def test_a_correction_the_server_would_refuse_is_not_saved(store, pulled):
    record_id = "5d0c6f52-8a55-4a53-9c39-8f7f1f0f2a12"
    pulled(_send_back(record_id))
    send_backs = SendBacks(store)
    key = send_backs.open_for("wang")[0].id

    with pytest.raises(FormInvalid):
        send_backs.correct(key, {"checkpoints[0].note": "长" * 3000})

    assert store.records.find() == []
