from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.complaint import (
    Channel,
    Closure,
    Complaint,
    ComplaintCategory,
    Escalation,
    ProgressUpdate,
    Severity,
)
from domain.complaint_lifecycle import classify, close, escalate, record_progress, start_handling
from domain.deadlines import deadline, is_overdue
from domain.visit_task import VisitReason, VisitTask, VisitTaskStatus
from domain.work_order import RepairCategory, WorkOrder, WorkOrderSource, WorkOrderStatus

CST = timezone(timedelta(hours=8))
T0 = datetime(2024, 5, 1, 9, 30, tzinfo=CST)


def hours(n: float) -> datetime:
    return T0 + timedelta(hours=n)


def complaint() -> Complaint:
    return Complaint(
        "hxy", Channel.PHONE, "staff-2", T0, "王先生", "13800138000", "3栋", "2单元", "1203",
        "楼道灯坏了", "尽快修好",
    )  # fmt: skip


def classified() -> Complaint:
    return classify(
        complaint(), category=ComplaintCategory.PUBLIC_FACILITY, severity=Severity.GENERAL
    )


def handled(promised: float = 8) -> Complaint:
    return start_handling(
        classified(), department="工程部", promised_at=hours(promised), at=hours(1)
    )


def test_a_new_complaint_must_be_answered_within_24_hours():
    assert deadline(complaint()) == hours(24)
    assert not is_overdue(complaint(), hours(23.9))
    assert is_overdue(complaint(), hours(24.1))


def test_a_handled_complaint_is_due_when_the_owner_was_told():
    assert deadline(handled(promised=30)) == hours(30)
    assert not is_overdue(handled(promised=30), hours(25))


def test_a_major_complaint_is_due_at_the_reply_time_agreed_with_the_owner():
    major = classify(
        complaint(),
        category=ComplaintCategory.PROPERTY_SERVICE,
        severity=Severity.MAJOR,
        escalation=Escalation("项目经理", "需公司决定", hours(72), hours(1)),
    )

    assert deadline(major) == hours(72)
    assert is_overdue(major, hours(73))


def test_the_most_recent_promise_to_the_owner_counts():
    escalated = escalate(
        handled(promised=8), escalation=Escalation("项目经理", "需公司决定", hours(48), hours(5))
    )
    assert deadline(escalated) == hours(48)

    update = ProgressUpdate(
        hours(40), "需外协单位，改约时间", owner_informed=True, promised_at=hours(60)
    )
    assert deadline(record_progress(escalated, update=update)) == hours(60)


def test_a_progress_note_without_a_new_promise_leaves_the_deadline_alone():
    update = ProgressUpdate(hours(2), "已派维修工", owner_informed=True)

    assert deadline(record_progress(handled(promised=8), update=update)) == hours(8)


def test_a_closed_complaint_is_never_overdue():
    closed = close(handled(), closure=Closure(hours(7), "已更换灯泡", "满意"))

    assert deadline(closed) is None
    assert not is_overdue(closed, hours(1000))


def work_order(status=WorkOrderStatus.ASSIGNED, due_at=None) -> WorkOrder:
    return WorkOrder(
        "wo-1", "tech-4", RepairCategory.ELECTRIC, "楼道灯不亮", WorkOrderSource.COMPLAINT,
        status, T0, place="3栋2单元楼道", due_at=due_at,
    )  # fmt: skip


def test_a_work_order_is_due_within_24_hours_unless_the_dispatcher_set_a_time():
    assert deadline(work_order()) == hours(24)
    assert deadline(work_order(due_at=hours(2))) == hours(2)
    assert is_overdue(work_order(due_at=hours(2)), hours(3))


@pytest.mark.parametrize("status", [WorkOrderStatus.DONE, WorkOrderStatus.CANCELLED])
def test_a_finished_or_cancelled_work_order_is_never_overdue(status):
    assert not is_overdue(work_order(status), hours(1000))


def visit_task(status=VisitTaskStatus.PENDING, due_at=None) -> VisitTask:
    return VisitTask(
        "task-1", "staff-2", "owner-1", "room-1", VisitReason.AFTER_REPAIR, status, T0,
        due_at=due_at,
    )  # fmt: skip


def test_a_visit_task_is_due_within_three_days_unless_a_time_was_set():
    assert deadline(visit_task()) == hours(72)
    assert is_overdue(visit_task(), hours(73))
    assert deadline(visit_task(due_at=hours(5))) == hours(5)
    assert not is_overdue(visit_task(VisitTaskStatus.DONE), hours(1000))


def test_now_must_carry_a_timezone():
    with pytest.raises(ValueError):
        is_overdue(complaint(), datetime(2024, 5, 2, 12, 0))


def test_deadlines_compare_correctly_across_timezones():
    utc_just_after = (hours(24) + timedelta(minutes=1)).astimezone(UTC)

    assert is_overdue(complaint(), utc_just_after)


def test_only_complaints_work_orders_and_visit_tasks_have_deadlines():
    with pytest.raises(TypeError):
        deadline("a patrol round")
