"""A staff member of an estate (项目员工), as reference data: who works there, in which role.

Tablets need colleagues' names and roles without the accounts themselves: a patrol
officer hands the shift over to a colleague chosen from the estate's patrol staff, and a
supervisor filters synced logs by who wrote them. The id is ``<estate>-staff-<username>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.roles import Role
from domain.validation import Fields, build


def staff_id(estate_id: str, username: str) -> str:
    return f"{estate_id}-staff-{username}"


@dataclass(frozen=True)
class StaffMember:
    id: str
    estate_id: str
    username: str
    name: str  # the display name; may be empty
    role: Role

    @property
    def shown(self) -> str:
        """How a list shows the person: the name and the account, or the account alone."""
        return f"{self.name} ({self.username})" if self.name else self.username

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "estate_id": self.estate_id,
            "username": self.username,
            "name": self.name,
            "role": self.role.value,
        }

    @classmethod
    def from_dict(cls, data: object) -> StaffMember:
        return build(data, read_staff_member)


def read_staff_member(f: Fields) -> StaffMember | None:
    member = StaffMember(
        id=f.ref("id"),
        estate_id=f.ref("estate_id"),
        username=f.ref("username"),
        name=f.text("name", required=False),
        role=f.choice("role", Role),
    )
    return member if f.clean else None
