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
"""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from kivy.clock import Clock, mainthread
from kivy.core.text import LabelBase
from kivy.lang import Builder
from kivy.properties import ObjectProperty, StringProperty
from kivymd.app import MDApp

from mobile import widgets
from mobile.i18n import Translator
from mobile.screens import RAIL, SCREENS, load_screen
from mobile.services.every_author import EveryAuthorSync
from mobile.services.forms import Forms
from mobile.services.patrol import PatrolService
from mobile.services.preferences import DEFAULT_SERVER, PreferencesFile
from mobile.services.send_backs import SendBacks
from mobile.services.session import Session
from mobile.services.sync_status import CountedOutbox, SyncStatusFeed, SyncView
from mobile.services.today import TodayService
from mobile.store.store import Store
from sync.engine import SyncEngine
from sync.errors import AuthRequired
from sync.runner import SyncRunner
from sync.transport import HttpTransport, TransportSettings

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

    def __init__(self, data_dir: str | None = None, server_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.title = "物业现场工作"
        self._data_dir = data_dir or os.environ.get("ESTATE_APP_DATA")
        self._server_url = server_url or os.environ.get("ESTATE_SERVER_URL") or DEFAULT_SERVER
        self.version = app_version()

    # -- services ------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return Path(self._data_dir or self.user_data_dir)

    def build_services(self) -> None:
        self.preferences = PreferencesFile(self.data_dir, self._server_url)
        self.translator = Translator(self.preferences.current.language)
        self.language = self.translator.language
        self.store = Store.open(self.data_dir / "store")
        self.session = Session(self.data_dir, self.store)
        self.today = TodayService(self.store, self.session)
        self.feed = SyncStatusFeed(
            deliver=lambda flush: Clock.schedule_once(lambda _dt: flush()),
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
        self.send_backs = SendBacks(self.store, on_saved=self.forms.on_saved)
        self.session.on_change(self._session_changed)
        self.signed_in = who

    # -- the UI --------------------------------------------------------------------------

    def build(self):
        self.build_services()
        use_chinese_font(self.theme_cls)
        self.theme_cls.primary_palette = "Teal"
        widgets.load_all()
        shell = Builder.load_file(str(Path(__file__).with_name("app.kv")))
        for name in SCREENS:
            shell.ids.screens.add_widget(load_screen(name))
        shell.ids.screens.transition.duration = 0.15
        self.shell = shell
        self.show("sign_in" if self.session.needs_sign_in else "today")
        Clock.schedule_interval(lambda _dt: self.property("sync_view").dispatch(self), 30)
        return shell

    def on_start(self):
        self.runner.start()

    def on_resume(self):
        self.runner.sync_now()

    def on_stop(self):
        # Stopping the runner can wait for a request in flight: never on the UI thread.
        # A non-daemon thread, so the process finishes it before exiting.
        def stop() -> None:
            self.runner.stop()
            self.store.close()

        threading.Thread(target=stop, name="stop-sync").start()

    def show(self, name: str) -> None:
        screens = self.shell.ids.screens
        screens.current = name
        rail = self.shell.ids.rail
        rail.disabled = name == "sign_in"

        def mark_active(_dt) -> None:
            # After the rail's own handler of a tap, which toggles the item it was given.
            for item in rail.get_items():
                if item.screen == name and not item.active:
                    rail.set_active_item(item)

        Clock.schedule_once(mark_active)

    def open_work(self, kind: str, key: str) -> None:
        """A tap on an item of work: a route opens (or resumes) its round."""
        patrol = self.shell.ids.screens.get_screen("patrol")
        if kind == "route":
            patrol.open_route(key)
            self.show("patrol")
        elif kind == "checkpoint":
            patrol.select(key)
        elif kind == "send_back":
            self.shell.ids.screens.get_screen("send_back").open(key)
            self.show("send_back")

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

    @property
    def rail_items(self):
        return RAIL

    # -- what the services report -------------------------------------------------------

    def _show_sync(self, view: SyncView) -> None:
        if view.blocked == AuthRequired.text and not self.session.needs_sign_in:
            self.session.token_refused()
            self.show("sign_in")
        self.sync_view = view

    @mainthread
    def _session_changed(self, who) -> None:
        self.signed_in = who
        if who is not None and not who.token_refused:
            self.transport.settings = TransportSettings(who.server_url)
            self.transport.token = who.token
            self.preferences.change(server_url=who.server_url)
            self.runner.signed_in()
        self.feed.session_changed()


def main() -> None:
    EstateApp().run()


if __name__ == "__main__":
    main()
