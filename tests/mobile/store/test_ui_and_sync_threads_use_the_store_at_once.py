"""The UI thread records while the sync thread marks records sent: nothing is lost."""

import threading

from mobile.store.records import SyncState
from mobile.store.store import Store


def test_concurrent_saves_and_sync_marks_lose_nothing(tmp_path):
    created: list[str] = []
    errors: list[BaseException] = []
    done = threading.Event()

    with Store.open(tmp_path) as store:

        def field_worker():
            try:
                for n in range(300):
                    created.append(store.records.create("patrol_round", {"n": n}).id)
                    if n % 10 == 0:
                        store.drafts.save("patrol_round:new", {"n": n})
            except BaseException as exc:
                errors.append(exc)
            finally:
                done.set()

        def sync_engine():
            try:
                while not done.is_set() or store.records.pending():
                    for record in store.records.mark_sending(
                        r.id for r in store.records.pending(20)
                    ):
                        store.records.mark_synced(record.id, record.revision)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=field_worker), threading.Thread(target=sync_engine)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert errors == []
        assert len(created) == 300
        assert store.records.counts()[SyncState.SYNCED] == 300
    with Store.open(tmp_path) as reopened:
        assert sorted(r.payload["n"] for r in reopened.records.find()) == list(range(300))
