"""A round of the demo night route, step by step through the patrol service, on the
reference data pulled from the real server: out of order, a reading out of range with
a photo, a skipped checkpoint; the draft survives a restart; the record syncs."""

import io

import pytest
from PIL import Image

from mobile.services.forms import Forms
from mobile.services.outbox import StoreOutbox
from mobile.services.patrol import (
    DRAFT_KEY,
    PENDING,
    SKIPPED,
    VISITED,
    NotArrived,
    PatrolService,
    ReasonsMissing,
    RoundInProgress,
    WrongCode,
    out_of_range,
)
from mobile.store.store import Store
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings

NIGHT = "hxy-route-night"


def _engine(store, session):
    transport = HttpTransport(TransportSettings(session.current.server_url),
                              token=session.current.token)  # fmt: skip
    return SyncEngine(StoreOutbox(store), transport)


@pytest.fixture
def patrol(demo_server, session, store, demo_password):
    session.sign_in(demo_server.url, "xunluo1", demo_password)
    _engine(store, session).run_once()  # the routes and checkpoints
    return PatrolService(store, Forms(store, session))


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_night_round_is_saved_as_one_valid_record_and_reaches_the_server(
    patrol, store, session, demo_server
):
    patrol.start(NIGHT)
    stops = patrol.stops()
    assert [s.checkpoint.code for s in stops][:3] == ["HXY-01", "HXY-14", "HXY-03"]
    assert {s.state for s in stops} == {PENDING}

    pump = stops[2].checkpoint  # out of order: the pump room first
    patrol.arrive(pump.id, "hxy-03")
    level, pressure = [i for i in pump.items if i.kind == "reading"]
    assert out_of_range(level.allowed, 0.4).zh.startswith("超出正常范围")
    assert out_of_range(pressure.allowed, 0.3) is None
    patrol.reading(pump.id, level.id, 0.4)
    patrol.reading(pump.id, pressure.id, 0.3)
    patrol.all_normal(pump.id)
    patrol.note(pump.id, "水位过低")
    patrol.add_photo(pump.id, store.photos.add(_photo()).sha256)
    for stop in stops[:2] + stops[3:-1]:
        patrol.arrive(stop.checkpoint.id, stop.checkpoint.code)
        for item in stop.checkpoint.items:
            if item.kind == "reading":
                patrol.reading(stop.checkpoint.id, item.id, item.allowed.minimum)
        patrol.all_normal(stop.checkpoint.id)
    record = patrol.finish({stops[-1].checkpoint.id: "大门锁闭，无法进入"})

    assert store.drafts.load(DRAFT_KEY) is None
    visits = record.payload["checkpoints"]
    assert visits[0]["checkpoint_id"] == pump.id and visits[0]["abnormal"] is True
    assert visits[-1] == {"checkpoint_id": stops[-1].checkpoint.id, "skipped": True,
                          "skip_reason": "大门锁闭，无法进入"}  # fmt: skip
    assert [v["abnormal"] for v in visits[1:-1]] == [False] * 6
    assert record.payload["staff_id"] == "xunluo1" and len(record.photos) == 1
    _engine(store, session).run_once()
    held = demo_server.records([record.id])[record.id]
    assert held["complete"] and held["photos"] == list(record.photos)


def test_the_round_in_progress_survives_a_restart(patrol, store, session, tmp_path):
    patrol.start(NIGHT)
    first = patrol.stops()[0].checkpoint
    patrol.arrive(first.id, first.code)
    patrol.all_normal(first.id)
    store.close()

    with Store.open(tmp_path / "tablet") as reopened:
        again = PatrolService(reopened, Forms(reopened, session))
        stops = again.stops()
        assert again.current()["route_id"] == NIGHT
        assert stops[0].state == VISITED and not stops[0].abnormal
        assert [s.state for s in stops[1:]] == [PENDING] * 7
        with pytest.raises(RoundInProgress):
            again.start("hxy-route-day")


def test_a_wrong_code_a_result_before_arriving_and_missing_reasons_are_refused(patrol):
    patrol.start(NIGHT)
    stops = patrol.stops()
    first, second = stops[0].checkpoint, stops[1].checkpoint

    with pytest.raises(WrongCode):
        patrol.arrive(first.id, second.code)
    with pytest.raises(NotArrived):
        patrol.all_normal(first.id)
    patrol.skip(second.id, "施工围挡")
    with pytest.raises(ReasonsMissing) as missing:
        patrol.finish({})

    assert patrol.stops()[1].state == SKIPPED
    assert second.id not in missing.value.checkpoint_ids
    assert len(missing.value.checkpoint_ids) == 7 and "7 个巡查点" in missing.value.text.zh
