"""Where things are: Estate (项目/小区) → Building (栋) → Unit (单元) → Room (房号)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.validation import Fields, build


@dataclass(frozen=True)
class Estate:
    id: str
    name: str
    address: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "address": self.address}

    @classmethod
    def from_dict(cls, data: object) -> Estate:
        return build(data, _read_estate)


@dataclass(frozen=True)
class Building:
    id: str
    estate_id: str
    name: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "estate_id": self.estate_id, "name": self.name}

    @classmethod
    def from_dict(cls, data: object) -> Building:
        return build(data, _read_building)


@dataclass(frozen=True)
class Unit:
    id: str
    building_id: str
    name: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "building_id": self.building_id, "name": self.name}

    @classmethod
    def from_dict(cls, data: object) -> Unit:
        return build(data, _read_unit)


@dataclass(frozen=True)
class Room:
    id: str
    unit_id: str
    number: str
    floor: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "unit_id": self.unit_id, "number": self.number, "floor": self.floor}

    @classmethod
    def from_dict(cls, data: object) -> Room:
        return build(data, _read_room)


def _read_estate(f: Fields) -> Estate | None:
    estate = Estate(f.ref("id"), f.text("name"), f.text("address", required=False))
    return estate if f.clean else None


def _read_building(f: Fields) -> Building | None:
    building = Building(f.ref("id"), f.ref("estate_id"), f.text("name"))
    return building if f.clean else None


def _read_unit(f: Fields) -> Unit | None:
    unit = Unit(f.ref("id"), f.ref("building_id"), f.text("name"))
    return unit if f.clean else None


def _read_room(f: Fields) -> Room | None:
    room = Room(
        f.ref("id"),
        f.ref("unit_id"),
        f.text("number"),
        f.integer("floor", minimum=-10, maximum=200, required=False),
    )
    return room if f.clean else None
