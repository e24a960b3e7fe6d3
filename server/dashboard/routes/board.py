"""The complaints board and its exports."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from domain.complaint import ComplaintCategory, ComplaintStatus
from server.dashboard import exports
from server.dashboard.board import open_complaints
from server.dashboard.charts import complaints_by_status
from server.dashboard.paging import Page, page_number
from server.dashboard.texts import choice_label, request_language, translator
from server.dashboard.web import PREFIX, NowDep, PageError, SessionDep, SignedInDep, render

router = APIRouter(prefix=PREFIX)


ALL = "all"


def _complaints(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    """One estate's open complaints (the account's first unless one is asked for), or with
    ``estate=all`` every estate's. The board shows them 50 a page; its counts, chart and
    exports take them all."""
    mine = sorted(signed.account.estate_ids)
    estate = request.query_params.get("estate", "") or (mine[0] if mine else "")
    if estate not in (ALL, "") and estate not in signed.account.estate_ids:
        raise PageError(400, "bad_request")
    return estate, open_complaints(
        session,
        estate_ids=signed.account.estate_ids,
        estate="" if estate == ALL else estate,
        now=now,
        language=request_language(request),
    )


@router.get("/complaints", response_class=HTMLResponse, include_in_schema=False)
def read_board(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    estate, complaints = _complaints(request, session, signed, now)
    language = request_language(request)

    def status_label(value):
        return choice_label(ComplaintStatus, value, language)

    chart = complaints_by_status(complaints, translator(language), status_label)
    page = Page(page_number(request.query_params.get("page", "1")), len(complaints))
    return render(
        request,
        "board.html",
        {
            "complaints": complaints,
            "shown": complaints[page.offset : page.offset + page.size],
            "page": page,
            "page_link": lambda number: "?" + urlencode([("estate", estate), ("page", number)]),
            "estate": estate,
            "estates": sorted(signed.account.estates, key=lambda e: e.id),
            "overdue_count": sum(1 for c in complaints if c.overdue),
            "major_count": sum(1 for c in complaints if c.major),
            "now": now,
            "status_label": status_label,
            "chart": json.dumps(chart, ensure_ascii=False),
            "category_label": lambda value: choice_label(ComplaintCategory, value, language),
        },
        signed=signed,
    )


@router.get("/complaints/export.{fmt}", include_in_schema=False)
def export_board(fmt: str, request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    if fmt not in exports.FORMATS:
        raise PageError(404, "not_found")
    _, complaints = _complaints(request, session, signed, now)
    t = translator(request_language(request))
    return exports.download(
        exports.rows(complaints, t), fmt, name="complaints", title=t("nav_board"), now=now
    )
