"""ECharts options the pages draw (static/charts.js), built from what the page lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from domain.complaint import ComplaintStatus
from server.dashboard.summaries import Summary
from server.dashboard.visits import LEVELS, Row, Tally


def complaints_by_status(
    complaints: Sequence[Summary], t: Callable[..., str], label: Callable[[str], str]
) -> dict:
    """Open complaints per status, overdue ones stacked on the rest."""
    statuses = [status.value for status in ComplaintStatus]
    overdue = Counter(c.record.payload.get("status") for c in complaints if c.overdue)
    on_time = Counter(c.record.payload.get("status") for c in complaints if not c.overdue)
    shown = [s for s in statuses if overdue[s] or on_time[s]]
    return {
        "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
        "legend": {"top": 0},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [label(s) for s in shown]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": t("overdue"),
                "type": "bar",
                "stack": "all",
                "barMaxWidth": 56,
                "color": "#b42318",
                "data": [overdue[s] for s in shown],
            },
            {
                "name": t("on_time"),
                "type": "bar",
                "stack": "all",
                "barMaxWidth": 56,
                "color": "#1f5fa8",
                "data": [on_time[s] for s in shown],
            },
        ],
    }


# Colours of the five satisfaction levels, from 非常满意 to 非常不满意.
LEVEL_COLOURS = ("#1a7f37", "#4caf50", "#b7b7b7", "#e69138", "#b42318")


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def visits_trend(trend: Sequence[tuple[object, Tally]], t: Callable[..., str]) -> dict:
    """Visits done per month (bars) and the satisfaction rate (a line, right axis)."""
    return {
        "grid": {"left": 48, "right": 56, "top": 40, "bottom": 30},
        "legend": {"top": 0},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [str(month) for month, _ in trend]},
        "yAxis": [
            {"type": "value", "minInterval": 1, "name": t("visits_done")},
            {"type": "value", "min": 0, "max": 100, "axisLabel": {"formatter": "{value}%"}},
        ],
        "series": [
            {
                "name": t("visits_done"),
                "type": "bar",
                "barMaxWidth": 40,
                "color": "#1f5fa8",
                "data": [tally.visits for _, tally in trend],
            },
            {
                "name": t("satisfaction_rate"),
                "type": "line",
                "yAxisIndex": 1,
                "connectNulls": True,
                "color": "#1a7f37",
                "data": [_percent(tally.rate) for _, tally in trend],
            },
        ],
    }


def satisfaction_levels(total: Tally, label: Callable[[str], str]) -> dict:
    """The month's visits per satisfaction level (a ring)."""
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}: {c} ({d}%)"},
        "legend": {"top": 0},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "top": 30,
                "label": {"formatter": "{b}\n{c}"},
                "data": [
                    {
                        "name": label(level),
                        "value": total.levels[level],
                        "itemStyle": {"color": colour},
                    }
                    for level, colour in zip(LEVELS, LEVEL_COLOURS, strict=True)
                    if total.levels[level]
                ],  # fmt: skip
            }
        ],
    }


def visits_by_staff(rows: Sequence[Row], t: Callable[..., str]) -> dict:
    """Each staff member's visits this month, satisfied stacked on the rest."""
    return {
        "grid": {"left": 48, "right": 20, "top": 40, "bottom": 30},
        "legend": {"top": 0},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [row.name for row in rows]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": t("satisfied"),
                "type": "bar",
                "stack": "all",
                "barMaxWidth": 48,
                "color": "#1a7f37",
                "data": [row.tally.satisfied for row in rows],
            },
            {
                "name": t("not_satisfied"),
                "type": "bar",
                "stack": "all",
                "barMaxWidth": 48,
                "color": "#e69138",
                "data": [row.tally.visits - row.tally.satisfied for row in rows],
            },
        ],
    }
