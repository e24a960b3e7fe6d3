"""The monthly report as sections of (label, figure) lines, in the page's language: the
one layout the printable page and the PDF both show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.repair_check import RepairResult
from domain.return_visit import Satisfaction
from server.dashboard.monthly import REPAIR_RESULTS, MonthlyReport
from server.dashboard.texts import choice_label
from server.dashboard.visits import LEVELS


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: list[tuple[str, str]]


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def sections(report: MonthlyReport, t: Callable[..., str], language: str) -> list[Section]:
    patrol, complaints, visits, repairs = (
        report.patrol, report.complaints, report.visits.total, report.repairs,
    )  # fmt: skip
    return [
        Section("patrol", t("kind_patrol_round"), [
            (t("rounds_done"), str(patrol.rounds)),
            (t("checkpoints_visited"), str(patrol.visited)),
            (t("checkpoints_missed"), str(patrol.missed)),
            (t("checkpoints_abnormal"), str(patrol.abnormal)),
        ]),
        Section("complaints", t("kind_complaint"), [
            (t("complaints_received"), str(complaints.received)),
            (t("complaints_major"), str(complaints.major)),
            (t("complaints_closed"), str(complaints.closed)),
            (t("complaints_open_now"), str(complaints.open_now)),
            (t("complaints_overdue_now"), str(complaints.overdue_now)),
        ]),
        Section("visits", t("kind_return_visit"), [
            (t("visits_done"), str(visits.visits)),
            (t("satisfied"), str(visits.satisfied)),
            (t("satisfaction_rate"), percent(visits.rate)),
            *((choice_label(Satisfaction, level, language), str(visits.levels[level]))
              for level in LEVELS),
        ]),
        Section("repairs", t("kind_repair_check"), [
            (t("repair_checks"), str(repairs.checks)),
            *((choice_label(RepairResult, result, language), str(repairs.results[result]))
              for result in REPAIR_RESULTS),
        ]),
    ]  # fmt: skip
