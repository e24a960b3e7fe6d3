"""Valid example payloads, one per record kind; each test breaks the one it needs."""

from __future__ import annotations

import pytest

from domain.records import COMPLAINT, PATROL_ROUND, REPAIR_CHECK, RETURN_VISIT, SHIFT_HANDOVER

PHOTO = "a" * 64
SIGNATURE = "b" * 64
# Every record belongs to one estate; the server scopes records by it.
ESTATE = "hxy"


def patrol_round() -> dict:
    return {
        "estate_id": ESTATE,
        "route_id": "route-night-1",
        "staff_id": "staff-7",
        "started_at": "2024-05-01T22:00:00+08:00",
        "ended_at": "2024-05-01T23:10:00+08:00",
        "checkpoints": [
            {
                "checkpoint_id": "cp-hydrant-b3",
                "arrived_at": "2024-05-01T22:05:00+08:00",
                "presence": {
                    "method": "scanned",
                    "code": "XC-0031",
                    "gps": {"lat": 31.2304, "lon": 121.4737, "accuracy_m": 8.5},
                },
                "results": [
                    {
                        "item_id": "pressure",
                        "label": "消防栓压力",
                        "kind": "reading",
                        "value": 0.35,
                        "unit": "MPa",
                        "allowed_min": 0.1,
                        "allowed_max": 0.6,
                    },
                    {"item_id": "door", "label": "箱门完好", "kind": "check", "outcome": "normal"},
                ],
                "abnormal": False,
                "note": "",
                "photos": [PHOTO],
            },
            {
                "checkpoint_id": "cp-pump-room",
                "skipped": True,
                "skip_reason": "泵房门锁损坏，无法进入",
            },
        ],
    }


def return_visit() -> dict:
    return {
        "estate_id": ESTATE,
        "staff_id": "staff-2",
        "owner_id": "owner-1203",
        "room_id": "room-3-2-1203",
        "task_id": "task-88",
        "method": "phone",
        "visited_at": "2024-05-03T10:00:00+08:00",
        "satisfaction": "satisfied",
        "feedback": "维修师傅很及时",
        "needs": [{"description": "楼道灯不亮", "follow_up": "repair"}],
        "photos": [],
    }


def repair_check() -> dict:
    return {
        "estate_id": ESTATE,
        "work_order_id": "wo-501",
        "work_order_version": 17,
        "technician_id": "tech-4",
        "room_id": "room-3-2-1203",
        "category": "water",
        "description": "厨房水龙头漏水",
        "arrived_at": "2024-05-02T14:00:00+08:00",
        "finished_at": "2024-05-02T14:40:00+08:00",
        "diagnosis": "阀芯老化",
        "result": "resolved",
        "photos_before": [PHOTO],
        "photos_after": ["c" * 64],
        "materials": [{"name": "陶瓷阀芯", "quantity": 1, "unit": "个"}],
        "owner_confirmation": {
            "signature_sha256": SIGNATURE,
            "confirmed_at": "2024-05-02T14:45:00+08:00",
        },
        "rating": 5,
    }


def complaint() -> dict:
    """A phone complaint just received: recorded in full, not yet classified."""
    return {
        "estate_id": ESTATE,
        "channel": "phone",
        "received_by": "staff-2",
        "received_at": "2024-05-01T09:30:00+08:00",
        "complainant": "王先生",
        "phone": "138 0013 8000",
        "area": "A区",
        "building": "3栋",
        "unit": "2单元",
        "room": "1203",
        "matter": "楼上装修中午施工，噪音很大",
        "demand": "中午12点到2点停止施工",
        "status": "received",
    }


def shift_handover() -> dict:
    """The night shift hands over to the morning's officer."""
    return {
        "estate_id": ESTATE,
        "staff_id": "staff-7",
        "to_staff_id": "staff-8",
        "shift": "night",
        "handed_over_at": "2024-05-02T08:00:00+08:00",
        "events": "夜查正常；02:10 3栋地下车库一辆车未关窗，已联系车主",
        "open_matters": "5栋电梯异响已报修，待维修工到场",
        "equipment": ["对讲机 2台", "消防控制室钥匙"],
        "photos": [],
    }


EXAMPLES = {
    PATROL_ROUND: patrol_round,
    RETURN_VISIT: return_visit,
    REPAIR_CHECK: repair_check,
    COMPLAINT: complaint,
    SHIFT_HANDOVER: shift_handover,
}


@pytest.fixture
def patrol_payload() -> dict:
    return patrol_round()


@pytest.fixture
def return_visit_payload() -> dict:
    return return_visit()


@pytest.fixture
def repair_payload() -> dict:
    return repair_check()


@pytest.fixture
def complaint_payload() -> dict:
    return complaint()


@pytest.fixture
def handover_payload() -> dict:
    return shift_handover()


@pytest.fixture(scope="session")
def valid_payloads() -> dict:
    """Builders of a fresh valid payload, by record kind."""
    return EXAMPLES
