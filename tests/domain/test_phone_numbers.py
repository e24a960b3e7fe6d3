import pytest

from domain.phones import normalise_phone
from domain.records import COMPLAINT, validate_record


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 139 1234 5678", "13912345678"),
        ("１３８００１３８０００", "13800138000"),
        ("021-12345678", "02112345678"),
        ("010 8888 6666", "01088886666"),
        ("0755-1234567", "07551234567"),
        ("0755-12345678", "075512345678"),
    ],
)
def test_mainland_mobiles_and_landlines_with_area_code_are_accepted(typed, digits):
    assert normalise_phone(typed) == digits


@pytest.mark.parametrize(
    "typed",
    [
        "12800138000",  # no mobile prefix 12
        "1380013800",  # ten digits
        "138001380001",  # twelve digits
        "12345678",  # landline without area code
        "021-1234567",  # 3-digit area codes take 8 digits
        "400-820-8820",  # a company hotline is not an owner's number
        "95598",
        "138 0013 800a",
        "",
        "phone",
    ],
)
def test_anything_else_is_not_a_phone_number(typed):
    assert normalise_phone(typed) is None


def test_a_complaint_with_a_phone_number_that_is_not_one_is_rejected(complaint_payload):
    complaint_payload["phone"] = "1234"

    errors = validate_record(COMPLAINT, complaint_payload)

    assert [(e.field, e.code) for e in errors] == [("phone", "invalid_phone")]
    assert "021-12345678" in errors[0].text.zh
    assert "area code" in errors[0].text.en


def test_a_complaint_keeps_the_phone_number_as_it_was_typed(complaint_payload):
    complaint_payload["phone"] = "0755-1234567"

    assert validate_record(COMPLAINT, complaint_payload) == []
