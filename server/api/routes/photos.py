from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from server.api.deps import (
    DeviceDep,
    PhotoStorageDep,
    SessionDep,
    SettingsDep,
    require_protocol,
)
from server.api.schemas import PhotoStatusCreate
from server.errors import ApiError
from server.services.photos import photo_states, put_photo_batch, put_photo_chunk
from sync import protocol

router = APIRouter(
    prefix="/api/v1/photos", tags=["photos"], dependencies=[Depends(require_protocol)]
)


@router.post("/status")
def get_photo_status(body: PhotoStatusCreate, device: DeviceDep, session: SessionDep) -> dict:
    return {"photos": photo_states(session, account=device.account, hashes=body.photos)}


@router.put("/{sha256}")
async def upload_photo_chunk(
    sha256: str,
    request: Request,
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    storage: PhotoStorageDep,
    offset: Annotated[int, Query(ge=0)],
) -> dict:
    declared = request.headers.get(protocol.PHOTO_SIZE_HEADER, "")
    if not declared.isdigit():
        raise ApiError(400, "invalid_photo_size")
    data = await request.body()
    return await run_in_threadpool(
        put_photo_chunk,
        session,
        storage=storage,
        account=device.account,
        sha256=sha256,
        offset=offset,
        total_size=int(declared),
        data=data,
        max_size=settings.photo_max_bytes,
    )


@router.post("/batch")
async def upload_photo_batch(
    request: Request,
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    storage: PhotoStorageDep,
) -> dict:
    """Several whole photos in one body (``protocol.encode_photo_batch``)."""
    try:
        photos = protocol.decode_photo_batch(await request.body())
    except protocol.ShapeError as exc:
        raise ApiError(400, "invalid_photo_batch", extra={"detail": str(exc)}) from None
    states = await run_in_threadpool(
        put_photo_batch,
        session,
        storage=storage,
        account=device.account,
        photos=photos,
        max_size=settings.photo_max_bytes,
    )
    return {"photos": states}
