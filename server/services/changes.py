"""The server-side change sequence that orders reference data for pulls.

The counter row is incremented with ``UPDATE ... RETURNING`` inside the
writer's transaction. That row lock is held until commit, so a writer that
takes number n+1 commits after the one that took n: a pull that has seen n+1
can never later discover a commit of n, and a cursor never skips a change.
(A database SEQUENCE gives no such ordering of commits.)
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from server.db.models import Counter

CHANGE_SEQ = "change_seq"


def next_change_seq(session: Session) -> int:
    statement = (
        update(Counter)
        .where(Counter.name == CHANGE_SEQ)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    return session.execute(statement).scalar_one()


def reserve_change_seqs(session: Session, count: int) -> range:
    """``count`` consecutive numbers at once (for a bulk write), under the same row lock."""
    statement = (
        update(Counter)
        .where(Counter.name == CHANGE_SEQ)
        .values(value=Counter.value + count)
        .returning(Counter.value)
    )
    last = session.execute(statement).scalar_one()
    return range(last - count + 1, last + 1)
