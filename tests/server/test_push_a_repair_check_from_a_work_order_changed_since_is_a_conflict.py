"""A repair check is made from one version of its work order. If anyone else changed
the order since (a dispatcher, another check, a deletion), the push answers a conflict
carrying the order as it is now, and neither the check nor its effects are applied.
An order reassigned to another technician is no longer this technician's to see or to
close: the check is refused (server.permissions), and the answer carries no order."""

import pytest

from server.db.models import Record
from server.services.reference import WORK_ORDER, delete_reference_item, put_reference_item
from tests.server.workflow_support import items, repair_check, version, work_order_data


@pytest.fixture
def technician(make_account, login):
    return login(make_account("zhao", "technician"))


@pytest.fixture
def seen(db):
    """The version of wo-1 on the technician's tablet when the repair was done."""
    put_reference_item(
        db, kind=WORK_ORDER, key="wo-1", estate_id="hxy", data=work_order_data("wo-1")
    )
    return version(db, WORK_ORDER, "wo-1")


def _check(new_record, work_order_version, record_id=None, revision=1, **changes):
    payload = repair_check("wo-1", work_order_version=work_order_version, **changes)
    return new_record(record_id=record_id, kind="repair_check", revision=revision, payload=payload)


def _order(db):
    [order] = [item for item in items(db, WORK_ORDER) if item.key == "wo-1"]
    return order


def test_a_check_on_an_order_reassigned_since_is_refused_without_showing_the_order(
    db, push, new_record, technician, seen, count
):
    reassigned = work_order_data("wo-1", technician_id="qian")
    put_reference_item(db, kind=WORK_ORDER, key="wo-1", estate_id="hxy", data=reassigned)

    [result] = push(technician, _check(new_record, seen))

    assert result["outcome"] == "rejected"
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("payload.work_order_id", "work_order_not_yours")
    ]
    assert "work_order" not in result
    assert _order(db).data == reassigned
    assert count(Record) == 0


def test_a_check_on_an_order_deleted_since_is_a_conflict_saying_so(
    db, push, new_record, technician, seen
):
    delete_reference_item(db, kind=WORK_ORDER, key="wo-1")

    [result] = push(technician, _check(new_record, seen))

    assert result["outcome"] == "conflict"
    assert result["work_order"] == {
        "version": version(db, WORK_ORDER, "wo-1"),
        "deleted": True,
        "data": None,
    }


def test_a_second_check_on_an_order_another_check_moved_on_is_a_conflict(
    db, push, new_record, technician, seen
):
    [first] = push(technician, _check(new_record, seen, result="needs_parts"))
    [second] = push(technician, _check(new_record, seen))

    assert first["outcome"] == "accepted"
    assert second["outcome"] == "conflict"
    assert second["work_order"]["data"]["status"] == "on_hold"
    assert _order(db).data["status"] == "on_hold"


def test_the_check_made_again_from_the_server_s_version_is_applied_over_the_change(
    db, push, new_record, technician, seen
):
    put_reference_item(
        db,
        kind=WORK_ORDER,
        key="wo-1",
        estate_id="hxy",
        data=work_order_data("wo-1", description="漏水，业主催促"),
    )
    check = _check(new_record, seen)
    [conflict] = push(technician, check)

    kept = _check(new_record, conflict["work_order"]["version"], record_id=check["id"], revision=2)
    [result] = push(technician, kept)

    assert result["outcome"] == "accepted"
    assert _order(db).data["status"] == "done"
    assert _order(db).data["description"] == "漏水，业主催促"


def test_a_change_the_server_made_after_the_check_is_still_a_conflict_for_its_next_revision(
    db, push, new_record, technician, seen
):
    check = _check(new_record, seen, result="needs_parts")
    push(technician, check)
    cancelled = _order(db).data | {"status": "cancelled"}
    put_reference_item(db, kind=WORK_ORDER, key="wo-1", estate_id="hxy", data=cancelled)

    [result] = push(technician, _check(new_record, seen, record_id=check["id"], revision=2))

    assert result["outcome"] == "conflict"
    assert _order(db).data["status"] == "cancelled"


def test_a_check_for_an_order_the_server_does_not_know_is_accepted(
    push, new_record, technician, count
):
    [result] = push(technician, _check(new_record, 0))

    assert result["outcome"] == "accepted"
    assert count(Record) == 1
