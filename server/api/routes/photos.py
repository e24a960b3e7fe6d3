"""Photo uploads: what the server has (status), chunks of one photo, whole photos in a
batch. ``await request.body()`` waits on nobody: every body is in memory before a
route runs (server.api.limits), so signing the device in first holds no session
open while a client is still sending."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from server.api.deps import (
    DeviceDep,
    PhotoStorageDep,
    SessionDep,
    SettingsDep,
    require_protocol,
)
from server.api.schemas import (
    PhotoStatePublic,
    PhotoStatesPublic,
    PhotoStatusCreate,
    error_responses,
)
from server.errors import ApiError
from server.services.photos import (
    photo_states,
    put_photo_batch,
    put_photo_chunk,
    read_reviewed_photo,
)
from sync import protocol

router = APIRouter(
    prefix="/api/v1/photos",
    tags=["photos"],
    dependencies=[Depends(require_protocol)],
    responses=error_responses(401, 426),
)


@router.post("/status", responses=error_responses(400, 422))
def get_photo_status(
    body: PhotoStatusCreate, device: DeviceDep, session: SessionDep
) -> PhotoStatesPublic:
    return PhotoStatesPublic(
        photos=photo_states(session, account=device.account, hashes=body.photos)
    )


@router.get(
    "/{sha256}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}, **error_responses(403, 404, 422)},
)
def download_photo(
    sha256: str, device: DeviceDep, session: SessionDep, storage: PhotoStorageDep
) -> Response:
    """A photo of a synced record, for a supervisor reviewing on a tablet."""
    data = read_reviewed_photo(session, storage=storage, account=device.account, sha256=sha256)
    return Response(data, media_type="image/jpeg")


# put_photo_chunk's dict is validated into the model by FastAPI (response_model).
@router.put(
    "/{sha256}",
    response_model=PhotoStatePublic,
    responses=error_responses(400, 404, 409, 413, 422),
)
async def upload_photo_chunk(
    sha256: str,
    request: Request,
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    storage: PhotoStorageDep,
    offset: Annotated[int, Query(ge=0)],
) -> dict[str, Any]:
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


@router.post("/batch", responses=error_responses(400, 404, 413, 422))
async def upload_photo_batch(
    request: Request,
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    storage: PhotoStorageDep,
) -> PhotoStatesPublic:
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
    return PhotoStatesPublic(photos=states)
