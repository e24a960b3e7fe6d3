"""The logs: the timeline and the list per kind (one page with a kind filter), and their
exports as CSV and XLSX."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from domain.records import RECORD_KINDS
from server.dashboard import exports
from server.dashboard.logs import REVIEW_STATUSES, BadFilter, LogFilter, find_records, staff_choices
from server.dashboard.paging import page_number
from server.dashboard.texts import request_language, translator
from server.dashboard.web import PREFIX, NowDep, PageError, SessionDep, SignedInDep, render

router = APIRouter(prefix=PREFIX)


@router.get("/logs", response_class=HTMLResponse, include_in_schema=False)
def list_records(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    account = signed.account
    estate_ids = account.estate_ids
    language = request_language(request)
    status_code, bad_field = 200, ""
    try:
        wanted = LogFilter.from_query(request.query_params, estate_ids=estate_ids)
    except BadFilter as bad:
        wanted, status_code, bad_field = LogFilter(), 400, bad.field
    summaries, page = find_records(
        session,
        estate_ids=estate_ids,
        wanted=wanted,
        now=now,
        language=language,
        page_number=page_number(request.query_params.get("page", "1")),
    )
    query = wanted.query_items()
    return render(
        request,
        "list.html",
        {
            "wanted": wanted,
            "summaries": summaries,
            "page": page,
            "query": urlencode(query),
            "page_link": lambda number: "?" + urlencode([*query, ("page", number)]),
            "kind_link": lambda kind: (
                "?"
                + urlencode(
                    [(k, v) for k, v in query if k != "kind"] + ([("kind", kind)] if kind else [])
                )
            ),
            "kinds": RECORD_KINDS,
            "statuses": REVIEW_STATUSES,
            "estates": sorted(account.estates, key=lambda estate: estate.id),
            "staff": staff_choices(session, estate_ids=estate_ids),
            "bad_field": bad_field,
        },
        status_code=status_code,
        signed=signed,
    )


@router.get("/logs/export.{fmt}", include_in_schema=False)
def export_records(
    fmt: str, request: Request, session: SessionDep, signed: SignedInDep, now: NowDep
) -> Response:
    if fmt not in exports.FORMATS:
        raise PageError(404, "not_found")
    language = request_language(request)
    try:
        wanted = LogFilter.from_query(request.query_params, estate_ids=signed.account.estate_ids)
    except BadFilter:
        raise PageError(400, "bad_request") from None
    summaries, _ = find_records(
        session,
        estate_ids=signed.account.estate_ids,
        wanted=wanted,
        now=now,
        language=language,
        page_number=None,
    )
    t = translator(language)
    table = exports.rows(summaries, t)
    return exports.download(table, fmt, name="records", title=t("nav_timeline"), now=now)
