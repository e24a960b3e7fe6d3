"""The owner return visit (业主回访): method, the five satisfaction levels, the owner's
feedback and needs; a need becomes a repair (or a complaint) in one tap.

Opened from a visit task on Today or by hand from a unit's file. Every change goes to
the return-visit service, which keeps it as the draft at once, so a killed app opens
on this form again (``resume``). The form is built in Python (the needs are a list);
it is rebuilt after a tap, not while typing, so a text field keeps its focus.
"""

from __future__ import annotations

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import ObjectProperty, StringProperty
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from domain.return_visit import FollowUp, Satisfaction, VisitMethod
from domain.text import ExplainedError, Text
from domain.visit_task import VisitReason
from mobile.screens.complaint import open_complaint
from mobile.screens.units import label_of
from mobile.services.forms import FormInvalid
from mobile.services.return_visit import DRAFT_KEY as VISIT_DRAFT
from mobile.services.return_visit import REPAIR_NOTE
from mobile.widgets.patrol_panel import button, field, label

SAVED = Text("回访已保存，将随同步上传。", "The visit is saved and goes up with the next sync.")


def where_and_who(reference, room_id: str, owner_id: str | None) -> dict[str, str]:
    """The complaint intake's words for a visit's room and owner (names, not ids)."""
    room = reference.get("room", room_id) or {}
    unit = reference.get("unit", room.get("unit_id", "")) or {}
    building = reference.get("building", unit.get("building_id", "")) or {}
    owner = (reference.get("owner", owner_id) if owner_id else None) or {}
    phones = owner.get("phones") or [""]
    return {
        "building": building.get("name", ""),
        "unit": unit.get("name", ""),
        "room": room.get("number", ""),
        "owner": owner.get("name", ""),
        "phone": phones[0],
    }


