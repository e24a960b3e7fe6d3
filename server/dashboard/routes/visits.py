"""The return-visit figures page and its exports."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from domain.return_visit import Satisfaction
from server.dashboard import exports
from server.dashboard.charts import satisfaction_levels, visits_by_staff, visits_trend
from server.dashboard.figure_query import estate_ids, wanted_estate, wanted_month
from server.dashboard.months import month_choices
from server.dashboard.texts import choice_label, request_language, translator
from server.dashboard.visits import LEVELS, VisitFigures, visit_figures
from server.dashboard.web import PREFIX, NowDep, PageError, SessionDep, SignedInDep, render

router = APIRouter(prefix=PREFIX)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _figures(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    estate = wanted_estate(request, signed.account)
    month = wanted_month(request, now)
    figures = visit_figures(session, estate_ids=estate_ids(signed.account, estate), month=month)
    return estate, figures


@router.get("/visits", response_class=HTMLResponse, include_in_schema=False)
def read_visit_figures(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    estate, figures = _figures(request, session, signed, now)
    language = request_language(request)
    t = translator(language)

    def level_label(value: str) -> str:
        return choice_label(Satisfaction, value, language)

    charts = {
        "trend": visits_trend(figures.trend, t),
        "levels": satisfaction_levels(figures.total, level_label),
        "staff": visits_by_staff(figures.by_staff, t),
    }
    return render(
        request,
        "visits.html",
        {
            "estate": estate,
            "estates": sorted(signed.account.estates, key=lambda e: e.id),
            "figures": figures,
            "levels": LEVELS,
            "level_label": level_label,
            "percent": percent,
            "months": month_choices(now, figures.month),
            "charts": {k: json.dumps(v, ensure_ascii=False) for k, v in charts.items()},
        },
        signed=signed,
    )


def figure_rows(figures: VisitFigures, t, level_label) -> list[list[object]]:
    """The figures as one table: the month per estate and per staff member, then the
    trend, each row with its visits, satisfied visits, rate and the five levels."""
    table: list[list[object]] = [
        [t("scope"), t("name"), t("month"), t("visits_done"), t("satisfied"),
         t("satisfaction_rate"), *(level_label(level) for level in LEVELS)]
    ]  # fmt: skip

    def line(scope: str, name: str, month: object, tally) -> list[object]:
        return [scope, name, str(month), tally.visits, tally.satisfied, percent(tally.rate),
                *(tally.levels[level] for level in LEVELS)]  # fmt: skip

    for row in figures.by_estate:
        table.append(line(t("by_estate"), row.name, figures.month, row.tally))
    table.append(line(t("by_estate"), t("total"), figures.month, figures.total))
    for row in figures.by_staff:
        table.append(line(t("by_staff"), row.name, figures.month, row.tally))
    for month, tally in figures.trend:
        table.append(line(t("trend"), t("total"), month, tally))
    return table


@router.get("/visits/export.{fmt}", include_in_schema=False)
def export_visit_figures(
    fmt: str, request: Request, session: SessionDep, signed: SignedInDep, now: NowDep
) -> Response:
    if fmt not in exports.FORMATS:
        raise PageError(404, "not_found")
    _, figures = _figures(request, session, signed, now)
    language = request_language(request)
    t = translator(language)
    table = figure_rows(figures, t, lambda value: choice_label(Satisfaction, value, language))
    return exports.download(
        table, fmt, name=f"return-visits-{figures.month}", title=t("nav_visits"), now=now
    )
