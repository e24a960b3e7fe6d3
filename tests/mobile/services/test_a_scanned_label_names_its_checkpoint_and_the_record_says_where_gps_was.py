"""A scan reads codes, not a checkpoint: the patrol service names the route's checkpoint
whose label carries one (the selected one first). The presence proof keeps the GPS fix
where the tablet had one and says ``"gps": None`` where it had none; a photo removed
before the round is saved leaves the record and the draft."""

import io

import pytest
from PIL import Image

from domain.patrol import PresenceMethod
from mobile.services.forms import Forms
from mobile.services.outbox import StoreOutbox
from mobile.services.patrol import DRAFT_KEY, PatrolService
from sync.engine import SyncEngine
from sync.transport import HttpTransport, TransportSettings

NIGHT = "hxy-route-night"


@pytest.fixture
def patrol(demo_server, session, store, demo_password):
    session.sign_in(demo_server.url, "xunluo1", demo_password)
    who = session.current
    transport = HttpTransport(TransportSettings(who.server_url), token=who.token)
    SyncEngine(StoreOutbox(store), transport).run_once()  # the routes and checkpoints
    service = PatrolService(store, Forms(store, session))
    service.start(NIGHT)
    return service


def test_a_scanned_code_names_the_route_s_checkpoint_the_selected_one_first(patrol):
    stops = patrol.stops()
    first, pump = stops[0].checkpoint, stops[2].checkpoint

    assert patrol.identify(["hxy-03"]) == pump.id
    assert patrol.identify([first.code, pump.code], preferred=pump.id) == pump.id
    assert patrol.identify(["HXY-99", "no code"]) is None


def test_presence_keeps_the_fix_or_says_there_was_none(patrol):
    stops = patrol.stops()
    first, second = stops[0].checkpoint, stops[1].checkpoint
    fix = {"lat": 31.2304, "lon": 121.4737, "accuracy_m": 8.0}

    scanned = patrol.arrive(first.id, first.code, PresenceMethod.SCANNED, gps=fix)
    typed = patrol.arrive(second.id, second.code)

    assert scanned["presence"] == {"method": "scanned", "code": first.code, "gps": fix}
    assert typed["presence"] == {"method": "typed", "code": second.code, "gps": None}


def test_a_photo_removed_before_saving_leaves_the_draft(patrol, store):
    first = patrol.stops()[0].checkpoint
    patrol.arrive(first.id, first.code)
    kept, dropped = (store.photos.add(_photo(colour)).sha256 for colour in ("red", "blue"))
    patrol.add_photo(first.id, kept)
    patrol.add_photo(first.id, dropped)

    patrol.remove_photo(first.id, dropped)

    draft = store.drafts.load(DRAFT_KEY)
    assert draft.photos == (kept,)
    assert draft.fields["visits"][0]["photos"] == [kept]


def _photo(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_reason_typed_at_the_end_is_kept_in_the_draft_and_used_when_the_round_ends(patrol, store):
    stops = patrol.stops()
    for stop in stops[:-1]:
        patrol.skip(stop.checkpoint.id, "演示")
    last = stops[-1].checkpoint.id

    patrol.give_reason(last, "北门施工封闭")

    assert store.drafts.load(DRAFT_KEY).fields["reasons"] == {last: "北门施工封闭"}
    record = patrol.finish()
    assert record.payload["checkpoints"][-1]["skip_reason"] == "北门施工封闭"
    assert "reasons" not in record.payload
