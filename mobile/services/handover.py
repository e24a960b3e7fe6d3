"""Shift handover notes (交接班记录) on the tablet: write one, read those addressed to me.

The note being written is the draft ``shift_handover:<username>`` (one a person, so a
colleague signing in on the same tablet does not see or overwrite it), saved on every
field change: a killed app opens on it again. Whom to hand over to is chosen from the
estate's patrol staff and supervisors (the ``staff`` reference items), never typed.
Notes addressed to me arrive from the server as ``synced_record`` items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.handover import HandoverShift
from domain.records import SHIFT_HANDOVER
from domain.staff import StaffMember
from domain.times import to_iso
from mobile.services.forms import Forms
from mobile.services.session import NotSignedIn, SignedIn
from mobile.services.today import ESTATE_TIME
from mobile.store.records import StoredRecord
from mobile.store.store import Store

STAFF = "staff"
SYNCED_RECORD = "synced_record"
RECEIVER_ROLES = ("patrol", "supervisor")
# The form's fields as the draft keeps them; equipment is typed one item a line.
FIELDS = ("to_staff_id", "shift", "events", "open_matters", "equipment")


def shift_at(moment: datetime) -> HandoverShift:
    """The shift a handover at ``moment`` most likely ends: the night's in the morning,
    the day's in the evening (estate time; a day shift runs 08:00 to 20:00)."""
    hour = moment.astimezone(ESTATE_TIME).hour
    return HandoverShift.DAY if 14 <= hour < 23 else HandoverShift.NIGHT


@dataclass(frozen=True)
class ReceivedNote:
    id: str
    author: str
    revision: int
    payload: dict[str, Any]


class HandoverService:
    def __init__(self, store: Store, forms: Forms, now: Callable[[], datetime]):
        self.store = store
        self.forms = forms
        self.now = now

    def _me(self) -> SignedIn:
        who = self.forms.session.current
        if who is None:
            raise NotSignedIn()
        return who

    def draft_key(self) -> str:
        return f"{SHIFT_HANDOVER}:{self._me().username}"

    def colleagues(self) -> list[StaffMember]:
        """Who may take over from me: the patrol staff and supervisors of my estate."""
        who = self._me()
        estate = who.estate.id if who.estate else None
        members = [StaffMember.from_dict(item) for item in self.store.reference.all(STAFF)]
        return sorted(
            (
                member
                for member in members
                if member.estate_id == estate
                and member.role.value in RECEIVER_ROLES
                and member.username != who.username
            ),
            key=lambda member: (member.role.value != "patrol", member.username),
        )

    def has_draft(self) -> bool:
        """Whether the signed-in person has a note in progress."""
        return self.store.drafts.load(self.draft_key()) is not None

    def current(self) -> dict[str, Any]:
        """The form as last kept (a fresh one, with the likely shift, when none is)."""
        draft = self.store.drafts.load(self.draft_key())
        if draft is not None:
            return {name: draft.fields.get(name, "") for name in FIELDS}
        return {name: "" for name in FIELDS} | {"shift": shift_at(self.now()).value}

    def keep(self, fields: dict[str, Any]) -> None:
        """Every change of a field: durable at once."""
        self.forms.keep_draft(self.draft_key(), {name: fields.get(name, "") for name in FIELDS})

    def payload_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        equipment = [line.strip() for line in str(fields.get("equipment", "")).splitlines()]
        return {
            "to_staff_id": fields.get("to_staff_id") or None,
            "shift": fields.get("shift") or None,
            "handed_over_at": to_iso(self.now()),
            "events": fields.get("events", ""),
            "open_matters": fields.get("open_matters", ""),
            "equipment": [item for item in equipment if item],
            "photos": [],
        }

    def hand_over(self, fields: dict[str, Any]) -> StoredRecord:
        """Save the note (``FormInvalid`` with every field error, the draft kept)."""
        return self.forms.submit(self.draft_key(), SHIFT_HANDOVER, self.payload_fields(fields))

    def received(self) -> list[ReceivedNote]:
        """Notes addressed to me that the server sent, newest first."""
        me = self._me().username
        notes = [
            ReceivedNote(item["id"], item["author"], item["revision"], item["payload"])
            for item in self.store.reference.all(SYNCED_RECORD)
            if item.get("kind") == SHIFT_HANDOVER
            and str(item["payload"].get("to_staff_id", "")).strip().lower() == me
        ]
        return sorted(notes, key=lambda note: note.payload.get("handed_over_at", ""), reverse=True)
