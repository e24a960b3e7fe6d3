"""Request bodies are read whole, bounded in size and in time, before the app sees them.

A pure ASGI middleware in front of every route. It reads the body to the end
and only then hands the request on, with the body replayed from memory. Two
things follow, for every route present and future:

- no database session or pooled connection is ever held while a client is
  still sending: a tablet that walks into a basement mid-upload (no FIN, no
  RST) holds a socket and a few kilobytes here, never a transaction;
- a body that stops arriving is given up: when nothing arrives for
  ``idle_timeout`` seconds the request is answered 408 ``body_timeout`` with
  ``Connection: close`` and logged as one warning line. The clock restarts with
  every piece that arrives, so a slow link that keeps moving is never cut off.

Size: a body whose Content-Length is over the limit for its path gets 413 at
once; one without (chunked) is refused as soon as it goes past the limit. The
routes read their bodies into memory anyway (the limits are a few MiB), so
reading them here first costs no extra memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import anyio
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import error_body

log = logging.getLogger(__name__)


class RequestBodyGate:
    def __init__(
        self, app: ASGIApp, *, limit_for: Callable[[Scope], int], idle_timeout: float
    ) -> None:
        self.app = app
        self.limit_for = limit_for
        self.idle_timeout = idle_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _answer(scope, receive, send, 413, "body_too_large")
            return

        body = bytearray()
        more = True
        while more:
            message = None
            with anyio.move_on_after(self.idle_timeout):
                message = await receive()
            if message is None:
                self._log_stall(scope, received=len(body), declared=length)
                await _answer(scope, receive, send, 408, "body_timeout", close=True)
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                await _answer(scope, receive, send, 413, "body_too_large")
                return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    def _log_stall(self, scope: Scope, *, received: int, declared: bytes | None) -> None:
        client = scope.get("client")
        log.warning(
            "gave up on the body of %s %s from %s: nothing arrived for %g s "
            "(%d of %s bytes received); answered 408 body_timeout",
            scope["method"],
            scope["path"],
            f"{client[0]}:{client[1]}" if client else "an unknown client",
            self.idle_timeout,
            received,
            declared.decode() if declared is not None else "unknown",
        )


async def _answer(
    scope: Scope, receive: Receive, send: Send, status: int, code: str, *, close: bool = False
) -> None:
    headers = {"Connection": "close"} if close else None
    response = JSONResponse(error_body(code), status_code=status, headers=headers)
    await response(scope, receive, send)
