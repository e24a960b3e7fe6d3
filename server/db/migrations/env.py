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
        sqlite = connection.dialect.name == "sqlite"
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            # Alembic commits after each step on SQLite unless told its DDL is
            # transactional (it is). Without one transaction, a process that read the
            # version between two steps of another would run the next step again.
            transactional_ddl=True if sqlite else None,
        )
        # Server processes starting together migrate one after another: reading the
        # version and every step happen in one transaction, which holds the database's
        # write lock (SQLite: BEGIN IMMEDIATE, server.db.engine) or an advisory lock
        # (PostgreSQL) until it commits.
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            context.run_migrations()
    engine.dispose()


run_migrations()
