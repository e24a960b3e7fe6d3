"""The real server (``python -m server`` on loopback, SQLite or TEST_DATABASE_URL's
PostgreSQL) with two estates and staff of every role, for the push tests that must go
over real HTTP: ``PushServer.start(workdir)``, then ``sign_in``, ``push``, ``push_raw``.

Staff of estate hxy: patrol wang and liu, technicians zhao and qian, service li and
zhou, supervisor chen; estate lyy: supervisor sun.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import requests

from server.db.engine import make_engine, make_session_factory
from server.db.models import Estate
from server.services.accounts import create_account
from sync import protocol
from tests.e2e.real_server import PASSWORD, RealServer
from tests.server.workflow_support import patrol_round

STAFF = {
    "wang": ("patrol", "hxy"),
    "liu": ("patrol", "hxy"),
    "zhao": ("technician", "hxy"),
    "qian": ("technician", "hxy"),
    "li": ("service", "hxy"),
    "zhou": ("service", "hxy"),
    "chen": ("supervisor", "hxy"),
    "sun": ("supervisor", "lyy"),
}
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


def record(kind: str, payload: Any, *, record_id: str | None = None, revision: int = 1) -> dict:
    """A record as a tablet sends it, its content hash computed when the payload can be."""
    try:
        content_hash = protocol.content_hash(payload)
    except (UnicodeEncodeError, ValueError, RecursionError):
        content_hash = "0" * 64
    return {
        "id": record_id or str(uuid.uuid4()),
        "kind": kind,
        "revision": revision,
        "content_hash": content_hash,
        "payload": payload,
        "photos": [],
        "created_at": "2025-03-01T20:00:00+08:00",
        "updated_at": "2025-03-01T21:00:00+08:00",
    }


def good_round(staff_id: str = "wang") -> dict:
    """A valid patrol round by ``staff_id``, as a new record."""
    return record("patrol_round", patrol_round() | {"staff_id": staff_id})


class PushServer:
    def __init__(self, server: RealServer):
        self.server = server
        self.url = server.url + "/api/v1/sync/push"
        self._tokens: dict[str, dict[str, str]] = {}

    @classmethod
    def start(cls, workdir) -> PushServer:
        server = RealServer(workdir)
        server.admin("create-estate", "hxy", "华夏苑")
        server.admin("create-estate", "lyy", "绿洋园")
        engine = make_engine(server.database_url)
        try:
            with make_session_factory(engine)() as session:
                for username, (role, estate_id) in STAFF.items():
                    create_account(
                        session,
                        username=username,
                        password=PASSWORD,
                        role=role,
                        estates=[session.get(Estate, estate_id)],
                    )
        finally:
            engine.dispose()
        server.start()
        return cls(server)

    def close(self) -> None:
        self.server.close()

    def sign_in(self, username: str) -> dict[str, str]:
        """Authorization headers of a device signed in as ``username`` (one per account)."""
        if username not in self._tokens:
            answer = requests.post(
                self.server.url + "/api/v1/auth/device-login",
                json={"username": username, "password": PASSWORD, "device_name": "平板"},
                headers=HEADERS,
                timeout=60,
            )
            assert answer.status_code == 200, answer.text
            self._tokens[username] = HEADERS | {"Authorization": f"Bearer {answer.json()['token']}"}
        return self._tokens[username]

    def push_raw(self, username: str, body: bytes) -> requests.Response:
        headers = self.sign_in(username) | {"Content-Type": "application/json"}
        return requests.post(self.url, data=body, headers=headers, timeout=120)

    def push(self, username: str, *records: Any) -> list[dict]:
        """Push ``records`` as ``username``; asserts the batch was answered, record by record."""
        answer = self.push_raw(username, json.dumps({"records": list(records)}).encode())
        assert answer.status_code == 200, answer.text
        body = answer.json()
        protocol.check_push_response(body, sent=len(records))
        return body["results"]

    def stored(self, *records: dict) -> dict[str, dict]:
        """What the server's database holds of ``records``, by id."""
        return self.server.records([item["id"] for item in records])


def codes(result: dict) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in result.get("errors", [])]
