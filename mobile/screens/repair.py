"""Repair check (维修): my work orders on the left; the open one's form in the middle;
the owner's signature, rating and "save" on the right, outside the scrolling form so
that a signature is never read as a scroll.

Every change goes to the repair service, which keeps the form's draft at once; the
photo strips (widgets/photo_strip.py) take a photo with the camera or a file chooser,
re-encode it on a worker thread and report it when it is kept.
"""

from __future__ import annotations

from datetime import datetime

from kivy.app import App
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivymd.uix.screen import MDScreen

from domain.repair_check import RepairResult
from domain.text import ExplainedError, Text
from domain.work_order import RepairCategory
from mobile.services.forms import FormInvalid
from mobile.services.repair import draft_key, order_of_draft
from mobile.services.today import ESTATE_TIME
from mobile.widgets.photo_viewer import PhotoViewer

SAVED = Text("维修记录已保存，将自动同步。", "The repair check is saved and will sync.")


class RepairScreen(MDScreen):
    has_order = BooleanProperty(False)
    title = StringProperty("")
    detail = StringProperty("")
    arrived_at = StringProperty("")
    result = StringProperty("")
    rating = NumericProperty(0)
    photos_before = ListProperty()
    photos_after = ListProperty()
    message = ObjectProperty(None, allownone=True)  # a bilingual Text

    def on_kv_post(self, base_widget) -> None:
        self._loading = False
        self.viewer: PhotoViewer | None = None  # the photo viewer open, if any
        App.get_running_app().bind(language=self.refresh_list)

    def on_pre_enter(self, *args) -> None:
        self.refresh_list()

    @property
    def repair(self):
        return App.get_running_app().repair

    # -- which work order ---------------------------------------------------------------------

    def resume(self, draft_key: str) -> bool:
        """Reopen the repair form ``draft_key`` names, if it is one and its order is held."""
        order = order_of_draft(draft_key)
        if order is None or not App.get_running_app().store.reference.get("work_order", order):
            return False
        self.open_order(order)
        return True

    def open_order(self, order_id: str) -> None:
        self.repair.open(order_id)
        self.message = None
        self.load()
        self.refresh_list()

    def load(self) -> None:
        """Show the open form's fields (a form just opened, or reopened after a restart)."""
        fields, order = self.repair.fields, self.repair.order()
        self.has_order = bool(fields)
        if not fields:
            return
        self._loading = True
        self.title = fields["description"]
        self.detail = self._where(order, fields)
        self.arrived_at = fields.get("arrived_at") or ""
        self.result = fields.get("result") or ""
        self.rating = fields.get("rating") or 0
        self.photos_before = list(fields["photos_before"])
        self.photos_after = list(fields["photos_after"])
        self.ids.diagnosis.text = fields.get("diagnosis", "")
        self.ids.materials.text = fields.get("materials", "")
        signature = fields.get("signature")
        self.ids.pad.strokes = signature["strokes"] if signature else []
        self._loading = False

    def _where(self, order, fields) -> str:
        app = App.get_running_app()
        label = app.say(_choice(RepairCategory, fields["category"]).label)
        where = self.repair.where(order) if order else fields.get("place", "")
        return f"{label} · {where}"

    # -- what the person does -----------------------------------------------------------------

    def arrive(self) -> None:
        self._try(self.repair.arrive)
        self.load()

    def set_text(self, name: str, text: str) -> None:
        if not self._loading and self.has_order:
            self.repair.set(name, text)

    def set_result(self, value: str) -> None:
        self._try(lambda: self.repair.set("result", value))
        self.result = value

    def set_rating(self, stars: int) -> None:
        self._try(lambda: self.repair.set("rating", stars))
        self.rating = stars

    def signed(self, strokes) -> None:
        if not self._loading and self.has_order:
            self._try(lambda: self.repair.sign(strokes))

    def list_photo(self, which: str, sha: str) -> None:
        """A photo the strip has kept in the store goes into the form's draft at once."""
        self._try(lambda: self.repair.list_photo(which, sha))
        self.load()

    def remove_photo(self, which: str, sha: str) -> None:
        self._try(lambda: self.repair.remove_photo(which, sha))
        self.load()

    def open_photo(self, sha: str) -> None:
        app = App.get_running_app()
        marks = self.repair.fields.get("annotations", {}).get(sha, [])
        viewer = PhotoViewer(app.store.photos.path_for(sha), strokes=marks)
        viewer.bind(on_marks=lambda _v, strokes: self.repair.annotate(sha, strokes))
        viewer.bind(on_dismiss=lambda _v: setattr(self, "viewer", None))
        self.viewer = viewer
        viewer.open()

    def save(self) -> None:
        try:
            self.repair.finish()
        except FormInvalid as invalid:
            self.message = _every_error(invalid)
            return
        except ExplainedError as refused:
            self.message = refused.text
            return
        self.has_order, self.message = False, SAVED
        self.ids.pad.strokes = []
        self.refresh_list()

    def _try(self, action) -> bool:
        try:
            action()
        except ExplainedError as refused:
            self.message = refused.text
            return False
        self.message = None
        return True

    # -- what is shown --------------------------------------------------------------------------

    def refresh_list(self, *_args) -> None:
        app = App.get_running_app()
        open_id = self.repair.order_id
        self.ids.orders.data = [
            {
                "kind": "work_order",
                "key": order.id,
                "title": order.description,
                "detail": f"{app.say(order.category.label)} · {self.repair.where(order)}",
                "due": "",
                "overdue": False,
                "icon": _icon(order.id, open_id, app.store.drafts.load(draft_key(order.id))),
            }
            for order in self.repair.orders()
        ]
        if self.has_order:
            self.detail = self._where(self.repair.order(), self.repair.fields)

    def result_label(self, value: str, *_rebind_on) -> str:
        return App.get_running_app().say(_choice(RepairResult, value).label)

    def arrival_text(self, arrived_at: str, app, *_rebind_on) -> str:
        if not arrived_at:
            return app.tr("Not arrived yet")
        moment = datetime.fromisoformat(arrived_at).astimezone(ESTATE_TIME)
        return app.tr("Arrived at") + " " + moment.strftime("%H:%M")


def _choice(choices, value: str):
    """The member of a ``Choice`` whose code is ``value``."""
    return next(member for member in choices if member.value == value)


def _icon(order_id: str, open_id: str | None, draft) -> str:
    if order_id == open_id:
        return "file-document-edit-outline"
    return "progress-wrench" if draft is not None else "wrench-outline"


def _every_error(invalid: FormInvalid) -> Text:
    said = list(invalid.by_field().items())
    return Text(
        "；".join(f"{_FIELD_NAMES.get(f, Text(f, f)).zh}：{t.zh}" for f, t in said),
        "; ".join(f"{_FIELD_NAMES.get(f, Text(f, f)).en}: {t.en}" for f, t in said),
    )


_FIELD_NAMES = {
    "arrived_at": Text("到场时间", "Arrival"),
    "diagnosis": Text("故障诊断", "Diagnosis"),
    "result": Text("维修结果", "Result"),
    "owner_confirmation": Text("业主签字", "Owner's signature"),
    "rating": Text("业主评价", "Owner's rating"),
    "materials": Text("材料", "Materials"),
}
