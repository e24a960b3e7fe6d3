"""The estate and month a figures page is asked for (``?estate=hxy&month=2026-11``).

An estate not the account's, or a month that is no month, is a 400 page; no estate
means all of the account's estates, no month the current one (China Standard Time).
"""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request

from server.dashboard.months import Month
from server.dashboard.web import PageError
from server.db.models import Account


def wanted_estate(request: Request, account: Account) -> str:
    estate = request.query_params.get("estate", "").strip()
    if estate and estate not in account.estate_ids:
        raise PageError(400, "bad_request")
    return estate


def wanted_month(request: Request, now: datetime) -> Month:
    raw = request.query_params.get("month", "").strip()
    if not raw:
        return Month.of(now)
    try:
        return Month.parse(raw)
    except ValueError:
        raise PageError(400, "bad_request") from None


def estate_ids(account: Account, estate: str) -> list[str]:
    """The one estate asked for, or every estate of the account."""
    return [estate] if estate else sorted(account.estate_ids)
