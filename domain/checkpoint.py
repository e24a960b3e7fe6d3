"""Checkpoints (巡查点): the places a patrol must visit, each with its checklist."""

from __future__ import annotations

from dataclasses import dataclass

from domain.checklist import ChecklistItem, read_item
from domain.validation import Fields, build


@dataclass(frozen=True)
class Checkpoint:
    """A place on a round. ``code`` is printed on the label there (QR/NFC, or typed in)."""

    id: str
    estate_id: str
    code: str
    place: str
    items: tuple[ChecklistItem, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "estate_id": self.estate_id,
            "code": self.code,
            "place": self.place,
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: object) -> Checkpoint:
        return build(data, _read_checkpoint)


def _read_checkpoint(f: Fields) -> Checkpoint | None:
    checkpoint = Checkpoint(
        f.ref("id"),
        f.ref("estate_id"),
        f.text("code", max_length=64),
        f.text("place"),
        f.objects("items", read_item),
    )
    return checkpoint if f.clean else None
