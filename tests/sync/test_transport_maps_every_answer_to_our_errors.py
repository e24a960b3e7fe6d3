"""The transport over real HTTP (a small local server): success only for our protocol's
answers, and every failure as the project's own error, with words for the sync bar."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from sync.errors import (
    AuthRequired,
    BadResponse,
    ProtocolOutdated,
    Refused,
    ServerError,
    TimedOut,
    Unreachable,
)
from sync.transport import HttpTransport, TransportSettings, _timed_out

HEALTH = {"status": "ok", "protocol": 1, "server": "estate-field"}


def error_body(code):
    return {"error": {"code": code, "message": {"zh": "错误", "en": "Error"}, "fields": []}}


class Answers(BaseHTTPRequestHandler):
    answer = (200, "application/json", json.dumps(HEALTH).encode())
    seen_headers: dict = {}

    def _reply(self):
        Answers.seen_headers = dict(self.headers)
        status, content_type, body = Answers.answer
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _reply

    def log_message(self, *args):
        pass


@pytest.fixture
def transport():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    yield HttpTransport(TransportSettings(base_url=url, read_timeout=30), token="t0k")
    server.shutdown()
    server.server_close()


def answer(status, body, content_type="application/json"):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    Answers.answer = (status, content_type, raw)


def test_our_servers_health_answer_is_success_and_carries_version_and_token(transport):
    answer(200, HEALTH)

    assert transport.health() == HEALTH
    assert transport.reachable() is True
    assert Answers.seen_headers["X-Protocol-Version"] == "1"
    assert Answers.seen_headers["Authorization"] == "Bearer t0k"


@pytest.mark.parametrize(
    "status, body, content_type, error",
    [
        (200, b"<html><form>Wi-Fi login</form></html>", "text/html", BadResponse),
        (200, {"status": "ok"}, "application/json", BadResponse),
        (200, b'{"status": "ok", "prot', "application/json", BadResponse),
        (401, error_body("token_revoked"), "application/json", AuthRequired),
        (426, error_body("protocol_outdated"), "application/json", ProtocolOutdated),
        (503, b"<html>busy</html>", "text/html", ServerError),
        (500, error_body("internal"), "application/json", ServerError),
        (413, error_body("batch_too_large"), "application/json", Refused),
        (408, error_body("body_timeout"), "application/json", TimedOut),
        (404, b"<html>not found</html>", "text/html", BadResponse),
    ],
)
def test_anything_else_becomes_one_of_our_errors(transport, status, body, content_type, error):
    answer(status, body, content_type)

    with pytest.raises(error) as raised:
        transport.health()

    assert raised.value.text.zh and raised.value.text.en
    assert transport.reachable() is False


def test_refusal_keeps_the_servers_code_and_message(transport):
    answer(413, error_body("batch_too_large"))

    with pytest.raises(Refused) as raised:
        transport.push([])

    assert raised.value.status == 413
    assert raised.value.code == "batch_too_large"
    assert raised.value.text.zh == "错误"


def test_no_server_at_all_is_unreachable():
    closed = HttpTransport(TransportSettings(base_url="http://127.0.0.1:9", connect_timeout=1))

    with pytest.raises(Unreachable) as raised:
        closed.health()

    assert "信号" in raised.value.text.zh
    assert raised.value.__cause__ is not None  # raised from the library's exception

    assert not isinstance(raised.value, TimedOut)


def test_a_server_that_does_not_answer_in_time_is_a_timeout():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections, never answers
    url = f"http://127.0.0.1:{silent.getsockname()[1]}"
    slow = HttpTransport(TransportSettings(base_url=url, read_timeout=0.3))

    with pytest.raises(TimedOut) as raised:
        slow.health()
    silent.close()

    assert "更小" in raised.value.text.zh
    assert isinstance(raised.value, Unreachable)  # still "no server", for the runner


def _raised_from(cause: BaseException) -> requests.exceptions.ConnectionError:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise requests.exceptions.ConnectionError(inner) from inner
    except requests.exceptions.ConnectionError as outer:
        return outer


@pytest.mark.parametrize(
    ("failure", "timed_out"),
    [
        (requests.exceptions.ReadTimeout(), True),
        (_raised_from(TimeoutError("send timed out")), True),  # a body stuck on a slow link
        (requests.exceptions.ConnectTimeout(), False),  # no connection at all
        (_raised_from(ConnectionRefusedError()), False),
    ],
)
def test_only_time_running_out_on_an_open_connection_counts_as_a_timeout(failure, timed_out):
    assert _timed_out(failure) is timed_out
