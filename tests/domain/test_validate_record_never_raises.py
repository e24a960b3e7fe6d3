"""validate_record is the gate for whatever a tablet (or anyone) sends: it must answer with
errors, never an exception, for any JSON-able input."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.records import RECORD_KINDS, validate_record
from domain.validation import FieldError

INTERESTING_TEXT = st.sampled_from(
    [
        "",
        "   ",
        "2024-05-01T09:30:00+08:00",
        "2024-05-01T09:30:00",
        "2024-05-01",
        "9999-12-31T23:59:59+14:00",
        "13800138000",
        "021-12345678",
        "a" * 64,
        "A" * 64,
        "major",
        "letter",
        "escalated",
        "closed",
        "summarised",
        "reading",
        "check",
        "abnormal",
        "resolved",
        "public_facility",
        "\x00",
        "装修噪音",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | INTERESTING_TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12) | INTERESTING_TEXT, children, max_size=4)
    ),
    max_leaves=12,
)


def assert_only_field_errors(errors: object) -> None:
    assert isinstance(errors, list)
    for error in errors:
        assert isinstance(error, FieldError)
        assert error.code and error.text.zh and error.text.en


def paths(value: object, here: tuple = ()) -> list[tuple]:
    """Every place in a nested dict/list where a value sits."""
    found = [here] if here else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*here, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*here, index))
    return found


def replaced(payload: dict, path: tuple, new: object) -> dict:
    payload = copy.deepcopy(payload)
    parent = payload
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return payload


def removed(payload: dict, path: tuple) -> dict:
    payload = copy.deepcopy(payload)
    parent = payload
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return payload


@given(kind=JSON, payload=JSON)
def test_any_kind_and_payload_gives_a_list_of_field_errors(kind, payload):
    assert_only_field_errors(validate_record(kind, payload))


@given(kind=st.sampled_from(RECORD_KINDS), payload=JSON)
def test_any_payload_of_a_known_kind_gives_a_list_of_field_errors(kind, payload):
    assert_only_field_errors(validate_record(kind, payload))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), kind=st.sampled_from(RECORD_KINDS), new=JSON)
def test_a_valid_payload_with_any_one_value_replaced_gives_a_list_of_field_errors(
    valid_payloads, data, kind, new
):
    payload = valid_payloads[kind]()
    path = data.draw(st.sampled_from(paths(payload)))

    assert_only_field_errors(validate_record(kind, replaced(payload, path, new)))


@given(data=st.data(), kind=st.sampled_from(RECORD_KINDS))
def test_a_valid_payload_with_any_field_removed_gives_a_list_of_field_errors(
    valid_payloads, data, kind
):
    payload = valid_payloads[kind]()
    path = data.draw(st.sampled_from(paths(payload)))

    assert_only_field_errors(validate_record(kind, removed(payload, path)))


@given(data=st.data(), status=INTERESTING_TEXT, severity=st.sampled_from(["general", "major"]))
def test_complaints_at_any_claimed_status_give_a_list_of_field_errors(
    valid_payloads, data, status, severity
):
    payload = valid_payloads["complaint"]() | {
        "status": status,
        "severity": severity,
        "category": "pest_control",
        "channel": data.draw(st.sampled_from(["phone", "visit", "letter"])),
        "escalation": data.draw(JSON),
        "handling": data.draw(JSON),
        "closure": data.draw(JSON),
        "progress": data.draw(JSON),
        "summary": data.draw(JSON),
    }

    assert_only_field_errors(validate_record("complaint", payload))
