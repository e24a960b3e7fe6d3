"""A fault-injecting TCP proxy for end-to-end sync tests, on loopback only.

Put it between the client and the real server, point the client at ``proxy.url``
and queue the network trouble you want::

    from tests.e2e.fault_proxy import FaultProxy, cut_response_after_commit, http_error

    with FaultProxy(server_port) as proxy:
        transport = HttpTransport(TransportSettings(base_url=proxy.url))
        transport.health()                            # forwarded untouched
        proxy.inject(cut_response_after_commit())     # the next request...
        with pytest.raises(Unreachable):
            transport.push(records)                   # ...commits, but the answer is lost
        proxy.inject(http_error(503), times=2)        # the two requests after that get a 503
        assert proxy.stats.faults_fired["cut_response_after_commit"] == 1

The proxy listens on 127.0.0.1 (a free port, ``proxy.port``) and connects only to
127.0.0.1:``upstream_port``. It relays raw bytes; it reads just enough HTTP/1.1
(message heads, ``Content-Length``, chunked framing) to find where a request or a
response ends.

When a fault fires: the next request
------------------------------------
Faults wait in a first-in-first-out queue (``inject``, ``clear``). Each *request*
the proxy sees takes the fault at the head of the queue (if any) when its first
bytes arrive. That holds on a fresh connection and on a kept-alive one alike:
``requests.Session`` reuses its pooled connection, and the request it sends next
over it still gets the fault. (The proxy takes a request to start when the
client sends after the server has answered, which is how HTTP/1.1 without
pipelining behaves, and how ``requests`` talks. A server that answers before it
has read the whole request body makes the rest of the body look like a new
request.) With several requests in flight at once, whichever reaches the proxy
first takes the fault.

A fault then owns its whole connection: every fault but ``throttle`` ends by
closing or resetting the connection, so the client's next request always opens
a new connection, and that request takes the next queued fault or goes through
untouched. ``throttle`` instead slows its connection down until that connection
ends; the requests after it on that connection can still take queued faults.
``stats`` counts a fault as fired the moment a request takes it, so by the time
the client sees the effect, the count already shows it.

The faults (build them with the lower-case factories)
-----------------------------------------------------
``reset_mid_request(n)``
    Forward the first ``n`` bytes of the request (head and body) to the server,
    then reset both connections (RST, ``SO_LINGER`` 0). If the request is not
    longer than ``n`` bytes, everything but its last byte is forwarded, so the
    server never receives a complete request.
``reset_mid_response(n)``
    Forward the whole request, then the first ``n`` bytes of the response, then
    reset both connections. If the response is not longer than ``n`` bytes,
    everything but its last byte is forwarded, so the client never receives a
    complete response; the server has handled the request either way.
``cut_response_after_commit()``
    Forward the whole request, read the server's whole response, then close the
    client's connection without sending any of it: the server committed, and the
    client cannot know.
``stall(seconds)``
    Read the request, never contact the server and send nothing back; close the
    connection after ``seconds`` (or sooner, when the client gives up).
``http_error(status)``
    Read the request and answer it without contacting the server: a minimal
    HTTP/1.1 response with that status, a ``text/html`` body and
    ``Connection: close``, like a load balancer whose backend is down.
``captive_portal()``
    Read the request and answer ``200 OK`` with a ``text/html`` Wi-Fi login page,
    without contacting the server, like a hotel or shopping-mall hotspot.
``throttle(bytes_per_second)``
    Forward everything, but no faster than ``bytes_per_second`` in each
    direction, for the rest of that connection.
``refuse()``
    Reset the connection (RST) as soon as the request arrives, without contacting
    the server: the client sees "connection reset". For a true "connection
    refused" use ``pause()``.

Counting
--------
``proxy.stats`` is a snapshot (``ProxyStats``): ``connections`` accepted,
``requests`` seen, ``dropped`` connections (reset by ``pause()``/``stop()``) and
``faults_fired``, a ``Counter`` by fault name (``stats.faults_fired["stall"]``, 0
if it never fired; ``stats.total_faults_fired`` sums them).

Coverage, and stopping
----------------------
``pause()`` stops listening (new connections are refused by the system, as when
the tablet leaves coverage) and resets every open connection; ``resume()`` listens
on the same port again. Queued faults stay queued across a pause.

``stop()`` (or leaving the ``with`` block) resets every connection, closes every
socket and joins every thread it started; it raises if one of them will not end.
If the upstream server is down, a request that should reach it has its client
connection reset.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import selectors
import socket
import struct
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "LOOPBACK",
    "CaptivePortal",
    "CutResponseAfterCommit",
    "EchoUpstream",
    "Fault",
    "FaultProxy",
    "HttpError",
    "ProxyStats",
    "Refuse",
    "ResetMidRequest",
    "ResetMidResponse",
    "Stall",
    "Throttle",
    "captive_portal",
    "cut_response_after_commit",
    "http_error",
    "pattern_bytes",
    "refuse",
    "reset_mid_request",
    "reset_mid_response",
    "stall",
    "throttle",
    "wait_until",
]

LOOPBACK = "127.0.0.1"

_CHUNK = 64 * 1024
# Every blocking step wakes at least this often to notice pause() and stop().
_TICK = 0.05
# How long a client must stay silent before a request we cannot frame counts as sent.
_QUIET = 0.25
# How long to wait for the client to close after we answered it ourselves.
_LINGER = 1.0
_JOIN_TIMEOUT = 5.0


# -- the faults -----------------------------------------------------------------------


@dataclass(frozen=True)
class ResetMidRequest:
    after_bytes: int
    name: ClassVar[str] = "reset_mid_request"

    def __post_init__(self) -> None:
        _check(self.after_bytes >= 0, "after_bytes must be >= 0")


@dataclass(frozen=True)
class ResetMidResponse:
    after_bytes: int
    name: ClassVar[str] = "reset_mid_response"

    def __post_init__(self) -> None:
        _check(self.after_bytes >= 0, "after_bytes must be >= 0")


@dataclass(frozen=True)
class CutResponseAfterCommit:
    name: ClassVar[str] = "cut_response_after_commit"


@dataclass(frozen=True)
class Stall:
    seconds: float
    name: ClassVar[str] = "stall"

    def __post_init__(self) -> None:
        _check(self.seconds > 0, "seconds must be > 0")


@dataclass(frozen=True)
class HttpError:
    status: int
    name: ClassVar[str] = "http_error"

    def __post_init__(self) -> None:
        _check(400 <= self.status <= 599, "status must be a 4xx or 5xx code")


@dataclass(frozen=True)
class CaptivePortal:
    name: ClassVar[str] = "captive_portal"


@dataclass(frozen=True)
class Throttle:
    bytes_per_second: int
    name: ClassVar[str] = "throttle"

    def __post_init__(self) -> None:
        _check(self.bytes_per_second > 0, "bytes_per_second must be > 0")


@dataclass(frozen=True)
class Refuse:
    name: ClassVar[str] = "refuse"


Fault = (
    ResetMidRequest
    | ResetMidResponse
    | CutResponseAfterCommit
    | Stall
    | HttpError
    | CaptivePortal
    | Throttle
    | Refuse
)
_FAULT_TYPES = Fault.__args__


def reset_mid_request(after_bytes: int) -> ResetMidRequest:
    return ResetMidRequest(after_bytes)


def reset_mid_response(after_bytes: int) -> ResetMidResponse:
    return ResetMidResponse(after_bytes)


def cut_response_after_commit() -> CutResponseAfterCommit:
    return CutResponseAfterCommit()


def stall(seconds: float) -> Stall:
    return Stall(seconds)


def http_error(status: int) -> HttpError:
    return HttpError(status)


def captive_portal() -> CaptivePortal:
    return CaptivePortal()


def throttle(bytes_per_second: int) -> Throttle:
    return Throttle(bytes_per_second)


def refuse() -> Refuse:
    return Refuse()


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


PORTAL_PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Guest Wi-Fi</title></head>
<body><h1>Welcome to Guest Wi-Fi</h1>
<p>Please accept the terms of use to connect to the Internet.</p>
<form method="post" action="/portal/login">
<label>Room or phone number <input name="user"></label>
<label><input type="checkbox" name="terms" value="yes"> I accept the terms</label>
<button type="submit">Connect</button>
</form></body></html>
"""


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _html_response(status: int, body: bytes, extra_headers: str = "") -> bytes:
    reason = _reason(status)
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{extra_headers}"
        "Connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


