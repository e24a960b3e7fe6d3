"""Today's work for whoever is signed in, overdue first, from the offline data.

    today = TodayService(store, session)
    items = today.items(now)          # [WorkItem], overdue (most overdue) first, then by due time

What is listed:

- **patrol routes** of my estates (patrol staff and supervisors). Each route is
  due once per *shift day*, which runs from 06:00 to 06:00 the next morning,
  estate time (China, UTC+8, no daylight saving). A day route is due by 18:00,
  a night check (夜查) by 06:00 the next morning. A route is done for the shift
  day once a round of it was started on this tablet within that day.
- **work orders** assigned to me that are not done or cancelled, and **visit
  tasks** assigned to me still to do, due as ``domain.deadlines`` says.
- **complaints I follow**: those I received on this tablet that are not closed,
  due at the owner's latest promise.
- **records sent back to me** (退回修改) not yet corrected (``mobile.services.send_backs``),
  first: a supervisor waits for them; they have no deadline.

Reference data is read by kind (the store keeps kinds in memory), only the
kinds listed here, and kept until the next pull changes the cursor; records
saved on this tablet come in one at a time through ``record_saved``. So a
screen asking again costs a sort of the few items that are mine, even with
10,000 rooms and owners in the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from domain.complaint import Complaint
from domain.deadlines import deadline
from domain.errors import InvalidRecord
from domain.records import COMPLAINT, PATROL_ROUND, RETURN_VISIT
from domain.route import Route, Shift
from domain.text import Text
from domain.visit_task import VisitTask
from domain.work_order import WorkOrder
from mobile.services.send_backs import SEND_BACK, SendBacks
from mobile.services.session import Session
from mobile.store.records import StoredRecord
from mobile.store.store import Store

ESTATE_TIME = timezone(timedelta(hours=8), "CST")
SHIFT_DAY_STARTS = time(6, 0)
DAY_ROUTE_DUE = time(18, 0)
ROUTE_ROLES = frozenset({"patrol", "supervisor"})


@dataclass(frozen=True)
class WorkItem:
    kind: str  # "route", "work_order", "visit_task", "complaint", "send_back"
    key: str
    title: str
    detail: Text
    due_at: datetime | None
    overdue_by: timedelta | None

    @property
    def overdue(self) -> bool:
        return self.overdue_by is not None


def shift_day(now: datetime) -> datetime:
    """06:00 estate time of the shift day ``now`` falls in."""
    local = now.astimezone(ESTATE_TIME)
    start = datetime.combine(local.date(), SHIFT_DAY_STARTS, ESTATE_TIME)
    return start if local >= start else start - timedelta(days=1)


def route_due(route: Route, now: datetime) -> datetime:
    start = shift_day(now)
    if route.shift is Shift.NIGHT:
        return start + timedelta(days=1)
    return datetime.combine(start.date(), DAY_ROUTE_DUE, ESTATE_TIME)


def how_overdue(due_at: datetime | None, now: datetime) -> timedelta | None:
    return now - due_at if due_at is not None and now > due_at else None


def describe_overdue(overdue_by: timedelta) -> Text:
    """ "overdue 3 h 20 min" / "已超时 3小时20分", days when it is more than a day."""
    minutes = int(overdue_by.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return Text(f"已超时 {days}天{hours}小时", f"overdue {days} d {hours} h")
    if hours:
        return Text(f"已超时 {hours}小时{minutes}分", f"overdue {hours} h {minutes} min")
    return Text(f"已超时 {minutes}分钟", f"overdue {minutes} min")


class TodayService:
    def __init__(self, store: Store, session: Session):
        self.store = store
        self.session = session
        self.send_backs = SendBacks(store)
        self._cursor: int | None = None
        self._reference: dict[str, list[dict]] = {}
        # route id (None for a round without one) -> start times
        self._rounds: dict[str | None, list[datetime]] | None = None
        self._complaints: dict[str, dict] | None = None  # record id -> payload
        self._answered: set[str] | None = None  # visit tasks a visit saved here answers

    # -- keeping up to date --------------------------------------------------------------

    def record_saved(self, record: StoredRecord) -> None:
        """A record saved on this tablet: a round walked, a complaint taken or updated."""
        if self._rounds is not None and record.kind == PATROL_ROUND:
            _add_round(self._rounds, record.payload)
        if self._complaints is not None and record.kind == COMPLAINT:
            self._complaints[record.id] = record.payload
        if self._answered is not None and record.kind == RETURN_VISIT:
            self._answered.add(record.payload.get("task_id") or "")

    def _reference_items(self, kind: str) -> list[dict]:
        cursor = self.store.reference.cursor()
        if cursor != self._cursor:
            self._reference, self._cursor = {}, cursor
        if kind not in self._reference:
            self._reference[kind] = self.store.reference.all(kind)
        return self._reference[kind]

    def _rounds_by_route(self, shift_start: datetime) -> dict[str | None, list[datetime]]:
        """The rounds that can count for this shift day or a later one: those saved since
        it began (a round is saved after it starts), never the whole history."""
        if self._rounds is None:
            self._rounds = {}
            for record in self.store.records.find(kind=PATROL_ROUND, created_since=shift_start):
                _add_round(self._rounds, record.payload)
        return self._rounds

    def _complaint_payloads(self) -> dict[str, dict]:
        if self._complaints is None:
            records = self.store.records.find(kind=COMPLAINT)
            self._complaints = {record.id: record.payload for record in records}
        return self._complaints

    def _answered_tasks(self) -> set[str]:
        """Visit tasks answered by a visit saved on this tablet (the server marks them done
        when the visit arrives; until then they are not listed as still to do)."""
        if self._answered is None:
            records = self.store.records.find(kind=RETURN_VISIT)
            self._answered = {record.payload.get("task_id") or "" for record in records}
        return self._answered

    # -- the list ------------------------------------------------------------------------

    def items(self, now: datetime) -> list[WorkItem]:
        who = self.session.current
        if who is None:
            return []
        found = [
            *self._sent_back(who.username),
            *self._routes(who, now),
            *self._work_orders(who.username, now),
            *self._visit_tasks(who.username, now),
            *self._complaints_followed(who.username, now),
        ]
        far = datetime.max.replace(tzinfo=ESTATE_TIME)
        return sorted(
            found,
            key=lambda item: (
                item.kind != "send_back",
                not item.overdue,
                -(item.overdue_by or timedelta()).total_seconds(),
                item.due_at or far,
            ),
        )

    def _sent_back(self, username: str) -> list[WorkItem]:
        return [
            WorkItem(
                "send_back", task.id, task.comment,
                Text(f"退回修改 · {task.reviewer}", f"Sent back · {task.reviewer}"), None, None,
            )  # fmt: skip
            for task in self.send_backs.open_for(username, self._reference_items(SEND_BACK))
        ]

    def _routes(self, who, now: datetime) -> list[WorkItem]:
        if who.role not in ROUTE_ROLES:
            return []
        estates = {estate.id for estate in who.estates}
        start = shift_day(now)
        walked = self._rounds_by_route(start)
        found = []
        for data in self._reference_items("route"):
            route = Route.from_dict(data)
            if route.estate_id not in estates:
                continue
            if any(start <= at < start + timedelta(days=1) for at in walked.get(route.id, ())):
                continue
            due = route_due(route, now)
            label, minutes = route.shift.label, route.expected_minutes
            stops = len(route.checkpoint_ids)
            detail = Text(
                f"{label.zh} · {stops} 个巡查点 · 约 {minutes} 分钟",
                f"{label.en} · {stops} checkpoints · about {minutes} min",
            )
            overdue = how_overdue(due, now)
            found.append(WorkItem("route", route.id, route.name, detail, due, overdue))
        return found

    def _work_orders(self, username: str, now: datetime) -> list[WorkItem]:
        found = []
        for data in self._reference_items("work_order"):
            if data.get("technician_id") != username:
                continue
            order = WorkOrder.from_dict(data)
            due = deadline(order)
            if due is None:
                continue
            label = order.category.label
            place = order.place or order.room_id or ""
            detail = Text(f"工单 · {label.zh} · {place}", f"Work order · {label.en} · {place}")
            found.append(
                WorkItem("work_order", order.id, order.description, detail, due,
                         how_overdue(due, now))
            )  # fmt: skip
        return found

    def _visit_tasks(self, username: str, now: datetime) -> list[WorkItem]:
        found = []
        answered = self._answered_tasks()
        for data in self._reference_items("visit_task"):
            if data.get("staff_id") != username or data.get("id") in answered:
                continue
            task = VisitTask.from_dict(data)
            due = deadline(task)
            if due is None:
                continue
            room = self.store.reference.get("room", task.room_id) or {}
            where = room.get("number", task.room_id)
            label = task.reason.label
            detail = Text(f"回访任务 · {label.zh}", f"Return visit · {label.en}")
            found.append(
                WorkItem("visit_task", task.id, str(where), detail, due, how_overdue(due, now))
            )
        return found

    def _complaints_followed(self, username: str, now: datetime) -> list[WorkItem]:
        found = []
        for record_id, payload in self._complaint_payloads().items():
            if payload.get("received_by") != username:
                continue
            try:
                complaint = Complaint.from_dict(payload)
            except InvalidRecord:  # a draft-like record saved before validation existed
                continue
            due = deadline(complaint)
            if due is None:
                continue
            place = f"{complaint.building}-{complaint.unit}-{complaint.room}"
            detail = Text(f"投诉跟进 · {place}", f"Complaint · {place}")
            found.append(
                WorkItem("complaint", record_id, complaint.matter, detail, due,
                         how_overdue(due, now))
            )  # fmt: skip
        return found


def _add_round(rounds: dict[str | None, list[datetime]], payload: dict) -> None:
    try:
        started = datetime.fromisoformat(payload["started_at"])
    except (KeyError, TypeError, ValueError):
        return
    rounds.setdefault(payload.get("route_id"), []).append(started)
