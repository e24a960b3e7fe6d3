"""An upload that starts and then goes silent with its socket open, as a tablet's does
when it walks into a basement mid-upload (no FIN, no RST)."""

from __future__ import annotations

import socket

from sync import protocol

DECLARED = 200_000
SENT = 4096


def stall_upload(
    port: int, token: str, method: str, target: str, headers: dict[str, str] | None = None
) -> socket.socket:
    """Send the headers of a ``DECLARED``-byte body and its first ``SENT`` bytes, then
    nothing more. The caller keeps the open socket, and closes it."""
    lines = [
        f"{method} {target} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"{protocol.PROTOCOL_HEADER}: {protocol.PROTOCOL_VERSION}",
        f"Authorization: Bearer {token}",
        "Content-Type: application/octet-stream",
        f"Content-Length: {DECLARED}",
        *(f"{name}: {value}" for name, value in (headers or {}).items()),
    ]
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    connection.sendall("\r\n".join(lines).encode() + b"\r\n\r\n" + b"x" * SENT)
    return connection


def still_waiting(connection: socket.socket) -> bool:
    """Whether the server has neither answered nor closed the connection."""
    connection.setblocking(False)
    try:
        connection.recv(1, socket.MSG_PEEK)
    except BlockingIOError:
        return True
    finally:
        connection.setblocking(True)
    return False


def read_answer(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    answer = b""
    while piece := connection.recv(65536):
        answer += piece
    return answer
