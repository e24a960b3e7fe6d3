"""What every test shares: two rules applied to the collected tests.

``database``: a test that reaches the server's database is marked, so that the
PostgreSQL run (``make test-postgres``) takes only those (``pytest -m database``).
A test is marked without saying so when it uses a fixture that stands for the test
database: ``database_url`` (tests/server) or a real server process (``real_server``,
``shared_server`` in tests/e2e). A test that reaches the database another way (its
own ``RealServer``, ``TEST_DATABASE_URL`` read directly) carries
``@pytest.mark.database`` itself.

``xdist_group``: under pytest-xdist (``-n auto --dist loadgroup``, as ``make test``
runs) each test goes to whichever worker is free, except that the tests sharing a
fixture wider than one test (a server started once for a file, say) are kept
together on one worker, so that it is started once, not once a worker.
"""

from __future__ import annotations

import pytest

DATABASE_FIXTURES = frozenset({"database_url", "real_server", "shared_server"})
SHARED_SCOPES = frozenset({"class", "module", "package"})


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)
        if _shares_a_fixture(item):
            item.add_marker(
                pytest.mark.xdist_group(item.path.relative_to(item.config.rootpath).as_posix())
            )


def _shares_a_fixture(item: pytest.Item) -> bool:
    """Whether the test uses a fixture of class, module or package scope (session-scoped
    ones are made once a worker anyway)."""
    info = getattr(item, "_fixtureinfo", None)  # pytest's record of the test's fixtures
    definitions = info.name2fixturedefs.values() if info else ()
    return any(chain[-1].scope in SHARED_SCOPES for chain in definitions if chain)
