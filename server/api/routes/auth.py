from fastapi import APIRouter, Depends, Request

from server.api.deps import SessionDep, SettingsDep, require_protocol
from server.api.schemas import (
    AccountPublic,
    DeviceLoginCreate,
    DeviceLoginPublic,
    EstatePublic,
    error_responses,
)
from server.services.devices import device_login
from server.services.throttle import ADDRESS_LENGTH, Limits

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], dependencies=[Depends(require_protocol)])


@router.post("/device-login", responses=error_responses(400, 401, 422, 426, 429))
def login_device(
    body: DeviceLoginCreate, request: Request, session: SessionDep, settings: SettingsDep
) -> DeviceLoginPublic:
    # The connection's peer, or the client a trusted proxy names (TRUSTED_PROXIES,
    # applied by uvicorn before the app sees the request).
    address = request.client.host if request.client else ""
    token, device = device_login(
        session,
        username=body.username,
        password=body.password,
        device_name=body.device_name,
        address=address[:ADDRESS_LENGTH],
        token_lifetime=settings.token_lifetime,
        limits=Limits.from_settings(settings),
    )
    account = device.account
    return DeviceLoginPublic(
        token=token,
        device_id=device.id,
        expires_at=device.expires_at,
        account=AccountPublic(
            id=account.id,
            username=account.username,
            display_name=account.display_name,
            role=account.role,
            estates=[
                EstatePublic(id=e.id, name=e.name, address=e.address) for e in account.estates
            ],
        ),
    )
