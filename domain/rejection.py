"""Why a record waits for a person: one shape for the store, the sync engine and the screens.

A record the server refused, one that conflicts with the server's copy, and one
the tablet set aside itself (its photo is missing or damaged) all stay on the
tablet, ``rejected``, with a ``Rejection``:

    code      the stable reason the app acts on:
              "rejected"                  the server refused it; ``fields`` say why
              "content_differs",
              "stale_revision",
              "work_order_changed"        a conflict (the protocol's reasons);
                                          ``conflict`` holds the server's side
              "photo_missing",
              "photo_damaged"             set aside on the tablet; ``photos`` names them
    message   what happened and what the user can do, Chinese and English
    fields    one ``FieldError`` per field the server found wrong
    conflict  the server's revision, and the work order as it is now (if that is why)
    photos    the photos the reason concerns

It lives in ``domain`` because the store and the engine may not import each
other; both import this. ``to_dict`` is what the store keeps (JSON), and
``from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.text import Text

REFUSED = "rejected"
# The protocol's conflict reasons (sync/protocol.py), which the store's migration needs too.
CONTENT_DIFFERS = "content_differs"
STALE_REVISION = "stale_revision"
WORK_ORDER_CHANGED = "work_order_changed"
PHOTO_MISSING = "photo_missing"
PHOTO_DAMAGED = "photo_damaged"

_RETAKE = (
    "请重拍一张替换它、不带这张照片上传，或放弃这条记录。",
    "Retake the photo, send the record without it, or discard the record.",
)
TEXTS = {
    REFUSED: Text(
        "服务器退回了这条记录，在平板上无法更正。请告知主管，然后放弃这条记录。",
        "The server refused this record, and it cannot be corrected on the tablet. Tell "
        "your supervisor, then discard it.",
    ),
    CONTENT_DIFFERS: Text(
        "服务器上这条记录的同一版本内容不同，以服务器的为准。请与主管核对，然后放弃本机的版本。",
        "The server holds other content for this version of the record, and the server's "
        "stands. Check it with your supervisor, then discard the tablet's version.",
    ),
    STALE_REVISION: Text(
        "服务器上已有这条记录更新的版本，以服务器的为准。请放弃本机的旧版本。",
        "The server already has a newer version of this record, and it stands. Discard "
        "the tablet's older version.",
    ),
    WORK_ORDER_CHANGED: Text(
        "工单在服务器上已被更改。请查看最新的工单，选择保留您的检查结果或采用服务器的工单。",
        "The work order was changed on the server. Look at the order as it is now and "
        "choose to keep your check or take the server's order.",
    ),
    PHOTO_MISSING: Text(
        "这条记录的照片在本机找不到了，无法上传；其他记录照常同步。" + _RETAKE[0],
        "A photo of this record is no longer on this tablet, so the record cannot be "
        "sent; other records sync as usual. " + _RETAKE[1],
    ),
    PHOTO_DAMAGED: Text(
        "这条记录的照片文件已损坏，无法上传；其他记录照常同步。" + _RETAKE[0],
        "A photo file of this record is damaged, so the record cannot be sent; other "
        "records sync as usual. " + _RETAKE[1],
    ),
}
# A conflict whose reason this app does not know yet.
OTHER = Text(
    "这条记录与服务器上的版本冲突，以服务器的为准。请与主管核对，然后放弃本机的版本。",
    "This record conflicts with the server's version, which stands. Check it with your "
    "supervisor, then discard the tablet's version.",
)


def text_for(code: str) -> Text:
    """What the app says about a reason: what happened and what the user can do."""
    return TEXTS.get(code, OTHER)


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: Text

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "message": self.message.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FieldError:
        return cls(data.get("field", ""), data["code"], _text(data["message"]))


@dataclass(frozen=True)
class Conflict:
    """The server's side of a conflict: its revision (0: none), and the work order as
    the server has it now (``{"version", "deleted", "data"}``) when that is the reason."""

    server_revision: int
    work_order: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"server_revision": self.server_revision, "work_order": self.work_order}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conflict:
        return cls(data["server_revision"], data.get("work_order"))


@dataclass(frozen=True)
class Rejection:
    code: str
    message: Text
    fields: tuple[FieldError, ...] = ()
    conflict: Conflict | None = None
    photos: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message.to_dict(),
            "fields": [error.to_dict() for error in self.fields],
            "conflict": self.conflict.to_dict() if self.conflict else None,
            "photos": list(self.photos),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rejection:
        conflict = data.get("conflict")
        return cls(
            code=data["code"],
            message=_text(data["message"]),
            fields=tuple(FieldError.from_dict(error) for error in data.get("fields", ())),
            conflict=Conflict.from_dict(conflict) if conflict else None,
            photos=tuple(data.get("photos", ())),
        )


def _text(message: dict[str, str]) -> Text:
    return Text(message["zh"], message["en"])
