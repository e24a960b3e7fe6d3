"""One call validates, saves (dropping the draft) and tells whoever listens."""

import pytest

from mobile.services.forms import FormInvalid, Forms
from mobile.services.session import SignedIn
from tests.domain.conftest import complaint

WHO = SignedIn("http://server", "token", 1, "kefu1", "客服一", "service", (), "2030-01-01")


class SignedInAs:
    current = WHO

    def author_fields(self, kind):
        return {"received_by": "kefu1", "estate_id": "hxy"}


@pytest.fixture
def forms(store):
    return Forms(store, SignedInAs())


def _typed():
    return {k: v for k, v in complaint().items() if k not in ("received_by", "estate_id")}


def test_a_valid_form_is_saved_with_its_author_its_draft_dropped_and_listeners_told(forms, store):
    heard = []
    forms.on_saved.append(heard.append)
    forms.keep_draft("complaint:new", {"matter": "噪音"})

    record = forms.submit("complaint:new", "complaint", _typed())

    assert record.payload["received_by"] == "kefu1" and record.payload["estate_id"] == "hxy"
    assert store.drafts.load("complaint:new") is None
    assert heard == [record]


def test_a_field_error_saves_nothing_keeps_the_draft_and_names_every_field(forms, store):
    typed = {**_typed(), "phone": "12", "matter": ""}
    forms.keep_draft("complaint:new", typed)

    with pytest.raises(FormInvalid) as invalid:
        forms.submit("complaint:new", "complaint", typed)

    assert {"phone", "matter"} <= set(invalid.value.by_field())
    assert store.records.counts()["pending"] == 0
    assert store.drafts.load("complaint:new").fields == typed


def test_the_author_cannot_be_typed_in(forms):
    record = forms.submit(None, "complaint", {**_typed(), "received_by": "somebody-else"})

    assert record.payload["received_by"] == "kefu1"
