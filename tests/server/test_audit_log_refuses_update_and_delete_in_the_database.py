"""The audit log is append-only in the database itself: a sign-in through the real
server writes a row, and plain SQL with the server's own database role can neither
change nor delete it (triggers of migration 0004), on SQLite and PostgreSQL."""

import sys
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "e2e"))

from real_server import PASSWORD, RealServer  # noqa: E402

from sync import protocol  # noqa: E402


@pytest.fixture
def server_with_a_login(tmp_path):
    server = RealServer(tmp_path)
    server.add_estate_and_staff()
    server.start()
    try:
        answer = requests.post(
            server.url + "/api/v1/auth/device-login",
            json={"username": "wang", "password": PASSWORD, "device_name": "平板"},
            headers={protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        yield server
    finally:
        server.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET username = 'someone else'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE action = 'login'",
    ],
)
def test_plain_sql_cannot_change_or_delete_audit_rows(server_with_a_login, statement):
    engine = create_engine(server_with_a_login.database_url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT action, username FROM audit_log")).all()
    finally:
        engine.dispose()
    assert ("login", "wang") in [tuple(row) for row in rows]


def test_truncating_the_audit_log_fails_on_postgresql(server_with_a_login):
    engine = create_engine(server_with_a_login.database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("SQLite has no TRUNCATE")
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_log"))
    finally:
        engine.dispose()
