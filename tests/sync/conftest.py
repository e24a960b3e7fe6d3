"""Fixtures for the sync engine's unit tests: a real store, a fake server."""

import io
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))

from fake_server import FakeServer  # noqa: E402

from mobile.services.outbox import StoreOutbox  # noqa: E402
from mobile.store.store import Store  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "tablet") as opened:
        yield opened


@pytest.fixture
def server():
    return FakeServer()


@pytest.fixture
def held_push(server):
    """The server's push, once called, waits until released: (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    real_push = server.push

    def held(batch, backlog=None):
        entered.set()
        release.wait(10)
        return real_push(batch, backlog)

    server.push = held
    return entered, release


@pytest.fixture
def statuses():
    return []


@pytest.fixture
def engine(store, server, statuses):
    return SyncEngine(StoreOutbox(store), server, observer=statuses.append, push_batch=3)


@pytest.fixture
def photo(store):
    def make(size=(800, 600)):
        """A new, distinct photo (noise never repeats) in the store; returns its hash."""
        buffer = io.BytesIO()
        Image.effect_noise(size, 60).convert("RGB").save(buffer, "PNG")
        return store.photos.add(buffer.getvalue()).sha256

    return make
