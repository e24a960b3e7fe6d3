"""Uploads that go silent mid-body, more of them than the server's pool has database
connections, held open while other tablets sign in, pull and push: every one of those
succeeds, on the real server process (SQLite, or PostgreSQL with TEST_DATABASE_URL).

Before the request bodies were read ahead of the routes, a silent photo upload kept the
transaction that signed its device in open. On SQLite that is the write lock: the other
tablets' pushes and sign-ins failed with 500 "database is locked" after 30 s. On
PostgreSQL each held a pooled connection: once the pool was empty, the others failed
with 500 after the pool's 30 s timeout."""

from __future__ import annotations

import hashlib
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from server.db.engine import POOL_MAX_OVERFLOW, POOL_SIZE
from sync import protocol
from sync.transport import HttpTransport, TransportSettings
from tests.e2e.real_server import PASSWORD, RealServer
from tests.server.stalled_upload import stall_upload, still_waiting

# Photo uploads used to hold a pooled connection each while their bodies stalled:
# more of them than the pool has, and a few stalled pushes besides.
STALLED_PHOTOS = POOL_SIZE + POOL_MAX_OVERFLOW + 3
STALLED_PUSHES = 3
TABLETS = 4


@pytest.fixture
def server(tmp_path):
    server = RealServer(tmp_path)
    # Long enough that no stalled upload is given up while the test runs.
    server.env["BODY_TIMEOUT_SECONDS"] = "3600"
    server.add_estate_and_staff(username="stalled", role="patrol")
    # The other tablets are another user's, each signed in as its own device.
    server.admin(
        "create-account", "xunluo", "--role", "patrol", "--estate", "hxy",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    server.start()
    yield server
    server.close()


def _transport(server: RealServer) -> HttpTransport:
    # Generous caps: a stuck server fails the test instead of hanging it.
    return HttpTransport(
        TransportSettings(base_url=server.url, connect_timeout=60, read_timeout=120)
    )


def _patrol_round(staff: str) -> dict:
    payload = {
        "estate_id": "hxy",
        "route_id": "route-night-1",
        "staff_id": staff,
        "started_at": "2026-11-30T20:00:00+08:00",
        "ended_at": "2026-11-30T21:00:00+08:00",
        "checkpoints": [
            {
                "checkpoint_id": "pump-room",
                "arrived_at": "2026-11-30T20:10:00+08:00",
                "presence": {"method": "typed", "code": "CP-PUMP"},
            }
        ],
    }
    return {
        "id": str(uuid.uuid4()),
        "kind": "patrol_round",
        "revision": 1,
        "content_hash": protocol.content_hash(payload),
        "payload": payload,
        "photos": [],
        "created_at": "2026-11-30T20:00:00+08:00",
        "updated_at": "2026-11-30T21:00:00+08:00",
    }


def _sign_in_pull_and_push(server: RealServer, n: int) -> list[str]:
    tablet = _transport(server)
    tablet.login("xunluo", PASSWORD, f"平板-{n}")
    pulled = tablet.pull(cursor=0, limit=100)
    results = tablet.push([_patrol_round("xunluo")])
    return [f"pulled {len(pulled['items']) > 0}", results[0]["outcome"]]


def _stall_all(server: RealServer, token: str) -> list:
    sha = hashlib.sha256(b"a photo that never finishes").hexdigest()
    photos = [
        ("POST", "/api/v1/photos/batch", {}),
        ("PUT", f"/api/v1/photos/{sha}?offset=0", {protocol.PHOTO_SIZE_HEADER: "200000"}),
    ]
    stalled = [
        stall_upload(server.port, token, *photos[n % len(photos)]) for n in range(STALLED_PHOTOS)
    ]
    for _ in range(STALLED_PUSHES):
        stalled.append(stall_upload(server.port, token, "POST", "/api/v1/sync/push"))
    return stalled


def test_tablets_sign_in_pull_and_push_while_uploads_more_than_the_pool_stall(server):
    stalled_tablet = _transport(server)
    stalled_tablet.login("stalled", PASSWORD, "地下室平板")
    stalled = _stall_all(server, stalled_tablet.token)
    try:
        with ThreadPoolExecutor(TABLETS) as pool:
            outcomes = list(pool.map(lambda n: _sign_in_pull_and_push(server, n), range(TABLETS)))
        health = _transport(server).health()

        assert outcomes == [["pulled True", "accepted"]] * TABLETS
        assert health["status"] == "ok"
        # The uploads were stalled all along: the server is still waiting for their bodies.
        assert all(still_waiting(connection) for connection in stalled)
    finally:
        for connection in stalled:
            connection.close()
