"""Records of a past month for the figures pages, pushed through the tablets' API as
tablets send them (on top of tests/server/dashboard/world.py's).

    push_visits(world, "li", "hxy", [("2026-10-05T10:00:00+08:00", "satisfied"), ...])
"""

from __future__ import annotations

from tests.server.dashboard.world import DashboardWorld

# October 2026 in China Standard Time, the month the figures tests read.
MONTH = "2026-10"


def visit_payload(estate: str, staff: str, visited_at: str, satisfaction: str) -> dict:
    unhappy = satisfaction in ("dissatisfied", "very_dissatisfied")
    return {
        "estate_id": estate,
        "staff_id": staff,
        "owner_id": "owner-1203",
        "room_id": "room-3-2-1203",
        "method": "on_site",
        "visited_at": visited_at,
        "satisfaction": satisfaction,
        "task_id": None,
        "feedback": "楼道照明仍未修好" if unhappy else "",
    }


def push_visits(
    world: DashboardWorld, staff: str, estate: str, visits: list[tuple[str, str]]
) -> None:
    """One return visit of ``staff`` per (visited_at, satisfaction)."""
    tablet = world._tablet(staff)
    for n, (visited_at, satisfaction) in enumerate(visits):
        world._push(
            tablet, f"visit_{staff}_{visited_at}_{n}", "return_visit",
            visit_payload(estate, staff, visited_at, satisfaction),
        )  # fmt: skip
