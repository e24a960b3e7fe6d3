from domain.handover import MAX_EQUIPMENT, HandoverShift, ShiftHandover
from domain.records import SHIFT_HANDOVER, author_of, parse_record, validate_record


def fields_and_codes(payload: dict) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_record(SHIFT_HANDOVER, payload)}


def test_a_night_shift_handed_to_the_morning_officer_is_valid(handover_payload):
    handover = parse_record(SHIFT_HANDOVER, handover_payload)

    assert isinstance(handover, ShiftHandover)
    assert handover.shift is HandoverShift.NIGHT
    assert handover.equipment == ("对讲机 2台", "消防控制室钥匙")
    assert author_of(SHIFT_HANDOVER, handover) == "staff-7"


def test_a_note_needs_whom_it_is_for_and_what_happened(handover_payload):
    del handover_payload["to_staff_id"]
    handover_payload["events"] = "  "

    assert fields_and_codes(handover_payload) == {
        ("to_staff_id", "required"),
        ("events", "required"),
    }


def test_a_shift_is_not_handed_over_to_oneself_whatever_the_case(handover_payload):
    handover_payload["to_staff_id"] = " Staff-7 "

    errors = validate_record(SHIFT_HANDOVER, handover_payload)

    assert [(e.field, e.code) for e in errors] == [("to_staff_id", "handover_to_self")]
    assert "接班人" in errors[0].text.zh


def test_open_matters_and_equipment_may_be_left_out(handover_payload):
    del handover_payload["open_matters"]
    del handover_payload["equipment"]

    handover = parse_record(SHIFT_HANDOVER, handover_payload)

    assert (handover.open_matters, handover.equipment) == ("", ())


def test_each_item_handed_over_is_named_and_they_are_few(handover_payload):
    handover_payload["equipment"] = ["对讲机", ""]
    assert fields_and_codes(handover_payload) == {("equipment[1]", "required")}

    handover_payload["equipment"] = [f"钥匙 {n}" for n in range(MAX_EQUIPMENT + 1)]
    assert fields_and_codes(handover_payload) == {("equipment", "too_many_items")}


def test_the_shift_is_day_or_night(handover_payload):
    handover_payload["shift"] = "evening"

    assert fields_and_codes(handover_payload) == {("shift", "invalid_choice")}
