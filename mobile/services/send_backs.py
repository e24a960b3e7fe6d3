"""Records a supervisor sent back (退回修改), and correcting them on the tablet.

    send_backs = SendBacks(store, on_saved=[...])
    send_backs.open_for("wang")            # [SendBack] still to correct, oldest first
    form = send_backs.form(key)            # the comment, and the record's text fields prefilled
    send_backs.correct(key, {"checkpoints[0].note": "已补充"})   # a new revision, pending

A send-back arrives in the pull feed (kind ``send_back``, ``domain.send_back``) with the
revision that was sent back. The correction is that record's next revision: the local
record's when this tablet keeps it, else one made from the send-back's copy with the
server's next revision number. The server marks the send-back answered when it accepts
the revision; until the pull says so, a send-back whose record has a newer revision here
is no longer listed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.records import validate_record
from domain.send_back import SendBack, SendBackStatus
from domain.text import Text
from mobile.services.forms import FormInvalid
from mobile.store.errors import RecordNotFound
from mobile.store.photos import hashes_named_in
from mobile.store.records import StoredRecord
from mobile.store.store import Store

SEND_BACK = "send_back"

# The free-text fields a correction may change, wherever they appear in a record.
TEXT_FIELDS: dict[str, Text] = {
    "note": Text("备注", "Note"),
    "skip_reason": Text("未到原因", "Reason skipped"),
    "feedback": Text("业主反馈", "Owner's feedback"),
    "description": Text("问题描述", "Description"),
    "diagnosis": Text("诊断", "Diagnosis"),
    "matter": Text("投诉事由", "Matter"),
    "demand": Text("诉求", "What the owner wants"),
}
# Lists of entries whose text fields are offered too, and how one entry is named.
ENTRY_LISTS: dict[str, Text] = {"checkpoints": Text("巡查点 {n}", "Checkpoint {n}")}
_PATH = re.compile(r"(?:(\w+)\[(\d+)\]\.)?(\w+)")


@dataclass(frozen=True)
class TextField:
    path: str  # "note", "checkpoints[2].note"
    label: Text
    value: str


@dataclass(frozen=True)
class CorrectionForm:
    send_back: SendBack
    fields: tuple[TextField, ...]


class SendBacks:
    def __init__(self, store: Store, on_saved: Iterable[Callable[[StoredRecord], None]] = ()):
        self.store = store
        self.on_saved = list(on_saved)

    def get(self, key: str) -> SendBack | None:
        data = self.store.reference.get(SEND_BACK, key)
        return SendBack.from_dict(data) if data is not None else None

    def open_for(self, username: str, pulled: list[dict] | None = None) -> list[SendBack]:
        """``username``'s send-backs still to correct, oldest first; ``pulled``: the
        send-back items as the caller already read them (Today keeps them per pull)."""
        found = []
        for data in self.store.reference.all(SEND_BACK) if pulled is None else pulled:
            task = SendBack.from_dict(data)
            mine = task.staff_id == username and task.status is SendBackStatus.OPEN
            if mine and not self._corrected_here(task):
                found.append(task)
        return sorted(found, key=lambda task: task.sent_at)

    def _local(self, task: SendBack) -> StoredRecord | None:
        try:
            return self.store.records.get(task.record_id)
        except RecordNotFound:
            return None

    def _corrected_here(self, task: SendBack) -> bool:
        local = self._local(task)
        return local is not None and local.revision > task.revision

    def _payload(self, task: SendBack) -> dict[str, Any]:
        local = self._local(task)
        return local.payload if local is not None else task.payload

    def form(self, key: str) -> CorrectionForm | None:
        task = self.get(key)
        if task is None:
            return None
        return CorrectionForm(task, tuple(text_fields(self._payload(task))))

    def correct(self, key: str, changes: Mapping[str, str]) -> StoredRecord:
        """Save the corrected record as its next revision (pending until the server has it);
        ``FormInvalid`` with every field error if the domain would refuse it."""
        task = self.get(key)
        if task is None:
            raise KeyError(key)
        payload = copy.deepcopy(self._payload(task))
        for path, value in changes.items():
            _set(payload, path, value.strip())
        errors = validate_record(task.record_kind, payload)
        if errors:
            raise FormInvalid(errors)
        local = self._local(task)
        if local is not None:
            record = self.store.records.edit(task.record_id, payload)
        else:
            record = self.store.records.create(
                task.record_kind, payload, sorted(hashes_named_in(payload)),
                record_id=task.record_id, revision=task.revision + 1,
            )  # fmt: skip
        for listener in self.on_saved:
            listener(record)
        return record


def text_fields(payload: Mapping[str, Any]) -> list[TextField]:
    """The record's free-text fields, as a form offers them (present ones, and the note
    of every entry of a list)."""
    found = [
        TextField(name, label, payload[name])
        for name, label in TEXT_FIELDS.items()
        if isinstance(payload.get(name), str)
    ]
    for list_name, entry_label in ENTRY_LISTS.items():
        for index, entry in enumerate(payload.get(list_name) or []):
            if not isinstance(entry, dict):
                continue
            for name, label in TEXT_FIELDS.items():
                if name == "note" or isinstance(entry.get(name), str):
                    zh, en = (text.format(n=index + 1) for text in (entry_label.zh, entry_label.en))
                    found.append(
                        TextField(
                            f"{list_name}[{index}].{name}",
                            Text(f"{zh} · {label.zh}", f"{en} · {label.en}"),
                            entry.get(name) or "",
                        )
                    )
    return found


def _set(payload: dict[str, Any], path: str, value: str) -> None:
    match = _PATH.fullmatch(path)
    if match is None:
        raise KeyError(path)
    list_name, index, name = match.groups()
    target = payload[list_name][int(index)] if list_name else payload
    if value or name in target:
        target[name] = value
