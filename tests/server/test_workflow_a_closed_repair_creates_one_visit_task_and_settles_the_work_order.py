"""A repair check settles its work order (done when resolved, on hold when it needs parts
or a contractor); a resolved repair in a home creates one after-repair visit task."""

import pytest

from domain.visit_task import VisitTask
from server.services.reference import VISIT_TASK, WORK_ORDER, put_reference_item
from server.services.work_items import derived_id
from tests.server.workflow_support import items, owner, repair_check, version, work_order_data


@pytest.fixture
def technician(make_account, login):
    return login(make_account("zhao", "technician"))


@pytest.fixture
def work_order(db):
    data = work_order_data("wo-1")
    put_reference_item(db, kind=WORK_ORDER, key="wo-1", estate_id="hxy", data=data)
    return data


def _push(push, headers, new_record, payload, record_id=None, revision=1):
    record = new_record(
        record_id=record_id, kind="repair_check", revision=revision, payload=payload
    )
    [result] = push(headers, record)
    assert result["outcome"] in ("accepted", "duplicate"), result
    return record


def _check(db, key="wo-1", **changes):
    """A repair check made from the work order as the server has it now."""
    return repair_check(key, work_order_version=version(db, WORK_ORDER, key), **changes)


def _status(db, key="wo-1"):
    [order] = [item for item in items(db, WORK_ORDER) if item.key == key]
    return order.data["status"]


def test_a_resolved_repair_completes_the_work_order_and_creates_one_visit_task(
    db, push, new_record, technician, work_order, make_account
):
    make_account("li", "service")
    put_reference_item(db, kind="owner", key="owner-1203", estate_id="hxy", data=owner())

    record = _push(push, technician, new_record, _check(db))

    assert _status(db) == "done"
    [item] = items(db, VISIT_TASK)
    task = VisitTask.from_dict(item.data)
    assert (task.reason.value, task.status.value) == ("after_repair", "pending")
    assert (task.source_id, task.room_id, task.owner_id) == ("wo-1", "room-3-2-1203", "owner-1203")
    assert task.staff_id == "li"
    assert item.estate_id == "hxy"
    assert item.key == task.id == derived_id(VISIT_TASK, "after_repair", record["id"])


def test_the_same_repair_pushed_again_or_revised_creates_no_second_visit_task(
    db, push, new_record, technician, work_order
):
    payload = _check(db)
    record = _push(push, technician, new_record, payload)
    push(technician, record)
    revised = payload | {"diagnosis": "接头老化，已更换"}
    _push(push, technician, new_record, revised, record_id=record["id"], revision=2)

    assert len(items(db, VISIT_TASK)) == 1


@pytest.mark.parametrize("result", ["needs_parts", "needs_contractor"])
def test_a_repair_waiting_for_parts_or_a_contractor_puts_the_work_order_on_hold(
    db, push, new_record, technician, work_order, result
):
    _push(push, technician, new_record, _check(db, result=result))

    assert _status(db) == "on_hold"
    assert items(db, VISIT_TASK) == []


def test_finishing_the_repair_in_a_later_revision_completes_it_then(
    db, push, new_record, technician, work_order
):
    seen = version(db, WORK_ORDER, "wo-1")
    first = _push(
        push,
        technician,
        new_record,
        repair_check("wo-1", work_order_version=seen, result="needs_parts"),
    )

    # Made on the tablet from the same version: the order moved on by this record alone.
    finished = repair_check("wo-1", work_order_version=seen)
    _push(push, technician, new_record, finished, record_id=first["id"], revision=2)

    assert _status(db) == "done"
    assert len(items(db, VISIT_TASK)) == 1


def test_a_public_facility_repair_has_no_owner_to_visit(db, push, new_record, technician):
    data = work_order_data("wo-2", room_id=None, category="public_facility")
    put_reference_item(db, kind=WORK_ORDER, key="wo-2", estate_id="hxy", data=data)

    payload = _check(db, "wo-2", room_id=None, category="public_facility")
    _push(push, technician, new_record, payload)

    assert _status(db, "wo-2") == "done"
    assert items(db, VISIT_TASK) == []


def test_a_cancelled_work_order_stays_cancelled(db, push, new_record, technician):
    data = work_order_data("wo-1", status="cancelled")
    put_reference_item(db, kind=WORK_ORDER, key="wo-1", estate_id="hxy", data=data)

    _push(push, technician, new_record, _check(db))

    assert _status(db) == "cancelled"


def test_a_work_order_of_another_estate_is_left_alone(db, push, new_record, technician):
    data = work_order_data("wo-1")
    put_reference_item(db, kind=WORK_ORDER, key="wo-1", estate_id="lyy", data=data)

    _push(push, technician, new_record, _check(db))

    assert _status(db) == "assigned"


def test_without_a_service_account_the_visit_task_waits_for_the_dispatcher(
    db, push, new_record, technician, work_order
):
    _push(push, technician, new_record, _check(db))

    [item] = items(db, VISIT_TASK)
    assert (item.data["staff_id"], item.data["owner_id"]) == ("dispatcher", "unknown")
