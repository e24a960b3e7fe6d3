"""Whether a record's photos have all arrived (``records.complete``)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Photo, Record, RecordPhoto


def missing_photos(session: Session, *, photos: Iterable[str]) -> list[str]:
    """The photos of ``photos`` not yet complete on the server, in their order."""
    wanted = list(dict.fromkeys(photos))
    if not wanted:
        return []
    have = set(
        session.scalars(select(Photo.sha256).where(Photo.sha256.in_(wanted), Photo.complete))
    )
    return [sha for sha in wanted if sha not in have]


def refresh_records_using(session: Session, *, photos: Collection[str]) -> None:
    """Recompute ``complete`` for every record whose current revision needs one of ``photos``."""
    records = session.scalars(
        select(Record)
        .join(RecordPhoto, RecordPhoto.record_id == Record.id)
        .where(RecordPhoto.sha256.in_(photos))
        .distinct()
    )
    for record in records:
        record.complete = not missing_photos(session, photos=record.photos)
