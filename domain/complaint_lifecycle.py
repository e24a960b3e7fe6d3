"""The complaint procedure as a state machine. Each step is a pure function that returns a
new ``Complaint`` or raises a ``DomainError`` whose ``text`` a user can read.

    step             from                                  to
    classify         received                              classified (general),
                                                           escalated (major)
    start_handling   classified                            in_progress
    escalate         classified, in_progress               escalated
    record_progress  in_progress, escalated                (unchanged)
    close            classified (solved on the spot),      closed
                     in_progress, escalated
    summarise        closed                                summarised

A step taken from the wrong status raises ``TransitionRefused`` (code
``illegal_transition``). Every step's result is checked against the same rules as a
complaint arriving as a dict; a step that would break one (a major complaint without an
agreed reply time, a letter closed without a written reply, a time before the complaint
was received ...) raises ``InvalidRecord`` with the field errors, so a complaint built here
is never one the server would reject.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.choices import Choice
from domain.complaint import (
    AGREED_REPLY_TIME_REQUIRED,
    Closure,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    Escalation,
    Handling,
    ProgressUpdate,
    Severity,
    Summary,
    read_complaint,
)
from domain.errors import InvalidRecord, TransitionRefused
from domain.text import Text
from domain.validation import FieldError, parse


class Action(Choice):
    CLASSIFY = "classify", "分类", "classify"
    START_HANDLING = "start_handling", "开始处理", "start handling"
    ESCALATE = "escalate", "移交公司领导", "escalate"
    RECORD_PROGRESS = "record_progress", "记录跟进", "record progress on"
    CLOSE = "close", "办结", "close"
    SUMMARISE = "summarise", "总结", "summarise"


_S = ComplaintStatus
# The statuses each action may be taken from.
_FROM = {
    Action.CLASSIFY: {_S.RECEIVED},
    Action.START_HANDLING: {_S.CLASSIFIED},
    Action.ESCALATE: {_S.CLASSIFIED, _S.IN_PROGRESS},
    Action.RECORD_PROGRESS: {_S.IN_PROGRESS, _S.ESCALATED},
    Action.CLOSE: {_S.CLASSIFIED, _S.IN_PROGRESS, _S.ESCALATED},
    Action.SUMMARISE: {_S.CLOSED},
}


def available_actions(complaint: Complaint) -> tuple[Action, ...]:
    """What can be done next, in procedure order (for the buttons on the screen)."""
    return tuple(action for action, statuses in _FROM.items() if complaint.status in statuses)


def classify(
    complaint: Complaint,
    *,
    category: ComplaintCategory,
    severity: Severity,
    escalation: Escalation | None = None,
) -> Complaint:
    """General complaints become ``classified``. A major one is beyond the department's
    authority: it is escalated at once, so ``escalation`` (to whom, the reason told to the
    owner, the agreed reply time) is required with it."""
    _check(complaint, Action.CLASSIFY)
    if severity is Severity.MAJOR:
        _require_agreed_reply_time(escalation)
    status = _S.ESCALATED if severity is Severity.MAJOR else _S.CLASSIFIED
    return _settle(
        replace(
            complaint, status=status, category=category, severity=severity, escalation=escalation
        )
    )


def start_handling(
    complaint: Complaint, *, department: str, promised_at: datetime, at: datetime
) -> Complaint:
    """Hand a general complaint to ``department``; the owner is told it will be dealt with
    by ``promised_at`` (复清楚: a concrete time)."""
    _check(complaint, Action.START_HANDLING)
    handling = Handling(department, promised_at, at)
    return _settle(replace(complaint, status=_S.IN_PROGRESS, handling=handling))


def escalate(complaint: Complaint, *, escalation: Escalation) -> Complaint:
    """A general complaint turns out to be beyond the department: it becomes major."""
    _check(complaint, Action.ESCALATE)
    _require_agreed_reply_time(escalation)
    return _settle(
        replace(complaint, status=_S.ESCALATED, severity=Severity.MAJOR, escalation=escalation)
    )


def record_progress(complaint: Complaint, *, update: ProgressUpdate) -> Complaint:
    _check(complaint, Action.RECORD_PROGRESS)
    return _settle(replace(complaint, progress=(*complaint.progress, update)))


def close(complaint: Complaint, *, closure: Closure) -> Complaint:
    """Settle the complaint: straight from ``classified`` when solved on the spot."""
    _check(complaint, Action.CLOSE)
    return _settle(replace(complaint, status=_S.CLOSED, closure=closure))


def summarise(complaint: Complaint, *, summary: Summary) -> Complaint:
    _check(complaint, Action.SUMMARISE)
    return _settle(replace(complaint, status=_S.SUMMARISED, summary=summary))


def _check(complaint: Complaint, action: Action) -> None:
    if complaint.status not in _FROM[action]:
        status = complaint.status.label
        raise TransitionRefused(
            "illegal_transition",
            Text(
                f"不能{action.label.zh}：该投诉当前状态为“{status.zh}”。",
                f"Cannot {action.label.en} this complaint: its status is “{status.en}”.",
            ),
        )


def _require_agreed_reply_time(escalation: Escalation | None) -> None:
    if escalation is None or escalation.agreed_reply_at is None:
        problem = AGREED_REPLY_TIME_REQUIRED
        raise InvalidRecord([FieldError("escalation.agreed_reply_at", problem.code, problem.text)])


_BAD_TIME = Text("时间缺失或缺少时区。", "A time is missing or has no timezone.")


def _settle(complaint: Complaint) -> Complaint:
    """The result of every step: returned only if it is a valid complaint record."""
    try:
        payload = complaint.to_dict()
    except (ValueError, AttributeError) as error:  # a naive datetime, or None for one
        raise TransitionRefused("invalid_time", _BAD_TIME) from error
    _, errors = parse(payload, read_complaint)
    if errors:
        raise InvalidRecord(errors)
    return complaint
