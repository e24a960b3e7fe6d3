"""Units and owners, offline: find a room by building / unit / room or as people say its
number ("3栋2单元1101", "3-2-1101"), or an owner by name (pinyin initials too: "zs"
finds 张三); a room opens its file on the right: its owners, as the signed-in role may
see them, the work orders and visit tasks the tablet holds for it, and the repairs,
complaints and return visits recorded there on this tablet.

The finder (``mobile.services.rooms.RoomFinder``) is built off the UI thread, again
after a pull or a change of who is signed in (building it for 10,000 rooms takes
about a second). Who sees owners is the finder's rule (the server's pull): service
staff and supervisors, the archive; a technician, the owners of its own open work
orders; patrol, none. Nothing of an owner is written to the log.
"""

from __future__ import annotations

import threading

from kivy.app import App
from kivy.clock import mainthread
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from domain.choices import Choice
from domain.complaint import ComplaintStatus
from domain.owner import Occupancy
from domain.records import COMPLAINT, REPAIR_CHECK, RETURN_VISIT
from domain.repair_check import RepairResult
from domain.return_visit import Satisfaction
from domain.text import Text
from domain.visit_task import VisitReason, VisitTaskStatus
from domain.work_order import WorkOrderStatus
from mobile.services.rooms import RoomFinder
from mobile.services.today import ESTATE_TIME
from mobile.widgets.patrol_panel import button, label

# The kinds of row this screen lists (a tap comes back through ``app.open_work``).
ROWS = ("building", "unit", "room", "owner")
VISIT_ROLES = frozenset({"service", "supervisor"})
NO_OWNERS = {
    "patrol": Text("秩序维护岗位不显示业主信息。", "Owner details are not shown to patrol staff."),
    "technician": Text(
        "只显示您未完成工单所在房间的业主。",
        "Owners are shown only for the rooms of your open work orders.",
    ),
}


class UnitsScreen(MDScreen):
    finder = ObjectProperty(None, allownone=True)
    where = StringProperty("")
    can_go_up = BooleanProperty(False)
    room_id = StringProperty("")  # the room whose file is open

    def on_kv_post(self, base_widget) -> None:
        self._built_for = None
        self._path: list[tuple[str, str]] = []  # (kind, id) browsed into: building, unit
        app = App.get_running_app()
        app.bind(language=self.refresh, signed_in=self._maybe_rebuild)
        app.bind(sync_view=self._maybe_rebuild)

    def on_pre_enter(self, *args) -> None:
        self._maybe_rebuild()
        self.refresh()

    # -- the finder, a snapshot of the tablet's reference data -----------------------------

    def _wanted(self):
        app = App.get_running_app()
        who = app.session.current
        if who is None:
            return None
        return (who.username, who.role, app.store.reference.cursor())

    def _maybe_rebuild(self, *_args) -> None:
        wanted = self._wanted()
        if wanted is None or wanted == self._built_for:
            return
        self._built_for = wanted
        username, role, _cursor = wanted
        store = App.get_running_app().store

        def build() -> None:
            self._built(wanted, RoomFinder.from_store(store, role=role, username=username))

        threading.Thread(target=build, name="room-finder", daemon=True).start()

    @mainthread
    def _built(self, wanted, finder: RoomFinder) -> None:
        if wanted == self._built_for:
            self.finder = finder
            if self.room_id and self.room_id not in finder.index.rooms:
                self.room_id = ""
            self.refresh()

    # -- what the person does ------------------------------------------------------------

    def search(self, text: str) -> None:
        self.refresh_list()

    def open(self, kind: str, key: str) -> None:
        """A tap on a row: go into a building or unit, open a room's file."""
        if kind in ("building", "unit"):
            self._path = [p for p in self._path if p[0] == "building"] if kind == "unit" else []
            self._path.append((kind, key))
            self.ids.query.text = ""
        elif kind == "room":
            self.room_id = key
        elif kind == "owner" and self.finder is not None:
            rooms = self.finder.index.rooms_of(self.finder.index.owners[key])
            if rooms:
                self.room_id = rooms[0].id
        self.refresh()

    def go_up(self) -> None:
        self._path = self._path[:-1]
        self.refresh()

    def start_visit(self, owner_id: str) -> None:
        app = App.get_running_app()
        if app.screen("return_visit").open_room(self.room_id, owner_id):
            app.show("return_visit")

    # -- what is shown -------------------------------------------------------------------

    def refresh(self, *_args) -> None:
        self.refresh_list()
        self.refresh_file()

    def refresh_list(self) -> None:
        app = App.get_running_app()
        text = self.ids.query.text.strip()
        self.can_go_up = bool(self._path) and not text
        if self.finder is None:
            self.where, self.ids.results.data = app.tr("Loading the rooms…"), []
            return
        index = self.finder.index
        if text:
            found = self.finder.search(text)
            self.where = app.tr("Found")
            rows = [_room_row(room, index) for room in found.rooms[:200]]
            rows += [_owner_row(owner, index) for owner in found.owners[:200]]
        elif not self._path:
            self.where = app.tr("Buildings")
            rows = [
                _place_row("building", p, "office-building", app.say(units_text(index, p.id)))
                for p in index.buildings()
            ]
        elif self._path[-1][0] == "building":
            building = self._path[-1][1]
            self.where = _name_of(index.buildings(), building)
            rows = [
                _place_row("unit", p, "door", app.say(rooms_text(index, p.id)))
                for p in index.units(building)
            ]
        else:
            building, unit = self._path[0][1], self._path[-1][1]
            self.where = _name_of(index.buildings(), building) + _name_of(
                index.units(building), unit
            )
            rows = [_room_row(room, index) for room in index.rooms_in(unit)]
        if text and not rows:
            self.where = app.tr("Nothing found")
        self.ids.results.data = rows

    def refresh_file(self) -> None:
        box = self.ids.file
        box.clear_widgets()
        app = App.get_running_app()
        unit_file = self.finder.unit_file(self.room_id) if self.finder and self.room_id else None
        if unit_file is None:
            box.add_widget(label(app.tr("Choose a room to open its file."), "Title"))
            return
        box.add_widget(label(unit_file.room.label, "Headline", "small"))
        self._owners(box, unit_file, app)
        self._section(box, app.tr("Work orders"), [
            f"{app.say(label_of(WorkOrderStatus, o['status']))} · {o['description']}"
            for o in unit_file.work_orders
        ])  # fmt: skip
        self._section(box, app.tr("Visit tasks"), [
            f"{app.say(label_of(VisitTaskStatus, t['status']))} · "
            f"{app.say(label_of(VisitReason, t['reason']))}"
            for t in unit_file.visit_tasks
        ])  # fmt: skip
        self._section(box, app.tr("Recorded on this tablet"), [
            history_line(record, app) for record in unit_file.history
        ])  # fmt: skip

    def _owners(self, box, unit_file, app) -> None:
        role = app.session.current.role if app.session.current else ""
        box.add_widget(label(app.tr("Owners"), "Title", "medium"))
        if not unit_file.owners:
            said = NO_OWNERS.get(role)
            box.add_widget(
                label(app.say(said) if said else app.tr("No owner on file."), "Body", "medium")
            )
        for owner in unit_file.owners:
            row = MDBoxLayout(size_hint_y=None, height=dp(64), spacing=dp(12))
            who = label(owner_line(owner, app), "Body", "large")
            who.pos_hint = {"center_y": 0.5}
            row.add_widget(who)
            if role in VISIT_ROLES:
                row.add_widget(button(
                    app.tr("Start a visit"), lambda o=owner["id"]: self.start_visit(o),
                    filled=False,
                ))  # fmt: skip
            box.add_widget(row)

    def _section(self, box, title: str, lines: list[str]) -> None:
        app = App.get_running_app()
        box.add_widget(label(title, "Title", "medium"))
        for line in lines or [app.tr("None")]:
            box.add_widget(label(line, "Body", "medium"))


