"""The dashboard's tests run against the real server process on loopback, with the
records of tests/server/dashboard/world.py pushed through the tablets' API."""

from __future__ import annotations

import pytest

from tests.server.dashboard.world import DashboardWorld


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    world = DashboardWorld.start(tmp_path_factory.mktemp("dashboard"))
    yield world
    world.close()
