"""Work orders rewritten at the same time from several sessions (as workflows and admins
do): every writer takes its turn on the sequence row, so the previous assignee each one
reads is the last one committed, and every tablet ends where a fresh pull does."""

import random
import threading

from sqlalchemy import select

from server.db.engine import make_engine, make_session_factory
from server.db.models import ReferenceItem
from tests.server.reference_factories import Tablet, owner, put, put_estate_tree, work_order

TECHNICIANS = ["zhang", "zhao", "qian"]


def test_concurrent_reassignments_leave_each_technician_with_exactly_their_orders(
    db, estates, client, make_account, login, database_url
):
    rooms = put_estate_tree(db, "hxy", rooms=("101", "102", "103"))
    for number, room_id in enumerate(rooms, start=1):
        put(db, "owner", owner(f"hxy-o-{number}", (room_id,)))
    tablets = {
        name: Tablet(client, login(make_account(name, "technician"))) for name in TECHNICIANS
    }
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    errors = []

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            with sessions() as session:
                for _ in range(15):
                    data = work_order(
                        f"wo-{rng.randint(1, 3)}",
                        rng.choice(TECHNICIANS),
                        rng.choice(rooms),
                        status=rng.choice(["assigned", "in_progress", "done"]),
                    )
                    put(session, "work_order", data)
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(3)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        for tablet in tablets.values():
            tablet.sync(limit=3)
    for thread in threads:
        thread.join()
    engine.dispose()
    assert errors == []

    db.expire_all()
    orders = {
        item.key: item.data
        for item in db.scalars(select(ReferenceItem).where(ReferenceItem.kind == "work_order"))
    }
    for name, tablet in tablets.items():
        tablet.sync(limit=3)
        fresh = Tablet(client, tablet.headers)
        fresh.sync()
        assert tablet.items == fresh.items, name
        assert tablet.keys("work_order") == {
            key for key, data in orders.items() if data["technician_id"] == name
        }
        open_rooms = {
            data["room_id"]
            for data in orders.values()
            if data["technician_id"] == name and data["status"] != "done"
        }
        assert {
            tablet.get("owner", key)["room_ids"][0] for key in tablet.keys("owner")
        } == open_rooms
