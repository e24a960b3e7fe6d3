"""A record that waits for a person on the Sync screen, and the ways out of it.

The server refused it (``rejected``: a role, an estate or an assignment it may not
write), its copy differs from the server's (a conflict other than a work order's,
which has its own card: ``conflicts.py``), or the tablet set it aside because a photo
of it is missing or damaged (``set_aside.py``). The screen shows why, in the words
the record carries, and offers:

    replace_photo          a new photo in the place of the first bad one
    send_without_photos    the record without the photos it lacks
    discard                give the record up: deleted from this tablet, never sent

The first two are for a record set aside for a photo only; each makes the record's
next revision, pending, and tells ``on_saved`` (the runner wakes, Today and the
sync bar count it). Discarding is the person's explicit choice, asked twice by the
screen: nothing else ever drops a record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from domain.rejection import Rejection
from domain.text import Text
from mobile.services import set_aside
from mobile.services.logs import KIND_NAMES
from mobile.store.errors import RecordNotFound
from mobile.store.records import StoredRecord, SyncState
from mobile.store.store import Store


def kind_name(kind: str) -> Text:
    return KIND_NAMES.get(kind, Text(kind, kind))


def refusal_text(rejection: Rejection) -> Text:
    """Why a record waits for a person (the server's words for each field it found
    wrong, when it gave them), and what to do about it."""
    said = [error.message for error in rejection.fields]
    if not said:
        return rejection.message
    return Text(
        "；".join(text.zh for text in said) + "。" + rejection.message.zh,
        "; ".join(text.en for text in said) + ". " + rejection.message.en,
    )


@dataclass(frozen=True)
class Refused:
    record: StoredRecord
    reason: Text
    bad_photos: tuple[str, ...]  # set aside for these; empty for the server's refusals


class RefusedRecords:
    def __init__(self, store: Store, on_saved: Iterable[Callable[[StoredRecord], None]] = ()):
        self.store = store
        self.on_saved = on_saved

    def get(self, record_id: str) -> Refused | None:
        """The record and why it waits; None once it no longer waits for a person."""
        try:
            record = self.store.records.get(record_id)
        except RecordNotFound:  # discarded
            return None
        if record.sync_state is not SyncState.REJECTED or record.rejection is None:
            return None
        return Refused(record, refusal_text(record.rejection), set_aside.bad_photos(record))

    def replace_photo(self, record_id: str, new_sha: str) -> StoredRecord:
        """``new_sha`` (already in the photo store) in the place of the first bad photo.
        With another bad one left, the next sync sets the record aside again for it."""
        first_bad = set_aside.bad_photos(self.store.records.get(record_id))[:1]
        if not first_bad:
            raise set_aside.NotSetAsideForAPhoto(detail=record_id)
        return self._saved(set_aside.retake_photo(self.store, record_id, first_bad[0], new_sha))

    def send_without_photos(self, record_id: str) -> StoredRecord:
        return self._saved(set_aside.remove_bad_photos(self.store, record_id))

    def discard(self, record_id: str) -> StoredRecord:
        return self.store.records.discard(record_id)

    def _saved(self, record: StoredRecord) -> StoredRecord:
        for listener in self.on_saved:
            listener(record)
        return record
