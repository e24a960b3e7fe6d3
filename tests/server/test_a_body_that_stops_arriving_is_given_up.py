"""An upload that goes silent mid-body is given up after BODY_TIMEOUT_SECONDS: the
server answers 408 ``body_timeout``, closes the connection and logs one line, no
traceback. A body that keeps arriving, however slowly, is never cut off."""

from __future__ import annotations

import json
import time

import pytest
import requests

from sync import protocol
from tests.e2e.real_server import PASSWORD, RealServer
from tests.server.stalled_upload import DECLARED, SENT, read_answer, stall_upload

TIMEOUT_S = 2


@pytest.fixture
def server(tmp_path):
    server = RealServer(tmp_path)
    server.env["BODY_TIMEOUT_SECONDS"] = str(TIMEOUT_S)
    server.add_estate_and_staff(role="patrol")
    server.start()
    yield server
    server.close()


def _token(server: RealServer) -> str:
    answer = requests.post(
        server.url + "/api/v1/auth/device-login",
        json={"username": "wang", "password": PASSWORD, "device_name": "平板"},
        headers={protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def test_a_silent_photo_upload_is_answered_408_and_logged_in_one_line(server):
    connection = stall_upload(server.port, _token(server), "POST", "/api/v1/photos/batch")
    connection.settimeout(60)  # a cap; the answer comes after TIMEOUT_S
    with connection:
        answer = read_answer(connection)  # ends when the server closes the connection

    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert b"connection: close" in head.lower()
    assert json.loads(body)["error"]["code"] == "body_timeout"
    log = (server.data_dir / "server.log").read_text(errors="replace")
    stalls = [line for line in log.splitlines() if "gave up on the body" in line]
    assert len(stalls) == 1
    assert "POST /api/v1/photos/batch" in stalls[0]
    assert f"{SENT} of {DECLARED} bytes" in stalls[0]
    assert "Traceback" not in log


def test_a_body_that_trickles_in_slower_than_the_timeout_in_total_still_arrives(server):
    token = _token(server)

    def trickle():
        # Each piece comes well within the timeout; the whole takes longer than it.
        body = json.dumps({"records": []}).encode()
        for start in range(0, len(body), 2):
            time.sleep(TIMEOUT_S / 4)
            yield body[start : start + 2]

    answer = requests.post(
        server.url + "/api/v1/sync/push",
        data=trickle(),
        headers={
            protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        },
        timeout=60,
    )

    assert answer.status_code == 200, answer.text
    assert answer.json()["results"] == []
