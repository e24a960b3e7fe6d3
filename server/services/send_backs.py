"""Send-backs on their way to the tablet and back (docs/sync-protocol.md, "Send-backs").

A supervisor's send-back (``server.dashboard.reviews``) is written as a ``send_back``
reference item assigned to the record's author, in the review's transaction: the next
pull brings it to the author's tablet. Its key derives from the review, so one review is
one task. When the author's next revision of the record is accepted,
``answer_send_backs`` marks every open send-back of an earlier revision answered by it,
in the push's savepoint (the revision and the answer commit together, or neither); the
changed item travels back to the tablet, which drops the task from Today.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.send_back import SendBack, SendBackStatus
from server.db.models import Account, Record, RecordReview, ReferenceItem
from server.services.reference import SEND_BACK, store_reference_item
from server.services.work_items import derived_id

SENT_BACK = "sent_back"


def send_back_key(review_id: int) -> str:
    return derived_id("send_back", str(review_id))


def publish_send_back(
    session: Session, *, review: RecordReview, record: Record, reviewer: Account, now: datetime
) -> ReferenceItem:
    """The review's task for the record's author, in the caller's transaction."""
    author = session.get(Account, record.account_id)
    assert author is not None  # a foreign key
    task = SendBack(
        id=send_back_key(review.id),
        record_id=record.id,
        record_kind=record.kind,
        revision=record.revision,
        staff_id=author.username,
        reviewer=reviewer.username,
        comment=review.comment,
        sent_at=now,
        payload=record.payload,
    )
    return store_reference_item(
        session, kind=SEND_BACK, key=task.id, data=task.to_dict(), estate_id=record.estate_id
    )


def send_backs_of(session: Session, review_ids: Iterable[int]) -> dict[int, SendBack]:
    """The send-back of each review (by review id) that has one."""
    by_key = {send_back_key(review_id): review_id for review_id in review_ids}
    if not by_key:
        return {}
    items = session.scalars(
        select(ReferenceItem).where(
            ReferenceItem.kind == SEND_BACK, ReferenceItem.key.in_(list(by_key))
        )
    )
    return {by_key[item.key]: SendBack.from_dict(item.data) for item in items}


def answer_send_backs(session: Session, *, record_id: str, revision: int) -> None:
    """Mark the record's open send-backs of earlier revisions answered by ``revision``."""
    review_ids = session.scalars(
        select(RecordReview.id).where(
            RecordReview.record_id == record_id,
            RecordReview.verdict == SENT_BACK,
            RecordReview.revision < revision,
        )
    ).all()
    if not review_ids:
        return
    for item in session.scalars(
        select(ReferenceItem).where(
            ReferenceItem.kind == SEND_BACK,
            ReferenceItem.key.in_([send_back_key(review_id) for review_id in review_ids]),
            ReferenceItem.deleted.is_(False),
        )
    ).all():
        task = SendBack.from_dict(item.data)
        if task.status is SendBackStatus.OPEN:
            store_reference_item(
                session,
                kind=SEND_BACK,
                key=item.key,
                data=task.answered_by(revision).to_dict(),
                estate_id=item.estate_id,
                changed_by_record=record_id,
            )
