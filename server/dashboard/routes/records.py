"""One record's page, its review actions, its photos, and the owner archive it names."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from server.dashboard import records as record_views
from server.dashboard.places import places
from server.dashboard.reviews import APPROVED, SENT_BACK, CommentProblem, review
from server.dashboard.summaries import OCCURRED_FIELD
from server.dashboard.texts import TEXTS
from server.dashboard.thumbnails import NotAnImage, thumbnail
from server.dashboard.web import (
    PREFIX,
    NowDep,
    PageError,
    SessionDep,
    SignedInDep,
    check_csrf,
    render,
)
from server.db.models import Estate, Record
from server.services.send_backs import send_backs_of

router = APIRouter(prefix=PREFIX)
ACTION_KEYS = frozenset(key for key in TEXTS if key.startswith("action_"))
SHA256 = re.compile(r"[0-9a-f]{64}")


def _record(session: SessionDep, signed: SignedInDep, record_id: str) -> Record:
    record = record_views.visible_record(
        session, estate_ids=signed.account.estate_ids, record_id=record_id
    )
    if record is None:
        raise PageError(404, "not_found")
    return record


def _detail_page(
    request: Request,
    session: SessionDep,
    signed: SignedInDep,
    record: Record,
    now,
    *,
    status_code: int = 200,
    comment: str = "",
    comment_error: str = "",
) -> HTMLResponse:
    groups = record_views.photo_groups(record)
    every_photo = [sha for _, hashes in groups for sha in hashes]
    due = record.reply_due_at
    reviews = record_views.reviews(session, record)
    names = places(session, {record.estate_id})
    send_backs = send_backs_of(session, [r.id for r in reviews])
    return render(
        request,
        "detail.html",
        {
            "record": record,
            "route_name": names.route(record.payload.get("route_id")),
            "checkpoint_name": names.checkpoint,
            "estate": session.get(Estate, record.estate_id),
            "occurred_field": OCCURRED_FIELD.get(record.kind),
            "review": record.review_status,
            "revisions": record_views.revisions(session, record),
            "comments": {r.id: r.comment for r in reviews},
            "send_backs": [(r, send_backs[r.id]) for r in reviews if r.id in send_backs],
            "answered": {
                task.answered_revision: task
                for task in send_backs.values()
                if task.answered_revision
            },
            "names": {r.account_id: r.account.display_name or r.account.username for r in reviews},
            "audit": record_views.audit_trail(session, record),
            "action_keys": ACTION_KEYS,
            "gps_fixes": record_views.gps_fixes(record),
            "photo_groups": groups,
            "marks": record_views.photo_marks(record),
            "fields": record_views.listed_fields(record),
            "uploaded": record_views.uploaded_photos(session, every_photo),
            "deadline": due,
            "overdue": due is not None and due < now,
            "comment": comment,
            "comment_error": comment_error,
            "done": request.query_params.get("done", ""),
        },
        status_code=status_code,
        signed=signed,
    )


@router.get("/records/{record_id}", response_class=HTMLResponse, include_in_schema=False)
def read_record(
    record_id: str, request: Request, session: SessionDep, signed: SignedInDep, now: NowDep
):
    return _detail_page(request, session, signed, _record(session, signed, record_id), now)


@router.post(
    "/records/{record_id}/approve", dependencies=[Depends(check_csrf)], include_in_schema=False
)
def approve_record(record_id: str, session: SessionDep, signed: SignedInDep, now: NowDep):
    record = _record(session, signed, record_id)
    review(session, account=signed.account, record=record, verdict=APPROVED, now=now)
    return RedirectResponse(f"{PREFIX}/records/{record.id}?done={APPROVED}", status_code=302)


@router.post(
    "/records/{record_id}/send-back", dependencies=[Depends(check_csrf)], include_in_schema=False
)
def send_back_record(
    record_id: str,
    request: Request,
    session: SessionDep,
    signed: SignedInDep,
    now: NowDep,
    comment: Annotated[str, Form()] = "",
):
    record = _record(session, signed, record_id)
    try:
        review(
            session, account=signed.account, record=record, verdict=SENT_BACK, comment=comment,
            now=now,
        )  # fmt: skip
    except CommentProblem as problem:
        return _detail_page(
            request, session, signed, record, now,
            status_code=400, comment=comment, comment_error=problem.code,
        )  # fmt: skip
    return RedirectResponse(f"{PREFIX}/records/{record.id}?done={SENT_BACK}", status_code=302)


@router.get("/photos/{sha256}", include_in_schema=False)
def read_photo(
    sha256: str, request: Request, session: SessionDep, signed: SignedInDep, size: str = "full"
) -> Response:
    """A photo of a record in the account's estates; 404 for any other, so a URL from
    another estate tells nothing."""
    if not SHA256.fullmatch(sha256) or not record_views.photo_visible(
        session, estate_ids=signed.account.estate_ids, sha256=sha256
    ):
        raise PageError(404, "not_found")
    data = request.app.state.photo_storage.read(sha256)
    if size == "thumb":
        folder = request.app.state.settings.data_dir / "dashboard-thumbnails"
        try:
            data = thumbnail(folder, sha256, data)
        except NotAnImage:
            raise PageError(422, "photo_unreadable") from None
    return Response(
        data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"}
    )


@router.get("/owners/{owner_id}", response_class=HTMLResponse, include_in_schema=False)
def read_owner(owner_id: str, request: Request, session: SessionDep, signed: SignedInDep):
    archive = record_views.view_owner(session, account=signed.account, owner_id=owner_id)
    if archive is None:
        raise PageError(404, "not_found")
    return render(request, "owner.html", {"archive": archive}, signed=signed)
