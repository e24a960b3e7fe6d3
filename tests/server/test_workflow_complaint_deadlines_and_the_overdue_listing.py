"""The supervisor's board lists, at a fixed ``now``, complaints past their reply deadline
and work orders and visit tasks past due, with the deadline (in the zone it was recorded
in) and how late each is."""

from datetime import timedelta

import pytest

from server.api.routes.overdue import current_time
from server.services.overdue import overdue
from server.services.reference import VISIT_TASK, WORK_ORDER, put_reference_item
from tests.server.workflow_support import (
    at,
    complaint,
    major_complaint,
    utc,
    work_order_data,
)

NOW = utc(2025, 3, 2, 4)  # 2025-03-02 12:00 in China
HOUR = 3600


@pytest.fixture
def service(make_account, login):
    return login(make_account("li", "service"))


@pytest.fixture
def board(client, make_account, login):
    headers = login(make_account("zhou", "supervisor"))

    def read(now=NOW):
        client.app.dependency_overrides[current_time] = lambda: now
        response = client.get("/api/v1/overdue", headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    return read


def _complaint(push, headers, new_record, payload):
    record = new_record(kind="complaint", payload=payload)
    [result] = push(headers, record)
    assert result["outcome"] == "accepted", result
    return record["id"]


def _late(entries):
    return [(entry["id"], entry["due_at"], entry["late_seconds"]) for entry in entries]


def test_a_complaint_falls_due_24_hours_after_it_was_received(push, new_record, service, board):
    complaint_id = _complaint(push, service, new_record, complaint("received"))
    due = utc(2025, 3, 2, 1)  # received 2025-03-01 09:00 in China

    assert board(now=due)["complaints"] == []
    [entry] = board(now=due + timedelta(seconds=1))["complaints"]
    assert (entry["id"], entry["due_at"], entry["late_seconds"]) == (
        complaint_id,
        "2025-03-02T09:00:00+08:00",
        1,
    )
    assert (entry["status"], entry["room"], entry["received_by"]) == ("received", "1203", "li")
    assert "phone" not in entry


def test_a_complaint_is_due_when_the_owner_was_last_promised(push, new_record, service, board):
    promised_late = complaint("in_progress")
    promised_late["handling"]["promised_at"] = at(18, day=2)
    _complaint(push, service, new_record, promised_late)
    promised_early_id = _complaint(push, service, new_record, complaint("in_progress"))

    assert _late(board()["complaints"]) == [
        (promised_early_id, "2025-03-01T18:00:00+08:00", 18 * HOUR)
    ]


def test_a_major_complaint_is_due_at_the_reply_time_agreed_on_escalation(
    push, new_record, make_account, login, board
):
    supervisor = login(make_account("wu", "supervisor"))
    late_id = _complaint(
        push, supervisor, new_record, major_complaint(at(10, day=2), received_by="wu")
    )
    _complaint(push, supervisor, new_record, major_complaint(at(10, day=5), received_by="wu"))

    [entry] = board()["complaints"]
    assert (entry["id"], entry["severity"], entry["late_seconds"]) == (late_id, "major", 2 * HOUR)
    assert entry["due_at"] == "2025-03-02T10:00:00+08:00"


def test_a_closed_complaint_is_never_overdue(push, new_record, service, board):
    _complaint(push, service, new_record, complaint("closed"))

    assert board(now=NOW + timedelta(days=30))["complaints"] == []


def test_open_work_orders_are_due_a_day_after_creation_unless_a_due_time_was_set(db, board):
    orders = {
        "wo-late": work_order_data("wo-late", created_at=at(8)),
        "wo-later": work_order_data("wo-later", created_at=at(6)),
        "wo-due-set": work_order_data("wo-due-set", created_at=at(6), due_at=at(18, day=2)),
        "wo-done": work_order_data("wo-done", created_at=at(6), status="done"),
    }
    for key, data in orders.items():
        put_reference_item(db, kind=WORK_ORDER, key=key, estate_id="hxy", data=data)

    listed = board()["work_orders"]

    assert _late(listed) == [
        ("wo-later", "2025-03-02T06:00:00+08:00", 6 * HOUR),
        ("wo-late", "2025-03-02T08:00:00+08:00", 4 * HOUR),
    ]
    assert listed[0]["item"] == orders["wo-later"]


def test_pending_visit_tasks_are_due_three_days_after_creation(db, board):
    def task(key, status="pending", created_at="2025-03-01T08:00:00+08:00"):
        return {
            "id": key,
            "staff_id": "li",
            "owner_id": "owner-1203",
            "room_id": "room-3-2-1203",
            "reason": "after_repair",
            "status": status,
            "created_at": created_at,
        }

    # 2025-02-27 08:00 in China + 3 days = 2025-03-02 08:00: 4 hours late at noon.
    tasks = [task("vt-late", created_at="2025-02-27T08:00:00+08:00"), task("vt-fresh")]
    tasks.append(task("vt-done", status="done", created_at="2025-02-01T08:00:00+08:00"))
    for data in tasks:
        put_reference_item(db, kind=VISIT_TASK, key=data["id"], estate_id="hxy", data=data)

    assert _late(board()["visit_tasks"]) == [("vt-late", "2025-03-02T08:00:00+08:00", 4 * HOUR)]


def test_the_board_says_which_now_it_was_computed_for(board):
    assert board() == {
        "now": "2025-03-02T04:00:00+00:00",
        "complaints": [],
        "work_orders": [],
        "visit_tasks": [],
    }


def test_the_listing_refuses_a_now_without_a_timezone(db):
    with pytest.raises(ValueError):
        overdue(db, estate_ids={"hxy"}, now=NOW.replace(tzinfo=None))
