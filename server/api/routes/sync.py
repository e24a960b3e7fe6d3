from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from server.api.deps import DeviceDep, SessionDep, SettingsDep, require_protocol
from server.api.json_body import parse_json_body
from server.api.schemas import PullPublic, PushPublic, error_responses
from server.config import Settings
from server.db.models import Device
from server.db.types import utcnow
from server.errors import ApiError, FieldProblem
from server.services import device_reports, owners, push, reference
from sync import protocol

router = APIRouter(
    prefix="/api/v1/sync",
    tags=["sync"],
    dependencies=[Depends(require_protocol)],
    responses=error_responses(401, 426),
)


# Deep enough that a payload cut there is still deeper than the protocol allows.
_PUSH_CUT_DEPTH = protocol.PAYLOAD_MAX_DEPTH + 8
_PUSH_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"type": "object", "title": "Body"}}},
}


@router.post(
    "/push", openapi_extra={"requestBody": _PUSH_BODY}, responses=error_responses(400, 422)
)
async def push_records(
    request: Request, device: DeviceDep, session: SessionDep, settings: SettingsDep
) -> PushPublic:
    """The body is read here rather than by FastAPI so that no input (a lone surrogate,
    any depth) fails the batch with a 500: see ``server.api.json_body``."""
    media_type = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if media_type.lower() != "application/json":
        raise ApiError(422, "invalid_request", [FieldProblem.of("body", "not_json")])
    raw = await request.body()
    app_version = request.headers.get(protocol.APP_VERSION_HEADER)
    return await run_in_threadpool(_push, raw, device, session, settings, app_version)


def _push(
    raw: bytes, device: Device, session: Session, settings: Settings, app_version: str | None
) -> PushPublic:
    body = parse_json_body(raw, cut_depth=_PUSH_CUT_DEPTH)
    try:
        records = protocol.check_push_request(body)
    except protocol.ShapeError as exc:
        raise ApiError(
            422, "invalid_request", [FieldProblem.of("records", "not_an_object")]
        ) from exc
    backlog = body.get(protocol.BACKLOG_FIELD) if isinstance(body, dict) else None
    problem = None if backlog is None else protocol.backlog_problem(backlog)
    if problem is not None:
        raise ApiError(422, "invalid_request", [FieldProblem.of(protocol.BACKLOG_FIELD, problem)])
    if len(records) > settings.push_max_records:
        raise ApiError(413, "batch_too_large", extra={"max_records": settings.push_max_records})
    results = push.push_records(session, device=device, records=records)
    device_reports.note_sync(device, app_version=app_version, backlog=backlog, now=utcnow())
    session.commit()
    return PushPublic(protocol=protocol.PROTOCOL_VERSION, results=results)


# A deleted item carries no ``data`` at all, rather than ``"data": null``.
@router.get("/pull", responses=error_responses(422), response_model_exclude_unset=True)
def pull_changes(
    request: Request,
    device: DeviceDep,
    session: SessionDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=protocol.MAX_SEQUENCE)] = 0,
    limit: Annotated[int, Query(ge=1)] = 500,
    backlog_records: Annotated[int | None, Query(ge=0, le=protocol.BACKLOG_MAX)] = None,
    backlog_photos: Annotated[int | None, Query(ge=0, le=protocol.BACKLOG_MAX)] = None,
) -> PullPublic:
    """``backlog_records`` and ``backlog_photos`` (both or neither) report what waits on
    the tablet; see docs/sync-protocol.md."""
    if (backlog_records is None) != (backlog_photos is None):
        raise ApiError(
            422, "invalid_request", [FieldProblem.of(protocol.BACKLOG_FIELD, "invalid_backlog")]
        )
    page = reference.pull_changes(
        session,
        account=device.account,
        cursor=cursor,
        limit=min(limit, settings.pull_max_limit),
    )
    # The owner archive is confidential: what leaves for a device is audited first.
    owners.log_owners_delivered(session, device=device, items=page.items)
    backlog = (
        None
        if backlog_records is None or backlog_photos is None
        else {"records": backlog_records, "photos": backlog_photos}
    )
    device_reports.note_sync(
        device,
        app_version=request.headers.get(protocol.APP_VERSION_HEADER),
        backlog=backlog,
        now=utcnow(),
    )
    session.commit()
    return PullPublic(
        items=page.items, next_cursor=page.next_cursor, has_more=page.has_more, scope=page.scope
    )
