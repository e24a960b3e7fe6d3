"""The right-hand side of the Patrol screen: the selected checkpoint, or the end of a round.

Built in Python because each checkpoint has its own checklist; every control
calls the screen, which calls the patrol service.
"""

from __future__ import annotations

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import BooleanProperty
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.button import MDButton, MDButtonText
from kivymd.uix.label import MDLabel
from kivymd.uix.textfield import MDTextFieldHintText

from domain.checklist import ItemKind, Outcome
from mobile.services.patrol import WORK_ORDER_NOTE, out_of_range
from mobile.widgets.field import Field
from mobile.widgets.photo_strip import PhotoStrip

BIG = dp(64)


def label(text: str, style: str = "Body", role: str = "large", error: bool = False) -> MDLabel:
    app = App.get_running_app()
    widget = MDLabel(text=text, font_style=style, role=role, adaptive_height=True)
    if error:
        widget.theme_text_color = "Custom"
        widget.text_color = app.theme_cls.errorColor
    return widget


def _no_height_while_empty(widget: MDLabel, *_changed) -> None:
    """Bound after KivyMD's adaptive height, so it has the last word: an empty label
    takes no room (a reading's warning while the reading is fine)."""
    widget.height = widget.texture_size[1] if widget.text else 0


def button(text: str, on_release, filled: bool = True, width=None) -> MDButton:
    widget = MDButton(
        MDButtonText(text=text, font_style="Title", role="large"),
        style="filled" if filled else "outlined",
    )
    widget.theme_height = "Custom"
    widget.height = BIG
    if width is not None:
        widget.theme_width = "Custom"
        widget.size_hint_x = None
        widget.width = width
    widget.bind(on_release=lambda _button: on_release())
    return widget


def field(hint: str, text: str = "") -> Field:
    widget = Field(MDTextFieldHintText(text=hint), text=text)
    return widget


class ReadingField(Field):
    """A reading, in error while out of range. KivyMD checks a field again after every
    change of its text and once after it is built, and would clear an error it did not
    find itself (a resumed round's reading would lose its warning)."""

    out_of_range = BooleanProperty(False)

    def _get_has_error(self) -> bool:
        return self.out_of_range or super()._get_has_error()

    def on_out_of_range(self, _field, value: bool) -> None:
        self.error = value


class PatrolPanel(MDBoxLayout):
    def show(self, screen) -> None:
        self.clear_widgets()
        app = App.get_running_app()
        tr = app.tr
        if not screen.in_round:
            self.add_widget(label(tr("Choose a route to start a round."), "Title"))
        elif screen.ending:
            self._ending(screen, tr)
        elif screen.selected:
            stop = screen._stop()
            self.add_widget(label(f"{stop.checkpoint.code}  {stop.checkpoint.place}", "Headline",
                                  "small"))  # fmt: skip
            if stop.visit is None or stop.state != "visited":
                self._arrival(screen, tr)
            else:
                self._checklist(screen, stop, tr, app)
        else:
            self.add_widget(label(tr("Scan a checkpoint's label, or choose one on the left."),
                                  "Title"))  # fmt: skip
            self.add_widget(self._scan_button(screen, tr))
        if screen.message is not None:
            self.add_widget(label(app.say(screen.message), error=True))
        if screen.in_round and not screen.ending:
            self.add_widget(button(tr("End the round"), screen.end_round, filled=False))

    def _scan_button(self, screen, tr) -> MDButton:
        scan = button(tr("Reading the label…") if screen.scanning else tr("Scan the label"),
                      screen.scan)  # fmt: skip
        scan.disabled = screen.scanning
        return scan

    def _arrival(self, screen, tr) -> None:
        self.add_widget(self._scan_button(screen, tr))
        code = field(tr("Checkpoint code (on the label)"))
        code.bind(on_text_validate=lambda f: screen.arrive(f.text))
        self.add_widget(code)
        self.add_widget(button(tr("I am here"), lambda: screen.arrive(code.text), filled=False))

    def _checklist(self, screen, stop, tr, app) -> None:
        answered = {r["item_id"]: r for r in stop.visit["results"]}
        for item in stop.checkpoint.items:
            row = MDBoxLayout(size_hint_y=None, height=BIG, spacing=dp(12))
            name = label(item.label, "Title", "medium")
            name.pos_hint = {"center_y": 0.5}
            row.add_widget(name)
            result = answered.get(item.id)
            warning = None
            if item.kind is ItemKind.CHECK:
                for outcome in (Outcome.NORMAL, Outcome.ABNORMAL):
                    chosen = result is not None and result["outcome"] == outcome.value
                    row.add_widget(button(
                        app.say(outcome.label),
                        lambda o=outcome, i=item.id: screen.set_outcome(i, o.value),
                        filled=chosen, width=dp(156),
                    ))  # fmt: skip
            else:
                allowed = item.allowed
                hint = f"{allowed.unit}  ({allowed.minimum}–{allowed.maximum})"
                typed_before = "" if result is None else str(result["value"])
                value = ReadingField(MDTextFieldHintText(text=hint), text=typed_before)
                value.item_id = item.id
                # under the row, full width: a field's helper line is too short for it
                warning = label("", error=True)
                warning.bind(texture_size=_no_height_while_empty, text=_no_height_while_empty)
                _no_height_while_empty(warning)

                def say(widget, said, warning=warning) -> None:
                    warning.text = app.say(said) if said else ""
                    widget.out_of_range = said is not None

                def typed(widget, text, item_id=item.id, say=say) -> None:
                    say(widget, screen.set_reading(item_id, text))

                if result is not None:  # a round resumed: its reading keeps its warning
                    say(value, out_of_range(allowed, result["value"]))
                value.bind(text=typed)
                row.add_widget(value)
            self.add_widget(row)
            if warning is not None:
                self.add_widget(warning)
        if stop.abnormal:
            self.add_widget(label(app.say(WORK_ORDER_NOTE), "Title", "medium", True))
        self.add_widget(button(tr("All normal, next"), screen.all_normal))
        note = field(tr("Note"), stop.visit.get("note", ""))
        note.bind(text=lambda _f, text: screen.set_note(text))
        self.add_widget(note)
        checkpoint_id = stop.checkpoint.id
        photos = PhotoStrip(photos=stop.visit.get("photos", []))
        photos.bind(
            on_added=lambda _s, sha: screen.add_photo(checkpoint_id, sha),
            on_removed=lambda _s, sha: screen.remove_photo(checkpoint_id, sha),
            on_open_photo=lambda _s, sha: screen.dispatch("on_open_photo", sha),
        )
        self.add_widget(photos)

    def _ending(self, screen, tr) -> None:
        self.add_widget(label(tr("Why was each of these not checked?"), "Title"))
        given = screen.patrol.reasons()
        for stop in screen.patrol.stops():
            if stop.state == "pending":
                checkpoint_id = stop.checkpoint.id
                reason = field(f"{stop.checkpoint.code} {stop.checkpoint.place}",
                               given.get(checkpoint_id, ""))  # fmt: skip
                reason.bind(text=lambda _f, text, c=checkpoint_id: screen.give_reason(c, text))
                self.add_widget(reason)
        self.add_widget(button(tr("End the round"), lambda: screen.finish({})))
