"""A repair check (维修记录): the technician's visit for a work order, start to sign-off.

A repair in a home (one located by ``room_id``) that is resolved needs the owner's
confirmation: a signature on the screen, kept as an image identified by its SHA-256.
Repairs located only by ``place`` (public areas, including anomalies found on patrol,
whatever their category) have no owner to sign.

``work_order_version`` is the version of the work order the technician worked from
(the ``version`` its pulled copy carries). The check moves the order on (done, on
hold), so the server refuses it as a conflict when someone else changed the order
since that version: the technician's record is never applied over a change they
have not seen, and stays on the tablet until a person chooses.

``annotations`` are the marks drawn on the before and after photos, a layer beside
each photo (``domain.annotations``), so the photos themselves stay as taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.annotations import Annotation, read_annotations
from domain.choices import Choice
from domain.limits import MAX_SEQUENCE
from domain.text import Text
from domain.times import to_iso
from domain.validation import ENDS_BEFORE_START, LONG_TEXT, Fields, Problem, build
from domain.work_order import LOCATION_REQUIRED, RepairCategory


class RepairResult(Choice):
    RESOLVED = "resolved", "已修复", "Resolved"
    NEEDS_PARTS = "needs_parts", "待配件", "Needs parts"
    NEEDS_CONTRACTOR = "needs_contractor", "需外协单位", "Needs an outside contractor"


@dataclass(frozen=True)
class Material:
    name: str
    quantity: float
    unit: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "quantity": self.quantity, "unit": self.unit}


@dataclass(frozen=True)
class OwnerConfirmation:
    signature_sha256: str
    confirmed_at: datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "signature_sha256": self.signature_sha256,
            "confirmed_at": to_iso(self.confirmed_at),
        }


@dataclass(frozen=True)
class RepairCheck:
    estate_id: str
    work_order_id: str
    work_order_version: int
    technician_id: str
    category: RepairCategory
    description: str
    arrived_at: datetime
    finished_at: datetime
    diagnosis: str
    result: RepairResult
    room_id: str | None = None
    place: str = ""
    photos_before: tuple[str, ...] = ()
    photos_after: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    owner_confirmation: OwnerConfirmation | None = None
    rating: int | None = None
    annotations: tuple[Annotation, ...] = ()

    def to_dict(self) -> dict[str, object]:
        confirmation = self.owner_confirmation
        return {
            "estate_id": self.estate_id,
            "work_order_id": self.work_order_id,
            "work_order_version": self.work_order_version,
            "technician_id": self.technician_id,
            "category": self.category.value,
            "description": self.description,
            "arrived_at": to_iso(self.arrived_at),
            "finished_at": to_iso(self.finished_at),
            "diagnosis": self.diagnosis,
            "result": self.result.value,
            "room_id": self.room_id,
            "place": self.place,
            "photos_before": list(self.photos_before),
            "photos_after": list(self.photos_after),
            "materials": [material.to_dict() for material in self.materials],
            "owner_confirmation": None if confirmation is None else confirmation.to_dict(),
            "rating": self.rating,
            "annotations": [layer.to_dict() for layer in self.annotations],
        }

    @classmethod
    def from_dict(cls, data: object) -> RepairCheck:
        return build(data, read_repair_check)


_CONFIRMATION_REQUIRED = Problem(
    "owner_confirmation_required",
    Text(
        "维修完成须请业主在屏幕上签字确认。",
        "A completed repair needs the owner's signature on the screen.",
    ),
)
_CONFIRMED_BEFORE_ARRIVAL = Problem(
    "confirmed_before_arrival",
    Text("业主确认时间早于到场时间。", "The owner's confirmation is before the arrival."),
)


def _read_material(f: Fields) -> Material | None:
    material = Material(
        f.text("name"),
        f.number("quantity", minimum=0, maximum=100_000),
        f.text("unit", max_length=20),
    )
    return material if f.clean else None


def _read_confirmation(f: Fields) -> OwnerConfirmation | None:
    confirmation = OwnerConfirmation(f.sha256("signature_sha256"), f.moment("confirmed_at"))
    return confirmation if f.clean else None


def read_repair_check(f: Fields) -> RepairCheck | None:
    category, result = f.choice("category", RepairCategory), f.choice("result", RepairResult)
    room_id, place = f.ref("room_id", required=False), f.text("place", required=False)
    if not room_id and not place:
        f.add("room_id", LOCATION_REQUIRED)
    arrived_at, finished_at = f.moment("arrived_at"), f.moment("finished_at")
    if arrived_at and finished_at and finished_at < arrived_at:
        f.add("finished_at", ENDS_BEFORE_START)
    in_a_home = bool(room_id)
    confirmation = f.obj("owner_confirmation", _read_confirmation, required=False)
    if in_a_home and result is RepairResult.RESOLVED and not f.present("owner_confirmation"):
        f.add("owner_confirmation", _CONFIRMATION_REQUIRED)
    if confirmation and arrived_at and confirmation.confirmed_at < arrived_at:
        f.add("owner_confirmation.confirmed_at", _CONFIRMED_BEFORE_ARRIVAL)
    photos_before, photos_after = f.photos("photos_before"), f.photos("photos_after")
    check = RepairCheck(
        estate_id=f.ref("estate_id"),
        work_order_id=f.ref("work_order_id"),
        work_order_version=f.integer("work_order_version", minimum=0, maximum=MAX_SEQUENCE),
        technician_id=f.ref("technician_id"),
        category=category,
        description=f.text("description", max_length=LONG_TEXT),
        arrived_at=arrived_at,
        finished_at=finished_at,
        diagnosis=f.text("diagnosis", max_length=LONG_TEXT),
        result=result,
        room_id=room_id,
        place=place,
        photos_before=photos_before,
        photos_after=photos_after,
        materials=f.objects("materials", _read_material),
        owner_confirmation=confirmation,
        rating=f.integer("rating", minimum=1, maximum=5, required=False),
        annotations=read_annotations(f, "annotations", {*photos_before, *photos_after}),
    )
    return check if f.clean else None
