"""The complaint service: an intake kept as a draft on every change, read back, saved
classified; a major one refused without the agreed reply time; later steps saved as new
revisions of the same record, offering only what the lifecycle allows."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.complaint_lifecycle import Action
from mobile.services.complaint import NEW, ComplaintService, draft_key
from mobile.services.forms import FormInvalid, Forms

NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # 14:00 in the estate


class SignedInAs:
    def author_fields(self, kind):
        return {"received_by": "kefu1", "estate_id": "hxy"}


@pytest.fixture
def complaints(store):
    return ComplaintService(store, Forms(store, SignedInAs()), now=lambda: NOW)


def _filled(complaints, **changes):
    fields = complaints.start(unit="2单元", room="1203", owner="王先生")
    fields.update(
        building="3栋", phone="13800138000", matter="楼上装修中午施工，噪音很大",
        demand="中午12点到2点停止施工", category="decoration_noise", **changes,
    )  # fmt: skip
    complaints.change(NEW, fields)
    return fields


def test_a_prefilled_intake_is_a_draft_at_once_and_keeps_what_was_typed(complaints, store):
    fields = complaints.start(unit="2单元", room="1203", owner="王先生", matter="漏水")
    assert store.drafts.load(NEW).fields == fields
    assert fields["complainant"] == "王先生" and fields["matter"] == "漏水"
    assert fields["channel"] == "phone"
    complaints.change(NEW, {**fields, "demand": "尽快修好"})

    again = complaints.start(room="1203")  # the form opened again: nothing typed is lost

    assert again["demand"] == "尽快修好" and store.drafts.all()[0].key == NEW


def test_a_general_complaint_is_read_back_then_saved_classified(complaints, store):
    fields = _filled(complaints)

    said = complaints.read_back(fields)
    record = complaints.take(fields)

    assert "王先生" in said.zh and "3栋2单元1203" in said.zh and "11-30 14:00" not in said.zh
    assert "12-01 14:00" in said.zh  # the reply within 24 hours, estate time
    assert record.payload["status"] == "classified" and record.payload["received_by"] == "kefu1"
    assert store.drafts.load(NEW) is None


def test_a_major_complaint_cannot_be_saved_without_the_agreed_reply_time(complaints, store):
    fields = _filled(complaints, severity="major", reason_told_to_owner="涉及公司赔偿")

    assert "escalation.agreed_reply_at" in complaints.problems(fields)
    with pytest.raises(FormInvalid):
        complaints.take(fields)
    assert store.drafts.load(NEW).fields == fields  # nothing typed is lost

    agreed = (NOW + timedelta(days=1)).isoformat()
    record = complaints.take({**fields, "agreed_reply_at": agreed})
    assert record.payload["status"] == "escalated"
    assert record.payload["escalation"]["agreed_reply_at"] == agreed


def test_each_step_is_a_new_revision_and_only_allowed_actions_are_offered(complaints, store):
    record = complaints.take(_filled(complaints))
    assert complaints.actions(record.id) == (Action.START_HANDLING, Action.ESCALATE, Action.CLOSE)

    promised = (NOW + timedelta(hours=4)).isoformat()
    complaints.step(record.id, Action.START_HANDLING, {"department": "工程部",
                                                       "promised_at": promised})  # fmt: skip
    complaints.change(draft_key(record.id), {"note": "已联系装修队"})
    complaints.step(record.id, Action.RECORD_PROGRESS, {"note": "已联系装修队",
                                                        "owner_informed": True})  # fmt: skip
    assert store.drafts.load(draft_key(record.id)) is None
    closed = complaints.step(
        record.id, Action.CLOSE, {"result": "装修队午休停工", "owner_feedback": "满意"}
    )

    assert closed.id == record.id and closed.revision == 4
    assert closed.payload["status"] == "closed" and len(closed.payload["progress"]) == 1
    assert complaints.actions(record.id) == (Action.SUMMARISE,)
    assert complaints.get(record.id).due_at is None


def test_a_letter_is_not_closed_without_its_written_reply(complaints):
    record = complaints.take(_filled(complaints, channel="letter"))

    with pytest.raises(FormInvalid) as invalid:
        complaints.step(record.id, Action.CLOSE, {"result": "已处理", "owner_feedback": "满意"})

    assert "closure.written_reply" in invalid.value.by_field()


def test_escalating_later_needs_the_reply_time_agreed_with_the_owner(complaints):
    record = complaints.take(_filled(complaints))
    asked = {"handed_to": "公司领导", "reason_told_to_owner": "超出部门权限"}

    with pytest.raises(FormInvalid) as invalid:
        complaints.step(record.id, Action.ESCALATE, asked)
    escalated = complaints.step(
        record.id,
        Action.ESCALATE,
        {**asked, "agreed_reply_at": (NOW + timedelta(hours=8)).isoformat()},
    )

    assert "agreed_reply_at" in invalid.value.by_field()
    assert escalated.payload["status"] == "escalated" and escalated.payload["severity"] == "major"


def test_a_closed_complaint_is_summarised_and_then_nothing_more_is_offered(complaints):
    record = complaints.take(_filled(complaints))
    complaints.step(record.id, Action.CLOSE, {"result": "当场解决", "owner_feedback": "满意"})

    summarised = complaints.step(record.id, Action.SUMMARISE, {"text": "装修时段提前公示"})

    assert summarised.payload["status"] == "summarised"
    assert summarised.payload["summary"]["text"] == "装修时段提前公示"
    assert complaints.actions(record.id) == ()
