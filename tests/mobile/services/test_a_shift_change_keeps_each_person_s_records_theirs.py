"""Another person signs in on the same tablet: what the first recorded stays theirs,
and it still reaches the server, under its author's name."""

from mobile.services.forms import Forms
from mobile.services.outbox import StoreOutbox
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
    SyncEngine(StoreOutbox(store), transport).run_once()
    held = demo_server.records([first.id, second.id])
    assert held[first.id]["payload"]["staff_id"] == "xunluo1"
    assert held[second.id]["payload"]["staff_id"] == "xunluo2"
