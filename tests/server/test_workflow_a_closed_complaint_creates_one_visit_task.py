"""Closing a complaint creates one after-complaint visit task, for the service staff
member who received it, at the complainant's room."""

import pytest

from domain.visit_task import VisitTask
from server.services.reference import VISIT_TASK, put_reference_item
from server.services.work_items import derived_id
from tests.server.workflow_support import complaint, items, owner, rooms_of_building_3


@pytest.fixture
def service(make_account, login):
    return login(make_account("li", "service"))


def _push(push, headers, new_record, payload, record_id=None, revision=1):
    record = new_record(record_id=record_id, kind="complaint", revision=revision, payload=payload)
    [result] = push(headers, record)
    assert result["outcome"] in ("accepted", "duplicate"), result
    return record


def test_a_closed_complaint_creates_a_visit_task_for_its_receiver_at_the_room(
    db, push, new_record, service, make_account
):
    make_account("an", "service")  # fewer tasks would not matter: the receiver follows it up
    for kind, data in rooms_of_building_3():
        put_reference_item(db, kind=kind, key=data["id"], estate_id="hxy", data=data)
    put_reference_item(db, kind="owner", key="owner-1203", estate_id="hxy", data=owner())

    record = _push(push, service, new_record, complaint("closed"))

    [item] = items(db, VISIT_TASK)
    task = VisitTask.from_dict(item.data)
    assert task.id == derived_id(VISIT_TASK, "after_complaint", record["id"])
    assert (task.reason.value, task.status.value) == ("after_complaint", "pending")
    assert (task.staff_id, task.source_id) == ("li", record["id"])
    assert (task.room_id, task.owner_id) == ("room-3-2-1203", "owner-1203")


def test_a_complaint_still_open_creates_no_visit_task(db, push, new_record, service):
    _push(push, service, new_record, complaint("in_progress"))

    assert items(db, VISIT_TASK) == []


def test_closing_in_a_later_revision_then_summarising_creates_one_visit_task(
    db, push, new_record, service
):
    first = _push(push, service, new_record, complaint("in_progress"))

    closed = _push(push, service, new_record, complaint("closed"), first["id"], 2)
    push(service, closed)
    _push(push, service, new_record, complaint("summarised"), first["id"], 3)

    assert len(items(db, VISIT_TASK)) == 1


def test_a_complaint_received_by_a_supervisor_goes_to_a_service_account(
    db, push, new_record, make_account, login
):
    make_account("li", "service")
    supervisor = login(make_account("zhou", "supervisor"))

    _push(push, supervisor, new_record, complaint("closed", received_by="zhou"))

    [item] = items(db, VISIT_TASK)
    assert item.data["staff_id"] == "li"


def test_a_room_missing_from_the_reference_data_is_named_as_written(db, push, new_record, service):
    _push(push, service, new_record, complaint("closed"))

    [item] = items(db, VISIT_TASK)
    assert (item.data["room_id"], item.data["owner_id"]) == ("3栋-2单元-1203", "unknown")
