"""Saving a finished form: validate, save with its draft dropped, wake the sync.

    forms = Forms(store, session, on_saved=[runner.record_saved, status.record_saved])
    forms.keep_draft("complaint:new", fields, photos)      # on every field change
    record = forms.submit("complaint:new", "complaint", fields, photos)
    forms.update("complaint:<id>", record.id, "complaint", payload)  # its next revision

``submit`` adds the estate and author from the sign-in (never typed), checks the
payload with the domain's ``validate_record`` (the same check the server makes)
and raises ``FormInvalid`` with every field error, keeping the draft: the
tablet never saves a record the server would refuse for a field error, and a
person never loses what they typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from domain.records import validate_record
from domain.text import ExplainedError, Text
from domain.validation import FieldError
from mobile.services.session import Session
from mobile.store.records import StoredRecord
from mobile.store.store import Store


class FormInvalid(ExplainedError):
    text = Text("表单有误，请按提示修改后再保存。", "Some fields need fixing before saving.")

    def __init__(self, errors: Sequence[FieldError]):
        self.errors = tuple(errors)
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))

    def by_field(self) -> dict[str, Text]:
        """The first error of each field, for showing in place."""
        found: dict[str, Text] = {}
        for error in self.errors:
            found.setdefault(error.field, error.text)
        return found


class Forms:
    def __init__(
        self,
        store: Store,
        session: Session,
        on_saved: Iterable[Callable[[StoredRecord], None]] = (),
    ):
        self.store = store
        self.session = session
        self.on_saved = list(on_saved)

    def keep_draft(self, draft_key: str, fields: Mapping[str, Any], photos=()) -> None:
        self.store.drafts.save(draft_key, fields, tuple(photos))

    def payload(self, kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        """What a record of ``kind`` is saved as: the form's fields and the sign-in's."""
        return {**fields, **self.session.author_fields(kind)}

    def check(self, kind: str, fields: Mapping[str, Any]) -> list[FieldError]:
        """Every field error the record would have now (empty when it can be saved)."""
        return validate_record(kind, self.payload(kind, fields))

    def submit(
        self,
        draft_key: str | None,
        kind: str,
        fields: Mapping[str, Any],
        photos: Sequence[str] = (),
    ) -> StoredRecord:
        payload = self.payload(kind, fields)
        errors = validate_record(kind, payload)
        if errors:
            raise FormInvalid(errors)
        record = self.store.submit(draft_key, kind, payload, photos)
        self._saved(record)
        return record

    def update(
        self,
        draft_key: str | None,
        record_id: str,
        kind: str,
        payload: Mapping[str, Any],
        photos: Sequence[str] | None = None,
    ) -> StoredRecord:
        """A later step on a saved record (a complaint followed to its end): the whole
        payload, validated, saved as the record's next revision. Its author stays who
        made it (the record goes up under their token)."""
        errors = validate_record(kind, payload)
        if errors:
            raise FormInvalid(errors)
        record = self.store.resubmit(draft_key, record_id, payload, photos)
        self._saved(record)
        return record

    def _saved(self, record: StoredRecord) -> None:
        for listener in self.on_saved:
            listener(record)
