"""The tablet app: builds the services, the shell (rail, sync bar, screens), fonts, language.

    python -m mobile.app            # the data folder is App.user_data_dir
    ESTATE_APP_DATA=/tmp/t ESTATE_SERVER_URL=http://127.0.0.1:8000 python -m mobile.app

Screens are thin (mobile/screens/): they call the services held here and read
``app.sync_view`` and ``app.language``; every string goes through ``app.tr``,
whose second argument (``app.language``) only makes KV rebind when the
language changes, so switching takes effect at once. The sync runner works on
its own thread; its status reaches the UI through ``SyncStatusFeed`` on
Kivy's clock. Network and disk-heavy work (signing in, stopping the runner,
measuring storage) runs on worker threads and reports back with ``@mainthread``.

The first frame is the bare shell (the sync bar over an empty screen): what it does not
need (the services, the screens, the navigation, and the domain behind them) is imported
where it is first used, after that frame (docs/app.md, "Start-up").
"""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from kivy.clock import Clock, mainthread
from kivy.core.text import LabelBase
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivymd.app import MDApp

from mobile import widgets
from mobile.i18n import Translator
from mobile.platform.permissions import AllGranted, Granted, these_permissions
from mobile.services.preferences import DEFAULT_SERVER, PreferencesFile
from mobile.services.sync_view import SyncView

if TYPE_CHECKING:
    from mobile.store.store import Store

FONT = Path(__file__).resolve().parents[1] / "assets" / "fonts" / "NotoSansSC-Regular.ttf"
FONT_NAME = "NotoSansSC"


def app_version() -> str:
    try:
        return metadata.version("estate-field")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def use_chinese_font(theme_cls) -> None:
    """Noto Sans SC for every KivyMD font style and for plain Kivy widgets (Roboto's name)."""
    LabelBase.register(FONT_NAME, str(FONT))
    LabelBase.register("Roboto", str(FONT))
    for style, roles in theme_cls.font_styles.items():
        if style == "Icon":
            continue
        for role in roles.values():
            role["font-name"] = FONT_NAME


