"""A token the server revoked: the tablet asks for a new sign-in; records stay."""

import pytest

from mobile.services.outbox import StoreOutbox
from mobile.services.session import Session
from sync.engine import SyncEngine
from sync.errors import AuthRequired
from sync.transport import HttpTransport, TransportSettings
from tests.domain.conftest import patrol_round


def test_a_revoked_token_asks_for_a_new_sign_in_and_the_record_goes_up_after_it(
    demo_server, session, store, demo_password, tmp_path
):
    who = session.sign_in(demo_server.url, "xunluo1", demo_password)
    payload = {**patrol_round(), "staff_id": "xunluo1"}
    payload["checkpoints"] = payload["checkpoints"][1:]
    record = store.submit(None, "patrol_round", payload)
    demo_server.admin("revoke-device", str(who.device_id))
    transport = HttpTransport(TransportSettings(who.server_url), token=who.token)

    with pytest.raises(AuthRequired):
        SyncEngine(StoreOutbox(store), transport).run_once()
    session.token_refused()

    assert Session(tmp_path / "tablet", store).needs_sign_in  # also after a restart
    assert session.current.username == "xunluo1"
    assert store.records.get(record.id).sync_state == "pending"
    again = session.sign_in(who.server_url, "xunluo1", demo_password)
    assert not session.needs_sign_in
    transport.token = again.token
    SyncEngine(StoreOutbox(store), transport).run_once()
    assert record.id in demo_server.records([record.id])
