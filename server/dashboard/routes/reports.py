"""The monthly report of one estate: a printable page and the same as a PDF."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from server.dashboard.charts import visits_trend
from server.dashboard.figure_query import wanted_estate, wanted_month
from server.dashboard.monthly import MonthlyReport, monthly_report
from server.dashboard.months import month_choices
from server.dashboard.pdf import report_pdf
from server.dashboard.report_sections import percent, sections
from server.dashboard.summaries import local_time
from server.dashboard.texts import request_language, translator
from server.dashboard.web import PREFIX, NowDep, SessionDep, SignedInDep, render

router = APIRouter(prefix=PREFIX)


def _report(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    """The estate asked for, else the account's first; and its report."""
    estates = sorted(signed.account.estates, key=lambda e: e.id)
    estate_id = wanted_estate(request, signed.account) or (estates[0].id if estates else "")
    month = wanted_month(request, now)
    estate = next((e for e in estates if e.id == estate_id), None)
    report = monthly_report(session, estate_id=estate_id, month=month, now=now)
    return estates, estate, report


def _title(t, estate, report: MonthlyReport) -> str:
    return t("report_title", estate=estate.name if estate else "—", month=str(report.month))


@router.get("/reports/monthly", response_class=HTMLResponse, include_in_schema=False)
def read_monthly_report(request: Request, session: SessionDep, signed: SignedInDep, now: NowDep):
    estates, estate, report = _report(request, session, signed, now)
    language = request_language(request)
    t = translator(language)
    return render(
        request,
        "report.html",
        {
            "estates": estates,
            "estate": estate,
            "report": report,
            "title": _title(t, estate, report),
            "sections": sections(report, t, language),
            "percent": percent,
            "months": month_choices(now, report.month),
            "trend_chart": json.dumps(visits_trend(report.visits.trend, t), ensure_ascii=False),
            "made_at": local_time(now),
        },
        signed=signed,
    )


@router.get("/reports/monthly.pdf", include_in_schema=False)
def download_monthly_report(
    request: Request, session: SessionDep, signed: SignedInDep, now: NowDep
) -> Response:
    _, estate, report = _report(request, session, signed, now)
    language = request_language(request)
    t = translator(language)
    body = report_pdf(
        title=_title(t, estate, report),
        made_at=t("report_made_at", at=local_time(now)),
        intro=t("report_intro"),
        sections=sections(report, t, language),
        trend_title=t("chart_trend"),
        trend_labels=(t("month"), t("visits_done"), t("satisfaction_rate")),
        trend=[
            (str(month), tally.visits, percent(tally.rate), tally.rate)
            for month, tally in report.visits.trend
        ],
    )
    filename = f"monthly-report-{report.estate_id}-{report.month}.pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
