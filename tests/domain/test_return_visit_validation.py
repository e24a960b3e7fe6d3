import pytest

from domain.records import RETURN_VISIT, parse_record, validate_record
from domain.return_visit import FollowUp, ReturnVisit, Satisfaction, VisitMethod


def fields_and_codes(payload: dict) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_record(RETURN_VISIT, payload)}


def test_a_phone_visit_answering_a_task_is_valid(return_visit_payload):
    visit = parse_record(RETURN_VISIT, return_visit_payload)

    assert visit.method is VisitMethod.PHONE
    assert visit.needs[0].follow_up is FollowUp.REPAIR


def test_a_visit_without_its_room_is_rejected(return_visit_payload):
    del return_visit_payload["room_id"]

    assert fields_and_codes(return_visit_payload) == {("room_id", "required")}


def test_a_routine_visit_needs_no_task(return_visit_payload):
    del return_visit_payload["task_id"]

    assert validate_record(RETURN_VISIT, return_visit_payload) == []


def test_satisfaction_is_one_of_the_five_levels(return_visit_payload):
    return_visit_payload["satisfaction"] = "ok"

    errors = validate_record(RETURN_VISIT, return_visit_payload)

    assert [(e.field, e.code) for e in errors] == [("satisfaction", "invalid_choice")]
    assert "非常满意、满意、一般、不满意、非常不满意" in errors[0].text.zh


@pytest.mark.parametrize("level", ["dissatisfied", "very_dissatisfied"])
def test_an_unhappy_owner_s_words_must_be_recorded(return_visit_payload, level):
    return_visit_payload.update(satisfaction=level, feedback="")

    assert fields_and_codes(return_visit_payload) == {("feedback", "feedback_required")}


def test_a_need_may_stay_a_note_or_become_a_complaint_or_repair(return_visit_payload):
    return_visit_payload["needs"] = [
        {"description": "希望增加儿童游乐设施"},
        {"description": "楼上漏水", "follow_up": "repair"},
        {"description": "保安态度差", "follow_up": "complaint"},
        {"description": "垃圾清运", "follow_up": "cleaning"},
    ]

    assert fields_and_codes(return_visit_payload) == {("needs[3].follow_up", "invalid_choice")}


def test_the_five_satisfaction_levels_carry_the_seed_s_words_and_two_count_as_satisfied():
    assert [level.label.zh for level in Satisfaction] == [
        "非常满意",
        "满意",
        "一般",
        "不满意",
        "非常不满意",
    ]
    assert [level for level in Satisfaction if level.counts_as_satisfied] == [
        Satisfaction.VERY_SATISFIED,
        Satisfaction.SATISFIED,
    ]


def test_a_return_visit_survives_a_round_trip_through_its_dict(return_visit_payload):
    visit = ReturnVisit.from_dict(return_visit_payload)

    assert ReturnVisit.from_dict(visit.to_dict()) == visit
