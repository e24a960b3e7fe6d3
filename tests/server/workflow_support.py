"""Records and reference data for the workflow tests (tests/server/test_workflow_*.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import ReferenceItem

CST = timezone(timedelta(hours=8))
ESTATE = "hxy"
PHOTO = "a" * 64
SIGNATURE = "b" * 64


def at(hour: int, minute: int = 0, day: int = 1) -> str:
    """A time on 2025-03-<day> in China Standard Time, as records carry it."""
    return datetime(2025, 3, day, hour, minute, tzinfo=CST).isoformat()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- patrol rounds -------------------------------------------------------------------------


def normal_visit(checkpoint_id: str = "pump-room", minute: int = 10) -> dict[str, Any]:
    return {
        "checkpoint_id": checkpoint_id,
        "arrived_at": at(20, minute),
        "presence": {"method": "scanned", "code": f"CP-{checkpoint_id}"},
        "results": [{"item_id": "pump", "label": "水泵运行", "kind": "check", "outcome": "normal"}],
    }


def abnormal_visit(
    checkpoint_id: str = "pump-room",
    *,
    label: str = "水泵运行",
    note: str = "水泵异响，地面有积水",
    photos: tuple[str, ...] = (PHOTO,),
    minute: int = 10,
) -> dict[str, Any]:
    return {
        **normal_visit(checkpoint_id, minute),
        "results": [{"item_id": "item-1", "label": label, "kind": "check", "outcome": "abnormal"}],
        "note": note,
        "photos": list(photos),
    }


def reading_visit(checkpoint_id: str = "hydrant-b1", value: float = 0.05) -> dict[str, Any]:
    return {
        **normal_visit(checkpoint_id, 20),
        "results": [
            {
                "item_id": "pressure",
                "label": "消防栓压力",
                "kind": "reading",
                "value": value,
                "unit": "MPa",
                "allowed_min": 0.1,
                "allowed_max": 0.6,
            }
        ],
    }


def skipped_visit(checkpoint_id: str = "roof") -> dict[str, Any]:
    return {
        "checkpoint_id": checkpoint_id,
        "skipped": True,
        "skip_reason": "天台门锁住，钥匙在物业办公室",
        "note": "门锁生锈",
        "abnormal": True,
    }


def patrol_round(*visits: dict[str, Any], estate_id: str = ESTATE) -> dict[str, Any]:
    return {
        "estate_id": estate_id,
        "route_id": "route-night-1",
        "staff_id": "wang",
        "started_at": at(20),
        "ended_at": at(21),
        "checkpoints": list(visits) or [normal_visit()],
    }


def round_photos(payload: dict[str, Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for v in payload["checkpoints"] for p in v.get("photos", [])))


def push_round(push, headers, new_record, payload, record_id=None, revision=1) -> dict[str, Any]:
    """Push a patrol round (its photos named); returns the record as sent."""
    record = new_record(
        record_id=record_id, revision=revision, payload=payload, photos=round_photos(payload)
    )
    [result] = push(headers, record)
    assert result["outcome"] in ("accepted", "duplicate"), result
    return record


# -- repair checks -------------------------------------------------------------------------


def repair_check(
    work_order_id: str,
    *,
    work_order_version: int,
    result: str = "resolved",
    room_id: str | None = "room-3-2-1203",
    category: str = "water",
    estate_id: str = ESTATE,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "estate_id": estate_id,
        "work_order_id": work_order_id,
        "work_order_version": work_order_version,
        "technician_id": "zhao",
        "category": category,
        "description": "厨房水管漏水",
        "arrived_at": at(9, day=2),
        "finished_at": at(10, day=2),
        "diagnosis": "接头老化",
        "result": result,
        "room_id": room_id,
        "place": "" if room_id else "地下二层水泵房",
    }
    if result == "resolved" and category != "public_facility":
        payload["owner_confirmation"] = {
            "signature_sha256": SIGNATURE,
            "confirmed_at": at(10, day=2),
        }
    return payload


# -- complaints ----------------------------------------------------------------------------


def complaint(
    status: str = "received", *, received_at: str | None = None, **changes: Any
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "estate_id": ESTATE,
        "channel": "phone",
        "received_by": "li",
        "received_at": received_at or at(9),
        "complainant": "王建国",
        "phone": "13800138000",
        "building": "3栋",
        "unit": "2单元",
        "room": "1203",
        "matter": "楼上装修噪音，晚上十点后仍在施工",
        "demand": "晚上十点后停止施工",
        "status": status,
    }
    if status != "received":
        payload |= {"category": "decoration_noise", "severity": "general"}
    if status == "in_progress":
        payload["handling"] = {
            "department": "秩管部",
            "promised_at": at(18),
            "started_at": at(10),
        }
    if status in ("closed", "summarised"):
        payload["closure"] = {
            "closed_at": at(17),
            "result": "已劝导装修户遵守施工时间",
            "owner_feedback": "满意",
        }
    if status == "summarised":
        payload["summary"] = {"summarised_at": at(18), "text": "装修管理规定须在进场时讲清楚"}
    payload.update(changes)
    return payload


def major_complaint(agreed_reply_at: str, **changes: Any) -> dict[str, Any]:
    return complaint(
        "escalated",
        severity="major",
        category="property_service",
        escalation={
            "handed_to": "公司总经理",
            "reason_told_to_owner": "涉及赔偿，超出客服部权限",
            "agreed_reply_at": agreed_reply_at,
            "escalated_at": at(11),
        },
        **changes,
    )


# -- return visits -------------------------------------------------------------------------


def return_visit(task_id: str | None, estate_id: str = ESTATE) -> dict[str, Any]:
    return {
        "estate_id": estate_id,
        "staff_id": "li",
        "owner_id": "owner-1203",
        "room_id": "room-3-2-1203",
        "method": "phone",
        "visited_at": at(15, day=3),
        "satisfaction": "satisfied",
        "task_id": task_id,
        "feedback": "修得很好",
    }


def owner(room_id: str = "room-3-2-1203", owner_id: str = "owner-1203") -> dict[str, Any]:
    return {"id": owner_id, "name": "王建国", "room_ids": [room_id]}


def rooms_of_building_3() -> list[tuple[str, dict[str, Any]]]:
    """Building 3栋, unit 2单元, room 1203 as reference items (kind, data)."""
    return [
        ("building", {"id": "bld-3", "estate_id": ESTATE, "name": "3栋"}),
        ("unit", {"id": "unit-3-2", "building_id": "bld-3", "name": "2单元"}),
        ("room", {"id": "room-3-2-1203", "unit_id": "unit-3-2", "number": "1203"}),
    ]


# -- reading what the server raised --------------------------------------------------------


def version(db: Session, kind: str, key: str) -> int:
    """The item's version as a tablet that pulled it now would hold it."""
    db.expire_all()
    return db.scalar(
        select(ReferenceItem.change_seq).where(ReferenceItem.kind == kind, ReferenceItem.key == key)
    )


def items(db: Session, kind: str) -> list[ReferenceItem]:
    """The live items of ``kind`` the server has committed, oldest first."""
    db.expire_all()
    return list(
        db.scalars(
            select(ReferenceItem)
            .where(ReferenceItem.kind == kind, ReferenceItem.deleted.is_(False))
            .order_by(ReferenceItem.id)
        )
    )


def work_order_data(
    work_order_id: str,
    *,
    technician_id: str = "zhao",
    status: str = "assigned",
    created_at: str = "2025-03-01T08:00:00+08:00",
    room_id: str | None = "room-3-2-1203",
    **changes: Any,
) -> dict[str, Any]:
    """A work order as a dispatcher would publish it (reference data)."""
    return {
        "id": work_order_id,
        "technician_id": technician_id,
        "category": "water",
        "description": "厨房水管漏水",
        "source": "owner",
        "status": status,
        "created_at": created_at,
        "room_id": room_id,
        "place": "" if room_id else "地下二层水泵房",
        "source_id": None,
        "due_at": None,
        "photos": [],
        **changes,
    }
