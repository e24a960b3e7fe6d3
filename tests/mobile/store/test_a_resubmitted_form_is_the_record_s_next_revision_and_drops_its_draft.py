"""A later step on a saved record (a complaint followed to its end) is saved as the
record's next revision, pending again, and its draft is dropped in the same step."""

from mobile.store.store import Store


def test_a_resubmitted_form_is_the_next_revision_and_its_draft_is_gone(tmp_path):
    with Store.open(tmp_path) as store:
        record = store.submit("complaint:new", "complaint", {"status": "classified"})
        store.records.mark_synced(record.id, record.revision)
        store.drafts.save(f"complaint:{record.id}", {"action": "close", "result": "已解决"})

        edited = store.resubmit(f"complaint:{record.id}", record.id, {"status": "closed"})

    with Store.open(tmp_path) as reopened:
        held = reopened.records.get(record.id)
        assert (edited.revision, held.revision) == (2, 2)
        assert held.payload == {"status": "closed"} and held.sync_state == "pending"
        assert reopened.drafts.load(f"complaint:{record.id}") is None
