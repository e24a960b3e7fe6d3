"""Checking a password under the sign-in throttle, for every way in (the tablets'
device login and the dashboard), so that a username locked on one is locked on the other.

The count, the password check and the failure it records are one atomic step
(``throttle.hold``). The audit log gets a row for each failed password and one when a
lock begins (``login_locked``), never one per refused attempt while locked: the log is
append-only, and someone hammering a locked username must not be able to grow it
without bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.auth import verify_password
from server.db.models import Account
from server.services import throttle
from server.services.accounts import normalise_username
from server.services.audit import log_event


@dataclass(frozen=True)
class PasswordRefused(Exception):
    """``login_throttled`` (with ``wait_seconds``) or ``invalid_credentials``."""

    code: str
    wait_seconds: int = 0


def check_password(
    session: Session,
    *,
    username: str,
    password: str,
    address: str,
    limits: throttle.Limits,
    now: datetime,
    detail: dict[str, Any],
) -> Account:
    """The active account ``username`` names, if ``password`` is its password and
    neither the username (from ``address``) nor the address is locked; else
    ``PasswordRefused``. Failures are committed; a success leaves the transaction open
    for the caller's own writes."""
    username = normalise_username(username)
    throttle.hold(session, username=username, address=address)
    wait = throttle.seconds_until_allowed(
        session, username=username, address=address, now=now, limits=limits
    )
    if wait:
        session.commit()  # ends the hold
        raise PasswordRefused("login_throttled", wait_seconds=wait)

    account = session.scalar(select(Account).where(Account.username == username))
    password_ok = verify_password(account.password_hash if account else None, password)
    if account is None or not account.active or not password_ok:
        throttle.record_failure(
            session, username=username, address=address, now=now, window=limits.window
        )
        account_id = account.id if account else None
        log_event(
            session, action="login_failed", username=username, account_id=account_id,
            detail=detail,
        )  # fmt: skip
        locked_for = throttle.seconds_until_allowed(
            session, username=username, address=address, now=now, limits=limits
        )
        if locked_for:
            log_event(
                session, action="login_locked", username=username, account_id=account_id,
                detail={**detail, "seconds": locked_for},
            )  # fmt: skip
        session.commit()
        raise PasswordRefused("invalid_credentials")
    throttle.clear_failures(session, username=username, address=address)
    return account
