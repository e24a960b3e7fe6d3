"""Patrol: choose a route, then at each checkpoint prove presence, fill the checklist, go on.

Left, the route's checkpoints (or, with no round, the routes); right, the one
selected. A normal checkpoint takes one tap after the presence proof ("all
normal" marks every check item normal and moves to the next checkpoint).
Every step is saved as the round's draft by the patrol service at once.

Presence is proven by scanning the checkpoint's QR label (the camera on Android;
on a desktop, a photo of the label chosen from a file) or by typing its code; a
scan names its checkpoint, so it also selects it. The GPS fix, where the tablet
has one, goes with it. Decoding runs on a worker thread. A tap on a photo
dispatches ``on_open_photo(sha256)``, which opens it in the photo viewer (zoom only).
"""

from __future__ import annotations

import threading
from pathlib import Path

from kivy.app import App
from kivy.clock import mainthread
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivymd.uix.screen import MDScreen

from domain.patrol import PresenceMethod
from domain.route import Route
from domain.text import ExplainedError, Text
from mobile.platform.scanner import decode_codes
from mobile.services.forms import FormInvalid
from mobile.services.patrol import DRAFT_KEY as ROUND_DRAFT
from mobile.services.patrol import PENDING, SKIPPED, VISITED, ReasonsMissing, out_of_range
from mobile.widgets.image_chooser import choose_image
from mobile.widgets.photo_viewer import PhotoViewer

STATE_ICONS = {PENDING: "map-marker-outline", VISITED: "check-circle", SKIPPED: "debug-step-over"}
NO_CODE = Text(
    "照片中没有找到二维码：请重新拍摄标签，或输入编码。",
    "No QR code was found in the picture: take the label again, or type its code.",
)
NOT_ON_ROUTE = Text(
    "这个标签不属于本路线的巡查点。", "This label belongs to no checkpoint of this route."
)


