from domain.errors import InvalidRecord
from domain.records import COMPLAINT, REPAIR_CHECK, validate_record
from domain.text import Text
from domain.validation import FieldError


def test_a_field_error_travels_as_a_plain_dict_with_both_languages():
    error = FieldError("room", "required", Text("此项必填。", "This field is required."))

    assert error.to_dict() == {
        "field": "room",
        "code": "required",
        "text": {"zh": "此项必填。", "en": "This field is required."},
    }


def test_every_field_error_is_reported_at_once_not_just_the_first(complaint_payload):
    del complaint_payload["room"]
    complaint_payload["phone"] = "12345"
    complaint_payload["received_at"] = "yesterday"
    complaint_payload["channel"] = "email"

    errors = validate_record(COMPLAINT, complaint_payload)

    assert {(e.field, e.code) for e in errors} == {
        ("room", "required"),
        ("phone", "invalid_phone"),
        ("received_at", "invalid_datetime"),
        ("channel", "invalid_choice"),
    }


def test_every_message_exists_in_chinese_and_english(complaint_payload):
    complaint_payload.update(room="", phone=5, received_at="2024-05-01T09:30:00", channel=None)

    errors = validate_record(COMPLAINT, complaint_payload)

    assert len(errors) == 4
    for error in errors:
        assert error.text.zh and error.text.en
        assert error.text.zh != error.text.en


def test_errors_in_nested_values_name_their_path(repair_payload):
    repair_payload["materials"][0]["quantity"] = "one"
    repair_payload["photos_after"] = ["not-a-hash"]

    errors = validate_record(REPAIR_CHECK, repair_payload)

    assert {(e.field, e.code) for e in errors} == {
        ("materials[0].quantity", "wrong_type"),
        ("photos_after[0]", "invalid_sha256"),
    }


def test_a_time_without_a_timezone_is_rejected(complaint_payload):
    complaint_payload["received_at"] = "2024-05-01T09:30:00"

    errors = validate_record(COMPLAINT, complaint_payload)

    assert [(e.field, e.code) for e in errors] == [("received_at", "timezone_required")]


def test_a_time_from_a_wrong_device_clock_is_out_of_range(complaint_payload):
    complaint_payload["received_at"] = "1970-01-01T08:00:00+08:00"

    errors = validate_record(COMPLAINT, complaint_payload)

    assert [(e.field, e.code) for e in errors] == [("received_at", "out_of_range")]


def test_overlong_text_is_rejected_with_its_limit(complaint_payload):
    complaint_payload["complainant"] = "王" * 201

    errors = validate_record(COMPLAINT, complaint_payload)

    assert [(e.field, e.code) for e in errors] == [("complainant", "too_long")]
    assert "200" in errors[0].text.zh


def test_invalid_record_carries_every_error_and_a_single_errors_own_words():
    one = FieldError("room", "required", Text("此项必填。", "This field is required."))
    two = FieldError("phone", "invalid_phone", Text("电话号码不对。", "Not a phone number."))

    single, several = InvalidRecord([one]), InvalidRecord([one, two])

    assert single.errors == (one,)
    assert single.text == one.text
    assert several.errors == (one, two)
    assert "room" in several.text.en and "phone" in several.text.zh
