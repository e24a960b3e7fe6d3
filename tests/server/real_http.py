"""Helpers for tests that speak to the real server process over loopback HTTP
(tests/e2e/real_server.py ``RealServer``): accounts made with the admin CLI,
sign-ins, and a ``requests`` session per device."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "e2e"))

from real_server import PASSWORD, RealServer  # noqa: E402

from sync import protocol  # noqa: E402

__all__ = ["PASSWORD", "RealServer", "add_account", "client", "device", "patrol_round", "sign_in"]


def add_account(server: RealServer, username: str, role: str, *options: str) -> None:
    """``create-account`` with PASSWORD; ``options`` are ``--estate hxy`` and the like."""
    server.admin(
        "create-account", username, "--role", role, *options, "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip


def client(server: RealServer, token: str | None = None) -> requests.Session:
    session = requests.Session()
    session.headers[protocol.PROTOCOL_HEADER] = str(protocol.PROTOCOL_VERSION)
    if token:
        session.headers["Authorization"] = f"Bearer {token}"
    return session


def sign_in(
    server: RealServer,
    username: str,
    password: str = PASSWORD,
    device_name: str = "平板",
    headers: dict[str, str] | None = None,
) -> requests.Response:
    return client(server).post(
        server.url + "/api/v1/auth/device-login",
        json={"username": username, "password": password, "device_name": device_name},
        headers=headers or {},
        timeout=60,
    )


def device(server: RealServer, username: str, device_name: str = "平板") -> requests.Session:
    """A signed-in device's session (asserts the sign-in worked)."""
    answer = sign_in(server, username, device_name=device_name)
    assert answer.status_code == 200, answer.text
    return client(server, answer.json()["token"])


def patrol_round(estate_id: str = "hxy", photos: tuple[str, ...] = (), staff: str = "wang") -> dict:
    """A patrol round as a tablet pushes it, with its content hash."""
    payload = {
        "estate_id": estate_id,
        "route_id": "route-night-1",
        "staff_id": staff,
        "started_at": "2025-03-01T20:00:00+08:00",
        "ended_at": "2025-03-01T21:00:00+08:00",
        "checkpoints": [
            {
                "checkpoint_id": "pump-room",
                "arrived_at": "2025-03-01T20:10:00+08:00",
                "presence": {"method": "typed", "code": "CP-PUMP"},
                "photos": list(photos),
            }
        ],
    }
    return {
        "id": str(uuid.uuid4()),
        "kind": "patrol_round",
        "revision": 1,
        "content_hash": protocol.content_hash(payload),
        "payload": payload,
        "photos": list(photos),
        "created_at": "2025-03-01T20:00:00+08:00",
        "updated_at": "2025-03-01T21:00:00+08:00",
    }
