"""``GET /api/v1/overdue``: complaints past their reply deadline, work orders and visit
tasks past due, in the supervisor's estates (supervisors only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from domain.roles import Role
from server.api.deps import DeviceDep, SessionDep
from server.api.schemas import OverduePublic, error_responses
from server.db.models import Account
from server.db.types import utcnow
from server.errors import ApiError
from server.services import overdue as overdue_service

router = APIRouter(prefix="/api/v1", tags=["overdue"])


def current_time() -> datetime:
    """The one place the board reads the clock; tests override this dependency."""
    return utcnow()


def require_supervisor(device: DeviceDep) -> Account:
    if device.account.role != Role.SUPERVISOR:
        raise ApiError(403, "forbidden")
    return device.account


# The service's dict is validated into the model by FastAPI (response_model).
@router.get("/overdue", response_model=OverduePublic, responses=error_responses(401, 403))
def list_overdue(
    supervisor: Annotated[Account, Depends(require_supervisor)],
    session: SessionDep,
    now: Annotated[datetime, Depends(current_time)],
) -> dict[str, Any]:
    return overdue_service.overdue(session, estate_ids=supervisor.estate_ids, now=now)
