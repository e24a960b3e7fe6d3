"""Inside an estate, every pushed record is checked against the signed-in account
(server/permissions.py): its author, the record it changes, the work order or visit
task it acts on. Each refusal rejects that record alone, with a stable code and zh/en
text; the other records of the batch are stored. Supervisors may act on anyone's work
in their estates but sign what they record themselves. Over real HTTP, against the
real server."""

import uuid

import pytest

from server.errors import MESSAGES
from tests.server.real_push_support import PushServer, codes, good_round, record
from tests.server.workflow_support import (
    complaint,
    patrol_round,
    repair_check,
    return_visit,
    work_order_data,
)

# Newer than any order on the server: a check made from the order as it is now.
CURRENT = 10**12


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    server = PushServer.start(tmp_path_factory.mktemp("permissions"))
    yield server
    server.close()


def _work_order(real, technician: str) -> str:
    key = f"wo-{uuid.uuid4().hex[:8]}"
    real.server.put_item("work_order", key, "hxy", work_order_data(key, technician_id=technician))
    return key


def _visit_task(real, staff: str) -> str:
    key = f"vt-{uuid.uuid4().hex[:8]}"
    task = {
        "id": key,
        "staff_id": staff,
        "owner_id": "owner-1203",
        "room_id": "room-3-2-1203",
        "reason": "after_repair",
        "status": "pending",
        "created_at": "2025-03-02T11:00:00+08:00",
    }
    real.server.put_item("visit_task", key, "hxy", task)
    return key


def _check(work_order_id: str, technician: str, version: int = CURRENT, **changes) -> dict:
    payload = repair_check(work_order_id, work_order_version=version, **changes)
    return record("repair_check", payload | {"technician_id": technician})


def _visit(task_id: str, staff: str) -> dict:
    return record("return_visit", return_visit(task_id) | {"staff_id": staff})


def _refused_alone(results: list[dict], field: str, code: str) -> None:
    """The first record is refused with ``code`` on ``field`` and text in both
    languages; every other record of the batch is accepted."""
    refused, *others = results
    assert refused["outcome"] == "rejected"
    assert codes(refused) == [(field, code)]
    assert refused["errors"][0]["message"] == MESSAGES[code].to_dict()
    assert [result["outcome"] for result in others] == ["accepted"] * len(others)


# -- work orders ---------------------------------------------------------------------------


def test_a_technician_may_not_close_another_technician_s_work_order(real):
    theirs, mine = _work_order(real, "qian"), _work_order(real, "zhao")

    results = real.push("zhao", _check(theirs, "zhao"), _check(mine, "zhao"))

    _refused_alone(results, "payload.work_order_id", "work_order_not_yours")
    assert real.server.item("work_order", theirs)["status"] == "assigned"
    assert real.server.item("work_order", mine)["status"] == "done"


def test_a_check_on_another_s_changed_order_is_refused_without_carrying_the_order(real):
    theirs = _work_order(real, "qian")

    [result] = real.push("zhao", _check(theirs, "zhao", version=0))

    assert result["outcome"] == "rejected"
    assert codes(result) == [("payload.work_order_id", "work_order_not_yours")]
    assert "work_order" not in result
    assert "qian" not in str(result)


def test_a_check_on_the_technician_s_own_changed_order_is_still_a_conflict_carrying_it(real):
    mine = _work_order(real, "zhao")

    [result] = real.push("zhao", _check(mine, "zhao", version=0))

    assert (result["outcome"], result["reason"]) == ("conflict", "work_order_changed")
    assert result["work_order"]["data"]["technician_id"] == "zhao"


def test_a_supervisor_may_record_a_check_on_any_work_order_of_the_estate(real):
    theirs = _work_order(real, "qian")

    [result] = real.push("chen", _check(theirs, "chen", result="needs_parts"))

    assert result["outcome"] == "accepted"
    assert real.server.item("work_order", theirs)["status"] == "on_hold"


# -- visit tasks ---------------------------------------------------------------------------


def test_a_service_account_may_not_answer_another_s_visit_task(real):
    theirs, mine = _visit_task(real, "zhou"), _visit_task(real, "li")

    results = real.push("li", _visit(theirs, "li"), _visit(mine, "li"))

    _refused_alone(results, "payload.task_id", "visit_task_not_yours")
    assert real.server.item("visit_task", theirs)["status"] == "pending"
    assert real.server.item("visit_task", mine)["status"] == "done"


def test_a_supervisor_may_answer_any_visit_task_of_the_estate(real):
    theirs = _visit_task(real, "zhou")

    [result] = real.push("chen", _visit(theirs, "chen"))

    assert result["outcome"] == "accepted"
    assert real.server.item("visit_task", theirs)["status"] == "done"


# -- another account's record --------------------------------------------------------------


def test_a_patrol_account_may_not_write_a_revision_of_a_colleague_s_round(real):
    colleagues = good_round("wang")
    real.push("wang", colleagues)
    takeover = record(
        "patrol_round",
        patrol_round() | {"staff_id": "liu"},
        record_id=colleagues["id"],
        revision=2,
    )

    results = real.push("liu", takeover, good_round("liu"))

    _refused_alone(results, "id", "record_not_yours")
    stored = real.stored(colleagues)[colleagues["id"]]
    assert (stored["revision"], stored["payload"]["staff_id"]) == (1, "wang")


def test_a_supervisor_may_write_a_revision_of_anyone_s_record_keeping_its_author(real):
    received = record("complaint", complaint())
    real.push("li", received)
    followed = record("complaint", complaint("classified"), record_id=received["id"], revision=2)

    [result] = real.push("chen", followed)

    assert result["outcome"] == "accepted"
    stored = real.stored(received)[received["id"]]
    assert (stored["revision"], stored["payload"]["received_by"]) == (2, "li")


def test_a_supervisor_of_another_estate_may_not_write_a_revision(real):
    received = record("complaint", complaint())
    real.push("li", received)

    [result] = real.push(
        "sun", record("complaint", complaint("classified"), record_id=received["id"], revision=2)
    )

    assert codes(result) == [("payload.estate_id", "estate_forbidden")]


# -- the author field ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "made", "field"),
    [
        ("wang", lambda: good_round("liu"), "payload.staff_id"),
        ("li", lambda: record("complaint", complaint(received_by="zhou")), "payload.received_by"),
        ("li", lambda: _visit(None, "zhou"), "payload.staff_id"),
        ("zhao", lambda: _check("wo-unknown", "qian"), "payload.technician_id"),
        ("chen", lambda: good_round("wang"), "payload.staff_id"),
    ],
    ids=["patrol", "complaint", "return-visit", "repair-check", "supervisor-new-record"],
)
def test_a_record_naming_another_account_as_its_author_is_refused(real, username, made, field):
    refused = made()
    own = good_round(username) if username in ("wang", "chen") else None
    batch = [refused] if own is None else [refused, own]

    results = real.push(username, *batch)

    _refused_alone(results, field, "author_not_you")
    assert real.stored(refused) == {}


def test_a_supervisor_may_not_give_someone_else_s_record_a_third_author(real):
    received = record("complaint", complaint())
    real.push("li", received)
    renamed = complaint("classified", received_by="zhou")

    [result] = real.push("chen", record("complaint", renamed, record_id=received["id"], revision=2))

    assert codes(result) == [("payload.received_by", "author_not_you")]


def test_the_author_is_compared_as_usernames_are_without_case_or_spaces(real):
    [result] = real.push("wang", good_round(" WANG "))

    assert result["outcome"] == "accepted"
