"""Engines and sessions.

SQLite gets WAL, a busy timeout, foreign keys, and ``BEGIN IMMEDIATE`` for
every transaction: several server processes may share the file, and a
transaction that takes the write lock up front waits for it (busy timeout)
instead of failing half-way when it first writes. Taking over ``BEGIN`` from
the sqlite3 module is also what makes SAVEPOINT work (SQLAlchemy's
documented recipe for pysqlite).

Each process keeps a pool of at most ``POOL_SIZE + POOL_MAX_OVERFLOW``
connections (SQLAlchemy's defaults, written out because the deployment guide
sizes PostgreSQL's ``max_connections`` by them and the tests open more stalled
uploads than that).
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

POOL_SIZE = 5
POOL_MAX_OVERFLOW = 10


def make_engine(database_url: str) -> Engine:
    if not database_url.startswith("sqlite"):
        return create_engine(
            database_url,
            pool_pre_ping=True,
            pool_size=POOL_SIZE,
            max_overflow=POOL_MAX_OVERFLOW,
        )
    # An in-memory database lives in one connection, so it keeps SQLAlchemy's own pool.
    in_memory = database_url in ("sqlite://", "sqlite:///:memory:")
    pool = {} if in_memory else {"pool_size": POOL_SIZE, "max_overflow": POOL_MAX_OVERFLOW}
    engine = create_engine(database_url, connect_args={"timeout": 30}, **pool)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, connection_record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def check_database(engine: Engine) -> None:
    """Open a transaction and run ``SELECT 1``; raises what the driver raises.

    On SQLite the transaction begins with BEGIN IMMEDIATE, so this waits for
    the write lock: a lock that someone holds for good shows here.
    """
    with engine.begin() as connection:
        connection.execute(text("SELECT 1"))
