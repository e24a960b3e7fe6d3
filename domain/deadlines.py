"""When promises to owners fall due, and whether they are overdue.

The seed's rule: what is promised to an owner is answered on time (承诺业主的事情一定按时
给予回复). Defaults, where nobody has set a time, are what a property company commonly
commits to in its service standards:

- **Complaint**: the owner's *most recent promise* is the deadline. Until someone has
  promised anything (received or classified), the owner gets a reply within
  ``COMPLAINT_REPLY_WITHIN`` (24 h) of receipt. Once handled, it is the time the owner was
  told (``handling.promised_at``); once escalated, the reply time agreed with the owner
  (``escalation.agreed_reply_at``); a later progress update that agreed a new time with the
  owner replaces either. Among several, the one recorded last counts. Closed complaints
  have no deadline.
- **Work order**: done within ``WORK_ORDER_DONE_WITHIN`` (24 h, the usual commitment for
  minor repairs, 小修) of its creation, unless the dispatcher set ``due_at``. Work orders
  that are done or cancelled have none.
- **Visit task**: done within ``VISIT_TASK_DONE_WITHIN`` (3 days: the return visit after a
  repair or complaint comes while the owner still remembers it) of its creation, unless
  ``due_at`` was set. Done or cancelled tasks have none.

``now`` is always passed in (the domain never reads the clock) and must carry a timezone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import singledispatch

from domain.complaint import Complaint, ComplaintStatus
from domain.times import is_aware
from domain.visit_task import VisitTask, VisitTaskStatus
from domain.work_order import WorkOrder, WorkOrderStatus

COMPLAINT_REPLY_WITHIN = timedelta(hours=24)
WORK_ORDER_DONE_WITHIN = timedelta(hours=24)
VISIT_TASK_DONE_WITHIN = timedelta(days=3)


@singledispatch
def deadline(item: object) -> datetime | None:
    """When ``item`` (a complaint, work order or visit task) falls due; None once settled."""
    raise TypeError(f"no deadline rule for {type(item).__name__}")


@deadline.register
def complaint_deadline(complaint: Complaint) -> datetime | None:
    if complaint.status in (ComplaintStatus.CLOSED, ComplaintStatus.SUMMARISED):
        return None
    # (when the promise was made, the time promised)
    promises = [(complaint.received_at, complaint.received_at + COMPLAINT_REPLY_WITHIN)]
    if complaint.handling is not None:
        promises.append((complaint.handling.started_at, complaint.handling.promised_at))
    if complaint.escalation is not None:
        escalation = complaint.escalation
        promises.append((escalation.escalated_at, escalation.agreed_reply_at))
    promises += [(u.at, u.promised_at) for u in complaint.progress if u.promised_at is not None]
    return max(promises, key=lambda promise: promise[0])[1]


@deadline.register
def work_order_deadline(order: WorkOrder) -> datetime | None:
    if order.status in (WorkOrderStatus.DONE, WorkOrderStatus.CANCELLED):
        return None
    return order.due_at or order.created_at + WORK_ORDER_DONE_WITHIN


@deadline.register
def visit_task_deadline(task: VisitTask) -> datetime | None:
    if task.status in (VisitTaskStatus.DONE, VisitTaskStatus.CANCELLED):
        return None
    return task.due_at or task.created_at + VISIT_TASK_DONE_WITHIN


def is_overdue(item: Complaint | WorkOrder | VisitTask, now: datetime) -> bool:
    if not is_aware(now):
        raise ValueError("now must carry a timezone")
    due = deadline(item)
    return due is not None and now > due
