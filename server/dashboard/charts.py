"""ECharts options the pages draw (static/charts.js), built from what the page lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from domain.complaint import ComplaintStatus
from server.dashboard.summaries import Summary


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
