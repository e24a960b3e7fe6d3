"""Several server processes starting together on an empty database all come up:
the migrations run once, one process after another, never into each other."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]


def _empty_database(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'fresh.db'}", lambda: None
    schema = f"race_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')

    def drop():
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


@pytest.mark.database  # reads TEST_DATABASE_URL itself
def test_four_processes_migrating_at_once_all_succeed(tmp_path):
    url, drop = _empty_database(tmp_path)
    script = (
        "import sys; from server.db.migrate import upgrade_to_head; upgrade_to_head(sys.argv[1])"
    )
    try:
        starting = [
            subprocess.Popen(
                [sys.executable, "-c", script, url],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stderr=subprocess.PIPE,
            )
            for _ in range(4)
        ]
        outcomes = [(p.wait(120), p.stderr.read().decode()) for p in starting]

        assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
        engine = create_engine(url)
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            assert len(versions) == 1
            assert "records" in inspect(connection).get_table_names()
        engine.dispose()
    finally:
        drop()
