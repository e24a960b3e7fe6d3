"""The sync API over HTTP: one ``requests.Session``, every call with a timeout.

The transport knows URLs, headers and status codes; it turns every library
error into the project's own (sync/errors.py) and checks every answer against
the protocol's shape, so a captive portal's ``200`` HTML page is a
``BadResponse``, never a success. It holds no state about records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata

import requests

from sync import protocol
from sync.errors import (
    AuthRequired,
    BadResponse,
    ProtocolOutdated,
    Refused,
    ServerError,
    SyncError,
    TimedOut,
    Unreachable,
)


def installed_version() -> str | None:
    """The app's version as installed (None where the package metadata is not)."""
    try:
        return metadata.version("estate-field")
    except metadata.PackageNotFoundError:
        return None


@dataclass(frozen=True)
class TransportSettings:
    base_url: str
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    probe_timeout: float = 3.0
    # True, or the path of a company CA bundle for a server with its own certificate.
    verify: bool | str = True
    # Sent with every request (protocol.APP_VERSION_HEADER) for the supervisors' device list.
    app_version: str | None = field(default_factory=installed_version)

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)


class HttpTransport:
    def __init__(
        self,
        settings: TransportSettings,
        token: str | None = None,
        session: requests.Session | None = None,
    ):
        self.settings = settings
        self.token = token
        self.session = session or requests.Session()
        self.session.verify = settings.verify

    # -- the calls ---------------------------------------------------------------

    def health(self) -> dict:
        """A short probe: is our server (not just any network) reachable?"""
        timeout = self.settings.probe_timeout
        return self._call("GET", "/health", "health", timeout=(timeout, timeout))

    def reachable(self) -> bool:
        """The probe the runner uses: does our server answer /health right now?"""
        try:
            self.health()
        except SyncError:
            return False
        return True

    def login(self, username: str, password: str, device_name: str) -> dict:
        body = {"username": username, "password": password, "device_name": device_name}
        answer = self._call("POST", "/api/v1/auth/device-login", "login", json_body=body)
        self.token = answer["token"]
        return answer

    def pull(self, cursor: int, limit: int, backlog: dict[str, int] | None = None) -> dict:
        """A page of reference data; ``backlog`` (``{"records", "photos"}``) is what waits
        on the tablet, reported to the server with the request."""
        params = {"cursor": cursor, "limit": limit}
        if backlog is not None:
            params |= protocol.backlog_params(backlog)
        return self._call("GET", "/api/v1/sync/pull", "pull", params=params)

    def push(self, records: Sequence[dict], backlog: dict[str, int] | None = None) -> list[dict]:
        """Push a batch; ``backlog`` is what waits on the tablet beyond this batch."""
        body: dict[str, object] = {"records": records}
        if backlog is not None:
            body[protocol.BACKLOG_FIELD] = backlog
        answer = self._call("POST", "/api/v1/sync/push", "push", json_body=body)
        protocol.check_push_response(answer, sent=len(records))
        return answer["results"]

    def photo_status(self, hashes: Sequence[str]) -> list[dict]:
        body = {"photos": list(hashes)}
        return self._call("POST", "/api/v1/photos/status", "photo_status", json_body=body)["photos"]

    def upload_photos(
        self,
        photos: Sequence[tuple[str, bytes]],
        on_sent: Callable[[int], None] = lambda sent: None,
    ) -> list[dict]:
        """Send several whole photos in one request; returns each one's state.
        ``on_sent`` hears the photo bytes as they go out, so that a batch crossing a
        slow link moves the progress bar all along, not only at its end."""
        body = protocol.encode_photo_batch(photos)
        manifest = len(body) - sum(len(data) for _, data in photos)
        answer = self._call(
            "POST",
            "/api/v1/photos/batch",
            "photo_batch",
            data=_ReportingBody(body, on_sent, unreported=manifest),
            headers={"Content-Type": "application/octet-stream"},
        )
        return answer["photos"]

    def upload_photo(
        self,
        sha256: str,
        data: bytes,
        offset: int,
        on_chunk: Callable[[int], None] = lambda sent: None,
        chunk_size: Callable[[], int] = lambda: protocol.PHOTO_CHUNK_SIZE,
    ) -> None:
        """Send ``data[offset:]`` in chunks of ``chunk_size()`` bytes (asked before each);
        ``on_chunk`` hears each chunk's size once the server has it."""
        while offset < len(data):
            chunk = data[offset : offset + chunk_size()]
            self._call(
                "PUT",
                f"/api/v1/photos/{sha256}",
                "photo_chunk",
                params={"offset": offset},
                data=chunk,
                headers={
                    protocol.PHOTO_SIZE_HEADER: str(len(data)),
                    "Content-Type": "application/octet-stream",
                },
            )
            offset += len(chunk)
            on_chunk(len(chunk))

    def download_photo(self, sha256: str) -> bytes:
        """A synced record's photo (supervisors); ``BadResponse`` when the bytes are not
        the photo named."""
        url = self.settings.base_url.rstrip("/") + f"/api/v1/photos/{sha256}"
        headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.get(url, headers=headers, timeout=self.settings.timeout)
            body = response.content
        except requests.exceptions.RequestException as exc:
            error = TimedOut if _timed_out(exc) else Unreachable
            raise error(f"GET photo: {exc}") from exc
        if response.status_code != 200:
            _interpret(response, body, "photo")
        if hashlib.sha256(body).hexdigest() != sha256:
            raise BadResponse("the photo's bytes do not hash to its name")
        return body

    # -- one request ---------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        expect: str,
        *,
        json_body: object = None,
        timeout: tuple[float, float] | None = None,
        headers: dict[str, str] | None = None,
        **kwargs,
    ) -> dict:
        all_headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), **(headers or {})}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        if self.settings.app_version:
            all_headers[protocol.APP_VERSION_HEADER] = self.settings.app_version
        if json_body is not None:
            kwargs["data"] = protocol.canonical_json(json_body)
            all_headers["Content-Type"] = "application/json"
        try:
            response = self.session.request(
                method,
                self.settings.base_url.rstrip("/") + path,
                headers=all_headers,
                timeout=timeout or self.settings.timeout,
                **kwargs,
            )
            body = response.content
        except requests.exceptions.SSLError as exc:
            raise BadResponse(f"TLS: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            error = TimedOut if _timed_out(exc) else Unreachable
            raise error(f"{method} {path}: {exc}") from exc
        return _interpret(response, body, expect)


class _ReportingBody:
    """A request body handed to the socket in blocks, each block reported once the
    socket has taken it (when the next one is asked for). Its length is known, so the
    request still goes with a Content-Length. The first ``unreported`` bytes (a
    header of the body) are sent but not reported."""

    BLOCK = 64 * 1024

    def __init__(self, data: bytes, on_sent: Callable[[int], None], unreported: int = 0):
        self._data = memoryview(data)
        self._on_sent = on_sent
        self._unreported = unreported

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[memoryview]:
        for start in range(0, len(self._data), self.BLOCK):
            block = self._data[start : start + self.BLOCK]
            yield block
            self._report(start, len(block))

    def _report(self, start: int, size: int) -> None:
        reported = max(0, start + size - self._unreported) - max(0, start - self._unreported)
        if reported:
            self._on_sent(reported)


def _timed_out(exc: BaseException) -> bool:
    """Whether a request failed for time on a connection that was made: no answer in
    time (``ReadTimeout``), or a body that could not be handed to a slow link in time
    (a socket timeout while sending). Not connecting in time is plain unreachable."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return False
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, requests.exceptions.ReadTimeout | TimeoutError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__ or _wrapped(cause)
    return False


def _wrapped(exc: BaseException) -> BaseException | None:
    """The exception urllib3 and requests carry in ``args`` rather than as a cause."""
    inner = [arg for arg in exc.args if isinstance(arg, BaseException)]
    return inner[0] if inner else None


def _interpret(response: requests.Response, body: bytes, expect: str) -> dict:
    content_type = response.headers.get("Content-Type")
    if response.status_code == 200:
        try:
            return protocol.decode_response(content_type, body, expect=expect)
        except protocol.ShapeError as exc:
            raise BadResponse(f"{expect}: {exc}") from exc
    if response.status_code >= 500:
        raise ServerError(f"HTTP {response.status_code}")
    try:
        error = protocol.decode_response(content_type, body, expect="error")["error"]
    except protocol.ShapeError as exc:
        raise BadResponse(f"HTTP {response.status_code} without our error body") from exc
    if response.status_code == 401:
        raise AuthRequired(error["code"])
    if response.status_code == 426:
        raise ProtocolOutdated(error["code"])
    if response.status_code == 408:
        # The server gave up on a body that stopped arriving (body_timeout): the link
        # is too slow for what we sent, so the engine sends smaller pieces.
        raise TimedOut(error["code"])
    raise Refused(response.status_code, error, _retry_after(response))


def _retry_after(response: requests.Response) -> float | None:
    """The Retry-After header in seconds (the server sends seconds, never a date)."""
    try:
        return float(response.headers["Retry-After"])
    except (KeyError, ValueError):
        return None
