"""The right-hand side of the Complaint screen: the intake, the read-back (问清楚), or a
saved complaint with the steps it allows.

Built in Python because what is shown depends on the complaint (a major one asks for the
escalation, a letter for a written reply, each status its own steps). Every control calls
the screen, which keeps the draft and calls the complaint service. A typed field is never
rebuilt while it is typed in; a choice (a button) rebuilds the panel from the draft.
"""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.metrics import dp
from kivy.uix.stacklayout import StackLayout
from kivy.uix.widget import Widget
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.textfield import MDTextFieldHelperText

from domain.complaint import Channel, ComplaintCategory, Severity
from domain.complaint_lifecycle import Action
from domain.text import Text
from mobile.services.complaint import action_named, reply_choices, show_time
from mobile.widgets.patrol_panel import BIG, button, field, label

# The steps as buttons say them (the lifecycle's English labels fit its sentences).
ACTION_NAMES = {
    Action.CLASSIFY: Text("分类", "Classify"),
    Action.START_HANDLING: Text("开始处理", "Start handling"),
    Action.ESCALATE: Text("移交公司领导", "Escalate to leadership"),
    Action.RECORD_PROGRESS: Text("记录跟进", "Record progress"),
    Action.CLOSE: Text("办结", "Close"),
    Action.SUMMARISE: Text("总结", "Summarise"),
}


def row(*widgets, height=BIG) -> MDBoxLayout:
    box = MDBoxLayout(size_hint_y=None, height=height, spacing=dp(12))
    for widget in widgets:
        box.add_widget(widget)
    return box


def choices(options, chosen, on_choose, height: float = BIG) -> StackLayout:
    """One button per option, as wide as its words, the chosen one filled; wraps onto
    more lines."""
    stack = StackLayout(size_hint_y=None, spacing=dp(10))
    stack.bind(minimum_height=stack.setter("height"))
    for value, text in options:
        choice = button(text, lambda v=value: on_choose(v), filled=value == chosen)
        choice.height = height
        stack.add_widget(choice)
    return stack


