"""A return visit that answers a visit task marks the task done, so it is no longer due."""

import pytest

from server.api.routes.overdue import current_time
from server.services.reference import VISIT_TASK, put_reference_item
from tests.server.workflow_support import items, return_visit, utc


def _task(key, status="pending"):
    return {
        "id": key,
        "staff_id": "li",
        "owner_id": "owner-1203",
        "room_id": "room-3-2-1203",
        "reason": "after_repair",
        "status": status,
        "created_at": "2025-03-01T08:00:00+08:00",
    }


@pytest.fixture
def service(make_account, login):
    return login(make_account("li", "service"))


def _statuses(db):
    return {item.key: item.data["status"] for item in items(db, VISIT_TASK)}


def test_the_answered_task_is_done_and_off_the_overdue_board(
    db, client, push, new_record, service, make_account, login
):
    put_reference_item(db, kind=VISIT_TASK, key="vt-1", estate_id="hxy", data=_task("vt-1"))
    supervisor = login(make_account("zhou", "supervisor"), "主管平板")
    client.app.dependency_overrides[current_time] = lambda: utc(2025, 3, 10)

    [result] = push(service, new_record(kind="return_visit", payload=return_visit("vt-1")))

    assert result["outcome"] == "accepted"
    assert _statuses(db) == {"vt-1": "done"}
    board = client.get("/api/v1/overdue", headers=supervisor).json()
    assert board["visit_tasks"] == []


def test_a_visit_without_a_task_or_for_another_estates_task_changes_nothing(
    db, push, new_record, service
):
    put_reference_item(db, kind=VISIT_TASK, key="vt-9", estate_id="lyy", data=_task("vt-9"))
    put_reference_item(db, kind=VISIT_TASK, key="vt-1", estate_id="hxy", data=_task("vt-1"))

    push(
        service,
        new_record(kind="return_visit", payload=return_visit(None)),
        new_record(kind="return_visit", payload=return_visit("vt-9")),
    )

    assert _statuses(db) == {"vt-1": "pending", "vt-9": "pending"}


def test_a_cancelled_task_stays_cancelled(db, push, new_record, service):
    data = _task("vt-1", status="cancelled")
    put_reference_item(db, kind=VISIT_TASK, key="vt-1", estate_id="hxy", data=data)

    push(service, new_record(kind="return_visit", payload=return_visit("vt-1")))

    assert _statuses(db) == {"vt-1": "cancelled"}
