from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query

from server.api.deps import DeviceDep, SessionDep, SettingsDep, require_protocol
from server.errors import ApiError, FieldProblem
from server.services import owners, push, reference
from sync import protocol

router = APIRouter(prefix="/api/v1/sync", tags=["sync"], dependencies=[Depends(require_protocol)])

# Sequence numbers are 64-bit signed integers on every database.
MAX_CURSOR = 2**63 - 1


@router.post("/push")
def push_records(
    body: Annotated[Any, Body()], device: DeviceDep, session: SessionDep, settings: SettingsDep
) -> dict:
    try:
        records = protocol.check_push_request(body)
    except protocol.ShapeError as exc:
        raise ApiError(
            422, "invalid_request", [FieldProblem.of("records", "not_an_object")]
        ) from exc
    if len(records) > settings.push_max_records:
        raise ApiError(413, "batch_too_large", extra={"max_records": settings.push_max_records})
    results = push.push_records(session, device=device, records=records)
    return {"protocol": protocol.PROTOCOL_VERSION, "results": results}


@router.get("/pull")
def pull_changes(
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1)] = 500,
) -> dict:
    page = reference.pull_changes(
        session,
        account=device.account,
        cursor=cursor,
        limit=min(limit, settings.pull_max_limit),
    )
    # The owner archive is confidential: what leaves for a device is audited first.
    owners.log_owners_delivered(session, device=device, items=page.items)
    session.commit()
    return {
        "items": page.items,
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
        "scope": page.scope,
    }
