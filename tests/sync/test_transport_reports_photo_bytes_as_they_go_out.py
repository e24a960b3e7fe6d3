"""A batch of photos goes as one plain request with its length, byte for byte as the
protocol encodes it, and the sync bar hears the photo bytes as they go out, not only
when the answer comes."""

import hashlib
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync import protocol
from sync.transport import HttpTransport, TransportSettings


class Receiver(BaseHTTPRequestHandler):
    """Reads the body by its Content-Length and answers every photo as kept."""

    received: list[tuple[dict, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        photos = protocol.decode_photo_batch(body)
        states = [{"sha256": sha, "state": "have", "received": len(data)} for sha, data in photos]
        raw = json.dumps({"photos": states}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


@pytest.fixture
def transport():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Receiver.received = []
    url = f"http://127.0.0.1:{server.server_address[1]}"
    yield HttpTransport(TransportSettings(base_url=url, read_timeout=30), token="t0k")
    server.shutdown()
    server.server_close()


def test_a_photo_batch_arrives_whole_and_its_bytes_are_reported_as_they_go(transport):
    photos = [
        (hashlib.sha256(d).hexdigest(), d) for d in (os.urandom(n) for n in (300_000, 5, 90_000))
    ]
    reports: list[int] = []

    states = transport.upload_photos(photos, reports.append)

    [(headers, body)] = Receiver.received
    assert body == protocol.encode_photo_batch(photos)
    assert int(headers["Content-Length"]) == len(body)
    assert "Transfer-Encoding" not in headers
    assert [state["sha256"] for state in states] == [sha for sha, _ in photos]
    assert sum(reports) == sum(len(data) for _, data in photos)
    assert len(reports) > 1  # along the way, not one report at the end
