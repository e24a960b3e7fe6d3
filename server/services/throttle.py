"""Login throttling: too many recent failures for a username lock it for a while.

The failures are rows in the database, so every server process sees the same
count.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.db.models import LoginFailure


def seconds_until_allowed(
    session: Session, *, username: str, now: datetime, max_failures: int, window: timedelta
) -> int:
    """0 when ``username`` may try to log in, else how long it must wait."""
    recent = session.scalars(
        select(LoginFailure.at)
        .where(LoginFailure.username == username, LoginFailure.at > now - window)
        .order_by(LoginFailure.at)
    ).all()
    if len(recent) < max_failures:
        return 0
    # Allowed again once enough of the failures have left the window.
    frees_up_at = recent[len(recent) - max_failures] + window
    return max(1, math.ceil((frees_up_at - now).total_seconds()))


def record_failure(session: Session, *, username: str, now: datetime) -> None:
    session.add(LoginFailure(username=username, at=now))


def clear_failures(session: Session, *, username: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
