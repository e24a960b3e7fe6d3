"""The handover form (``HandoverService``): colleagues to hand over to come from the
estate's staff (patrol and supervisors, not me); every change is kept as my own draft;
saving validates like the server and drops the draft; notes addressed to me are listed."""

from datetime import datetime

import pytest

from mobile.services.forms import FormInvalid, Forms
from mobile.services.handover import HandoverService
from mobile.services.session import Estate, SignedIn
from mobile.services.today import ESTATE_TIME
from tests.domain.conftest import shift_handover

MORNING = datetime(2024, 5, 2, 8, 0, tzinfo=ESTATE_TIME)


class SignedInAs:
    def __init__(self, username):
        self.current = SignedIn(
            "http://s", "t", 1, username, username, "patrol", (Estate("hxy", "华夏苑"),), "2030"
        )

    def author_fields(self, kind):
        return {"staff_id": self.current.username, "estate_id": "hxy"}


def _staff(username, role, estate="hxy", name=""):
    key = f"{estate}-staff-{username}"
    return {"kind": "staff", "key": key, "version": 1, "deleted": False, "data": {
        "id": key, "estate_id": estate, "username": username, "name": name, "role": role,
    }}  # fmt: skip


@pytest.fixture
def handover(store):
    store.reference.apply_page(
        [
            _staff("xunluo1", "patrol", name="赵刚"),
            _staff("xunluo2", "patrol", name="孙伟"),
            _staff("zhuguan", "supervisor"),
            _staff("weixiu1", "technician"),
            _staff("xunluo9", "patrol", estate="lyy"),
        ],
        1,
        "scope",
    )
    return HandoverService(store, Forms(store, SignedInAs("xunluo1")), now=lambda: MORNING)


def test_i_hand_over_to_a_patrol_colleague_or_a_supervisor_of_my_estate(handover):
    assert [(m.username, m.shown) for m in handover.colleagues()] == [
        ("xunluo2", "孙伟 (xunluo2)"),
        ("zhuguan", "zhuguan"),
    ]


def test_a_fresh_note_guesses_the_night_shift_in_the_morning_and_every_change_is_kept(
    handover, store
):
    assert handover.current()["shift"] == "night"

    handover.keep(handover.current() | {"to_staff_id": "xunluo2", "events": "夜查正常"})

    assert store.drafts.load("shift_handover:xunluo1").fields["events"] == "夜查正常"
    assert handover.current()["to_staff_id"] == "xunluo2"
    assert handover.has_draft()


def test_saving_checks_every_field_and_then_drops_the_draft(handover, store):
    handover.keep(handover.current())
    with pytest.raises(FormInvalid) as refused:
        handover.hand_over(handover.current())
    assert set(refused.value.by_field()) == {"to_staff_id", "events"}
    assert handover.has_draft()

    fields = handover.current() | {
        "to_staff_id": "xunluo2",
        "events": "夜查正常",
        "equipment": "对讲机 2台\n\n消防控制室钥匙 ",
    }
    record = handover.hand_over(fields)

    assert record.payload["equipment"] == ["对讲机 2台", "消防控制室钥匙"]
    assert record.payload["staff_id"] == "xunluo1"
    assert not handover.has_draft()


def test_notes_addressed_to_me_are_listed_newest_first(handover, store):
    older = shift_handover() | {
        "to_staff_id": "XunLuo1",
        "handed_over_at": "2024-05-01T08:00:00+08:00",
    }
    newer = shift_handover() | {"to_staff_id": "xunluo1"}
    other = shift_handover() | {"to_staff_id": "xunluo2"}
    items = [
        {"kind": "synced_record", "key": key, "version": 2, "deleted": False, "data": {
            "id": key, "estate_id": "hxy", "kind": "shift_handover", "revision": 1,
            "author": "xunluo2", "received_at": "2024-05-02T00:00:00+00:00",
            "payload": payload, "photos": [],
        }}
        for key, payload in (("older", older), ("newer", newer), ("other", other))
    ]  # fmt: skip
    store.reference.apply_page(items, 2, "scope")

    assert [note.id for note in handover.received()] == ["newer", "older"]