class PatrolScreen(MDScreen):
    in_round = BooleanProperty(False)
    selected = StringProperty("")  # the checkpoint shown on the right
    ending = BooleanProperty(False)  # asking the reasons for what is left
    message = ObjectProperty(None, allownone=True)  # a bilingual Text
    route_name = StringProperty("")
    scanning = BooleanProperty(False)  # a label's picture is being decoded
    chooser = ObjectProperty(None, allownone=True)  # the open file chooser (desktop)
    viewer = ObjectProperty(None, allownone=True)  # the photo viewer open, if any

    __events__ = ("on_open_photo",)
    _shown: tuple[str, bool] = ("", False)

    def on_kv_post(self, base_widget) -> None:
        App.get_running_app().bind(language=self.refresh)

    def on_pre_enter(self, *args) -> None:
        self.refresh()

    @property
    def patrol(self):
        return App.get_running_app().patrol

    # -- what the person does -------------------------------------------------------------

    def resume(self, draft_key: str) -> bool:
        """Whether ``draft_key`` is the round in progress (the app opens on it after a
        restart, where it stopped)."""
        return draft_key == ROUND_DRAFT and self.patrol.current() is not None

    def open_route(self, route_id: str) -> None:
        current = self.patrol.current()
        if current is None:
            self.patrol.start(route_id)
        elif current["route_id"] != route_id:
            self.message = Text(
                "已有一轮巡查未结束，请先结束它。", "Another round is in progress: end it first."
            )
        self.selected = ""
        self.refresh()

    def select(self, checkpoint_id: str) -> None:
        self.selected, self.ending, self.message = checkpoint_id, False, None
        self.refresh()

    def arrive(self, code: str) -> None:
        gps = App.get_running_app().location.fix()
        self._try(lambda: self.patrol.arrive(self.selected, code, gps=gps))

    def scan(self) -> None:
        """Prove presence by the label: the camera where there is one, else a picture."""
        scanner = App.get_running_app().scanner
        if scanner.available:
            scanner.scan(mainthread(self.scanned))
        else:
            self.chooser = choose_image(self.scan_picture)

    def scan_picture(self, path: Path) -> None:
        self.scanning, self.chooser = True, None
        self.refresh()

        def decode() -> None:
            self.scanned(decode_codes(path))

        threading.Thread(target=decode, name="scan-label", daemon=True).start()

    @mainthread
    def scanned(self, codes: list[str] | None) -> None:
        """What the scan read: the checkpoint it names is selected and, unless already
        visited, marked present (scanned, with the GPS fix where there is one)."""
        self.scanning = False
        if codes is None:  # the camera was closed without a picture
            return
        if not codes:
            self.message = NO_CODE
            self.refresh()
            return
        checkpoint_id = self.patrol.identify(codes, preferred=self.selected)
        if checkpoint_id is None:
            self.message = NOT_ON_ROUTE
            self.refresh()
            return
        self.selected, self.ending = checkpoint_id, False
        stop = self._stop()
        if stop.state == VISITED:
            self.message = None
            self.refresh()
            return
        gps = App.get_running_app().location.fix()
        self._try(lambda: self.patrol.arrive(
            checkpoint_id, stop.checkpoint.code, PresenceMethod.SCANNED, gps=gps
        ))  # fmt: skip

    def set_outcome(self, item_id: str, outcome: str) -> None:
        self._try(lambda: self.patrol.check(self.selected, item_id, outcome))

    def set_reading(self, item_id: str, typed: str) -> Text | None:
        """Saved as typed; returns what to say about the value (None when it is fine)."""
        try:
            value = float(typed)
        except ValueError:
            return Text("请输入数字。", "Enter a number.") if typed.strip() else None
        self.patrol.reading(self.selected, item_id, value)
        item = next(i for i in self._stop().checkpoint.items if i.id == item_id)
        self.refresh_list()
        return out_of_range(item.allowed, value)

    def set_note(self, text: str) -> None:
        self.patrol.note(self.selected, text)

    def add_photo(self, checkpoint_id: str, sha256: str) -> None:
        self._try(lambda: self.patrol.add_photo(checkpoint_id, sha256))

    def remove_photo(self, checkpoint_id: str, sha256: str) -> None:
        self._try(lambda: self.patrol.remove_photo(checkpoint_id, sha256))

    def on_open_photo(self, sha256: str) -> None:
        """The photo in full, zoom only: a patrol round's photos carry no marks."""
        viewer = PhotoViewer(App.get_running_app().store.photos.path_for(sha256), can_mark=False)
        viewer.bind(on_dismiss=lambda _v: setattr(self, "viewer", None))
        self.viewer = viewer
        viewer.open()

    def all_normal(self) -> None:
        if self._try(lambda: self.patrol.all_normal(self.selected)):
            following = [s for s in self.patrol.stops() if s.state == PENDING]
            self.selected = following[0].checkpoint.id if following else ""
            self.refresh()

    def end_round(self) -> None:
        self.ending, self.selected, self.message = True, "", None
        if not self.patrol.unvisited():
            self.finish({})
        else:
            self.refresh()

    def give_reason(self, checkpoint_id: str, reason: str) -> None:
        self.patrol.give_reason(checkpoint_id, reason)

    def finish(self, reasons: dict[str, str]) -> None:
        try:
            self.patrol.finish(reasons)
        except (ReasonsMissing, FormInvalid) as refused:
            self.message = refused.text
            return
        self.ending, self.selected = False, ""
        self.message = Text("巡查记录已保存。", "The round is saved.")
        self.refresh()

    def _try(self, action) -> bool:
        try:
            action()
        except ExplainedError as refused:
            self.message = refused.text
            return False
        self.message = None
        self.refresh()
        return True

    # -- what is shown -----------------------------------------------------------------------

    def _stop(self):
        return next(s for s in self.patrol.stops() if s.checkpoint.id == self.selected)

    def refresh(self, *_args) -> None:
        round_ = self.patrol.current()
        self.in_round = round_ is not None
        self.route_name = self.patrol.route().name if round_ else ""
        self.refresh_list()
        self.ids.panel.show(self)
        shown = (self.selected, self.ending)
        if shown != self._shown:  # another checkpoint, or the end: start from its top
            self._shown = shown
            self.ids.panel_scroll.scroll_y = 1

    def refresh_list(self) -> None:
        app = App.get_running_app()
        if not self.in_round:
            routes = [Route.from_dict(r) for r in app.store.reference.all("route")]
            self.ids.stops.data = [
                {"kind": "route", "key": r.id, "title": r.name, "detail": app.say(r.shift.label),
                 "due": "", "overdue": False, "icon": "walk"}
                for r in routes
            ]  # fmt: skip
            return
        self.ids.stops.data = [
            {
                "kind": "checkpoint",
                "key": stop.checkpoint.id,
                "title": f"{stop.checkpoint.code}  {stop.checkpoint.place}",
                "detail": app.say(state_text(stop)),
                "due": "",
                "overdue": stop.abnormal,
                "icon": STATE_ICONS[stop.state],
            }
            for stop in self.patrol.stops()
        ]


def state_text(stop) -> Text:
    if stop.state == SKIPPED:
        return Text(f"未巡查：{stop.visit['skip_reason']}", f"Skipped: {stop.visit['skip_reason']}")
    if stop.state == VISITED and stop.abnormal:
        return Text("异常", "Abnormal")
    if stop.state == VISITED:
        done = stop.visit["results"] or not stop.checkpoint.items
        return Text("已巡查", "Checked") if done else Text("已到达，待检查", "Arrived, to check")
    return Text("待巡查", "To check")


def outcome_of(stop, item_id: str) -> str | None:
    for result in (stop.visit or {}).get("results", []):
        if result["item_id"] == item_id:
            return result.get("outcome") or str(result.get("value"))
    return None
