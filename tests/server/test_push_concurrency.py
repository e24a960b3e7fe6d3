"""Two server workers receiving the same record at the same moment store it once."""

import threading

from sqlalchemy import select

from server.db.engine import make_engine, make_session_factory
from server.db.models import Device, Record, RecordRevision
from server.services.push import push_records


def test_the_same_record_pushed_concurrently_is_stored_once(
    database_url, db, count, patroller, new_record
):
    device_id = db.scalar(select(Device.id))
    record = new_record()
    server_engine = make_engine(database_url)  # the engine the server itself would use
    sessions = make_session_factory(server_engine)
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def worker() -> None:
        with sessions() as session:
            device = session.get(Device, device_id)
            session.commit()  # end the read, so no worker holds a lock at the barrier
            start.wait()
            [result] = push_records(session, device=device, records=[record])
            outcomes.append(result["outcome"])

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    server_engine.dispose()

    assert sorted(outcomes) == ["accepted", "duplicate", "duplicate", "duplicate"]
    assert count(Record) == 1
    assert count(RecordRevision) == 1
