"""Signing in to the dashboard, and the server-side sessions that follow.

Only supervisors and admins may sign in: field roles use the tablet. The password check
and the failed-login throttle are the ones the tablets' sign-in uses
(server.services.password_check), so a username locked on one is locked on the other.

The browser's cookie holds a random token and the table ``dashboard_sessions`` only its
SHA-256. A session ends when its user signs out, and after ``IDLE_TIMEOUT`` without a
request: the next request then finds no session and goes to the sign-in page. Each
session has its own CSRF token, which every form posts back.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from server.auth import new_token, token_digest
from server.config import Settings
from server.db.models import DashboardSession
from server.services import throttle
from server.services.audit import log_event
from server.services.password_check import PasswordRefused, check_password

IDLE_TIMEOUT = timedelta(minutes=30)
# last_seen_at is written at most this often, so that reading pages rarely writes.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
DASHBOARD_ROLES = frozenset({"supervisor", "admin"})


@dataclass(frozen=True)
class SignInRefused(Exception):
    """Why a sign-in failed: ``code`` names the message (server.dashboard.texts);
    ``wait_seconds`` is set when the username is throttled."""

    code: str
    role: str | None = None
    wait_seconds: int = 0


def sign_in(
    session: Session,
    *,
    username: str,
    password: str,
    address: str,
    settings: Settings,
    now: datetime,
) -> tuple[str, DashboardSession]:
    """A new session for a supervisor or admin; returns the cookie's token and the row.

    Raises ``SignInRefused``: ``login_throttled`` while the username is locked (even with
    the right password), ``invalid_credentials`` on a wrong username or password, and
    ``role_refused`` for a field role whose password was right.
    """
    where = {**_WHERE, "address": address}
    try:
        account = check_password(
            session, username=username, password=password, address=address,
            limits=throttle.Limits.from_settings(settings), now=now, detail=where,
        )  # fmt: skip
    except PasswordRefused as refused:
        raise SignInRefused(refused.code, wait_seconds=refused.wait_seconds) from None
    username = account.username
    if account.role not in DASHBOARD_ROLES:
        log_event(
            session,
            action="dashboard_login_refused",
            username=username,
            account_id=account.id,
            detail={**where, "role": account.role},
        )
        session.commit()
        raise SignInRefused("role_refused", role=account.role)

    token = new_token()
    row = DashboardSession(
        token_sha256=token_digest(token),
        account=account,
        csrf_token=new_token(),
        created_at=now,
        last_seen_at=now,
    )
    session.add(row)
    log_event(session, action="login", username=username, account_id=account.id, detail=where)
    session.commit()
    return token, row


_WHERE = {"via": "dashboard"}


def current_session(
    session: Session, *, token: str | None, now: datetime
) -> DashboardSession | None:
    """The live session a cookie's token names; None when there is none, it was ended,
    it has been idle longer than ``IDLE_TIMEOUT`` or its account was deactivated."""
    if not token:
        return None
    row = session.get(DashboardSession, token_digest(token))
    if row is None or row.ended_at is not None or not row.account.active:
        return None
    if now - row.last_seen_at > IDLE_TIMEOUT:
        row.ended_at = row.last_seen_at + IDLE_TIMEOUT
        session.commit()
        return None
    if row.account.role not in DASHBOARD_ROLES:
        return None
    if now - row.last_seen_at > LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
        session.commit()
    return row


def sign_out(session: Session, *, row: DashboardSession, now: datetime) -> None:
    row.ended_at = now
    log_event(
        session,
        action="logout",
        username=row.account.username,
        account_id=row.account_id,
        detail=_WHERE,
    )
    session.commit()


def csrf_matches(expected: str | None, posted: str | None) -> bool:
    if not expected or not posted:
        return False
    return hmac.compare_digest(expected, posted)
