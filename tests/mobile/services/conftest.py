"""App-service fixtures: the real server with the demo estate on loopback, and a
tablet's store and session in a temporary data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "e2e"))

from real_server import RealServer  # noqa: E402

from mobile.services.session import Session  # noqa: E402
from mobile.store.store import Store  # noqa: E402
from server.services.demo import DEMO_PASSWORD  # noqa: E402


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """The server as `make demo` starts it: it loads 华夏苑 and its accounts."""
    server = RealServer(tmp_path_factory.mktemp("demo"), demo=True)
    server.start()
    yield server
    server.close()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "tablet") as opened:
        yield opened


@pytest.fixture
def session(tmp_path, store):
    return Session(tmp_path / "tablet", store, device_name="test tablet")


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD
