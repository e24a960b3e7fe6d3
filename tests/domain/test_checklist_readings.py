import pytest

from domain.checklist import AllowedRange, CheckResult, Outcome, ReadingResult
from domain.records import PATROL_ROUND, validate_record

HYDRANT_PRESSURE = AllowedRange("MPa", 0.1, 0.6)


def test_a_reading_inside_its_allowed_range_is_normal():
    assert not ReadingResult("pressure", "消防栓压力", 0.35, HYDRANT_PRESSURE).abnormal


@pytest.mark.parametrize("value", [0.05, 0.8, 0.0, 6.0])
def test_a_plausible_reading_outside_its_allowed_range_is_abnormal(value):
    assert ReadingResult("pressure", "消防栓压力", value, HYDRANT_PRESSURE).abnormal


def test_a_check_marked_abnormal_is_abnormal():
    assert CheckResult("door", "箱门完好", Outcome.ABNORMAL).abnormal
    assert not CheckResult("door", "箱门完好", Outcome.NORMAL).abnormal


def test_the_plausible_range_of_a_quantity_that_cannot_be_negative_is_zero_to_ten_times_its_limit():
    assert HYDRANT_PRESSURE.plausible() == pytest.approx((0.0, 6.0))


def test_a_range_below_zero_stretches_plausibility_below_it_too():
    freezer = AllowedRange("°C", -25.0, -15.0)

    low, high = freezer.plausible()

    assert low == pytest.approx(-250.0)
    assert high == pytest.approx(210.0)


def _with_pressure(payload: dict, value: object) -> dict:
    payload["checkpoints"][0]["results"][0]["value"] = value
    return payload


def test_a_low_pressure_reading_is_accepted_and_makes_the_checkpoint_abnormal(patrol_payload):
    payload = _with_pressure(patrol_payload, 0.05)
    payload["checkpoints"][0]["abnormal"] = True

    assert validate_record(PATROL_ROUND, payload) == []


@pytest.mark.parametrize("value", [-0.2, 6.5, 35])
def test_a_physically_absurd_reading_is_an_error(patrol_payload, value):
    errors = validate_record(PATROL_ROUND, _with_pressure(patrol_payload, value))

    assert [(e.field, e.code) for e in errors] == [
        ("checkpoints[0].results[0].value", "out_of_range")
    ]
    assert "0–6 MPa" in errors[0].text.zh
    assert "not plausible" in errors[0].text.en


def test_a_reading_that_is_not_a_number_is_an_error(patrol_payload):
    errors = validate_record(PATROL_ROUND, _with_pressure(patrol_payload, "0.3"))

    assert [(e.field, e.code) for e in errors] == [
        ("checkpoints[0].results[0].value", "wrong_type")
    ]
