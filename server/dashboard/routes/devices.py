"""The tablets of the account's estates."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from server.dashboard.devices import QUIET_AFTER, tablets
from server.dashboard.figure_query import estate_ids, wanted_estate
from server.dashboard.web import PREFIX, NowDep, SessionDep, SignedInDep, render

router = APIRouter(prefix=PREFIX)


@router.get("/devices", response_class=HTMLResponse, include_in_schema=False)
def list_tablets(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    estate = wanted_estate(request, signed.account)
    lines = tablets(session, estate_ids=estate_ids(signed.account, estate), now=now)
    return render(
        request,
        "devices.html",
        {
            "lines": lines,
            "estate": estate,
            "estates": sorted(signed.account.estates, key=lambda e: e.id),
            "quiet_hours": int(QUIET_AFTER.total_seconds() // 3600),
            "waiting": sum(line.device.backlog_records or 0 for line in lines),
        },
        signed=signed,
    )
