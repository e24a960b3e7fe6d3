"""Writing the append-only audit log; the caller's transaction commits it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.db.models import AuditEntry


def log_event(
    session: Session,
    *,
    action: str,
    username: str | None = None,
    account_id: int | None = None,
    device_id: int | None = None,
    detail: dict | None = None,
) -> None:
    session.add(
        AuditEntry(
            action=action,
            username=username,
            account_id=account_id,
            device_id=device_id,
            detail=detail or {},
        )
    )
