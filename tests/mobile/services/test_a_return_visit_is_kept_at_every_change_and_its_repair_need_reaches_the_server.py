"""A return visit for a demo visit task through the return-visit service, on the
reference data pulled from the real server: every change is kept as the draft at once
(it survives a restart), an unhappy owner's visit needs their words, a need marked
转报修 becomes a work order on the server and the task is done there."""

import pytest

from mobile.services.forms import FormInvalid, Forms
from mobile.services.outbox import StoreOutbox
from mobile.services.return_visit import (
    DRAFT_KEY,
    ReturnVisitService,
    TaskAnswered,
    UnknownTask,
    VisitInProgress,
)
from mobile.services.today import TodayService
from mobile.store.store import Store
from server.services.work_items import derived_id
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings

TASK = "hxy-demo-vt-02"  # kefu1's routine visit to 1栋1单元601


def _engine(store, session):
    transport = HttpTransport(TransportSettings(session.current.server_url),
                              token=session.current.token)  # fmt: skip
    return SyncEngine(StoreOutbox(store), transport)


@pytest.fixture
def visits(demo_server, session, store, demo_password):
    session.sign_in(demo_server.url, "kefu1", demo_password)
    _engine(store, session).run_once()  # the visit tasks, rooms and owners
    return ReturnVisitService(store, Forms(store, session))


def test_every_change_is_the_draft_at_once_and_survives_a_restart(visits, store, session, tmp_path):
    visits.start_task(TASK)
    visits.change(method="phone")
    visits.change(satisfaction="neutral")
    visits.describe_need(visits.add_need(), "厨房下水慢")
    store.close()

    with Store.open(tmp_path / "tablet") as reopened:
        again = ReturnVisitService(reopened, Forms(reopened, session))
        fields = again.current()
        assert (fields["task_id"], fields["room_id"]) == (TASK, "hxy-1-1-601")
        assert (fields["method"], fields["satisfaction"]) == ("phone", "neutral")
        assert fields["needs"] == [{"description": "厨房下水慢", "follow_up": None}]
        assert again.start_task(TASK) == fields  # the same task reopens its draft
        with pytest.raises(VisitInProgress):
            again.start_room("hxy-1-1-602", "hxy-o-YZ0012")


def test_an_unhappy_owner_s_visit_is_not_saved_without_their_words(visits, store):
    visits.start_task(TASK)
    visits.change(satisfaction="dissatisfied")

    assert set(visits.errors()) == {"feedback"}
    with pytest.raises(FormInvalid):
        visits.save()
    assert store.drafts.load(DRAFT_KEY) is not None  # nothing typed is lost


def test_a_task_the_tablet_does_not_hold_is_refused(visits):
    with pytest.raises(UnknownTask):
        visits.start_task("no-such-task")


def test_a_need_marked_repair_becomes_a_work_order_and_the_task_is_done(
    visits, store, session, demo_server
):
    today = TodayService(store, session)
    assert TASK in [item.key for item in today.items(visits.now())]
    fields = visits.start_task(TASK)
    assert visits.room_label(fields["room_id"]) == "1栋1单元601"
    assert visits.owner_name(fields["owner_id"])  # service staff see the archive
    visits.change(satisfaction="satisfied", feedback="服务不错")
    visits.add_need("")  # an empty need is left out
    visits.describe_need(visits.add_need(), "卫生间水管漏水")
    visits.follow_up(1, "repair")
    record = visits.save()

    assert store.drafts.load(DRAFT_KEY) is None
    with pytest.raises(TaskAnswered):  # not answered twice while the visit waits to sync
        visits.start_task(TASK)
    today.record_saved(record)
    assert TASK not in [item.key for item in today.items(visits.now())]
    assert record.payload["needs"] == [{"description": "卫生间水管漏水", "follow_up": "repair"}]
    assert record.payload["staff_id"] == "kefu1" and record.payload["estate_id"] == "hxy"
    _engine(store, session).run_once()

    assert record.id in demo_server.records([record.id])
    assert demo_server.item("visit_task", TASK)["status"] == "done"
    _engine(store, session).run_once()  # the task's new state comes back
    assert store.reference.get("visit_task", TASK)["status"] == "done"
    order = demo_server.item("work_order", derived_id("work_order", "owner", record.id, "0"))
    assert (order["room_id"], order["source"], order["source_id"]) == (
        "hxy-1-1-601",
        "owner",
        record.id,
    )
    assert order["category"] == "water" and order["technician_id"] in ("weixiu1", "weixiu2")
