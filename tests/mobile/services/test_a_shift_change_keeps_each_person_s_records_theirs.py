"""Another person signs in on the same tablet: what the first recorded stays theirs,
and it still reaches the server, under its author's own account."""

from mobile.services.every_author import EveryAuthorSync
from mobile.services.forms import Forms
from mobile.services.outbox import StoreOutbox
from mobile.store.records import SyncState
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings
from tests.domain.conftest import patrol_round


def test_records_keep_their_author_across_a_shift_change_and_sync_as_theirs(
    demo_server, session, store, demo_password
):
    forms = Forms(store, session)
    fields = {k: v for k, v in patrol_round().items() if k not in ("staff_id", "estate_id")}
    fields["checkpoints"] = fields["checkpoints"][1:]  # no photo to send
    session.sign_in(demo_server.url, "xunluo1", demo_password)
    first = forms.submit(None, "patrol_round", fields)

    session.sign_in(demo_server.url, "xunluo2", demo_password)  # the night shift
    second = forms.submit(None, "patrol_round", fields)

    assert store.records.get(first.id).payload["staff_id"] == "xunluo1"
    assert store.records.get(second.id).payload["staff_id"] == "xunluo2"
    transport = HttpTransport(TransportSettings(demo_server.url), token=session.current.token)
    EveryAuthorSync(SyncEngine(StoreOutbox(store), transport), store, session).run_once()

    assert store.records.get(first.id).sync_state is SyncState.SYNCED
    assert store.records.get(second.id).sync_state is SyncState.SYNCED
    held = demo_server.records([first.id, second.id])
    assert held[first.id]["payload"]["staff_id"] == "xunluo1"
    assert held[second.id]["payload"]["staff_id"] == "xunluo2"
    assert demo_server.owners([first.id, second.id]) == {
        first.id: "xunluo1",
        second.id: "xunluo2",
    }
    assert session.earlier == ()  # nothing of the day shift waits: their token is forgotten
