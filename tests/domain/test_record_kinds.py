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
from domain.validation import FieldError


def test_the_five_record_kinds_are_plain_strings():
    assert (PATROL_ROUND, RETURN_VISIT, REPAIR_CHECK, COMPLAINT, SHIFT_HANDOVER) == (
        "patrol_round",
        "return_visit",
        "repair_check",
        "complaint",
        "shift_handover",
    )
    assert RECORD_KINDS == (PATROL_ROUND, RETURN_VISIT, REPAIR_CHECK, COMPLAINT, SHIFT_HANDOVER)


@pytest.mark.parametrize("kind", ["meter_reading", "", "Complaint", None, 3, ["complaint"]])
def test_an_unknown_kind_is_one_error_not_an_exception(kind):
    errors = validate_record(kind, {"anything": 1})

    assert [(e.field, e.code) for e in errors] == [("kind", "unknown_kind")]
    assert "complaint" in errors[0].text.en and "未知的记录类型" in errors[0].text.zh


@pytest.mark.parametrize("payload", [None, [], "a complaint", 42, 3.5, True])
@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_a_payload_that_is_not_a_dict_is_one_error_not_an_exception(kind, payload):
    errors = validate_record(kind, payload)

    assert [(e.field, e.code) for e in errors] == [("payload", "not_an_object")]


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_an_empty_payload_reports_each_required_field(kind):
    errors = validate_record(kind, {})

    assert len(errors) >= 4
    assert all(isinstance(e, FieldError) for e in errors)
    assert {e.code for e in errors} <= {"required", "location_required"}
    assert len({e.field for e in errors}) == len(errors)


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        (PATROL_ROUND, PatrolRound),
        (RETURN_VISIT, ReturnVisit),
        (REPAIR_CHECK, RepairCheck),
        (COMPLAINT, Complaint),
        (SHIFT_HANDOVER, ShiftHandover),
    ],
)
def test_a_valid_payload_parses_into_its_record_and_back_into_an_equally_valid_dict(
    kind, cls, valid_payloads
):
    record = parse_record(kind, valid_payloads[kind]())

    assert isinstance(record, cls)
    payload = json.loads(json.dumps(record.to_dict()))
    assert validate_record(kind, payload) == []
    assert parse_record(kind, payload) == record


def test_parsing_an_invalid_payload_raises_with_every_error(complaint_payload):
    complaint_payload.update(room="", phone="12")

    with pytest.raises(InvalidRecord) as refused:
        parse_record(COMPLAINT, complaint_payload)

    assert [e.code for e in refused.value.errors] == ["invalid_phone", "required"]
    assert refused.value.errors == tuple(validate_record(COMPLAINT, complaint_payload))


def test_parsing_an_unknown_kind_raises_invalid_record():
    with pytest.raises(InvalidRecord) as refused:
        parse_record("meter_reading", {})

    assert refused.value.errors[0].code == "unknown_kind"


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_validation_leaves_the_payload_as_it_was(kind, valid_payloads):
    payload = valid_payloads[kind]()
    payload["extra"] = {"nested": [" padded "]}

    validate_record(kind, payload)

    assert payload == valid_payloads[kind]() | {"extra": {"nested": [" padded "]}}
