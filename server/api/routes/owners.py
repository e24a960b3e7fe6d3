"""``GET /api/v1/owners/{owner_id}``: one owner's full archive, for service staff and
supervisors of the owner's estate; every view is audited (server.services.owners)."""

from typing import Any

from fastapi import APIRouter

from server.api.deps import DeviceDep, SessionDep
from server.api.schemas import OwnerArchivePublic, error_responses
from server.services import owners as owner_service

router = APIRouter(prefix="/api/v1/owners", tags=["owners"])


# The service's dict is validated into the model by FastAPI (response_model).
@router.get(
    "/{owner_id}",
    response_model=OwnerArchivePublic,
    responses=error_responses(401, 403, 404, 422),
)
def read_owner(owner_id: str, device: DeviceDep, session: SessionDep) -> dict[str, Any]:
    return owner_service.view_owner(session, device=device, owner_id=owner_id)
