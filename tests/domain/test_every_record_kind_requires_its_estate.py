"""Every record a tablet pushes belongs to one estate (项目/小区), named by ``estate_id``:
the server scopes records by it, so the domain requires it and keeps it."""

import json

import pytest

from domain.complaint import Complaint
from domain.errors import InvalidRecord
from domain.handover import ShiftHandover
from domain.patrol import PatrolRound
from domain.records import (
    COMPLAINT,
    PATROL_ROUND,
    RECORD_KINDS,
    REPAIR_CHECK,
    RETURN_VISIT,
    SHIFT_HANDOVER,
    parse_record,
    validate_record,
)
from domain.repair_check import RepairCheck
from domain.return_visit import ReturnVisit
from domain.validation import ID_LENGTH

CLASSES = {
    PATROL_ROUND: PatrolRound,
    RETURN_VISIT: ReturnVisit,
    REPAIR_CHECK: RepairCheck,
    COMPLAINT: Complaint,
    SHIFT_HANDOVER: ShiftHandover,
}


def test_every_record_kind_is_covered():
    assert set(CLASSES) == set(RECORD_KINDS)


def fields_and_codes(kind: str, payload: dict) -> list[tuple[str, str]]:
    return [(error.field, error.code) for error in validate_record(kind, payload)]


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_a_record_without_its_estate_is_a_required_error_on_estate_id(kind, valid_payloads):
    payload = valid_payloads[kind]()
    del payload["estate_id"]

    errors = validate_record(kind, payload)

    assert [(e.field, e.code) for e in errors] == [("estate_id", "required")]
    assert errors[0].text.zh == "此项必填。"
    assert errors[0].text.en == "This field is required."
    with pytest.raises(InvalidRecord):
        parse_record(kind, payload)
    with pytest.raises(InvalidRecord):
        CLASSES[kind].from_dict(payload)


@pytest.mark.parametrize("blank", [None, "", "   "])
@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_a_blank_estate_counts_as_missing(kind, blank, valid_payloads):
    payload = valid_payloads[kind]() | {"estate_id": blank}

    assert fields_and_codes(kind, payload) == [("estate_id", "required")]


@pytest.mark.parametrize("wrong", [42, True, ["hxy"], {"id": "hxy"}])
@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_an_estate_that_is_not_text_is_the_wrong_type(kind, wrong, valid_payloads):
    payload = valid_payloads[kind]() | {"estate_id": wrong}

    errors = validate_record(kind, payload)

    assert [(e.field, e.code) for e in errors] == [("estate_id", "wrong_type")]
    assert errors[0].text.zh and errors[0].text.en


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_an_estate_id_is_no_longer_than_any_other_id(kind, valid_payloads):
    longest = valid_payloads[kind]() | {"estate_id": "e" * ID_LENGTH}
    too_long = valid_payloads[kind]() | {"estate_id": "e" * (ID_LENGTH + 1)}

    assert validate_record(kind, longest) == []
    assert fields_and_codes(kind, too_long) == [("estate_id", "too_long")]


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_the_estate_survives_a_round_trip(kind, valid_payloads):
    payload = valid_payloads[kind]() | {"estate_id": "lyy"}

    record = parse_record(kind, payload)
    again = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))

    assert isinstance(record, CLASSES[kind])
    assert record.estate_id == "lyy"
    assert again["estate_id"] == "lyy"
    assert validate_record(kind, again) == []
    assert CLASSES[kind].from_dict(again) == record
    assert parse_record(kind, again) == record


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_the_estate_is_read_like_other_ids_without_surrounding_spaces(kind, valid_payloads):
    record = parse_record(kind, valid_payloads[kind]() | {"estate_id": "  lyy "})

    assert record.estate_id == "lyy"
    assert record.to_dict()["estate_id"] == "lyy"
