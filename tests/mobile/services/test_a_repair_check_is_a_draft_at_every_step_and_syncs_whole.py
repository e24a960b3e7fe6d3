"""A repair check for the demo technician's work order through the repair service, on
reference data pulled from the real server: every step is in the draft at once (a new
service on the same store finds it all), the owner's signature is a PNG kept as a photo,
marks on a photo stay beside it, and the saved check reaches the server with its photos
byte for byte and raises the after-repair visit; an order changed meanwhile is a conflict."""

import io
import json

import pytest
from PIL import Image

from mobile.services.conflicts import server_work_order
from mobile.services.drawing import strokes_png
from mobile.services.forms import FormInvalid, Forms
from mobile.services.outbox import StoreOutbox
from mobile.services.repair import (
    MaterialsUnreadable,
    RepairService,
    draft_key,
    order_of_draft,
    read_materials,
)
from mobile.store.records import SyncState
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings

ORDER = "hxy-demo-wo-01"  # weixiu1's, in room 3-1-502
OTHER = "hxy-demo-wo-03"


def _sync(store, session) -> None:
    transport = HttpTransport(TransportSettings(session.current.server_url),
                              token=session.current.token)  # fmt: skip
    SyncEngine(StoreOutbox(store), transport).run_once()


@pytest.fixture
def repair(demo_server, session, store, demo_password):
    session.sign_in(demo_server.url, "weixiu1", demo_password)
    _sync(store, session)
    return RepairService(store, Forms(store, session))


def _photo(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def test_materials_are_read_one_a_line_as_name_quantity_unit():
    assert read_materials("陶瓷 阀芯 1 个\n\n生料带 0.5 卷") == [
        {"name": "陶瓷 阀芯", "quantity": 1.0, "unit": "个"},
        {"name": "生料带", "quantity": 0.5, "unit": "卷"},
    ]
    with pytest.raises(MaterialsUnreadable):
        read_materials("生料带 一卷")


def test_a_repair_check_kept_at_every_step_reaches_the_server_whole(
    repair, store, session, demo_server
):
    assert ORDER in [order.id for order in repair.orders()]
    repair.open(ORDER)
    repair.arrive()
    repair.set("diagnosis", "地漏存水弯堵塞")
    before = store.photos.add(_photo((120, 80, 40))).sha256
    after = store.photos.add(_photo((40, 120, 80))).sha256
    repair.list_photo("photos_before", before)
    repair.list_photo("photos_after", after)
    repair.annotate(before, [[0.2, 0.2, 0.6, 0.7]])
    repair.set("materials", "地漏 1 个")
    repair.set("result", "resolved")
    with pytest.raises(FormInvalid) as refused:
        repair.finish()
    assert "owner_confirmation" in refused.value.by_field()  # a home needs the owner's sign-off
    repair.sign([[0.1, 0.5, 0.3, 0.3, 0.5, 0.6], [0.7, 0.4]])
    repair.set("rating", 5)

    resumed = RepairService(store, Forms(store, session))  # the app restarted
    assert order_of_draft(store.drafts.all()[0].key) == ORDER  # the newest draft is this form
    fields = resumed.open(ORDER)
    assert fields["photos_before"] == [before] and fields["photos_after"] == [after]
    assert fields["annotations"] == {before: [[0.2, 0.2, 0.6, 0.7]]}
    signature = fields["signature"]["sha256"]
    assert (
        store.photos.open_bytes(signature)
        == store.photos.add(
            strokes_png([[0.1, 0.5, 0.3, 0.3, 0.5, 0.6], [0.7, 0.4]])
        ).path.read_bytes()
    )
    assert set(store.drafts.load(draft_key(ORDER)).photos) == {before, after, signature}

    record = resumed.finish()
    assert store.drafts.load(draft_key(ORDER)) is None
    assert ORDER not in [order.id for order in resumed.orders()]  # checked: off my list
    _sync(store, session)
    held = demo_server.records([record.id])[record.id]
    assert held["payload"] == record.payload and held["complete"]
    assert held["payload"]["owner_confirmation"]["signature_sha256"] == signature
    assert held["payload"]["annotations"] == [{"photo": before, "strokes": [[0.2, 0.2, 0.6, 0.7]]}]
    for sha in (before, after, signature):
        assert demo_server.photo(sha) == store.photos.open_bytes(sha)
    assert demo_server.item("work_order", ORDER)["status"] == "done"
    visits = [row for row in _visit_tasks(demo_server) if row.get("source_id") == ORDER]
    assert len(visits) == 1 and visits[0]["room_id"] == "hxy-3-1-502"


def test_a_check_on_an_order_changed_meanwhile_waits_as_a_conflict(
    repair, store, session, demo_server
):
    repair.open(OTHER)
    repair.arrive()
    repair.set("diagnosis", "锁芯锈蚀")
    repair.set("result", "needs_parts")
    changed = demo_server.item("work_order", OTHER) | {
        "description": "入户门门锁卡滞（业主补充：猫眼松动）"
    }
    demo_server.put_item("work_order", OTHER, "hxy", changed)
    record = repair.finish()
    _sync(store, session)
    waiting = store.records.get(record.id)
    assert waiting.sync_state is SyncState.REJECTED
    assert server_work_order(waiting)["data"]["description"] == changed["description"]


def _visit_tasks(server) -> list[dict]:
    rows = server._query("SELECT data FROM reference_items WHERE kind = 'visit_task'")
    return [json.loads(r["data"]) if isinstance(r["data"], str) else r["data"] for r in rows]
