"""A complaint dict is checked against the step of the procedure it claims to be at."""

import pytest

from domain.complaint import Complaint, ComplaintCategory, ComplaintStatus
from domain.records import COMPLAINT, validate_record

HANDLING = {
    "department": "工程部",
    "started_at": "2024-05-01T09:40:00+08:00",
    "promised_at": "2024-05-01T17:00:00+08:00",
}
ESCALATION = {
    "handed_to": "项目经理 张总",
    "reason_told_to_owner": "涉及赔偿，超出客服部权限",
    "agreed_reply_at": "2024-05-03T10:00:00+08:00",
    "escalated_at": "2024-05-01T10:00:00+08:00",
}
CLOSURE = {
    "closed_at": "2024-05-01T16:00:00+08:00",
    "result": "已与装修户协调，中午停工",
    "owner_feedback": "满意",
}


def fields_and_codes(payload: dict) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_record(COMPLAINT, payload)}


def classified(payload: dict, severity: str = "general") -> dict:
    return payload | {"status": "classified", "category": "decoration_noise", "severity": severity}


def escalated(payload: dict) -> dict:
    return classified(payload, "major") | {"status": "escalated", "escalation": dict(ESCALATION)}


def test_a_complaint_recorded_in_full_is_valid_before_it_is_classified(complaint_payload):
    assert validate_record(COMPLAINT, complaint_payload) == []


@pytest.mark.parametrize(
    "field", ["complainant", "phone", "building", "unit", "room", "matter", "demand"]
)
def test_a_complaint_must_be_recorded_in_full(complaint_payload, field):
    del complaint_payload[field]

    assert fields_and_codes(complaint_payload) == {(field, "required")}


def test_a_complaint_without_the_room_number_is_rejected(complaint_payload):
    complaint_payload["room"] = "  "

    errors = validate_record(COMPLAINT, complaint_payload)

    assert [(e.field, e.code) for e in errors] == [("room", "required")]
    assert errors[0].text.zh == "此项必填。"


def test_the_area_may_be_left_out_for_estates_without_areas(complaint_payload):
    del complaint_payload["area"]

    assert validate_record(COMPLAINT, complaint_payload) == []


def test_a_classified_complaint_needs_its_category_and_severity(complaint_payload):
    complaint_payload["status"] = "classified"

    assert fields_and_codes(complaint_payload) == {
        ("category", "required"),
        ("severity", "required"),
    }


def test_the_seven_general_categories_carry_the_seed_s_words():
    assert [category.label.zh for category in ComplaintCategory] == [
        "装修噪音施工扰民",
        "公共设施故障",
        "室内电器及设施维修",
        "邮件报纸签收",
        "公共区域清洁及园林绿化",
        "鼠虫防治",
        "物业服务问题",
    ]


def test_a_major_complaint_without_an_agreed_reply_time_is_rejected(complaint_payload):
    payload = escalated(complaint_payload)
    del payload["escalation"]["agreed_reply_at"]

    errors = validate_record(COMPLAINT, payload)

    assert [(e.field, e.code) for e in errors] == [
        ("escalation.agreed_reply_at", "agreed_reply_time_required")
    ]
    assert "约定回复时间" in errors[0].text.zh
    assert "reply time" in errors[0].text.en


def test_a_major_complaint_never_handed_to_leadership_is_rejected(complaint_payload):
    payload = escalated(complaint_payload)
    del payload["escalation"]

    assert fields_and_codes(payload) == {
        ("escalation.handed_to", "required"),
        ("escalation.reason_told_to_owner", "required"),
        ("escalation.agreed_reply_at", "agreed_reply_time_required"),
        ("escalation.escalated_at", "required"),
    }


def test_the_agreed_reply_time_must_come_after_the_escalation(complaint_payload):
    payload = escalated(complaint_payload)
    payload["escalation"]["agreed_reply_at"] = "2024-05-01T09:00:00+08:00"

    assert fields_and_codes(payload) == {
        ("escalation.agreed_reply_at", "reply_time_before_escalation")
    }