class ComplaintPanel(MDBoxLayout):
    def show(self, screen) -> None:
        """Lay out the form for ``screen.mode``; its buttons go to the bar below it,
        always in view."""
        self.clear_widgets()
        screen.ids.scroll.scroll_y = 1
        self.actions = screen.ids.actions
        self.actions.clear_widgets()
        self.fields: dict[str, object] = {}
        app = App.get_running_app()
        if screen.mode == "intake":
            self._intake(screen, app)
        elif screen.mode == "read_back":
            self._read_back(screen, app)
        elif screen.mode == "detail":
            self._detail(screen, app)
        else:
            self.add_widget(label(app.tr("Take a complaint, or open one on the left."), "Title"))
            self.actions.add_widget(button(app.tr("New complaint"), screen.new))
        if screen.message is not None:  # beside the buttons, always in view
            said = label(app.say(screen.message), "Title", "medium", error=screen.refused)
            said.pos_hint = {"center_y": 0.5}
            self.actions.add_widget(said)
        if screen.problems:
            # After the new form is laid out (two frames: the panel, then the scroll view).
            Clock.schedule_once(
                lambda _dt: Clock.schedule_once(lambda _dt: self._show_first_problem(screen))
            )

    def _show_first_problem(self, screen) -> None:
        """Scroll to the first field (top down) with a problem, so it is seen in place."""
        marked = [w for w in self.walk(restrict=True) if getattr(w, "problem", None)]
        if marked:
            first = max(marked, key=lambda w: w.to_window(w.x, w.top)[1])
            screen.ids.scroll.scroll_to(first, padding=dp(48), animate=False)

    # -- pieces ---------------------------------------------------------------------------

    def _field(self, screen, name: str, hint: str):
        """A typed field: each change is kept at once; its problem is shown under it.
        (One line: KivyMD 2.0's multiline field keeps changing its height by fractions
        of a pixel, so the form never settles.)"""
        widget = field(hint, str(screen.fields.get(name, "")))
        helper = MDTextFieldHelperText(mode="persistent")
        widget.add_widget(helper)
        widget.helper = helper
        problem = screen.problems.get(name)
        if problem is not None:
            helper.text = App.get_running_app().say(problem)
            widget.error = widget.problem = True
        widget.bind(text=lambda _w, text, name=name: screen.set(name, text))
        self.fields[name] = widget
        return widget

    def _problem(self, screen, *names: str) -> None:
        """A problem of a field chosen by buttons, under them."""
        for name in names:
            if name in screen.problems:
                said = label(App.get_running_app().say(screen.problems[name]), error=True)
                said.problem = True
                self.add_widget(said)

    def _times(self, screen, app, name: str, title: str) -> None:
        chosen = screen.fields.get(name, "")
        self.add_widget(
            label(f"{title}：{show_time(chosen)}" if chosen else title, "Title", "medium")
        )
        options = [(at.isoformat(), app.say(text)) for text, at in reply_choices(app.now())]
        if chosen and chosen not in dict(options):
            options.insert(0, (chosen, show_time(chosen)))
        # A second tap on the chosen time takes it back (a new time is optional in progress).
        self.add_widget(
            choices(options, chosen, lambda v: screen.choose(name, "" if v == chosen else v))
        )
        self._problem(screen, name)

    def _heading(self, title: str, due: str, overdue: bool = False) -> None:
        due_label = label(due, "Title", "medium", error=overdue)
        due_label.halign = "right"
        heading = label(title, "Headline", "small")
        self.add_widget(row(heading, due_label, height=dp(56)))

    # -- the intake -----------------------------------------------------------------------

    def _intake(self, screen, app) -> None:
        tr, f = app.tr, screen.fields
        self._heading(tr("New complaint"), app.say(screen.due_text()))
        kinds = choices(
            [(c.value, app.say(c.label)) for c in Channel],
            f["channel"],
            lambda v: screen.choose("channel", v),
        )
        kinds.add_widget(Widget(size_hint=(None, None), size=(dp(24), BIG)))
        for severity in Severity:
            chosen = severity.value == f["severity"]
            kinds.add_widget(button(
                app.say(severity.label),
                lambda v=severity.value: screen.choose("severity", v),
                filled=chosen,
            ))  # fmt: skip
        self.add_widget(kinds)
        finder = field(tr("Find the room: 3-2-1101 or 3栋2单元1101"), f.get("room_query", ""))
        finder.bind(text=lambda _w, text: screen.find_room(text))
        self.fields["room_query"] = finder
        area = self._field(screen, "area", tr("Area (optional)"))
        area.size_hint_x = 0.3
        self.add_widget(row(finder, area))
        self.rooms = StackLayout(size_hint_y=None, height=0, spacing=dp(10))
        self.rooms.bind(minimum_height=lambda s, h: setattr(s, "height", h if s.children else 0))
        self.add_widget(self.rooms)
        self.show_rooms(screen)
        place = [
            self._field(screen, "building", tr("Building")),
            self._field(screen, "unit", tr("Unit")),
            self._field(screen, "room", tr("Room")),
        ]
        who = [self._field(screen, "complainant", tr("Complainant")),
               self._field(screen, "phone", tr("Phone"))]  # fmt: skip
        for widget in place:
            widget.size_hint_x = 0.6
        self.add_widget(row(*place, *who))
        self.add_widget(self._field(screen, "matter", tr("The matter complained of")))
        self.add_widget(self._field(screen, "demand", tr("What the owner wants solved")))
        self.add_widget(
            choices(
                [(c.value, app.say(c.label)) for c in ComplaintCategory],
                f.get("category", ""),
                lambda v: screen.choose("category", v),
                height=dp(52),
            )
        )
        self._problem(screen, "category")
        if f["severity"] == Severity.MAJOR.value:
            self.add_widget(label(tr("Major: handed to company leadership"), "Title", "medium"))
            self.add_widget(row(
                self._field(screen, "handed_to", tr("Handed to")),
                self._field(screen, "reason_told_to_owner", tr("Reason told to the owner")),
            ))  # fmt: skip
            self._times(screen, app, "agreed_reply_at", tr("Reply time agreed with the owner"))
        self.actions.add_widget(button(tr("Read back to the owner"), screen.read_back))
        self.actions.add_widget(button(tr("Discard"), screen.discard, filled=False))

    def show_rooms(self, screen) -> None:
        """The rooms the finder found for what is typed (up to six), a tap fills them in."""
        self.rooms.clear_widgets()
        for room in screen.found_rooms[:6]:
            self.rooms.add_widget(button(room.label, lambda r=room: screen.pick_room(r), False))
        if not self.rooms.children:  # an empty StackLayout keeps its last minimum height
            self.rooms.height = 0

    # -- 问清楚 -------------------------------------------------------------------------

    def _read_back(self, screen, app) -> None:
        tr = app.tr
        self._heading(tr("Read this back to the owner"), app.say(screen.due_text()))
        said = label(app.say(screen.summary()), "Headline", "small")
        self.add_widget(said)
        self.actions.add_widget(button(tr("The owner agrees: save"), screen.confirm))
        self.actions.add_widget(button(tr("Change"), screen.change_intake, filled=False))

    # -- a saved complaint ----------------------------------------------------------------

    def _detail(self, screen, app) -> None:
        followed = screen.followed
        c = followed.complaint
        self._heading(f"{followed.place} · {c.complainant}", *screen.record_due())
        status = app.say(c.status.label)
        kind = app.say(c.severity.label) if c.severity else ""
        category = app.say(c.category.label) if c.category else ""
        self.add_widget(label(f"{status} · {kind} · {category} · {app.say(c.channel.label)}",
                              "Title", "medium"))  # fmt: skip
        for text in screen.facts():
            self.add_widget(label(text))
        actions = screen.actions()
        if actions:
            self.add_widget(
                choices(
                    [(a.value, app.say(ACTION_NAMES[a])) for a in actions],
                    screen.fields.get("action", ""),
                    screen.choose_action,
                )
            )
        action = screen.fields.get("action")
        if action:
            self._step(screen, app, action_named(action), c.channel is Channel.LETTER)

    def _step(self, screen, app, action: Action, letter: bool) -> None:
        tr = app.tr
        if action is Action.START_HANDLING:
            self.add_widget(self._field(screen, "department", tr("Department handling it")))
            self._times(screen, app, "promised_at", tr("Time told to the owner"))
        elif action is Action.ESCALATE:
            self.add_widget(row(
                self._field(screen, "handed_to", tr("Handed to")),
                self._field(screen, "reason_told_to_owner", tr("Reason told to the owner")),
            ))  # fmt: skip
            self._times(screen, app, "agreed_reply_at", tr("Reply time agreed with the owner"))
        elif action is Action.RECORD_PROGRESS:
            self.add_widget(self._field(screen, "note", tr("Progress")))
            informed = bool(screen.fields.get("owner_informed"))
            self.add_widget(
                button(
                    ("✓ " if informed else "") + tr("The owner was told"),
                    lambda: screen.choose("owner_informed", not informed),
                    filled=informed,
                )
            )
            self._problem(screen, "owner_informed")
            self._times(screen, app, "promised_at", tr("New time agreed (only if changed)"))
        elif action is Action.CLOSE:
            self.add_widget(self._field(screen, "result", tr("Result")))
            self.add_widget(self._field(screen, "owner_feedback", tr("The owner's feedback")))
            if letter:
                self.add_widget(self._field(screen, "written_reply", tr("Written reply")))
        elif action is Action.SUMMARISE:
            self.add_widget(self._field(screen, "text", tr("Summary: cause and prevention")))
        self.actions.add_widget(button(tr("Save"), screen.save_step))
