"""Each sync tells the server what waits on the tablet and which app version it runs;
the server keeps it on the device's row for the supervisors' device list. An app that
says nothing (an older one) still syncs, and its row says "not reported"."""

from __future__ import annotations

import pytest
import requests
from fault_proxy import refuse
from faulty_transport import FaultAt
from real_server import PASSWORD

from sync import protocol
from sync.errors import Unreachable
from sync.transport import installed_version


def _device(server, device_id: int) -> dict:
    (row,) = server._query(
        "SELECT app_version, last_sync_at, backlog_records, backlog_photos FROM devices "
        "WHERE id = :id",
        id=device_id,
    )
    return dict(row)


def test_a_finished_pass_leaves_the_server_an_empty_backlog_and_the_version(tablet, real_server):
    for n in range(3):
        tablet.record(n, photos=1)

    tablet.engine.run_once()

    device = _device(real_server, tablet.device_id)
    assert (device["backlog_records"], device["backlog_photos"]) == (0, 0)
    assert device["app_version"] == installed_version() == "0.1.0"
    assert device["last_sync_at"] is not None


def test_a_pass_cut_off_after_its_pull_leaves_what_was_waiting_then(tablet, real_server, proxy):
    for n in range(3):
        tablet.record(n, photos=1 if n else 0)
    tablet.engine.transport = FaultAt(tablet.transport, proxy, "push", refuse())

    with pytest.raises(Unreachable):
        tablet.engine.run_once()

    device = _device(real_server, tablet.device_id)
    assert (device["backlog_records"], device["backlog_photos"]) == (3, 2)


def test_a_pass_cut_off_between_batches_leaves_what_waited_beyond_the_last_one_sent(
    tablet, real_server, proxy
):
    for n in range(13):  # batches of ten: the second push is refused
        tablet.record(n, photos=1 if n >= 10 else 0)
    tablet.engine.transport = FaultAt(tablet.transport, proxy, "push", refuse(), nth=2)

    with pytest.raises(Unreachable):
        tablet.engine.run_once()

    device = _device(real_server, tablet.device_id)
    assert (device["backlog_records"], device["backlog_photos"]) == (3, 3)


def test_an_app_that_reports_nothing_still_syncs_and_shows_as_not_reported(real_server):
    old = requests.Session()
    old.headers[protocol.PROTOCOL_HEADER] = str(protocol.PROTOCOL_VERSION)
    login = old.post(
        real_server.url + "/api/v1/auth/device-login",
        json={"username": "wang", "password": PASSWORD, "device_name": "旧平板"},
        timeout=30,
    ).json()
    old.headers["Authorization"] = f"Bearer {login['token']}"

    pulled = old.get(real_server.url + "/api/v1/sync/pull", timeout=30)
    pushed = old.post(real_server.url + "/api/v1/sync/push", json={"records": []}, timeout=30)

    assert pulled.status_code == pushed.status_code == 200
    device = _device(real_server, login["device_id"])
    assert device["last_sync_at"] is not None
    assert device["app_version"] is device["backlog_records"] is device["backlog_photos"] is None


def test_a_malformed_backlog_is_refused_with_its_field(tablet, real_server):
    transport = tablet.transport

    for bad in (
        {"records": -1, "photos": 0},
        {"records": 1},
        [1, 2],
        {"records": True, "photos": 0},
    ):
        answer = transport.session.post(
            real_server.url + "/api/v1/sync/push",
            json={"records": [], "backlog": bad},
            headers={protocol.PROTOCOL_HEADER: "1", "Authorization": f"Bearer {transport.token}"},
            timeout=30,
        )
        assert answer.status_code == 422, bad
        assert answer.json()["error"]["fields"][0]["field"] == "backlog"
    half = transport.session.get(
        real_server.url + "/api/v1/sync/pull",
        params={"backlog_records": 3},
        headers={protocol.PROTOCOL_HEADER: "1", "Authorization": f"Bearer {transport.token}"},
        timeout=30,
    )
    assert half.status_code == 422
