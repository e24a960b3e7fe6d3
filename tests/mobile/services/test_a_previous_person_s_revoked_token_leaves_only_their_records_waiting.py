"""At a shift change the previous person's token is revoked: their records wait (not
refused) for them to sign in again on this tablet, and the current person's go up."""

from mobile.services.every_author import EveryAuthorSync
from mobile.services.forms import Forms
from mobile.services.outbox import StoreOutbox
from mobile.services.session import Session
from mobile.store.records import SyncState
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings
from tests.domain.conftest import patrol_round


def test_a_previous_person_s_revoked_token_leaves_their_records_waiting_for_them(
    demo_server, session, store, demo_password, tmp_path
):
    forms = Forms(store, session)
    fields = {k: v for k, v in patrol_round().items() if k not in ("staff_id", "estate_id")}
    fields["checkpoints"] = fields["checkpoints"][1:]  # no photo to send
    day = session.sign_in(demo_server.url, "xunluo1", demo_password)
    first = forms.submit(None, "patrol_round", fields)
    session.sign_in(demo_server.url, "xunluo2", demo_password)  # the night shift
    second = forms.submit(None, "patrol_round", fields)
    demo_server.admin("revoke-device", str(day.device_id))

    transport = HttpTransport(TransportSettings(demo_server.url), token=session.current.token)
    passes = EveryAuthorSync(SyncEngine(StoreOutbox(store), transport), store, session)
    passes.run_once()

    assert store.records.get(first.id).sync_state is SyncState.PENDING
    assert store.records.get(second.id).sync_state is SyncState.SYNCED
    assert demo_server.owners([first.id, second.id]) == {second.id: "xunluo2"}
    assert passes.status.last_error is None and not passes.status.auth_required
    restarted = Session(tmp_path / "tablet", store)
    assert [p.username for p in restarted.waiting_for_sign_in()] == ["xunluo1"]

    session.sign_in(demo_server.url, "xunluo1", demo_password)  # the day shift is back
    transport.token = session.current.token
    passes.run_once()
    assert store.records.get(first.id).sync_state is SyncState.SYNCED
    assert demo_server.owners([first.id]) == {first.id: "xunluo1"}
    assert session.waiting_for_sign_in() == ()
