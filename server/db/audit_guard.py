"""The audit log is append-only in the database itself, not only through the ORM.

Triggers refuse every UPDATE and DELETE of ``audit_log`` rows (and, on PostgreSQL,
TRUNCATE), whoever sends them: the server, a script, or someone at a SQL prompt
with the server's own database role. Installed by migration 0004. Only the
table's owner can drop them, and dropping them is itself a visible schema change.

``lifted`` drops the triggers and puts them back in one transaction, for what
must empty the table on purpose (the test suite between tests). Note for later
migrations: SQLite's batch mode rebuilds a table and drops its triggers, so a
batch change of ``audit_log`` must call ``install`` again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

MESSAGE = "audit_log is append-only"

_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    """
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
    """,
    """
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
    """,
]
_POSTGRES_UNINSTALL = [
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_refuse_change()",
]
_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
    for verb in ("UPDATE", "DELETE")
]
_SQLITE_UNINSTALL = [f"DROP TRIGGER IF EXISTS audit_log_no_{verb}" for verb in ("update", "delete")]


def _statements(connection: Connection, *, install: bool) -> list[str]:
    if connection.dialect.name == "postgresql":
        return _POSTGRES_INSTALL if install else _POSTGRES_UNINSTALL
    return _SQLITE_INSTALL if install else _SQLITE_UNINSTALL


def install(connection: Connection) -> None:
    for statement in _statements(connection, install=True):
        connection.exec_driver_sql(statement)


def uninstall(connection: Connection) -> None:
    for statement in _statements(connection, install=False):
        connection.exec_driver_sql(statement)


@contextmanager
def lifted(connection: Connection) -> Iterator[None]:
    """Within the caller's transaction: no triggers inside the block, back after it."""
    uninstall(connection)
    yield
    install(connection)
