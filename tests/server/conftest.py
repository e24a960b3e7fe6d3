"""Fixtures for the server tests.

The database is a SQLite file, or the PostgreSQL server named by
``TEST_DATABASE_URL`` (e.g. ``postgresql+psycopg://user:pw@localhost/estate``):
there each session (each pytest-xdist worker) gets a fresh schema, dropped at
the end, so the tests need only the right to create schemas and never meet
another worker's rows. Either way the schema is migrated once per session and
every table is emptied before each test that uses the database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from server import auth
from server.app import create_app
from server.config import Settings
from server.db import audit_guard
from server.db.engine import make_session_factory
from server.db.migrate import upgrade_to_head
from server.db.models import Base, Estate
from server.services.accounts import create_account, create_estate
from sync import protocol

PASSWORD = "correct horse 马"
ESTATE = "hxy"
OTHER_ESTATE = "lyy"


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id at its lowest cost for the tests that run the app in this process.

    The product's cost takes a tenth of a second of CPU per hash or check on an idle
    machine and over a second on a busy one, and these tests sign in hundreds of times.
    What they check does not depend on the cost: a hash still names its own parameters
    and is verified by them. The server processes of tests/e2e keep the product's cost.
    """
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", cheap)
        patch.setattr(auth, "_DUMMY_HASH", cheap.hash("not a password"))
        yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'server.db'}"
        upgrade_to_head(url)
        yield url
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = (
        make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    try:
        upgrade_to_head(url)
        yield url
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """The tests' own engine; a plain one, so that on SQLite a test's reads take
    no lock and see the server's latest commits (the server's engine opens
    every transaction with BEGIN IMMEDIATE)."""
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> None:
    """Every table emptied before each test that uses the database; a test that does
    not is left alone (and is not marked ``database``: see tests/conftest.py)."""
    if "database_url" not in request.fixturenames:
        return
    engine: Engine = request.getfixturevalue("engine")
    with engine.begin() as connection, audit_guard.lifted(connection):
        for table in reversed(Base.metadata.sorted_tables):
            if table.name == "counters":
                connection.execute(table.update().values(value=0))
            else:
                connection.execute(table.delete())


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session for setting up data and checking what the server stored."""
    with make_session_factory(engine)() as session:
        yield session


@pytest.fixture
def count(db: Session) -> Callable[..., int]:
    """Rows of a model, optionally filtered: ``count(Record, Record.kind == "x")``."""

    def count_rows(model: type, *where: object) -> int:
        db.expire_all()
        return db.scalar(select(func.count()).select_from(model).where(*where))

    return count_rows


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path,
        database_url=database_url,
        photo_dir=tmp_path / "photos",
        migrate_on_start=False,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}
    with TestClient(app, headers=headers) as test_client:
        yield test_client


@pytest.fixture
def estates(db: Session) -> dict[str, Estate]:
    return {
        ESTATE: create_estate(db, estate_id=ESTATE, name="华夏苑"),
        OTHER_ESTATE: create_estate(db, estate_id=OTHER_ESTATE, name="绿洋园"),
    }


@pytest.fixture
def make_account(db: Session, estates: dict[str, Estate]) -> Callable[..., str]:
    """Create an account and return its username."""

    def make(username: str, role: str, estate_ids: tuple[str, ...] = (ESTATE,)) -> str:
        create_account(
            db,
            username=username,
            password=PASSWORD,
            role=role,
            estates=[estates[estate_id] for estate_id in estate_ids],
        )
        return username

    return make


@pytest.fixture
def login(client: TestClient) -> Callable[..., dict[str, str]]:
    """Sign a device in; returns the Authorization header for it."""

    def sign_in(username: str, device_name: str = "平板 1") -> dict[str, str]:
        response = client.post(
            "/api/v1/auth/device-login",
            json={"username": username, "password": PASSWORD, "device_name": device_name},
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return sign_in


@pytest.fixture
def patroller(make_account, login) -> dict[str, str]:
    """Authorization header of a patrol account in the estate hxy."""
    return login(make_account("wang", "patrol"))


def _patrol_payload(estate_id: str = ESTATE, photos: tuple[str, ...] = (), **changes) -> dict:
    payload = {
        "estate_id": estate_id,
        "route_id": "route-night-1",
        "staff_id": "wang",
        "started_at": "2025-03-01T20:00:00+08:00",
        "ended_at": "2025-03-01T21:00:00+08:00",
        "checkpoints": [
            {
                "checkpoint_id": "pump-room",
                "arrived_at": "2025-03-01T20:10:00+08:00",
                "presence": {"method": "scanned", "code": "CP-PUMP"},
                "note": "水泵房正常",
                "photos": list(photos),
            }
        ],
    }
    payload.update(changes)
    return payload


def _make_record(
    *,
    record_id: str | None = None,
    kind: str = "patrol_round",
    revision: int = 1,
    payload: dict | None = None,
    photos: tuple[str, ...] = (),
) -> dict:
    """A record as the tablet sends it, with a correct content hash."""
    payload = _patrol_payload(photos=photos) if payload is None else payload
    return {
        "id": record_id or str(uuid.uuid4()),
        "kind": kind,
        "revision": revision,
        "content_hash": protocol.content_hash(payload),
        "payload": payload,
        "photos": list(photos),
        "created_at": "2025-03-01T20:00:00+08:00",
        "updated_at": "2025-03-01T21:00:00+08:00",
    }


@pytest.fixture
def patrol_payload() -> Callable[..., dict]:
    """``patrol_payload(estate_id=..., photos=..., **changes)``: a valid patrol round."""
    return _patrol_payload


@pytest.fixture
def new_record() -> Callable[..., dict]:
    """``new_record(record_id=, kind=, revision=, payload=, photos=)``: a record to push."""
    return _make_record


@pytest.fixture
def push(client: TestClient) -> Callable[..., list[dict]]:
    """Push records; asserts the batch was answered and returns the per-record results."""

    def push_records(headers: dict[str, str], *records: dict) -> list[dict]:
        response = client.post(
            "/api/v1/sync/push", json={"records": list(records)}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        protocol.check_push_response(body, sent=len(records))
        return body["results"]

    return push_records


@pytest.fixture
def password() -> str:
    return PASSWORD
