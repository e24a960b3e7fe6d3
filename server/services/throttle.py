"""Sign-in throttling: recent failures lock a username from one address, an address,
and (much later) a username from everywhere, for a while.

Three limits over the same rows (one per failed sign-in: username, client address,
time), each over ``Limits.window``:

- ``per_account_and_address`` failures for one username from one address lock that
  username *from that address*: someone guessing from outside cannot lock the
  staff out of their own tablets, which sign in from other addresses;
- ``per_address`` failures from one address, whatever the usernames, lock the
  address: one password tried against many accounts is slowed as much as many
  passwords against one;
- ``per_account`` failures for one username from anywhere lock the username: a
  cap on guessing spread over many addresses, far above what staff mistype.

The count, the password check and the new failure row are one atomic step:
``hold`` serialises the sign-ins of a username and of an address until the
transaction ends (a PostgreSQL advisory lock; on SQLite every transaction holds
the database's write lock from its start, server.db.engine). The rows live in
the database, so every server process counts the same ones, and rows older
than the window are deleted as failures come in: failures for names that do
not exist cannot pile up.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, select, text
from sqlalchemy.orm import Session

from server.config import Settings
from server.db.models import LoginFailure

# Longest address kept (an IPv6 address with a zone is well below it).
ADDRESS_LENGTH = 64


@dataclass(frozen=True)
class Limits:
    per_account_and_address: int = 5
    per_address: int = 20
    per_account: int = 100
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            per_account_and_address=settings.login_max_failures,
            per_address=settings.login_address_max_failures,
            per_account=settings.login_account_max_failures,
            window=settings.login_failure_window,
        )


def _lock_key(kind: str, value: str) -> int:
    digest = hashlib.sha256(f"login:{kind}:{value}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def hold(session: Session, *, username: str, address: str) -> None:
    """Until the session's transaction ends, no other sign-in of ``username`` or from
    ``address`` counts, checks or records failures."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: the transaction's first statement takes the write lock
    # Always in the same order, so that two sign-ins never wait for each other.
    for key in sorted({_lock_key("account", username), _lock_key("address", address)}):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _frees_up_at(
    session: Session, where: ColumnElement[bool], *, now: datetime, limit: int, window: timedelta
) -> datetime | None:
    """When the failures matching ``where`` drop below ``limit``; None if they are."""
    limiting = session.scalar(
        select(LoginFailure.at)
        .where(where, LoginFailure.at > now - window)
        .order_by(LoginFailure.at.desc())
        .offset(limit - 1)
        .limit(1)
    )
    return None if limiting is None else limiting + window


def seconds_until_allowed(
    session: Session, *, username: str, address: str, now: datetime, limits: Limits
) -> int:
    """0 when ``username`` may try to sign in from ``address``, else how long to wait."""
    by_username = LoginFailure.username == username
    by_address = LoginFailure.address == address
    checks = (
        (by_username & by_address, limits.per_account_and_address),
        (by_address, limits.per_address),
        (by_username, limits.per_account),
    )
    moments = [
        _frees_up_at(session, where, now=now, limit=limit, window=limits.window)
        for where, limit in checks
    ]
    latest = max((moment for moment in moments if moment is not None), default=None)
    if latest is None:
        return 0
    return max(1, math.ceil((latest - now).total_seconds()))


def record_failure(
    session: Session, *, username: str, address: str, now: datetime, window: timedelta
) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.at <= now - window))
    session.add(LoginFailure(username=username, address=address, at=now))


def clear_failures(session: Session, *, username: str, address: str) -> None:
    """After a good sign-in: that address's failures for the username no longer count."""
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.username == username, LoginFailure.address == address
        )
    )