def label_of(choice: type[Choice], value: str) -> Text:
    """The words for a code of ``choice`` (``VisitReason``, ``"routine"`` -> 定期走访)."""
    return choice(value).label  # type: ignore[call-arg]  # looked up by value


def _name_of(places, place_id: str) -> str:
    return next((p.name for p in places if p.id == place_id), "")


def units_text(index, building_id: str) -> Text:
    count = len(index.units(building_id))
    return Text(f"{count} 个单元", f"{count} units")


def rooms_text(index, unit_id: str) -> Text:
    count = len(index.rooms_in(unit_id))
    return Text(f"{count} 户", f"{count} homes")


def _place_row(kind: str, place, icon: str, detail: str) -> dict:
    return {"kind": kind, "key": place.id, "title": place.name, "detail": detail, "due": "",
            "overdue": False, "icon": icon}  # fmt: skip


def _room_row(room, index) -> dict:
    """The owners' names under the room, when the account may see them."""
    owners = "、".join(owner.name for owner in index.owners_of(room.id))
    return {"kind": "room", "key": room.id, "title": room.label, "detail": owners, "due": "",
            "overdue": False, "icon": "home-outline"}  # fmt: skip


def _owner_row(owner, index) -> dict:
    rooms = "、".join(room.label for room in index.rooms_of(owner))
    return {"kind": "owner", "key": owner.id, "title": owner.name, "detail": rooms, "due": "",
            "overdue": False, "icon": "account"}  # fmt: skip


def owner_line(owner: dict, app) -> str:
    """Name, occupancy, phones and family, as much as the pull let the tablet hold."""
    parts = [owner["name"]]
    if owner.get("occupancy"):
        parts.append(app.say(label_of(Occupancy, owner["occupancy"])))
    parts.extend(owner.get("phones", []))
    family = owner.get("family_members", [])
    if family:
        parts.append(app.say(Text(f"家庭成员 {len(family)} 人", f"{len(family)} in the family")))
    return "  ·  ".join(parts)


def history_line(record, app) -> str:
    payload = record.payload
    when = record.created_at.astimezone(ESTATE_TIME).strftime("%Y-%m-%d")
    if record.kind == REPAIR_CHECK:
        what = Text("维修", "Repair")
        detail = app.say(label_of(RepairResult, payload["result"])) if payload.get("result") else ""
    elif record.kind == COMPLAINT:
        what = Text("投诉", "Complaint")
        status = payload.get("status")
        detail = payload.get("matter", "")
        if status:
            detail = f"{app.say(label_of(ComplaintStatus, status))} · {detail}"
    elif record.kind == RETURN_VISIT:
        what = Text("回访", "Return visit")
        detail = app.say(label_of(Satisfaction, payload["satisfaction"]))
    else:
        what, detail = Text(record.kind, record.kind), ""
    return f"{when}  {app.say(what)} · {detail}"
