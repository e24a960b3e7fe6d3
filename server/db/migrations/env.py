"""Alembic environment.

The database URL comes from the Alembic config when the server passes one
(server.db.migrate), otherwise from the server's settings (DATABASE_URL or
the SQLite file in the data directory), so ``alembic`` on the command line
and the server always agree.
"""

from alembic import context

from server.config import Settings
from server.db.engine import make_engine
from server.db.models import Base

# Any fixed number: the advisory lock key that serialises migrations on PostgreSQL.
MIGRATION_LOCK = 0x45535441  # "ESTA"

config = context.config
database_url = config.get_main_option("sqlalchemy.url") or Settings.from_env().database_url


def run_migrations() -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Server processes starting together migrate one after another: the
                # lock is held until this transaction (all of the DDL) commits.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            context.run_migrations()
    engine.dispose()


run_migrations()
