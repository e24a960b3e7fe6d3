"""Failed sign-ins for names that do not exist leave a bounded number of rows: an
address is locked after 20 failures (later attempts store nothing), and failures
older than the window are deleted as new ones come in. Over real HTTP."""

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, select, update

from server.db.models import LoginFailure
from server.db.types import utcnow
from tests.server.real_http import RealServer, sign_in


@pytest.fixture
def server(tmp_path):
    server = RealServer(tmp_path)
    server.env["TRUSTED_PROXIES"] = "127.0.0.1"
    server.admin("create-estate", "hxy", "华夏苑")
    server.start()
    yield server
    server.close()


@pytest.fixture
def database(server):
    engine = create_engine(server.database_url)
    yield engine
    engine.dispose()


def _rows(database) -> int:
    with database.connect() as connection:
        return connection.scalar(select(func.count()).select_from(LoginFailure))


def _guess(server, name: str, address: str) -> int:
    return sign_in(server, name, "x", headers={"X-Forwarded-For": address}).status_code


def test_an_address_guessing_names_stores_no_more_than_its_limit(server, database):
    codes = [_guess(server, f"nobody{n}", "203.0.113.7") for n in range(30)]

    assert codes == [401] * 20 + [429] * 10
    assert _rows(database) == 20


def test_failures_older_than_the_window_are_deleted_by_the_next_one(server, database):
    for n in range(10):
        assert _guess(server, f"nobody{n}", f"203.0.113.{n}") == 401
    with database.begin() as connection:
        connection.execute(update(LoginFailure).values(at=utcnow() - timedelta(minutes=16)))

    assert _guess(server, "someone", "198.51.100.1") == 401

    assert _rows(database) == 1
