"""Patrol coverage: per round and shift day, and per staff member over a month."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from server.dashboard.coverage import by_staff, month_coverage
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
    estate = request.query_params.get("estate", "")
    if estate and estate not in signed.account.estate_ids:
        raise PageError(400, "bad_request")
    month = _month(request.query_params.get("month", ""), now)
    estate_ids = {estate} if estate else signed.account.estate_ids
    rounds = month_coverage(
        session, estate_ids=estate_ids, month=month, places=places(session, estate_ids)
    )
    return render(
        request,
        "coverage.html",
        {
            "rounds": rounds,
            "staff_months": by_staff(rounds),
            "estate": estate,
            "estates": sorted(signed.account.estates, key=lambda e: e.id),
            "month": month.strftime("%Y-%m"),
        },
        signed=signed,
    )
