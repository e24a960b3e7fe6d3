"""EstateApp's pause and resume, without a window: a fake runner and GPS. Android pauses
the app when another comes in front or the screen goes off."""

from __future__ import annotations

from mobile.platform.permissions import Granted
from tests.mobile.app_fakes import FakeGps, FakePermissions


class FakeRunner:
    def __init__(self):
        self.calls: list[str] = []

    def start(self):
        self.calls.append("start")

    def stop(self, timeout=10.0):
        self.calls.append(f"stop(timeout={timeout})")

    def sync_now(self):
        self.calls.append("sync_now")


def running_app(tmp_path, granted: Granted):
    from mobile.app import EstateApp

    permissions = FakePermissions(now=granted, later=granted)
    app = EstateApp(data_dir=str(tmp_path), permissions=permissions)
    app.location, app.runner, app.ready = FakeGps(), FakeRunner(), True
    permissions.request(app._permissions_answered)  # what _store_opened does
    return app


def test_a_pause_signals_the_sync_thread_without_waiting_and_stops_the_gps(tmp_path):
    app = running_app(tmp_path, Granted(camera=True, location=True))

    assert app.on_pause() is True  # the app stays alive, paused

    assert app.runner.calls == ["stop(timeout=0)"]  # never a wait on the UI thread
    assert (app.location.started, app.location.stopped) == (1, 1)


def test_a_resume_starts_syncing_and_the_gps_again_and_syncs_at_once(tmp_path):
    app = running_app(tmp_path, Granted(camera=True, location=True))
    app.on_pause()

    app.on_resume()

    assert app.runner.calls == ["stop(timeout=0)", "start", "sync_now"]
    assert (app.location.started, app.location.stopped) == (2, 1)


def test_a_refused_location_keeps_the_gps_off_through_a_pause(tmp_path):
    app = running_app(tmp_path, Granted(camera=True, location=False))

    app.on_pause()
    app.on_resume()

    assert (app.location.started, app.location.stopped) == (0, 0)
    assert app.runner.calls[-2:] == ["start", "sync_now"]


def test_a_pause_before_the_store_is_open_touches_nothing(tmp_path):
    app = running_app(tmp_path, Granted(camera=True, location=True))
    app.ready = False

    assert app.on_pause() is True
    app.on_resume()

    assert app.runner.calls == []
