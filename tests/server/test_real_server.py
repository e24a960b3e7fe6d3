"""The real server, started as ``python -m server``, spoken to over loopback HTTP."""

import hashlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from sync import protocol

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from real_server import free_port  # noqa: E402

PASSWORD = "夜班 password"


def _run_cli(env: dict, *args: str, stdin: str = "") -> None:
    subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        text=True,
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def server_url(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PHOTO_DIR")}
    env.update(ESTATE_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    _run_cli(env, "create-estate", "hxy", "华夏苑")
    _run_cli(
        env,
        "create-account",
        "wang",
        "--role",
        "patrol",
        "--estate",
        "hxy",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    port = free_port()
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [sys.executable, "-m", "server", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # caps a server that never comes up
        while True:
            try:
                requests.get(f"{url}/health", timeout=5)
                break
            except requests.RequestException:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "server.log").read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def _decode(response: requests.Response, expect: str) -> dict:
    return protocol.decode_response(
        response.headers.get("Content-Type"), response.content, expect=expect
    )


def test_a_tablet_logs_in_pushes_uploads_a_photo_and_pulls_over_real_http(server_url):
    sync = requests.Session()
    sync.headers[protocol.PROTOCOL_HEADER] = str(protocol.PROTOCOL_VERSION)

    health = _decode(sync.get(f"{server_url}/health"), "health")
    assert health["protocol"] == protocol.PROTOCOL_VERSION

    login = sync.post(
        f"{server_url}/api/v1/auth/device-login",
        json={"username": "wang", "password": PASSWORD, "device_name": "巡逻平板"},
    )
    sync.headers["Authorization"] = f"Bearer {_decode(login, 'login')['token']}"

    photo = os.urandom(100_000)
    sha = hashlib.sha256(photo).hexdigest()
    payload = {
        "estate_id": "hxy",
        "route_id": "route-night-1",
        "staff_id": "wang",
        "started_at": "2025-03-01T20:00:00+08:00",
        "ended_at": "2025-03-01T21:00:00+08:00",
        "checkpoints": [
            {
                "checkpoint_id": "pump-room",
                "arrived_at": "2025-03-01T20:10:00+08:00",
                "presence": {"method": "typed", "code": "CP-PUMP"},
                "photos": [sha],
            }
        ],
    }
    record = {
        "id": str(uuid.uuid4()),
        "kind": "patrol_round",
        "revision": 1,
        "content_hash": protocol.content_hash(payload),
        "payload": payload,
        "photos": [sha],
        "created_at": "2025-03-01T20:00:00+08:00",
        "updated_at": "2025-03-01T21:00:00+08:00",
    }
    pushed = _decode(
        sync.post(f"{server_url}/api/v1/sync/push", json={"records": [record]}), "push"
    )
    assert pushed["results"][0]["outcome"] == "accepted"
    assert pushed["results"][0]["missing_photos"] == [sha]

    status = sync.post(f"{server_url}/api/v1/photos/status", json={"photos": [sha]})
    assert _decode(status, "photo_status")["photos"][0]["state"] == "missing"
    for offset in range(0, len(photo), 60_000):
        chunk = photo[offset : offset + 60_000]
        uploaded = sync.put(
            f"{server_url}/api/v1/photos/{sha}",
            params={"offset": offset},
            data=chunk,
            headers={protocol.PHOTO_SIZE_HEADER: str(len(photo))},
        )
        assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["state"] == "have"

    again = _decode(sync.post(f"{server_url}/api/v1/sync/push", json={"records": [record]}), "push")
    assert again["results"][0] == {
        "id": record["id"],
        "revision": 1,
        "outcome": "duplicate",
        "complete": True,
        "missing_photos": [],
    }

    pulled = _decode(sync.get(f"{server_url}/api/v1/sync/pull", params={"cursor": 0}), "pull")
    assert [(item["kind"], item["key"]) for item in pulled["items"]] == [
        ("estate", "hxy"),
        ("staff", "hxy-staff-wang"),
    ]

    outdated = sync.get(f"{server_url}/api/v1/sync/pull", headers={protocol.PROTOCOL_HEADER: "0"})
    assert outdated.status_code == 426
    assert _decode(outdated, "error")["error"]["code"] == "protocol_outdated"
