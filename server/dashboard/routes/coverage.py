"""Patrol coverage: per round and shift day, and per staff member over a month.

One estate at a time (the account's first unless one is asked for): a month of rounds of
twenty estates is tens of thousands of rows; the rounds are paged, the staff summary
covers them all (summed in SQL from what each round's acceptance stored)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from server.dashboard.coverage import by_staff, month_rounds
from server.dashboard.paging import Page
from server.dashboard.places import places
from server.dashboard.web import PREFIX, NowDep, PageError, SessionDep, SignedInDep, render

router = APIRouter(prefix=PREFIX)


def _month(raw: str, now) -> date:
    if not raw:
        return now.date().replace(day=1)
    try:
        return date.fromisoformat(raw + "-01")
    except ValueError:
        raise PageError(400, "bad_request") from None


@router.get("/coverage", response_class=HTMLResponse, include_in_schema=False)
def read_coverage(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    mine = sorted(signed.account.estates, key=lambda e: e.id)
    estate = request.query_params.get("estate", "") or (mine[0].id if mine else "")
    if estate not in signed.account.estate_ids:
        raise PageError(400, "bad_request")
    month = _month(request.query_params.get("month", ""), now)
    staff_months = by_staff(session, estate_id=estate, month=month)
    try:
        page = Page(int(request.query_params.get("page", "1")), sum(m.rounds for m in staff_months))
    except ValueError:
        raise PageError(400, "bad_request") from None
    rounds = month_rounds(
        session,
        estate_id=estate,
        month=month,
        places=places(session, {estate}),
        offset=page.offset,
        limit=page.size,
    )
    return render(
        request,
        "coverage.html",
        {
            "rounds": rounds,
            "page": page,
            "staff_months": staff_months,
            "estate": estate,
            "estates": mine,
            "month": month.strftime("%Y-%m"),
        },
        signed=signed,
    )
