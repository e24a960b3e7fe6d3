"""An edit made while a push is in flight stays pending and goes in the next pass."""

from mobile.store.records import SyncState


def test_edit_during_the_push_is_sent_as_the_next_revision(store, server, engine):
    record = store.records.create("complaint", {"estate_id": "e1", "matter": "漏水"})
    real_push = server.push

    def push_while_the_user_edits(batch, backlog=None):
        answers = real_push(batch, backlog)
        store.records.edit(record.id, {"estate_id": "e1", "matter": "楼上漏水，已影响吊顶"})
        return answers

    server.push = push_while_the_user_edits
    engine.run_once()

    assert store.records.get(record.id).sync_state is SyncState.PENDING
    assert server.records[record.id]["revision"] == 1

    server.push = real_push
    engine.run_once()

    assert store.records.get(record.id).sync_state is SyncState.SYNCED
    assert server.records[record.id]["revision"] == 2
    assert server.records[record.id]["payload"]["matter"] == "楼上漏水，已影响吊顶"
