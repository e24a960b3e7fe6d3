"""``/health`` touches the database: a wedged one shows as 503 ``database_unavailable``
within the health timeout, and health is back to 200 once the database answers."""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from pathlib import Path

import pytest
import requests
from fastapi.testclient import TestClient

from server.app import create_app
from server.config import Settings
from sync import protocol
from tests.e2e.real_server import RealServer


@pytest.fixture
def sqlite_server(tmp_path):
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("holds SQLite's write lock; the silent database below covers PostgreSQL")
    server = RealServer(tmp_path)
    server.start()
    yield server
    server.close()


def _health(url: str) -> requests.Response:
    return requests.get(url + "/health", timeout=60)  # a cap: the answer comes in seconds


def test_health_is_503_while_another_process_holds_the_sqlite_write_lock(sqlite_server):
    holder = sqlite3.connect(sqlite_server.data_dir / "server.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        wedged = _health(sqlite_server.url)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert wedged.status_code == 503
    protocol.check_error_response(wedged.json())
    assert wedged.json()["error"]["code"] == "database_unavailable"
    deadline = time.monotonic() + 60
    while (answer := _health(sqlite_server.url)).status_code != 200:
        assert time.monotonic() < deadline, answer.text
    protocol.check_health_response(answer.json())


def test_health_is_503_when_the_database_server_accepts_but_never_answers(tmp_path: Path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        settings = Settings(
            data_dir=tmp_path,
            database_url=f"postgresql+psycopg://estate@127.0.0.1:{port}/estate",
            photo_dir=tmp_path / "photos",
            migrate_on_start=False,
            health_database_timeout=0.5,
        )
        app = create_app(settings)
        answer = TestClient(app).get("/health")
    app.state.engine.dispose()

    assert answer.status_code == 503
    assert answer.json()["error"]["code"] == "database_unavailable"