class EstateApp(MDApp):
    language = StringProperty("zh_CN")
    sync_view = ObjectProperty(SyncView(), rebind=True)
    signed_in = ObjectProperty(None, allownone=True)
    ready = BooleanProperty(False)  # the store is open and the services built
    portrait = BooleanProperty(False)  # a phone held upright: navigation at the bottom

    def __init__(
        self,
        data_dir: str | None = None,
        server_url: str | None = None,
        permissions: AllGranted | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        # CAMERA and fine location, asked once the store is open (a fake in tests).
        self.permissions = permissions or these_permissions(deliver=_on_main_thread)
        self.granted = Granted(camera=True, location=False)  # until Android answers
        self._location_started = False
        self._navigation_loaded = False
        self.title = "物业现场工作"
        self._data_dir = data_dir or os.environ.get("ESTATE_APP_DATA")
        self._server_url = server_url or os.environ.get("ESTATE_SERVER_URL") or DEFAULT_SERVER
        self.version = app_version()
        # Before MDApp computes its colour scheme (a second palette costs a second scheme).
        self.theme_cls.primary_palette = "Teal"

    # -- services ------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return Path(self._data_dir or self.user_data_dir)

    def build_services(self, store: Store) -> None:
        """Everything that needs the store, once it is open (on the main thread).

        Their modules are imported here, after the first frame, not with this one: with
        the domain, the store, requests and pypinyin behind them, they took longer to
        import than the rest of the app's start.
        """
        from mobile.platform.camera import this_camera
        from mobile.platform.location import this_location
        from mobile.platform.scanner import CameraScanner
        from mobile.services.complaint import ComplaintService
        from mobile.services.every_author import EveryAuthorSync
        from mobile.services.forms import Forms
        from mobile.services.handover import HandoverService
        from mobile.services.logs import LogsService
        from mobile.services.patrol import PatrolService
        from mobile.services.refused import RefusedRecords
        from mobile.services.repair import RepairService
        from mobile.services.return_visit import ReturnVisitService
        from mobile.services.reviewed_photos import ReviewedPhotos
        from mobile.services.send_backs import SendBacks
        from mobile.services.session import Session
        from mobile.services.sync_status import CountedOutbox, SyncStatusFeed
        from mobile.services.today import TodayService
        from sync.engine import SyncEngine
        from sync.runner import SyncRunner
        from sync.transport import HttpTransport, TransportSettings

        self.store = store
        self.session = Session(self.data_dir, self.store)
        self.today = TodayService(self.store, self.session)
        self.feed = SyncStatusFeed(
            deliver=_on_main_thread,
            listener=self._show_sync,
            signed_in=lambda: self.session.current is not None,
            waiting_for=lambda: tuple(
                p.display_name or p.username for p in self.session.waiting_for_sign_in()
            ),
        )
        who = self.session.current
        self.transport = HttpTransport(
            TransportSettings(who.server_url if who else self.preferences.current.server_url),
            token=who.token if who and not who.token_refused else None,
        )
        self.engine = SyncEngine(
            CountedOutbox(self.store, self.feed),
            self.transport,
            observer=self.feed.engine_changed,
            now=self.now,
        )
        # Each person's records go up under their own token (a shift change).
        self.passes = EveryAuthorSync(self.engine, self.store, self.session)
        self.runner = SyncRunner(self.passes, probe=self.transport.reachable)
        self.forms = Forms(
            self.store,
            self.session,
            on_saved=[
                lambda _record: self.runner.record_saved(),
                self.feed.record_saved,
                self.today.record_saved,
            ],
        )
        self.patrol = PatrolService(self.store, self.forms, now=self.now)
        self.repair = RepairService(self.store, self.forms, now=self.now)
        self.visits = ReturnVisitService(self.store, self.forms, now=self.now)
        self.complaints = ComplaintService(self.store, self.forms, now=self.now)
        self.handover = HandoverService(self.store, self.forms, now=self.now)
        self.logs = LogsService(self.store)
        self.reviewed_photos = ReviewedPhotos(
            self.data_dir / "reviewed_photos", self.store.photos, self.transport.download_photo
        )
        self.camera = this_camera()  # none on a desktop: the photo strip offers a file chooser
        self.scanner = CameraScanner(self.camera, self.data_dir / "camera")
        self.location = this_location()  # none on a desktop: the record says gps null
        self.send_backs = SendBacks(self.store, on_saved=self.forms.on_saved)
        self.refused = RefusedRecords(self.store, on_saved=self.forms.on_saved)
        self.session.on_change(self._session_changed)
        self.signed_in = who

    # -- the UI --------------------------------------------------------------------------

    def build(self):
        """The shell and its screens, then the first frame; after it, the store opens on
        a worker thread (a full one takes seconds), and the screens show when it is open."""
        self.preferences = PreferencesFile(self.data_dir, self._server_url)
        self.translator = Translator(self.preferences.current.language)
        self.language = self.translator.language
        use_chinese_font(self.theme_cls)
        widgets.load_shell()
        shell = Builder.load_file(str(Path(__file__).with_name("app.kv")))
        self.shell = shell
        from kivy.core.window import Window

        Window.clearcolor = self.theme_cls.backgroundColor  # the shell draws no background
        Window.bind(size=self._window_resized, on_flip=self._first_frame_drawn)
        self._window_resized(Window, Window.size)
        return shell

    def _first_frame_drawn(self, window) -> None:
        window.unbind(on_flip=self._first_frame_drawn)
        threading.Thread(target=self._open_store, name="open-store", daemon=True).start()
        Clock.schedule_once(lambda _dt: self._load_navigation())

    def _load_navigation(self) -> None:
        """The widgets, the rail and the bottom bar, after the first frame (their KV and
        the domain, which decides who sees which, take a while)."""
        if self._navigation_loaded:
            return
        from mobile.widgets.navigation import Bar, Rail

        widgets.load_all()
        self.rail, self.bar = Rail(), Bar()
        self.shell.ids.body.add_widget(self.rail, index=1)  # left of the screens
        self.shell.add_widget(self.bar)  # below them
        self.shell.ids.screens.transition.duration = 0.15
        self._navigation_loaded = True

    def screen(self, name: str):
        """Screen ``name``, loaded the first time it is asked for. The app is ready with its
        first screen alone (each takes tens of milliseconds); the others load once it is
        drawn, one a frame (``_load_other_screens``), or at once when asked for sooner."""
        from mobile.screens import load_screen

        screens = self.shell.ids.screens
        if not screens.has_screen(name):
            screens.add_widget(load_screen(name))
        return screens.get_screen(name)

    def _load_other_screens(self, _dt) -> None:
        from mobile.screens import SCREENS

        screens = self.shell.ids.screens
        waiting = [name for name in SCREENS if not screens.has_screen(name)]
        if waiting:
            self.screen(waiting[0])
            Clock.schedule_once(self._load_other_screens)

    def _window_resized(self, _window, size) -> None:
        self.portrait = size[0] < size[1]

    def _open_store(self) -> None:
        from mobile.store.store import Store

        try:
            opened = Store.open(self.data_dir / "store")
        except Exception as failed:  # raised again on the main thread, which stops the app
            Clock.schedule_once(lambda _dt, error=failed: _raise(error))
            return
        self._store_opened(opened)

    @mainthread
    def _store_opened(self, store: Store) -> None:
        from kivy.core.window import Window

        self._load_navigation()
        self.build_services(store)
        self.show("sign_in" if self.session.needs_sign_in else self.form_left_open() or "today")
        Clock.schedule_interval(lambda _dt: self.property("sync_view").dispatch(self), 30)
        self.runner.start()
        self.permissions.request(self._permissions_answered)  # one system dialog for both
        self.ready = True
        Window.bind(on_flip=self._first_screen_drawn)

    def _first_screen_drawn(self, window) -> None:
        window.unbind(on_flip=self._first_screen_drawn)
        Clock.schedule_once(self._load_other_screens)

    def _permissions_answered(self, granted: Granted) -> None:
        """On the main thread. Without fine location the records say gps null; without
        the camera the photo strip offers the file chooser and says why."""
        self.granted = granted
        if granted.location and not self._location_started:
            self._location_started = True
            self.location.start()

    def on_pause(self) -> bool:
        """Another app in front, or the screen off: syncing and the GPS stop until the app
        resumes (what is saved waits in the store). The sync thread is only signalled:
        a pass in flight ends by itself, off the UI thread. True keeps the app alive."""
        if self.ready:
            self.runner.stop(timeout=0)
            if self._location_started:
                self._location_started = False
                self.location.stop()
        return True

    def on_resume(self):
        if self.ready:
            # Permissions perhaps allowed in the system settings meanwhile; the GPS again.
            granted = self.granted if self.granted.everything else self.permissions.recheck()
            self._permissions_answered(granted)
            self.runner.start()
            self.runner.sync_now()

    def on_stop(self):
        # Stopping the runner can wait for a request in flight: never on the UI thread.
        # A non-daemon thread, so the process finishes it before exiting.
        if not self.ready:
            return  # the store opens on a daemon thread: nothing written yet to finish
        if self._location_started:
            self.location.stop()

        def stop() -> None:
            self.runner.stop()
            self.store.close()

        threading.Thread(target=stop, name="stop-sync").start()

    def show(self, name: str) -> None:
        self.screen(name)
        self.shell.ids.screens.current = name
        rail, bar = self.rail, self.bar
        rail.disabled = bar.disabled = name == "sign_in"

        def mark_active(_dt) -> None:
            # After the rail's own handler of a tap, which toggles the item it was given.
            for item in rail.get_items():
                if item.screen == name and not item.active:
                    rail.set_active_item(item)
            for item in bar.children:
                if item.screen == name and not item.active:
                    bar.set_active_item(item)

        Clock.schedule_once(mark_active)

    def form_left_open(self) -> str | None:
        """The screen of the form touched last when the app stopped (killed, say), if any.

        The newest draft decides: its key is offered to each screen's
        ``resume(draft_key)``, and the screen whose form it is reopens it and answers true.
        """
        from mobile.screens import SCREENS

        latest = next(iter(self.store.drafts.all()), None)
        if latest is None:
            return None
        for name in SCREENS:
            resume = getattr(self.screen(name), "resume", None)
            if resume is not None and resume(latest.key):
                return name
        return None

    def open_work(self, kind: str, key: str) -> None:
        """A tap on an item of work: a route opens (or resumes) its round, a work order its
        repair check, a visit task its return visit, a complaint its form; a place found on
        the Units screen opens there, a synced log beside the Review list, and a record
        waiting on the Sync screen its own."""
        from mobile.screens import units

        if kind == "route":
            self.screen("patrol").open_route(key)
            self.show("patrol")
        elif kind == "checkpoint":
            self.screen("patrol").select(key)
        elif kind == "work_order":
            self.screen("repair").open_order(key)
            self.show("repair")
        elif kind == "visit_task":
            self.screen("return_visit").open_task(key)
            self.show("return_visit")
        elif kind == "complaint":
            self.screen("complaint").open_record(key)
            self.show("complaint")
        elif kind in units.ROWS:
            self.screen("units").open(kind, key)
        elif kind == "send_back":
            self.screen("send_back").open(key)
            self.show("send_back")
        elif kind == "refused":
            self.screen("refused").open(key)
            self.show("refused")
        elif kind == "log":
            self.screen("supervise").open(key)

    def tr(self, message: str, *_rebind_on) -> str:
        return self.translator.tr(message)

    def say(self, text, *_rebind_on) -> str:
        return self.translator.say(text)

    def set_language(self, language: str) -> None:
        self.translator.set_language(language)
        self.preferences.change(language=language)
        self.language = language

    def now(self) -> datetime:
        return datetime.now(UTC)

    def may_open(self, screen: str, who, *_rebind_on) -> bool:
        """Whether the rail shows ``screen`` to the person signed in (``ROLE_SCREENS``)."""
        from mobile.screens import ROLE_SCREENS

        roles = ROLE_SCREENS.get(screen)
        return roles is None or (who is not None and who.role in roles)

    # -- what the services report -------------------------------------------------------

    def _show_sync(self, view: SyncView) -> None:
        from sync.errors import AuthRequired

        if view.blocked == AuthRequired.text and not self.session.needs_sign_in:
            self.session.token_refused()
            self.show("sign_in")
        self.sync_view = view

    @mainthread
    def _session_changed(self, who) -> None:
        from sync.transport import TransportSettings

        self.signed_in = who
        if who is not None and not who.token_refused:
            self.transport.settings = TransportSettings(who.server_url)
            self.transport.token = who.token
            self.preferences.change(server_url=who.server_url)
            self.runner.signed_in()
        self.feed.session_changed()


def _on_main_thread(call) -> None:
    """Hands a call from another thread (Android's, the sync thread) to Kivy's main thread."""
    Clock.schedule_once(lambda _dt: call())


def _raise(error: Exception) -> None:
    raise error


def main() -> None:
    EstateApp().run()


if __name__ == "__main__":
    main()
