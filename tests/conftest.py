"""What every test shares: two rules applied to the collected tests.

``database``: a test that reaches the server's database is marked, so that the
PostgreSQL run (``make test-postgres``) takes only those (``pytest -m database``).
A test is marked without saying so when it uses a fixture that stands for the test
database: ``database_url`` (tests/server), a real server process (``real_server``,
``shared_server`` in tests/e2e) or the dashboard's ``world`` (tests/server/dashboard,
tests/browser); or when its module starts a ``RealServer`` of its own (it imports
the class). A test that reaches the database another way (``TEST_DATABASE_URL``
read directly) carries ``@pytest.mark.database`` itself. A test whose subject is the
tablet talks to a real server only as its peer: it is not marked, since the server's
storage it reaches is what tests/server and the rest of tests/e2e cover on PostgreSQL.
Those are the tablet's own tests (tests/mobile) and the end-to-end tests marked
``tablet_side`` (network faults, a crawling link, a wrong clock, a full disk...).

One node id a test: pytest-xdist (``-n auto --dist loadfile``, as ``make test``
runs; a file stays on one worker, so a server a file shares is started once) tells
tests apart by node id, and runs one test in place of several that share one.
"""

from __future__ import annotations

from collections import Counter

import pytest

DATABASE_FIXTURES = frozenset({"database_url", "real_server", "shared_server", "world"})


@pytest.hookimpl(tryfirst=True)  # before xdist reads the node ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _give_each_its_own_id(items)
    for item in items:
        if _reaches_the_database(item):
            item.add_marker(pytest.mark.database)


def _reaches_the_database(item: pytest.Item) -> bool:
    if item.nodeid.startswith("tests/mobile/") or item.get_closest_marker("tablet_side"):
        return False
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    return module is not None and hasattr(module, "RealServer")


def _give_each_its_own_id(items: list[pytest.Item]) -> None:
    """Give tests that share a node id one of their own, from their name.

    schemathesis' ``schema.parametrize()`` makes one test an API operation, all with
    the node id of the test function (their names differ: ``test_x[GET /health]``);
    under xdist only one of the 11 ran.
    """
    seen = Counter(item.nodeid for item in items)
    for item in items:
        if seen[item.nodeid] > 1:
            _set_node_id(item, f"{item.nodeid.rpartition('::')[0]}::{item.name}")


def _set_node_id(item: pytest.Item, nodeid: str) -> None:
    """pytest has no public way to change a node id; 9.x keeps it as ``_id``."""
    from _pytest.nodeid import coerce_node_id

    item._id = coerce_node_id(nodeid)
