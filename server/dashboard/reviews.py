"""A supervisor approves a record, or sends it back with a comment.

The verdict applies to the record's current revision (a later revision is to review
again) and is written to ``record_reviews`` and the audit log in one transaction; a
send-back is also published, in the same transaction, as a task for the record's author
that their tablet pulls (``server.services.send_backs``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from server.db.models import Account, Record, RecordReview
from server.services.audit import log_event
from server.services.send_backs import SENT_BACK, publish_send_back

APPROVED = "approved"
COMMENT_MAX = 2000


class CommentProblem(ValueError):
    """The send-back's comment is missing or too long; ``code`` names the message."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def review(
    session: Session,
    *,
    account: Account,
    record: Record,
    verdict: str,
    comment: str = "",
    now: datetime,
) -> RecordReview:
    comment = comment.strip()
    if verdict == SENT_BACK and not comment:
        raise CommentProblem("comment_required")
    if len(comment) > COMMENT_MAX:
        raise CommentProblem("comment_too_long")
    if verdict not in (APPROVED, SENT_BACK):
        raise ValueError(f"unknown verdict {verdict!r}")
    row = RecordReview(
        record_id=record.id,
        revision=record.revision,
        verdict=verdict,
        comment=comment,
        account=account,
        at=now,
    )
    session.add(row)
    # Only if the record is still at the revision reviewed: a newer one is pending.
    session.execute(
        update(Record)
        .where(Record.id == record.id, Record.revision == record.revision)
        .values(review_status=verdict)
        .execution_options(synchronize_session=False)
    )
    session.flush()  # the review's id, for the audit entry and the send-back's key
    if verdict == SENT_BACK:
        publish_send_back(session, review=row, record=record, reviewer=account, now=now)
    log_event(
        session,
        action=f"record_{verdict}",
        username=account.username,
        account_id=account.id,
        detail={
            "record_id": record.id,
            "revision": record.revision,
            "estate_id": record.estate_id,
            "review_id": row.id,
        },
    )
    session.commit()
    return row
