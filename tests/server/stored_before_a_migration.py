"""What the migration tests store before the migration they test: a throwaway database
(a file on SQLite; a schema of its own on PostgreSQL, TEST_DATABASE_URL) and the estate
``e``, the patrol account ``w`` and its device that stored records name."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text


@pytest.fixture
def fresh_url(tmp_path) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    schema = f"m6_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def store_estate_account_and_device(db, now: str) -> None:
    db.execute(text("INSERT INTO estates (id, name, address, change_seq, created_at) "
                    "VALUES ('e', '小区', '', 1, :now)"), {"now": now})  # fmt: skip
    db.execute(text("INSERT INTO accounts (id, username, display_name, password_hash, role, "
                    "active, company_wide, created_at) VALUES (1, 'w', '', 'x', 'patrol', "
                    "true, false, :now)"), {"now": now})  # fmt: skip
    db.execute(text("INSERT INTO devices (id, account_id, name, token_sha256, created_at, "
                    "expires_at) VALUES (1, 1, 't', 'h', :now, :now)"), {"now": now})  # fmt: skip
