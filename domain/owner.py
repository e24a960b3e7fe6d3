"""The owner archive (业主档案): who lives where, how to reach them, their decoration history.

The seed demands the archive be kept strictly confidential (严格坚持保密性). Fields that
identify or reach the owner's household are marked ``confidential`` in their metadata
(``CONFIDENTIAL_FIELDS``); ``Owner.redacted()`` is what a role without the need to know
receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

from domain.choices import Choice
from domain.validation import ENDS_BEFORE_START, LONG_TEXT, Fields, build


class Occupancy(Choice):
    OWNER_OCCUPIED = "owner_occupied", "业主自住", "Owner-occupied"
    RENTED = "rented", "出租", "Rented out"
    VACANT = "vacant", "空置", "Vacant"
    DECORATING = "decorating", "装修中", "Being decorated"


@dataclass(frozen=True)
class FamilyMember:
    name: str
    relation: str
    phone: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "relation": self.relation, "phone": self.phone}


@dataclass(frozen=True)
class DecorationRecord:
    """One decoration (装修) of the owner's room, as filed with the property office."""

    started_on: date
    description: str
    contractor: str = ""
    finished_on: date | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "started_on": self.started_on.isoformat(),
            "finished_on": None if self.finished_on is None else self.finished_on.isoformat(),
            "contractor": self.contractor,
            "description": self.description,
        }


def _confidential() -> dict[str, bool]:
    return {"confidential": True}


@dataclass(frozen=True)
class Owner:
    id: str
    name: str
    room_ids: tuple[str, ...]
    phones: tuple[str, ...] = field(default=(), metadata=_confidential())
    occupation: str = ""
    family_members: tuple[FamilyMember, ...] = field(default=(), metadata=_confidential())
    decorations: tuple[DecorationRecord, ...] = ()
    occupancy: Occupancy | None = None

    def redacted(self) -> Owner:
        """The archive without its confidential fields."""
        # The confidential fields are found at run time; each is a tuple, emptied here.
        return replace(self, **{name: () for name in CONFIDENTIAL_FIELDS})  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "room_ids": list(self.room_ids),
            "phones": list(self.phones),
            "occupation": self.occupation,
            "family_members": [member.to_dict() for member in self.family_members],
            "decorations": [record.to_dict() for record in self.decorations],
            "occupancy": None if self.occupancy is None else self.occupancy.value,
        }

    @classmethod
    def from_dict(cls, data: object) -> Owner:
        return build(data, _read_owner)


CONFIDENTIAL_FIELDS = frozenset(f.name for f in fields(Owner) if f.metadata.get("confidential"))


def _read_family_member(f: Fields) -> FamilyMember | None:
    member = FamilyMember(f.text("name"), f.text("relation"), f.phone("phone", required=False))
    return member if f.clean else None


def _read_decoration(f: Fields) -> DecorationRecord | None:
    started_on = f.day("started_on")
    finished_on = f.day("finished_on", required=False)
    if started_on and finished_on and finished_on < started_on:
        f.add("finished_on", ENDS_BEFORE_START)
    record = DecorationRecord(
        started_on,
        f.text("description", max_length=LONG_TEXT),
        f.text("contractor", required=False),
        finished_on,
    )
    return record if f.clean else None


def _read_owner(f: Fields) -> Owner | None:
    owner = Owner(
        id=f.ref("id"),
        name=f.text("name"),
        room_ids=f.refs("room_ids", required=True),
        phones=f.phones("phones"),
        occupation=f.text("occupation", required=False),
        family_members=f.objects("family_members", _read_family_member),
        decorations=f.objects("decorations", _read_decoration),
        occupancy=f.choice("occupancy", Occupancy, required=False),
    )
    return owner if f.clean else None
