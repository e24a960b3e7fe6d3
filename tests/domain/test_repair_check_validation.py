from domain.records import REPAIR_CHECK, validate_record
from domain.repair_check import RepairCheck, RepairResult


def fields_and_codes(payload: dict) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_record(REPAIR_CHECK, payload)}


def test_a_resolved_repair_signed_by_the_owner_is_valid(repair_payload):
    assert validate_record(REPAIR_CHECK, repair_payload) == []


def test_a_repair_in_a_home_without_the_room_is_rejected(repair_payload):
    del repair_payload["room_id"]

    assert fields_and_codes(repair_payload) == {("room_id", "location_required")}


def test_a_public_facility_repair_is_located_by_place_and_needs_no_signature(repair_payload):
    repair_payload.update(
        category="public_facility", room_id=None, place="2栋电梯厅照明", owner_confirmation=None
    )

    assert validate_record(REPAIR_CHECK, repair_payload) == []


def test_a_resolved_repair_in_a_home_needs_the_owner_s_signature(repair_payload):
    del repair_payload["owner_confirmation"]

    assert fields_and_codes(repair_payload) == {
        ("owner_confirmation", "owner_confirmation_required")
    }


def test_a_repair_waiting_for_parts_needs_no_signature_yet(repair_payload):
    repair_payload.update(result="needs_parts", owner_confirmation=None, rating=None)

    check = RepairCheck.from_dict(repair_payload)

    assert check.result is RepairResult.NEEDS_PARTS
    assert check.owner_confirmation is None


def test_the_owner_rates_the_repair_from_one_to_five(repair_payload):
    repair_payload["rating"] = 6

    errors = validate_record(REPAIR_CHECK, repair_payload)

    assert [(e.field, e.code) for e in errors] == [("rating", "out_of_range")]
    assert "1 到 5" in errors[0].text.zh


def test_a_rating_must_be_a_whole_number(repair_payload):
    repair_payload["rating"] = 4.5

    assert fields_and_codes(repair_payload) == {("rating", "wrong_type")}


def test_a_repair_cannot_finish_before_the_technician_arrives(repair_payload):
    repair_payload["finished_at"] = "2024-05-02T13:00:00+08:00"

    assert fields_and_codes(repair_payload) == {("finished_at", "ends_before_start")}


def test_the_owner_cannot_confirm_before_the_technician_arrives(repair_payload):
    repair_payload["owner_confirmation"]["confirmed_at"] = "2024-05-02T13:00:00+08:00"

    assert fields_and_codes(repair_payload) == {
        ("owner_confirmation.confirmed_at", "confirmed_before_arrival")
    }


def test_an_unknown_repair_category_is_rejected(repair_payload):
    repair_payload["category"] = "gas"

    errors = validate_record(REPAIR_CHECK, repair_payload)

    assert [(e.field, e.code) for e in errors] == [("category", "invalid_choice")]
    assert "水、电、门窗、公共设施、其他" in errors[0].text.zh


def test_a_repair_check_survives_a_round_trip_through_its_dict(repair_payload):
    check = RepairCheck.from_dict(repair_payload)

    assert RepairCheck.from_dict(check.to_dict()) == check


def test_a_repair_check_names_the_version_of_the_work_order_it_was_done_from(repair_payload):
    del repair_payload["work_order_version"]

    assert fields_and_codes(repair_payload) == {("work_order_version", "required")}


def test_a_negative_work_order_version_is_rejected(repair_payload):
    repair_payload["work_order_version"] = -1

    assert {field for field, _ in fields_and_codes(repair_payload)} == {"work_order_version"}
