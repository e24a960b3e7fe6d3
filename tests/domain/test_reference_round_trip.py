import json
from datetime import date, datetime, timedelta, timezone

import pytest

from domain.checklist import AllowedRange, ChecklistItem, ItemKind
from domain.checkpoint import Checkpoint
from domain.errors import InvalidRecord
from domain.estate import Building, Estate, Room, Unit
from domain.owner import DecorationRecord, FamilyMember, Occupancy, Owner
from domain.route import Route, Shift
from domain.visit_task import VisitReason, VisitTask, VisitTaskStatus
from domain.work_order import RepairCategory, WorkOrder, WorkOrderSource, WorkOrderStatus

CST = timezone(timedelta(hours=8))
MORNING = datetime(2024, 5, 2, 8, 0, tzinfo=CST)

REFERENCE_OBJECTS = [
    Estate("estate-1", "锦绣花园", "上海市浦东新区锦绣路 1 号"),
    Building("bld-3", "estate-1", "3栋"),
    Unit("unit-3-2", "bld-3", "2单元"),
    Room("room-3-2-1203", "unit-3-2", "1203", floor=12),
    Room("room-3-2-b101", "unit-3-2", "B101"),
    Owner(
        "owner-1203",
        "王建国",
        ("room-3-2-1203",),
        phones=("13800138000", "021-12345678"),
        occupation="教师",
        family_members=(
            FamilyMember("李梅", "配偶", "13912345678"),
            FamilyMember("王小明", "子女"),
        ),
        decorations=(
            DecorationRecord(date(2023, 3, 1), "厨房翻新", "好家装饰", date(2023, 4, 15)),
            DecorationRecord(date(2024, 6, 1), "阳台封窗"),
        ),
        occupancy=Occupancy.OWNER_OCCUPIED,
    ),
    Checkpoint(
        "cp-hydrant-b3",
        "estate-1",
        "XC-0031",
        "3栋地下车库 B3 消防栓",
        (
            ChecklistItem(
                "pressure", "消防栓压力", ItemKind.READING, AllowedRange("MPa", 0.1, 0.6)
            ),
            ChecklistItem("door", "箱门完好", ItemKind.CHECK),
        ),
    ),
    Checkpoint(
        "cp-pump-room",
        "estate-1",
        "XC-0040",
        "生活水泵房",
        (ChecklistItem("level", "水箱水位", ItemKind.READING, AllowedRange("m", 1.0, 3.5)),),
    ),
    Route(
        "route-night-1", "estate-1", "夜查一线", Shift.NIGHT, ("cp-hydrant-b3", "cp-pump-room"), 70
    ),
    WorkOrder(
        "wo-501",
        "tech-4",
        RepairCategory.WATER,
        "厨房水龙头漏水",
        WorkOrderSource.OWNER,
        WorkOrderStatus.ASSIGNED,
        MORNING,
        room_id="room-3-2-1203",
    ),
    WorkOrder(
        "wo-502",
        "tech-4",
        RepairCategory.PUBLIC_FACILITY,
        "泵房门锁损坏",
        WorkOrderSource.PATROL,
        WorkOrderStatus.IN_PROGRESS,
        MORNING,
        place="生活水泵房",
        source_id="round-77",
        due_at=MORNING + timedelta(hours=4),
    ),
    VisitTask(
        "task-88",
        "staff-2",
        "owner-1203",
        "room-3-2-1203",
        VisitReason.AFTER_REPAIR,
        VisitTaskStatus.PENDING,
        MORNING,
        source_id="wo-501",
    ),
]
OWNER, HYDRANT, _, NIGHT_ROUTE, HOME_REPAIR = REFERENCE_OBJECTS[5:10]


@pytest.mark.parametrize("original", REFERENCE_OBJECTS, ids=lambda o: type(o).__name__)
def test_reference_data_survives_a_trip_through_json(original):
    payload = json.loads(json.dumps(original.to_dict(), ensure_ascii=False))

    assert type(original).from_dict(payload) == original


def test_times_in_dicts_are_iso_8601_with_their_timezone():
    order = HOME_REPAIR

    assert order.to_dict()["created_at"] == "2024-05-02T08:00:00+08:00"


def test_a_work_order_with_neither_room_nor_place_is_refused():
    payload = HOME_REPAIR.to_dict() | {"room_id": None, "place": ""}

    with pytest.raises(InvalidRecord) as refused:
        WorkOrder.from_dict(payload)

    assert [(e.field, e.code) for e in refused.value.errors] == [("room_id", "location_required")]


def test_a_reading_item_needs_its_unit_and_a_range_whose_minimum_is_below_its_maximum():
    payload = HYDRANT.to_dict()
    payload["items"][0].update(unit="", allowed_min=3.5, allowed_max=1.0)

    with pytest.raises(InvalidRecord) as refused:
        Checkpoint.from_dict(payload)

    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("items[0].unit", "required"),
        ("items[0].allowed_max", "invalid_range"),
    }


def test_a_decoration_cannot_finish_before_it_starts():
    payload = OWNER.to_dict()
    payload["decorations"][0]["finished_on"] = "2023-02-01"

    with pytest.raises(InvalidRecord) as refused:
        Owner.from_dict(payload)

    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("decorations[0].finished_on", "ends_before_start")
    ]


def test_a_route_needs_at_least_one_checkpoint_and_a_sane_duration():
    payload = NIGHT_ROUTE.to_dict() | {"checkpoint_ids": [], "expected_minutes": 0}

    with pytest.raises(InvalidRecord) as refused:
        Route.from_dict(payload)

    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("checkpoint_ids", "required"),
        ("expected_minutes", "out_of_range"),
    }
