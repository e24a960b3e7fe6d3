from typing import Annotated

from fastapi import APIRouter, Path

from server.api.deps import AdminDep, SessionDep
from server.api.schemas import DevicePublic, error_responses
from server.db.models import Device
from server.services import devices as device_service
from sync import protocol

router = APIRouter(prefix="/api/v1/devices", tags=["devices"])


def _public(device: Device) -> DevicePublic:
    return DevicePublic(
        id=device.id,
        name=device.name,
        account_id=device.account_id,
        username=device.account.username,
        created_at=device.created_at,
        expires_at=device.expires_at,
        revoked_at=device.revoked_at,
        last_seen_at=device.last_seen_at,
    )


@router.get("", responses=error_responses(401, 403))
def list_devices(admin: AdminDep, session: SessionDep) -> list[DevicePublic]:
    return [_public(device) for device in device_service.list_devices(session, admin=admin)]


@router.post("/{device_id}/revoke", responses=error_responses(401, 403, 404, 422))
def revoke_device(
    device_id: Annotated[int, Path(ge=1, le=protocol.MAX_ROW_ID)],
    admin: AdminDep,
    session: SessionDep,
) -> DevicePublic:
    return _public(device_service.revoke_device(session, admin=admin, device_id=device_id))
