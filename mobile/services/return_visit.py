"""An owner return visit (业主回访) in progress, kept as a draft at every change, saved whole.

    visits = ReturnVisitService(store, forms)
    visits.start_task("hxy-demo-vt-01")            # from a visit task on Today
    visits.start_room("hxy-3-2-1101", "hxy-o-1")    # or by hand, from the unit's file
    visits.change(method="phone", satisfaction="satisfied", feedback="...")
    visits.add_need("卫生间水管漏水")
    visits.follow_up(0, "repair")                  # 转报修: one tap
    record = visits.save()

The visit lives in the draft ``return_visit:current``, written durably on every call,
so an app killed mid-form opens on it again as it was. One visit is in progress at a
time: starting another while one is open is refused, so nothing typed is lost.

A need marked ``repair`` (转报修) is a repair request: the server opens a work order for
the visit's room when the visit arrives (``server.services.workflows``), assigned to a
technician, who then sees the room's owners. A tablet never makes work orders itself:
they are the server's to assign. A need marked ``complaint`` (转投诉) is taken as a
complaint of its own on the complaint form, prefilled from the visit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from domain import rooms
from domain.records import RETURN_VISIT
from domain.return_visit import FollowUp
from domain.text import ExplainedError, Text
from mobile.services.forms import Forms
from mobile.store.records import StoredRecord
from mobile.store.store import Store

DRAFT_KEY = "return_visit:current"
REPAIR_NOTE = Text(
    "同步后将生成维修工单，派给维修工。",
    "A work order goes to a technician when the visit syncs.",
)


class VisitInProgress(ExplainedError):
    text = Text(
        "已有一次回访未完成，请先保存或放弃它。",
        "A return visit is already open: save or discard it first.",
    )


class NoVisit(ExplainedError):
    text = Text("没有进行中的回访。", "No return visit is open.")


class TaskAnswered(ExplainedError):
    text = Text(
        "这个回访任务已有回访记录，正在等待同步。",
        "This visit task is answered already: the visit waits to sync.",
    )


class UnknownTask(ExplainedError):
    text = Text(
        "平板上没有这个回访任务，请先同步。", "This visit task is not on the tablet: sync first."
    )


class ReturnVisitService:
    def __init__(
        self,
        store: Store,
        forms: Forms,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.store = store
        self.forms = forms
        self.now = now

    def current(self) -> dict[str, Any] | None:
        draft = self.store.drafts.load(DRAFT_KEY)
        return None if draft is None else draft.fields

    # -- starting ------------------------------------------------------------------------

    def start_task(self, task_id: str) -> dict[str, Any]:
        """Open the visit a task asks for; the same task again reopens its draft."""
        current = self.current()
        if current is not None and current.get("task_id") == task_id:
            return current
        task = self.store.reference.get("visit_task", task_id)
        if task is None:
            raise UnknownTask(task_id)
        if any(r.payload.get("task_id") == task_id for r in self.store.records.find(RETURN_VISIT)):
            raise TaskAnswered(task_id)
        return self._start(task["room_id"], task["owner_id"], task_id)

    def start_room(self, room_id: str, owner_id: str) -> dict[str, Any]:
        """A visit started by hand (a routine call, 定期走访): no task."""
        return self._start(room_id, owner_id, None)

    def _start(self, room_id: str, owner_id: str, task_id: str | None) -> dict[str, Any]:
        if self.current() is not None:
            raise VisitInProgress(room_id)
        fields: dict[str, Any] = {
            "task_id": task_id,
            "room_id": room_id,
            "owner_id": owner_id,
            "method": "on_site",
            "satisfaction": "",
            "feedback": "",
            "needs": [],
            "visited_at": self.now().isoformat(),
        }
        self._save(fields)
        return fields

    # -- changing ------------------------------------------------------------------------

    def change(self, **changes: Any) -> dict[str, Any]:
        """Method, satisfaction or feedback, saved at once."""
        fields = self._visit() | changes
        self._save(fields)
        return fields

    def add_need(self, description: str = "") -> int:
        fields = self._visit()
        fields["needs"] = [*fields["needs"], {"description": description, "follow_up": None}]
        self._save(fields)
        return len(fields["needs"]) - 1

    def describe_need(self, index: int, description: str) -> None:
        self._change_need(index, description=description)

    def follow_up(self, index: int, follow_up: str | None) -> None:
        """Mark a need as becoming a complaint or a repair (None: neither)."""
        if follow_up is not None:
            FollowUp(follow_up)  # type: ignore[call-arg]  # an unknown value: a bug
        self._change_need(index, follow_up=follow_up)

    def remove_need(self, index: int) -> None:
        fields = self._visit()
        fields["needs"] = [n for i, n in enumerate(fields["needs"]) if i != index]
        self._save(fields)

    def _change_need(self, index: int, **changes: Any) -> None:
        fields = self._visit()
        needs = list(fields["needs"])
        needs[index] = needs[index] | changes
        fields["needs"] = needs
        self._save(fields)

    # -- finishing -----------------------------------------------------------------------

    def errors(self) -> dict[str, Text]:
        """The first error of each field the visit has now (empty when it can be saved)."""
        found: dict[str, Text] = {}
        for error in self.forms.check(RETURN_VISIT, self.payload()):
            found.setdefault(error.field, error.text)
        return found

    def payload(self) -> dict[str, Any]:
        fields = dict(self._visit())
        fields["needs"] = [n for n in fields["needs"] if n["description"].strip()]
        return fields

    def save(self) -> StoredRecord:
        """Validate and save the visit (``FormInvalid`` keeps the draft as it is)."""
        return self.forms.submit(DRAFT_KEY, RETURN_VISIT, self.payload())

    def discard(self) -> None:
        self.store.drafts.discard(DRAFT_KEY)

    # -- what the form shows -------------------------------------------------------------

    def room_label(self, room_id: str) -> str:
        return room_label(self.store, room_id)

    def owner_name(self, owner_id: str) -> str:
        owner = self.store.reference.get("owner", owner_id)
        return owner["name"] if owner else ""

    def _visit(self) -> dict[str, Any]:
        fields = self.current()
        if fields is None:
            raise NoVisit()
        return fields

    def _save(self, fields: dict[str, Any]) -> None:
        self.forms.keep_draft(DRAFT_KEY, fields)


def room_label(store: Store, room_id: str) -> str:
    """``3栋2单元1101`` from the reference data; the id when the tablet lacks the room."""
    reference = store.reference
    room = reference.get("room", room_id)
    if room is None:
        return room_id
    unit = reference.get("unit", room["unit_id"]) or {}
    building = reference.get("building", unit.get("building_id", "")) or {}
    return rooms.room_label(building.get("name", ""), unit.get("name", ""), room["number"])