def _error_page(status: int) -> bytes:
    title = f"{status} {_reason(status)}"
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><center><h1>{title}</h1></center><hr><center>nginx</center></body></html>\n"
    ).encode("latin-1")


# -- the statistics -------------------------------------------------------------------


@dataclass(frozen=True)
class ProxyStats:
    """A snapshot of what the proxy has done since it started."""

    connections: int  # client connections accepted
    requests: int  # requests seen (each one had its chance to take a fault)
    dropped: int  # connections reset by pause() or stop()
    faults_fired: Counter[str] = field(default_factory=Counter)  # by fault name; 0 if never

    @property
    def total_faults_fired(self) -> int:
        return sum(self.faults_fired.values())


# -- the proxy ------------------------------------------------------------------------


class FaultProxy:
    """A threaded TCP proxy from 127.0.0.1:``port`` to 127.0.0.1:``upstream_port``.

    See the module's docstring for the faults and when they fire.
    """

    def __init__(self, upstream_port: int) -> None:
        if not 0 < upstream_port < 65536:
            raise ValueError(f"not a port: {upstream_port!r}")
        self.upstream_port = upstream_port
        self._lock = threading.Lock()  # guards the queue, the counters and the connection set
        self._control = threading.Lock()  # serialises start/pause/resume/stop
        self._queue: deque[list] = deque()  # [fault, remaining times or None for "until clear()"]
        self._connections: set[_Connection] = set()
        self._acceptor: tuple[threading.Thread, socket.socket, socket.socket, socket.socket] | None
        self._acceptor = None
        self._port: int | None = None
        self._state = "new"
        self._accepted = 0
        self._requests = 0
        self._dropped = 0
        self._fired: Counter[str] = Counter()

    # -- life cycle

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> FaultProxy:
        with self._control:
            if self._state != "new":
                raise RuntimeError(f"a FaultProxy starts once (this one is {self._state})")
            self._listen(0)
            self._state = "running"
        return self

    def stop(self) -> None:
        """Reset every connection, close every socket, join every thread. Idempotent."""
        with self._control:
            if self._state == "stopped":
                return
            self._unlisten()
            self._state = "stopped"
            self._drop_connections()

    def pause(self) -> None:
        """Leave coverage: refuse new connections and reset the open ones."""
        with self._control:
            self._require_started()
            if self._state == "paused":
                return
            self._unlisten()
            self._state = "paused"
            self._drop_connections()

    def resume(self) -> None:
        """Back in coverage: listen on the same port again."""
        with self._control:
            self._require_started()
            if self._state == "running":
                return
            self._listen(self.port)
            self._state = "running"

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("start() the proxy first")
        return self._port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def paused(self) -> bool:
        return self._state == "paused"

    # -- faults

    def inject(self, fault: Fault, times: int | None = 1) -> None:
        """Queue ``fault`` for the next ``times`` requests (``None``: every one, until clear())."""
        if not isinstance(fault, _FAULT_TYPES):
            raise TypeError(f"not a fault: {fault!r}")
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError("times must be a positive int, or None for 'until clear()'")
        with self._lock:
            self._queue.append([fault, times])

    def clear(self) -> None:
        """Forget every queued fault. Connections already faulted carry on with theirs."""
        with self._lock:
            self._queue.clear()

    @property
    def stats(self) -> ProxyStats:
        with self._lock:
            return ProxyStats(
                connections=self._accepted,
                requests=self._requests,
                dropped=self._dropped,
                faults_fired=Counter(self._fired),
            )

    # -- inside

    def _require_started(self) -> None:
        if self._state in ("new", "stopped"):
            raise RuntimeError(f"the proxy is {self._state}, not started")

    def _listen(self, port: int) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((LOOPBACK, port))
            listener.listen(64)
        except OSError:
            listener.close()
            raise
        self._port = listener.getsockname()[1]
        wake_r, wake_w = socket.socketpair()
        thread = threading.Thread(
            target=self._accept_loop,
            args=(listener, wake_r),
            name=f"fault-proxy-{self._port}-accept",
            daemon=True,
        )
        self._acceptor = (thread, listener, wake_r, wake_w)
        thread.start()

    def _unlisten(self) -> None:
        if self._acceptor is None:
            return
        thread, listener, wake_r, wake_w = self._acceptor
        self._acceptor = None
        wake_w.send(b"x")
        thread.join(_JOIN_TIMEOUT)
        for sock in (listener, wake_r, wake_w):
            sock.close()
        if thread.is_alive():
            raise RuntimeError("the proxy's accept thread did not stop")

    def _accept_loop(self, listener: socket.socket, wake: socket.socket) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(listener, selectors.EVENT_READ)
            selector.register(wake, selectors.EVENT_READ)
            while True:
                for key, _ in selector.select():
                    if key.fileobj is wake:
                        return
                    try:
                        client, _ = listener.accept()
                    except OSError:  # the client gave up before we got to it
                        continue
                    self._admit(client)

    def _admit(self, client: socket.socket) -> None:
        with self._lock:
            self._accepted += 1
            conn = _Connection(self, client, f"fault-proxy-{self._port}-conn-{self._accepted}")
            self._connections.add(conn)
        conn.thread.start()

    def _drop_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            conn.abort.set()
        for conn in connections:
            conn.thread.join(_JOIN_TIMEOUT)
        stuck = [conn.thread.name for conn in connections if conn.thread.is_alive()]
        if stuck:
            raise RuntimeError(f"proxy connection threads did not stop: {stuck}")

    def _forget(self, conn: _Connection, dropped: bool) -> None:
        with self._lock:
            self._connections.discard(conn)
            self._dropped += dropped

    def _take_fault(self) -> Fault | None:
        with self._lock:
            self._requests += 1
            if not self._queue:
                return None
            entry = self._queue[0]
            fault, remaining = entry
            if remaining is not None:
                if remaining <= 1:
                    self._queue.popleft()
                else:
                    entry[1] = remaining - 1
            self._fired[fault.name] += 1
            return fault


