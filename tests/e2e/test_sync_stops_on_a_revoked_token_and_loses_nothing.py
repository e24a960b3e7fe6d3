"""A revoked device token stops syncing with "sign in again"; signing in again sends
everything that was waiting. (Only as the staff member who made the records: a
colleague signed in on the tablet may not send them, as server/permissions.py says.)"""

import pytest
from exactly_once import assert_delivered_exactly_once
from real_server import PASSWORD

from mobile.store.records import SyncState
from sync.errors import AuthRequired
from sync.runner import SyncRunner
from sync.transport import HttpTransport, TransportSettings

pytestmark = pytest.mark.tablet_side


@pytest.fixture
def admin(real_server):
    real_server.admin(
        "create-account", "boss", "--role", "admin", "--estate", "hxy", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    transport = HttpTransport(TransportSettings(base_url=real_server.url))
    transport.login("boss", PASSWORD, "办公室电脑")
    return transport


def test_revoked_token_asks_to_sign_in_and_a_new_sign_in_sends_everything(
    tablet, real_server, admin
):
    for n in range(4):
        tablet.record(n, photos=1 if n == 0 else 0)
    admin.session.post(
        f"{real_server.url}/api/v1/devices/{tablet.device_id}/revoke",
        headers={"Authorization": f"Bearer {admin.token}", "X-Protocol-Version": "1"},
        timeout=10,
    ).raise_for_status()
    runner = SyncRunner(tablet.engine, probe=lambda: True)

    assert runner.run_pass() is False
    assert isinstance(runner.blocked_by, AuthRequired)
    assert tablet.engine.status.auth_required is True
    assert "重新登录" in tablet.engine.status.last_error.zh
    assert tablet.store.records.counts()[SyncState.PENDING] == 4
    assert real_server.records(tablet.store.journal.ids("records")) == {}

    tablet.transport.login("wang", PASSWORD, "平板-01")
    runner.signed_in()
    assert runner.run_pass() is True

    assert tablet.engine.status.auth_required is False
    assert_delivered_exactly_once(tablet.store, real_server)
