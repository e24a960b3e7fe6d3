"""The dashboard shares the tablets' failed-login throttle: failures on either count
together, and a locked username cannot sign in here even with the right password."""

from __future__ import annotations

import requests

from sync import protocol
from tests.server.dashboard.world import PASSWORD


def test_a_username_locked_by_tablet_failures_cannot_sign_in_to_the_dashboard(world):
    for _ in range(5):  # Settings.login_max_failures
        answer = requests.post(
            world.server.url + "/api/v1/auth/device-login",
            json={"username": "root", "password": "wrong", "device_name": "x"},
            headers={protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)},
            timeout=30,
        )
        assert answer.status_code == 401

    locked = world.post_login(requests.Session(), "root", PASSWORD)

    assert locked.status_code == 429
    assert 'data-code="login_throttled"' in locked.text
    assert "dashboard_session" not in locked.cookies
