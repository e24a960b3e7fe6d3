"""End-to-end fixtures: the real server process, the fault proxy in front of it,
and a tablet (a real store and the real engine) that syncs through the proxy."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))

from fault_proxy import FaultProxy  # noqa: E402
from real_server import PASSWORD, RealServer  # noqa: E402

from mobile.services.outbox import StoreOutbox  # noqa: E402
from mobile.store.store import Store  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.transport import HttpTransport, TransportSettings  # noqa: E402


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One server for a test file's tablets; each tablet signs in as its own device."""
    server = RealServer(tmp_path_factory.mktemp("shared"))
    server.add_estate_and_staff()
    server.start()
    yield server
    server.close()


@pytest.fixture
def real_server(shared_server):
    """The server a test's tablet talks to (a file that kills servers overrides this)."""
    return shared_server


@pytest.fixture
def proxy(real_server):
    with FaultProxy(real_server.port) as running:
        yield running


# As the tablet keeps them: about 180 KB, sent whole with others; about 640 KB, bigger
# than a chunk, sent in chunks.
SMALL, BIG = (640, 480), (1200, 900)


@dataclass
class Tablet:
    store: Store
    transport: HttpTransport
    engine: SyncEngine
    device_id: int

    def record(self, n: int, photos: int = 0, photo_size: tuple[int, int] = SMALL) -> str:
        hashes = [self.store.photos.add(noise_photo(photo_size)).sha256 for _ in range(photos)]
        payload = {"estate_id": "hxy", **complaint(n)}
        return self.store.records.create("complaint", payload, hashes).id


def complaint(n: int) -> dict:
    """A phone complaint as a service rep records it, numbered to tell them apart."""
    return {
        "channel": "phone",
        "received_by": "wang",
        "received_at": "2026-11-27T09:00:00+08:00",
        "complainant": "王女士",
        "phone": "138 0013 8000",
        "building": "3栋",
        "unit": "2单元",
        "room": f"{1100 + n}",
        "matter": f"楼上装修中午施工，噪音很大 #{n}",
        "demand": "中午12点到2点停止施工",
        "status": "received",
    }


def noise_photo(size=SMALL) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


# A tablet's timeouts in these tests: generous, so that a busy machine never makes a
# pass fail that should succeed. A test that wants a timeout to fire sets a short one
# for that call (FaultAt's read_timeout) or for its own transport.
READ_TIMEOUT_S, CONNECT_TIMEOUT_S = 30.0, 10.0


@pytest.fixture
def tablet(tmp_path, proxy, real_server):
    settings = TransportSettings(
        base_url=proxy.url, read_timeout=READ_TIMEOUT_S, connect_timeout=CONNECT_TIMEOUT_S
    )
    transport = HttpTransport(settings)
    device_id = transport.login("wang", PASSWORD, "平板-01")["device_id"]
    with Store.open(tmp_path / "tablet") as store:
        engine = SyncEngine(StoreOutbox(store), transport, push_batch=10)
        yield Tablet(store, transport, engine, device_id)
