"""The complaint procedure, step by step, as pure functions over a Complaint."""

from datetime import datetime, timedelta, timezone

import pytest

from domain.complaint import (
    Channel,
    Closure,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    Escalation,
    ProgressUpdate,
    Severity,
    Summary,
)
from domain.complaint_lifecycle import (
    Action,
    available_actions,
    classify,
    close,
    escalate,
    record_progress,
    start_handling,
    summarise,
)
from domain.errors import InvalidRecord, TransitionRefused
from domain.records import COMPLAINT, validate_record

CST = timezone(timedelta(hours=8))
RECEIVED = datetime(2024, 5, 1, 9, 30, tzinfo=CST)


def hours(n: float) -> datetime:
    return RECEIVED + timedelta(hours=n)


def received(channel: Channel = Channel.PHONE) -> Complaint:
    return Complaint(
        estate_id="hxy",
        channel=channel,
        received_by="staff-2",
        received_at=RECEIVED,
        complainant="王先生",
        phone="13800138000",
        building="3栋",
        unit="2单元",
        room="1203",
        matter="楼上装修中午施工，噪音很大",
        demand="中午12点到2点停止施工",
    )


def general(complaint: Complaint) -> Complaint:
    return classify(
        complaint, category=ComplaintCategory.DECORATION_NOISE, severity=Severity.GENERAL
    )


def escalation(at: float = 0.5, reply: float | None = 48) -> Escalation:
    return Escalation(
        "项目经理 张总", "涉及赔偿，超出客服部权限", reply and hours(reply), hours(at)
    )


def closure(**changes) -> Closure:
    return Closure(hours(6), "已与装修户协调，中午停工", "业主表示满意", **changes)


def test_a_new_complaint_starts_received():
    assert received().status is ComplaintStatus.RECEIVED
    assert available_actions(received()) == (Action.CLASSIFY,)


def test_a_general_complaint_is_classified_then_handled_followed_closed_and_summarised():
    complaint = general(received())
    assert complaint.status is ComplaintStatus.CLASSIFIED

    complaint = start_handling(complaint, department="工程部", promised_at=hours(8), at=hours(0.2))
    assert complaint.status is ComplaintStatus.IN_PROGRESS

    update = ProgressUpdate(hours(3), "已上门与装修户沟通", owner_informed=True)
    complaint = record_progress(complaint, update=update)
    assert complaint.progress == (update,)

    complaint = close(complaint, closure=closure())
    assert complaint.status is ComplaintStatus.CLOSED

    complaint = summarise(complaint, summary=Summary(hours(24), "装修审批时应告知施工时段"))
    assert complaint.status is ComplaintStatus.SUMMARISED
    assert available_actions(complaint) == ()
    assert validate_record(COMPLAINT, complaint.to_dict()) == []


def test_a_complaint_solved_on_the_spot_is_closed_straight_after_classification():
    complaint = close(general(received()), closure=closure())

    assert complaint.status is ComplaintStatus.CLOSED
    assert complaint.handling is None


def test_a_major_complaint_is_escalated_as_it_is_classified():
    complaint = classify(
        received(),
        category=ComplaintCategory.PROPERTY_SERVICE,
        severity=Severity.MAJOR,
        escalation=escalation(),
    )

    assert complaint.status is ComplaintStatus.ESCALATED
    assert complaint.severity is Severity.MAJOR
    assert available_actions(complaint) == (Action.RECORD_PROGRESS, Action.CLOSE)


def test_a_major_complaint_without_an_agreed_reply_time_is_refused():
    with pytest.raises(InvalidRecord) as refused:
        classify(received(), category=ComplaintCategory.PROPERTY_SERVICE, severity=Severity.MAJOR)

    assert refused.value.text.zh == "重大投诉须移交公司领导处理，并与业主约定回复时间。"
    assert [e.code for e in refused.value.errors] == ["agreed_reply_time_required"]


def test_an_escalation_whose_reply_time_is_missing_is_refused():
    with pytest.raises(InvalidRecord) as refused:
        escalate(general(received()), escalation=escalation(reply=None))

    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("escalation.agreed_reply_at", "agreed_reply_time_required")
    ]


def test_a_general_complaint_beyond_the_department_is_escalated_and_becomes_major():
    handled = start_handling(
        general(received()), department="工程部", promised_at=hours(8), at=hours(0.2)
    )

    complaint = escalate(handled, escalation=escalation(at=4))

    assert complaint.status is ComplaintStatus.ESCALATED
    assert complaint.severity is Severity.MAJOR
    assert complaint.handling == handled.handling


@pytest.mark.parametrize(
    ("step", "status_zh"),
    [
        (lambda c: close(c, closure=closure()), "已受理"),
        (lambda c: summarise(c, summary=Summary(hours(1), "x")), "已受理"),
        (lambda c: escalate(c, escalation=escalation()), "已受理"),
        (lambda c: record_progress(c, update=ProgressUpdate(hours(1), "x")), "已受理"),
        (lambda c: start_handling(c, department="x", promised_at=hours(2), at=hours(1)), "已受理"),
    ],
)
def test_a_step_out_of_order_is_refused_with_a_bilingual_message(step, status_zh):
    with pytest.raises(TransitionRefused) as refused:
        step(received())

    assert refused.value.code == "illegal_transition"
    assert f"当前状态为“{status_zh}”" in refused.value.text.zh
    assert refused.value.text.en.startswith("Cannot ")
    assert "“Received”" in refused.value.text.en


def test_a_closed_complaint_cannot_be_classified_again_or_closed_twice():
    closed = close(general(received()), closure=closure())

    for step in (general, lambda c: close(c, closure=closure())):
        with pytest.raises(TransitionRefused) as refused:
            step(closed)
        assert "已办结" in refused.value.text.zh


def test_a_written_complaint_cannot_be_closed_without_a_written_reply():
    letter = general(received(Channel.LETTER))

    with pytest.raises(InvalidRecord) as refused:
        close(letter, closure=closure())

    assert refused.value.text.en == "A written complaint needs a written reply."
    closed = close(letter, closure=closure(written_reply="王先生：您的来信收悉……"))
    assert closed.status is ComplaintStatus.CLOSED


def test_a_step_dated_before_the_complaint_was_received_is_refused():
    with pytest.raises(InvalidRecord) as refused:
        close(general(received()), closure=Closure(hours(-1), "已处理", "满意"))

    assert [e.code for e in refused.value.errors] == ["before_received"]


def test_a_step_with_a_time_without_timezone_is_refused():
    naive = datetime(2024, 5, 1, 12, 0)

    with pytest.raises(TransitionRefused) as refused:
        start_handling(general(received()), department="工程部", promised_at=naive, at=hours(1))

    assert refused.value.code == "invalid_time"


def test_steps_never_change_the_complaint_they_are_given():
    original = received()

    general(original)

    assert original.status is ComplaintStatus.RECEIVED
    assert original.category is None
