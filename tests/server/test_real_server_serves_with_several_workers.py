"""``python -m server --demo --workers 2`` starts two processes on one port, sharing
nothing but the database: a device signed in through one is known to the other."""

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from real_server import free_port  # noqa: E402


def test_two_worker_processes_answer_and_share_sign_ins(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PHOTO_DIR")},
        "ESTATE_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "server", "--demo", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # caps a server that never comes up
        while True:
            assert time.monotonic() < deadline, "the server did not start"
            try:
                if requests.get(url + "/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        headers = {"X-Protocol-Version": "1"}
        login = {"username": "xunluo1", "password": "demo1234", "device_name": "平板"}
        token = requests.post(
            url + "/api/v1/auth/device-login", json=login, headers=headers, timeout=10
        ).json()["token"]
        headers["Authorization"] = f"Bearer {token}"
        # fresh connections spread over both processes; every one knows the token
        answers = [
            requests.get(
                url + "/api/v1/sync/pull", params={"cursor": 0}, headers=headers
            ).status_code
            for _ in range(12)
        ]
        assert answers == [200] * 12
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0].decode(errors="replace")
    assert output.count("Started server process") == 2
