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


def _checkpoint(checkpoint: str, arrived_at: str, *, abnormal: bool = False) -> dict:
    entry = {
        "checkpoint_id": checkpoint,
        "arrived_at": arrived_at,
        "presence": {"method": "scanned", "code": f"CP-{checkpoint}"},
        "results": [
            {
                "item_id": "pump",
                "label": "水泵运行",
                "kind": "check",
                "outcome": "abnormal" if abnormal else "normal",
            }
        ],  # fmt: skip
    }
    return entry | ({"abnormal": True, "note": "水泵异响"} if abnormal else {})


def _complaint(received_at: str, matter: str, **changes) -> dict:
    return {
        "estate_id": "hxy", "channel": "phone", "received_by": "boss",
        "received_at": received_at, "complainant": "刘女士", "phone": "13900139000",
        "building": "5栋", "unit": "1单元", "room": "502", "matter": matter,
        "demand": "尽快处理", "status": "received", **changes,
    }  # fmt: skip


def _repair(arrived_at: str, result: str) -> dict:
    return {
        "estate_id": "hxy", "work_order_id": f"wo-{arrived_at[:10]}", "work_order_version": 1,
        "technician_id": "boss", "category": "water", "description": "水管漏水",
        "arrived_at": arrived_at, "finished_at": arrived_at, "diagnosis": "阀门损坏",
        "result": result, "room_id": "room-3-2-1203", "place": "",
    }  # fmt: skip


def push_october_work(world: DashboardWorld) -> None:
    """The supervisor boss records (a supervisor may record every kind) in 华夏苑:

    patrol: a round of 夜间巡查路线 A (pump room abnormal, car park B1 never reached) and a
    round of a route the server does not know, one checkpoint skipped → 2 rounds, 2
    visited, 2 missed, 1 abnormal; complaints: 2 received (1 major), 1 closed (received
    in September); repairs: 2 checks (needs parts, needs a contractor)."""
    tablet = world._tablet("boss")
    rounds = [
        {"estate_id": "hxy", "route_id": "route-night-a", "staff_id": "boss",
         "started_at": "2026-10-10T21:00:00+08:00", "ended_at": "2026-10-10T22:00:00+08:00",
         "checkpoints": [_checkpoint("pump-room", "2026-10-10T21:10:00+08:00", abnormal=True)]},
        {"estate_id": "hxy", "route_id": "白班临时路线", "staff_id": "boss",
         "started_at": "2026-10-11T09:00:00+08:00", "ended_at": "2026-10-11T10:00:00+08:00",
         "checkpoints": [_checkpoint("gate", "2026-10-11T09:05:00+08:00"),
                         {"checkpoint_id": "roof", "skipped": True,
                          "skip_reason": "天台门锁坏，无法进入", "results": []}]},
    ]  # fmt: skip
    complaints = [
        _complaint("2026-10-05T10:00:00+08:00", "十月：地库照明损坏"),
        _complaint(
            "2026-10-06T10:00:00+08:00", "十月：小区大门道闸损坏砸车，要求赔偿",
            status="escalated", severity="major", category="property_service",
            escalation={"handed_to": "公司总经理", "reason_told_to_owner": "涉及赔偿",
                        "agreed_reply_at": "2026-10-08T10:00:00+08:00",
                        "escalated_at": "2026-10-06T11:00:00+08:00"},
        ),
        _complaint(
            "2026-09-28T10:00:00+08:00", "九月：楼道清洁不到位",
            status="closed", category="cleaning_greenery", severity="general",
            closure={"closed_at": "2026-10-02T16:00:00+08:00", "result": "已安排保洁返工",
                     "owner_feedback": "满意"},
        ),
    ]  # fmt: skip
    repairs = [
        _repair("2026-10-12T09:00:00+08:00", "needs_parts"),
        _repair("2026-10-13T09:00:00+08:00", "needs_contractor"),
    ]
    for kind, payloads in (
        ("patrol_round", rounds), ("complaint", complaints), ("repair_check", repairs)
    ):  # fmt: skip
        for n, payload in enumerate(payloads):
            world._push(tablet, f"october_{kind}_{n}", kind, payload)
