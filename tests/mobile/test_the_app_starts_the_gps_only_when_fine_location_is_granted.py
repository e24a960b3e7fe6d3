"""EstateApp's permission wiring, without a window: a fake permissions object and GPS."""

from __future__ import annotations

from mobile.platform.permissions import Granted
from tests.mobile.app_fakes import FakeGps, FakePermissions, NoSync


def app_with(permissions, tmp_path):
    from mobile.app import EstateApp

    app = EstateApp(data_dir=str(tmp_path), permissions=permissions)
    app.location, app.runner, app.ready = FakeGps(), NoSync(), True
    permissions.request(app._permissions_answered)  # what _store_opened does
    return app


def test_a_refused_location_leaves_the_gps_off_until_allowed_in_the_settings(tmp_path):
    refused = Granted(camera=True, location=False)
    permissions = FakePermissions(now=refused, later=refused)
    app = app_with(permissions, tmp_path)
    assert app.location.started == 0
    app.on_resume()
    assert (permissions.checked, app.location.started) == (1, 0)
    permissions.later = Granted(camera=True, location=True)
    app.on_resume()
    assert (permissions.asked, app.location.started) == (1, 1)
    app.on_resume()  # everything granted: nothing checked again
    assert (permissions.checked, app.location.started) == (2, 1)


def test_a_granted_location_starts_the_gps_once(tmp_path):
    granted = Granted(camera=True, location=True)
    app = app_with(FakePermissions(now=granted, later=granted), tmp_path)
    assert app.location.started == 1


def test_a_refused_camera_is_remembered_for_the_photo_strip(tmp_path):
    no_camera = Granted(camera=False, location=True)
    app = app_with(FakePermissions(now=no_camera, later=no_camera), tmp_path)
    assert app.granted.camera is False
