"""What every test shares: the ``database`` marker, which says a test reaches the
server's database, so that the PostgreSQL run (``make test-postgres``) can take only
those (``pytest -m database``).

A test is marked without saying so when it uses a fixture that stands for the test
database: ``database_url`` (tests/server) or a real server process (``real_server``,
``shared_server`` in tests/e2e). A test that reaches the database another way (its
own ``RealServer``, ``TEST_DATABASE_URL`` read directly) carries
``@pytest.mark.database`` itself.
"""

from __future__ import annotations

import pytest

DATABASE_FIXTURES = frozenset({"database_url", "real_server", "shared_server"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)
