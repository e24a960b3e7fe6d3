"""A repair check (维修记录) in progress for one of my work orders, a draft after every change.

    repair = RepairService(store, forms)
    repair.orders()                              # my open work orders
    repair.open("hxy-demo-wo-01")                # the form for it (a draft, new or resumed)
    repair.arrive()                              # now
    repair.set("diagnosis", "地漏存水弯堵塞")
    repair.list_photo("photos_before", sha)      # a photo the store keeps, named by hash
    repair.annotate(sha, strokes)                # marks beside a photo, never in it
    repair.sign(strokes)                         # the owner's signature, a PNG photo
    record = repair.finish()                     # one repair_check record, through Forms

Each work order's form is the draft ``repair_check:<work order id>``; every call
saves it durably at once, so an app killed mid-repair opens on the same form,
photos and signature included. The check names the version of the work order it
was made from, so the server refuses it as a conflict if someone changed the
order meanwhile (shown on the Sync screen, where a person chooses).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from domain.records import REPAIR_CHECK
from domain.rooms import room_label
from domain.text import ExplainedError, Text
from domain.work_order import WorkOrder, WorkOrderStatus
from mobile.services.drawing import strokes_png
from mobile.services.forms import Forms
from mobile.store.records import StoredRecord
from mobile.store.store import Store

DRAFT_PREFIX = "repair_check:"
PHOTO_LISTS = ("photos_before", "photos_after")
CLOSED = {WorkOrderStatus.DONE.value, WorkOrderStatus.CANCELLED.value}
EDITABLE = {"diagnosis", "materials", "result", "rating"}


class NoRepairOpen(ExplainedError):
    text = Text("请先在左侧选择一张工单。", "Choose a work order on the left first.")


class MaterialsUnreadable(ExplainedError):
    def __init__(self, line: str):
        super().__init__(
            line,
            Text(
                f"材料「{line}」看不懂：每行一种，写作“名称 数量 单位”，如“地漏 1 个”。",
                f"Cannot read the material “{line}”: one a line, as “name quantity unit”, "
                "e.g. “drain 1 pc”.",
            ),
        )


def read_materials(typed: str) -> list[dict[str, Any]]:
    """Materials typed one a line, "名称 数量 单位" ("陶瓷阀芯 1 个"); the name may have spaces."""
    found = []
    for line in typed.splitlines():
        words = line.split()
        if not words:
            continue
        if len(words) < 3:
            raise MaterialsUnreadable(line.strip())
        try:
            quantity = float(words[-2])
        except ValueError:
            raise MaterialsUnreadable(line.strip()) from None
        found.append({"name": " ".join(words[:-2]), "quantity": quantity, "unit": words[-1]})
    return found


def order_of_draft(key: str) -> str | None:
    """The work order a repair form's draft ``key`` is for; None for another form's."""
    return key.removeprefix(DRAFT_PREFIX) if key.startswith(DRAFT_PREFIX) else None


def draft_key(order_id: str) -> str:
    return DRAFT_PREFIX + order_id


class RepairService:
    def __init__(
        self, store: Store, forms: Forms, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ):
        self.store = store
        self.forms = forms
        self.now = now
        self.order_id: str | None = None
        self._fields: dict[str, Any] = {}

    # -- which form --------------------------------------------------------------------------

    def orders(self) -> list[WorkOrder]:
        """My work orders still to do, oldest first, as the server sent them to me; not
        those checked on this tablet since (until the server's order changes again)."""
        who = self.forms.session.current
        if who is None:
            return []
        checked = {
            (record.payload.get("work_order_id"), record.payload.get("work_order_version"))
            for record in self.store.records.find(kind=REPAIR_CHECK)
        }
        mine = [
            WorkOrder.from_dict(data)
            for data in self.store.reference.all("work_order")
            if data.get("technician_id") == who.username
            and data.get("status") not in CLOSED
            and (data["id"], self.store.reference.version("work_order", data["id"])) not in checked
        ]
        return sorted(mine, key=lambda order: order.created_at)

    def order(self) -> WorkOrder | None:
        if self.order_id is None:
            return None
        data = self.store.reference.get("work_order", self.order_id)
        return WorkOrder.from_dict(data) if data else None

    def where(self, order: WorkOrder) -> str:
        """The room as people say it ("3栋1单元502"), or the public place."""
        room = self.store.reference.get("room", order.room_id) if order.room_id else None
        if room is None:
            return order.place or order.room_id or ""
        unit = self.store.reference.get("unit", room.get("unit_id", "")) or {}
        building = self.store.reference.get("building", unit.get("building_id", "")) or {}
        return room_label(building.get("name"), unit.get("name"), room.get("number"))

    def open(self, order_id: str) -> dict[str, Any]:
        """The form for ``order_id``: its draft, or a new one made from the order as pulled."""
        draft = self.store.drafts.load(draft_key(order_id))
        self.order_id = order_id
        if draft is not None:
            self._fields = dict(draft.fields)
            return self.fields
        order = WorkOrder.from_dict(self.store.reference.get("work_order", order_id))
        self._fields = {
            "work_order_id": order.id,
            "work_order_version": self.store.reference.version("work_order", order.id),
            "category": order.category.value,
            "description": order.description,
            "room_id": order.room_id,
            "place": order.place,
            "arrived_at": None,
            "diagnosis": "",
            "materials": "",
            "result": None,
            "photos_before": [],
            "photos_after": [],
            "signature": None,
            "rating": None,
            "annotations": {},
        }
        self._save()
        return self.fields

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self._fields)

    # -- changes, each saved at once ---------------------------------------------------------

    def arrive(self) -> None:
        self._change("arrived_at", self.now().isoformat())

    def set(self, name: str, value: Any) -> None:
        if name not in EDITABLE:
            raise ValueError(f"not a field a person edits: {name}")
        self._change(name, value)

    def list_photo(self, which: str, sha: str) -> None:
        """A photo the store keeps (named by ``sha``) goes on the form's ``which`` list."""
        photos = self._photo_list(which)
        if sha not in photos:
            self._change(which, [*photos, sha])

    def remove_photo(self, which: str, sha: str) -> None:
        marks = {k: v for k, v in self._fields.get("annotations", {}).items() if k != sha}
        self._fields["annotations"] = marks
        self._change(which, [p for p in self._photo_list(which) if p != sha])

    def annotate(self, sha: str, strokes: Sequence[Sequence[float]]) -> None:
        """The layer of marks on one of the form's photos (empty strokes: none)."""
        marks = dict(self._fields.get("annotations", {}))
        if strokes:
            marks[sha] = [[round(v, 4) for v in stroke] for stroke in strokes]
        else:
            marks.pop(sha, None)
        self._change("annotations", marks)

    def sign(self, strokes: Sequence[Sequence[float]]) -> None:
        """The owner's signature as drawn so far; no strokes clears it.

        Drawn by Pillow into a PNG and kept by the photo store like any photo, so
        the record names it by hash and it goes to the server with the photos.
        """
        if not strokes:
            self._change("signature", None)
            return
        sha = self.store.photos.add(strokes_png(strokes)).sha256
        signature = {
            "sha256": sha,
            "signed_at": self.now().isoformat(),
            "strokes": [[round(v, 4) for v in stroke] for stroke in strokes],
        }
        self._change("signature", signature)

    def finish(self) -> StoredRecord:
        """Save the check (``FormInvalid`` with every field error, the draft kept)."""
        fields = self._require()
        payload = self._payload(fields)
        photos = [*payload["photos_before"], *payload["photos_after"]]
        if fields.get("signature"):
            photos.append(fields["signature"]["sha256"])
        record = self.forms.submit(draft_key(self.order_id or ""), REPAIR_CHECK, payload, photos)
        self.order_id, self._fields = None, {}
        return record

    def discard(self) -> None:
        if self.order_id is not None:
            self.store.drafts.discard(draft_key(self.order_id))
        self.order_id, self._fields = None, {}

    # -- internals ---------------------------------------------------------------------------

    def _payload(self, fields: dict[str, Any]) -> dict[str, Any]:
        signature = fields.get("signature")
        marks = fields.get("annotations", {})
        listed = [*fields["photos_before"], *fields["photos_after"]]
        return {
            "work_order_id": fields["work_order_id"],
            "work_order_version": fields["work_order_version"],
            "category": fields["category"],
            "description": fields["description"],
            "room_id": fields["room_id"],
            "place": fields["place"],
            "arrived_at": fields["arrived_at"],
            "finished_at": self.now().isoformat(),
            "diagnosis": fields["diagnosis"],
            "result": fields["result"],
            "photos_before": list(fields["photos_before"]),
            "photos_after": list(fields["photos_after"]),
            "materials": read_materials(fields.get("materials", "")),
            "owner_confirmation": None
            if not signature
            else {"signature_sha256": signature["sha256"], "confirmed_at": signature["signed_at"]},
            "rating": fields.get("rating"),
            "annotations": [
                {"photo": sha, "strokes": marks[sha]} for sha in listed if sha in marks
            ],
        }

    def _photo_list(self, which: str) -> list[str]:
        if which not in PHOTO_LISTS:
            raise ValueError(f"not a photo list: {which}")
        return list(self._require().get(which, []))

    def _require(self) -> dict[str, Any]:
        if self.order_id is None:
            raise NoRepairOpen()
        return self._fields

    def _change(self, name: str, value: Any) -> None:
        self._require()[name] = value
        self._save()

    def _save(self) -> None:
        fields = self._fields
        photos = [*fields.get("photos_before", []), *fields.get("photos_after", [])]
        if fields.get("signature"):
            photos.append(fields["signature"]["sha256"])
        self.forms.keep_draft(draft_key(self.order_id or ""), fields, photos)