def test_an_escalated_complaint_must_be_major(complaint_payload):
    payload = escalated(complaint_payload) | {"severity": "general"}

    assert fields_and_codes(payload) == {("severity", "severity_mismatch")}


def test_a_complaint_in_progress_says_who_handles_it_and_what_the_owner_was_promised(
    complaint_payload,
):
    payload = classified(complaint_payload) | {"status": "in_progress"}

    assert fields_and_codes(payload) == {
        ("handling.department", "required"),
        ("handling.started_at", "required"),
        ("handling.promised_at", "required"),
    }
    assert validate_record(COMPLAINT, payload | {"handling": HANDLING}) == []


def test_a_step_the_complaint_has_not_reached_cannot_be_recorded(complaint_payload):
    payload = complaint_payload | {"closure": CLOSURE, "category": "pest_control"}

    assert fields_and_codes(payload) == {
        ("category", "not_allowed_in_status"),
        ("closure", "not_allowed_in_status"),
    }


def test_a_closed_complaint_records_the_result_and_the_owner_s_feedback(complaint_payload):
    payload = classified(complaint_payload) | {"status": "closed", "closure": {"closed_at": None}}

    assert fields_and_codes(payload) == {
        ("closure.closed_at", "required"),
        ("closure.result", "required"),
        ("closure.owner_feedback", "required"),
    }


def test_a_written_complaint_needs_a_written_reply(complaint_payload):
    payload = classified(complaint_payload) | {
        "channel": "letter",
        "status": "closed",
        "closure": CLOSURE,
    }

    assert fields_and_codes(payload) == {("closure.written_reply", "written_reply_required")}

    payload["closure"] = CLOSURE | {"written_reply": "王先生：您反映的装修噪音问题已处理……"}
    assert validate_record(COMPLAINT, payload) == []


def test_a_summarised_complaint_has_its_summary(complaint_payload):
    payload = classified(complaint_payload) | {"status": "summarised", "closure": CLOSURE}

    assert fields_and_codes(payload) == {
        ("summary.summarised_at", "required"),
        ("summary.text", "required"),
    }


def test_no_step_can_be_dated_before_the_complaint_was_received(complaint_payload):
    payload = classified(complaint_payload) | {
        "status": "closed",
        "closure": CLOSURE | {"closed_at": "2024-05-01T08:00:00+08:00"},
    }

    assert fields_and_codes(payload) == {("closure.closed_at", "before_received")}


def test_a_new_promised_time_must_be_told_to_the_owner(complaint_payload):
    payload = classified(complaint_payload) | {
        "status": "in_progress",
        "handling": HANDLING,
        "progress": [
            {
                "at": "2024-05-01T15:00:00+08:00",
                "note": "装修户今天不在家，明天上午再协调",
                "promised_at": "2024-05-02T12:00:00+08:00",
            }
        ],
    }

    assert fields_and_codes(payload) == {("progress[0].owner_informed", "owner_must_be_informed")}

    payload["progress"][0]["owner_informed"] = True
    assert validate_record(COMPLAINT, payload) == []


def test_an_unknown_status_is_rejected(complaint_payload):
    complaint_payload["status"] = "pending"

    assert fields_and_codes(complaint_payload) == {("status", "invalid_choice")}


def test_a_complaint_survives_a_round_trip_through_its_dict(complaint_payload):
    payload = escalated(complaint_payload) | {"status": "closed", "closure": CLOSURE}

    complaint = Complaint.from_dict(payload)

    assert complaint.status is ComplaintStatus.CLOSED
    assert Complaint.from_dict(complaint.to_dict()) == complaint


def test_each_progress_step_is_checked_in_its_own_place(complaint_payload):
    payload = classified(complaint_payload) | {
        "status": "in_progress",
        "handling": HANDLING,
        "progress": [
            {"at": "2024-05-01T11:00:00+08:00", "note": ""},
            {"at": "2024-05-01T08:00:00+08:00", "note": "已联系装修户"},
        ],
    }

    assert fields_and_codes(payload) == {
        ("progress[0].note", "required"),
        ("progress[1].at", "before_received"),
    }