class _Dropped(Exception):
    """pause() or stop(): reset this connection now."""


class _Connection:
    """One client connection, its upstream connection, and the thread relaying between them."""

    def __init__(self, proxy: FaultProxy, client: socket.socket, name: str) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream: socket.socket | None = None
        self.abort = threading.Event()
        self.rate: int | None = None
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self) -> None:
        dropped = False
        try:
            self.client.settimeout(_TICK)
            self._relay()
        except _Dropped:
            dropped = True
            _reset(self.upstream)
            _reset(self.client)
        except OSError:  # one side failed (reset, or the server is down): reset the other
            _reset(self.upstream)
            _reset(self.client)
        finally:
            if self.upstream is not None:
                self.upstream.close()
            self.client.close()
            self.proxy._forget(self, dropped)

    # -- plain forwarding, and where faults take over

    def _relay(self) -> None:
        awaiting_request = True
        while True:
            sockets = [self.client] if self.upstream is None else [self.client, self.upstream]
            for sock in self._wait(sockets):
                if sock is self.client:
                    data = self._recv(self.client)
                    if not data:
                        return  # the client is done; closing passes that on to the server
                    if awaiting_request:
                        awaiting_request = False
                        fault = self.proxy._take_fault()
                        if isinstance(fault, Throttle):
                            self.rate = fault.bytes_per_second
                        elif fault is not None:
                            self._apply(fault, bytearray(data))
                            return
                    self._send(self._connect_upstream(), data)
                else:
                    data = self._recv(sock)
                    if not data:  # the server closed: so do we, after what it sent
                        self.client.shutdown(socket.SHUT_WR)
                        return
                    awaiting_request = True
                    self._send(self.client, data)

    def _apply(self, fault: Fault, request: bytearray) -> None:
        if isinstance(fault, ResetMidRequest):
            self._reset_mid_request(fault.after_bytes, request)
        elif isinstance(fault, ResetMidResponse):
            self._reset_mid_response(fault.after_bytes, request)
        elif isinstance(fault, CutResponseAfterCommit):
            self._cut_response_after_commit(request)
        elif isinstance(fault, Stall):
            self._stall(fault.seconds)
        elif isinstance(fault, HttpError):
            self._answer(request, _html_response(fault.status, _error_page(fault.status)))
        elif isinstance(fault, CaptivePortal):
            self._answer(request, _html_response(200, PORTAL_PAGE, "Cache-Control: no-store\r\n"))
        elif isinstance(fault, Refuse):
            _reset(self.client)
        else:  # pragma: no cover - inject() lets nothing else in
            raise AssertionError(fault)

    # -- the faults

    def _reset_mid_request(self, after_bytes: int, request: bytearray) -> None:
        upstream = self._connect_upstream()
        forwarded = 0
        while True:
            end = _message_end(request, response=False)
            limit = after_bytes if end is None else min(after_bytes, end - 1)
            upto = min(limit, len(request))
            if upto > forwarded:
                self._send(upstream, bytes(request[forwarded:upto]))
                forwarded = upto
            if forwarded >= limit or not self._wait([self.client], timeout=_QUIET):
                break
            data = self._recv(self.client)
            if not data:
                break
            request += data
        _reset(upstream)
        _reset(self.client)

    def _reset_mid_response(self, after_bytes: int, request: bytearray) -> None:
        upstream = self._connect_upstream()
        self._send(upstream, bytes(request))
        head_only = request.startswith(b"HEAD ")
        response = bytearray()
        forwarded = 0
        while True:
            data = self._read_upstream(upstream)
            response += data
            end = _message_end(response, response=True, head_only=head_only)
            limit = after_bytes if end is None else min(after_bytes, end - 1)
            upto = min(limit, len(response))
            if upto > forwarded:
                self._send(self.client, bytes(response[forwarded:upto]))
                forwarded = upto
            if forwarded >= limit or not data:  # enough, or the server closed first
                break
        _reset(upstream)
        _reset(self.client)

    def _cut_response_after_commit(self, request: bytearray) -> None:
        upstream = self._connect_upstream()
        self._send(upstream, bytes(request))
        head_only = request.startswith(b"HEAD ")
        response = bytearray()
        while True:
            data = self._read_upstream(upstream)
            response += data
            end = _message_end(response, response=True, head_only=head_only)
            if not data or (end is not None and len(response) >= end):
                break
        # The server has answered in full; the client gets nothing but the close.
        self.client.close()

    def _stall(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            if self._wait([self.client], timeout=remaining) and not self._recv(self.client):
                break  # the client gave up waiting
        self.client.close()

    def _answer(self, request: bytearray, response: bytes) -> None:
        """Answer for the server: read the request, send ``response``, close politely."""
        while True:
            end = _message_end(request, response=False)
            if end is not None and len(request) >= end:
                break
            if not self._wait([self.client], timeout=_QUIET):
                break
            data = self._recv(self.client)
            if not data:
                break
            request += data
        self._send(self.client, response)
        self.client.shutdown(socket.SHUT_WR)
        # Wait for the client's close, so that closing never resets what we sent.
        deadline = time.monotonic() + _LINGER
        while (remaining := deadline - time.monotonic()) > 0:
            if self._wait([self.client], timeout=remaining) and not self._recv(self.client):
                break

    # -- sockets, with pause() and stop() in mind

    def _read_upstream(self, upstream: socket.socket) -> bytes:
        """Forward what the client still sends; return the server's next bytes (b"": closed)."""
        while True:
            for sock in self._wait([self.client, upstream]):
                data = self._recv(sock)
                if sock is upstream:
                    return data
                if not data:
                    raise _ClientGone
                self._send(upstream, data)

    def _connect_upstream(self) -> socket.socket:
        if self.upstream is None:
            self.upstream = socket.create_connection((LOOPBACK, self.proxy.upstream_port), 5.0)
            self.upstream.settimeout(_TICK)
        return self.upstream

    def _wait(self, sockets: list[socket.socket], timeout: float | None = None) -> list:
        """The sockets that are readable; [] after ``timeout`` seconds (None: no limit)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            for sock in sockets:
                selector.register(sock, selectors.EVENT_READ)
            while True:
                if self.abort.is_set():
                    raise _Dropped
                wait = _TICK
                if deadline is not None:
                    wait = min(wait, deadline - time.monotonic())
                    if wait <= 0:
                        return []
                ready = selector.select(wait)
                if ready:
                    return [key.fileobj for key, _ in ready]

    def _recv(self, sock: socket.socket) -> bytes:
        size = _CHUNK if self.rate is None else max(1, min(_CHUNK, self.rate // 20))
        return sock.recv(size)

    def _send(self, sock: socket.socket, data: bytes) -> None:
        if self.rate is None:
            self._send_all(sock, data)
            return
        step = max(1, self.rate // 20)  # twenty slices a second
        for start in range(0, len(data), step):
            piece = data[start : start + step]
            self._send_all(sock, piece)
            if self.abort.wait(len(piece) / self.rate):
                raise _Dropped

    def _send_all(self, sock: socket.socket, data: bytes) -> None:
        view = memoryview(data)
        while view:
            if self.abort.is_set():
                raise _Dropped
            try:
                sent = sock.send(view)
            except TimeoutError:  # the peer is not reading; look at abort again
                continue
            view = view[sent:]


class _ClientGone(OSError):
    """The client closed its connection in the middle of a fault."""


def _reset(sock: socket.socket | None) -> None:
    """Close ``sock`` with an RST rather than a FIN."""
    if sock is None or sock.fileno() < 0:
        return
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


# -- just enough HTTP/1.1 to find where a message ends -----------------------------------


def _message_end(buf: bytes | bytearray, *, response: bool, head_only: bool = False) -> int | None:
    """Where the first HTTP/1.x message in ``buf`` ends, if ``buf`` tells yet; else None.

    With a Content-Length the end is known from the head alone (it may lie beyond
    ``len(buf)``); a chunked body's end is known once its last chunk is in ``buf``;
    a response delimited by the server's close never tells.
    """
    head_end = buf.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    body_start = head_end + 4
    lines = bytes(buf[:head_end]).decode("latin-1").split("\r\n")
    if response:
        parts = lines[0].split(" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        if 100 <= status < 200:  # an interim response; the real one follows
            rest = _message_end(buf[body_start:], response=True, head_only=head_only)
            return None if rest is None else body_start + rest
        if head_only or status in (204, 304):
            return body_start
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _chunked_end(buf, body_start)
    if "content-length" in headers:
        try:
            return body_start + int(headers["content-length"])
        except ValueError:
            return None
    return None if response else body_start


def _chunked_end(buf: bytes | bytearray, pos: int) -> int | None:
    while True:
        line_end = buf.find(b"\r\n", pos)
        if line_end < 0:
            return None
        try:
            size = int(bytes(buf[pos:line_end]).split(b";", 1)[0].strip(), 16)
        except ValueError:
            return None
        pos = line_end + 2
        if size == 0:  # the last chunk; then trailers, up to an empty line
            while True:
                line_end = buf.find(b"\r\n", pos)
                if line_end < 0:
                    return None
                if line_end == pos:
                    return pos + 2
                pos = line_end + 2
        pos += size + 2
        if pos > len(buf):
            return None


# -- a tiny upstream, for the proxy's own tests -------------------------------------------


def pattern_bytes(size: int) -> bytes:
    """``size`` reproducible bytes that do not repeat in any short period."""
    return random.Random(size).randbytes(size)


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


class EchoUpstream:
    """An HTTP/1.1 keep-alive server on 127.0.0.1, to stand behind the proxy in its tests.

    ``POST /echo`` answers with the request's body and Content-Type, byte for byte.
    ``POST /upload`` answers with JSON ``{"size": ..., "sha256": ...}`` of the body.
    ``GET /bytes?size=N`` answers with ``pattern_bytes(N)``.
    It counts requests ``started`` (head read), ``completed`` (body read in full, the
    answer on its way) and ``partial`` (body cut short). Its exit joins its handler
    threads, so stop the proxy in front of it first (open the proxy's ``with`` inside
    this one's).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._server = _EchoServer((LOOPBACK, 0), _EchoHandler)
        self._server.upstream = self
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"echo-upstream-{self.port}",
            daemon=True,
        )

    def __enter__(self) -> EchoUpstream:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()  # joins the handler threads
        self._thread.join(_JOIN_TIMEOUT)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def started(self) -> int:
        return self._counts["started"]

    @property
    def completed(self) -> int:
        return self._counts["completed"]

    @property
    def partial(self) -> int:
        return self._counts["partial"]

    def _count(self, what: str) -> None:
        with self._lock:
            self._counts[what] += 1


class _EchoServer(ThreadingHTTPServer):
    daemon_threads = False  # so that server_close() joins every handler thread
    block_on_close = True
    upstream: EchoUpstream

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # connections reset by the proxy are the point of these tests


class _EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10
    server: _EchoServer

    def do_POST(self) -> None:
        upstream = self.server.upstream
        upstream._count("started")
        length = int(self.headers.get("Content-Length", "0"))
        try:
            body = self.rfile.read(length)
        except OSError:
            body = b""
        if len(body) < length:
            upstream._count("partial")
            self.close_connection = True
            return
        upstream._count("completed")
        if urlsplit(self.path).path == "/upload":
            summary = {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
            self._answer(json.dumps(summary).encode(), "application/json")
        else:
            self._answer(body, self.headers.get("Content-Type", "application/octet-stream"))

    def do_GET(self) -> None:
        upstream = self.server.upstream
        upstream._count("started")
        query = parse_qs(urlsplit(self.path).query)
        size = int(query.get("size", ["0"])[0])
        upstream._count("completed")
        self._answer(pattern_bytes(size), "application/octet-stream")

    def _answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass
