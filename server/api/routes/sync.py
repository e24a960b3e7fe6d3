from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query

from server.api.deps import DeviceDep, SessionDep, SettingsDep, require_protocol
from server.api.schemas import PullPublic, PushPublic, error_responses
from server.errors import ApiError, FieldProblem
from server.services import push, reference
from sync import protocol

router = APIRouter(
    prefix="/api/v1/sync",
    tags=["sync"],
    dependencies=[Depends(require_protocol)],
    responses=error_responses(401, 426),
)


@router.post("/push", responses=error_responses(400, 422))
def push_records(
    body: Annotated[Any, Body()], device: DeviceDep, session: SessionDep, settings: SettingsDep
) -> PushPublic:
    try:
        records = protocol.check_push_request(body)
    except protocol.ShapeError as exc:
        raise ApiError(
            422, "invalid_request", [FieldProblem.of("records", "not_an_object")]
        ) from exc
    if len(records) > settings.push_max_records:
        raise ApiError(413, "batch_too_large", extra={"max_records": settings.push_max_records})
    results = push.push_records(session, device=device, records=records)
    return PushPublic(protocol=protocol.PROTOCOL_VERSION, results=results)


# A deleted item carries no ``data`` at all, rather than ``"data": null``.
@router.get("/pull", responses=error_responses(422), response_model_exclude_unset=True)
def pull_changes(
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=protocol.MAX_SEQUENCE)] = 0,
    limit: Annotated[int, Query(ge=1)] = 500,
) -> PullPublic:
    page = reference.pull_changes(
        session,
        account=device.account,
        cursor=cursor,
        limit=min(limit, settings.pull_max_limit),
    )
    return PullPublic(
        items=page.items, next_cursor=page.next_cursor, has_more=page.has_more, scope=page.scope
    )
