import logging

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect

from server.app import create_app
from server.config import Settings
from server.db.migrate import upgrade_to_head
from server.db.models import Base


def test_the_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_server_creates_its_schema_at_start(tmp_path):
    settings = Settings.from_env({"ESTATE_DATA_DIR": str(tmp_path)})

    with TestClient(create_app(settings)) as client:
        assert client.get("/health").status_code == 200

    fresh = create_engine(settings.database_url)
    tables = set(inspect(fresh).get_table_names())
    fresh.dispose()
    assert tables >= {"alembic_version", "records", "photos", "audit_log", "counters"}
    assert (tmp_path / "server.db").exists()
    assert settings.photo_dir == tmp_path / "photos"


def test_every_step_of_a_migration_commits_together_on_sqlite(tmp_path, caplog):
    """One transaction from reading the version to the last step: a second process
    starting meanwhile waits for all of it, never runs a step again between two."""
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")

    upgrade_to_head(f"sqlite:///{tmp_path / 'fresh.db'}")

    statements = [record.getMessage().strip() for record in caplog.records]
    assert statements.count("COMMIT") == 1
    assert statements.index("COMMIT") > max(
        i for i, sql in enumerate(statements) if sql.startswith("CREATE TABLE")
    )