class ReturnVisitScreen(MDScreen):
    heading = StringProperty("")
    message = ObjectProperty(None, allownone=True)  # a bilingual Text
    errors = ObjectProperty({})  # field -> Text, after a refused save

    def on_kv_post(self, base_widget) -> None:
        App.get_running_app().bind(language=self.refresh)

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    @property
    def visits(self):
        return App.get_running_app().visits

    # -- opening -------------------------------------------------------------------------

    def resume(self, draft_key: str) -> bool:
        """Whether ``draft_key`` is a visit left open (the app opens on it after a restart)."""
        return draft_key == VISIT_DRAFT and self.visits.current() is not None

    def open_task(self, task_id: str) -> bool:
        return self._try(lambda: self.visits.start_task(task_id))

    def open_room(self, room_id: str, owner_id: str) -> bool:
        return self._try(lambda: self.visits.start_room(room_id, owner_id))

    # -- what the person does --------------------------------------------------------------

    def set_method(self, method: str) -> None:
        self._try(lambda: self.visits.change(method=method))

    def set_satisfaction(self, satisfaction: str) -> None:
        self._try(lambda: self.visits.change(satisfaction=satisfaction))

    def set_feedback(self, text: str) -> None:
        self.visits.change(feedback=text)

    def add_need(self) -> None:
        self._try(self.visits.add_need)

    def describe_need(self, index: int, text: str) -> None:
        self.visits.describe_need(index, text)

    def remove_need(self, index: int) -> None:
        self._try(lambda: self.visits.remove_need(index))

    def to_repair(self, index: int) -> None:
        """One tap: the need becomes a repair request (tap again to undo)."""
        need = self.visits.current()["needs"][index]
        marked = None if need["follow_up"] == FollowUp.REPAIR.value else FollowUp.REPAIR.value
        self._try(lambda: self.visits.follow_up(index, marked))

    def to_complaint(self, index: int) -> None:
        """One tap: the need is marked and the complaint form opens, prefilled."""
        fields = self.visits.current()
        need = fields["needs"][index]
        self.visits.follow_up(index, FollowUp.COMPLAINT.value)
        app = App.get_running_app()
        where = where_and_who(app.store.reference, fields["room_id"], fields.get("owner_id"))
        open_complaint(app, matter=need["description"], **where)

    def save(self) -> None:
        try:
            self.visits.save()
        except FormInvalid as refused:
            self.errors = refused.by_field()
            self.message = refused.text
            self.refresh()
            return
        self.errors, self.message = {}, SAVED
        App.get_running_app().show("today")

    def discard(self) -> None:
        self.visits.discard()
        self.errors, self.message = {}, None
        App.get_running_app().show("today")

    def _try(self, action) -> bool:
        try:
            action()
        except ExplainedError as refused:
            self.message = refused.text
            self.refresh()
            return False
        self.message = None
        self.refresh()
        return True

    # -- what is shown -------------------------------------------------------------------

    def refresh(self, *_args) -> None:
        form = self.ids.form
        form.clear_widgets()
        app = App.get_running_app()
        fields = self.visits.current()
        if fields is None:
            self.heading = ""
            form.add_widget(label(app.tr("Open a visit task on Today, or a unit's file."), "Title"))
            if self.message is not None:
                form.add_widget(label(app.say(self.message), "Title", "medium"))
            return
        self.heading = self._heading(fields)
        self._choices(form, app.tr("Method"), VisitMethod, fields["method"], self.set_method)
        self._choices(
            form, app.tr("Satisfaction"), Satisfaction, fields["satisfaction"],
            self.set_satisfaction,
        )  # fmt: skip
        feedback = field(app.tr("The owner's feedback"), fields["feedback"])
        feedback.bind(text=lambda _f, text: self.set_feedback(text))
        form.add_widget(feedback)
        feedback.error = self._shows_error(form, "feedback")
        form.add_widget(label(app.tr("Needs"), "Title", "medium"))
        for index, need in enumerate(fields["needs"]):
            self._need(form, index, need, app)
        form.add_widget(button(app.tr("Add a need"), self.add_need, filled=False))
        if self.message is not None:
            form.add_widget(label(app.say(self.message), "Title", "medium", error=True))
        actions = MDBoxLayout(size_hint_y=None, height=dp(64), spacing=dp(16))
        actions.add_widget(button(app.tr("Save the visit"), self.save))
        actions.add_widget(button(app.tr("Discard"), self.discard, filled=False))
        form.add_widget(actions)

    def _heading(self, fields) -> str:
        app = App.get_running_app()
        parts = [self.visits.room_label(fields["room_id"])]
        owner = self.visits.owner_name(fields["owner_id"])
        if owner:
            parts.append(owner)
        task = fields["task_id"] and app.store.reference.get("visit_task", fields["task_id"])
        if task:
            parts.append(app.say(label_of(VisitReason, task["reason"])))
        else:
            parts.append(app.tr("Started by hand"))
        return "  ·  ".join(parts)

    def _choices(self, form, title: str, choice, chosen: str, on_choose) -> None:
        app = App.get_running_app()
        row = MDBoxLayout(size_hint_y=None, height=dp(64), spacing=dp(10))
        name = label(title, "Title", "medium")
        name.size_hint_x, name.width = None, dp(120)
        name.pos_hint = {"center_y": 0.5}
        row.add_widget(name)
        for option in choice:
            row.add_widget(button(
                app.say(option.label), lambda v=option.value: on_choose(v),
                filled=option.value == chosen,
            ))  # fmt: skip
        form.add_widget(row)
        self._shows_error(form, title_field(choice))

    def _shows_error(self, form, name: str) -> bool:
        """Under a field, why a save was refused, while it still holds."""
        said = self.errors.get(name)
        if said is None or self.visits.errors().get(name) is None:
            return False
        form.add_widget(label(App.get_running_app().say(said), error=True))
        return True

    def _need(self, form, index: int, need, app) -> None:
        row = MDBoxLayout(size_hint_y=None, height=dp(64), spacing=dp(10))
        text = field(app.tr("What the owner needs"), need["description"])
        text.bind(text=lambda _f, typed, i=index: self.describe_need(i, typed))
        row.add_widget(text)
        repair = need["follow_up"] == FollowUp.REPAIR.value
        row.add_widget(button(
            app.say(FollowUp.REPAIR.label), lambda i=index: self.to_repair(i),
            filled=repair,
        ))  # fmt: skip
        row.add_widget(button(
            app.say(FollowUp.COMPLAINT.label), lambda i=index: self.to_complaint(i),
            filled=need["follow_up"] == FollowUp.COMPLAINT.value,
        ))  # fmt: skip
        row.add_widget(button(app.tr("Remove"), lambda i=index: self.remove_need(i), filled=False))
        form.add_widget(row)
        if repair:
            form.add_widget(label(app.say(REPAIR_NOTE), "Body", "medium"))


def title_field(choice) -> str:
    return "method" if choice is VisitMethod else "satisfaction"
