"""One record as its detail page shows it, and the photos and owner archive behind it,
each only when the record (or owner) is in one of the account's estates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.validation import ID_LENGTH
from server.db.models import (
    Account,
    AuditEntry,
    Device,
    Photo,
    Record,
    RecordPhoto,
    RecordReview,
    RecordRevision,
)
from server.services.audit import log_event
from server.services.owners import OWNER_VIEWED, room_label
from server.services.reference import OWNER, OWNER_ARCHIVE_ROLES, visible_item


@dataclass(frozen=True)
class Revision:
    revision: RecordRevision
    account: Account
    device: Device


@dataclass(frozen=True)
class GpsFix:
    checkpoint_id: str
    lat: float
    lon: float
    accuracy_m: float | None


def visible_record(session: Session, *, estate_ids: set[str], record_id: str) -> Record | None:
    """The record if it is in one of the estates; None otherwise (say 404 either way)."""
    if len(record_id) > 36 or "\x00" in record_id:
        return None
    record = session.get(Record, record_id)
    return record if record is not None and record.estate_id in estate_ids else None


def revisions(session: Session, record: Record) -> list[Revision]:
    rows = session.execute(
        select(RecordRevision, Account, Device)
        .join(Account, Account.id == RecordRevision.account_id)
        .join(Device, Device.id == RecordRevision.device_id)
        .where(RecordRevision.record_id == record.id)
        .order_by(RecordRevision.revision.desc())
    ).all()
    return [Revision(revision, account, device) for revision, account, device in rows]


def reviews(session: Session, record: Record) -> list[RecordReview]:
    return list(
        session.scalars(
            select(RecordReview)
            .where(RecordReview.record_id == record.id)
            .order_by(RecordReview.at.desc(), RecordReview.id.desc())
        )
    )


def audit_trail(session: Session, record: Record) -> list[AuditEntry]:
    """Audit entries that name the record (reviews, and whatever else names it)."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.detail["record_id"].as_string() == record.id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
    )


def gps_fixes(record: Record) -> list[GpsFix]:
    fixes = []
    for visit in record.payload.get("checkpoints") or []:
        gps = (visit.get("presence") or {}).get("gps")
        if gps and "lat" in gps and "lon" in gps:
            fixes.append(
                GpsFix(
                    visit.get("checkpoint_id", ""), gps["lat"], gps["lon"], gps.get("accuracy_m")
                )
            )
    return fixes


def photo_groups(record: Record) -> list[tuple[str, list[str]]]:
    """The record's photos, grouped where the payload says where they belong
    (a checkpoint, before or after a repair); the rest under ""."""
    payload = record.payload
    groups: list[tuple[str, list[str]]] = []
    placed: set[str] = set()
    for visit in payload.get("checkpoints") or []:
        if visit.get("photos"):
            groups.append((str(visit.get("checkpoint_id", "")), list(visit["photos"])))
    for name in ("photos_before", "photos_after"):
        if payload.get(name):
            groups.append((name, list(payload[name])))
    for _, hashes in groups:
        placed.update(hashes)
    rest = [sha for sha in record.photos if sha not in placed]
    if rest:
        groups.append(("", rest))
    return groups


MARKS = "annotations"  # the payload's field of marks drawn on photos (domain.annotations)
_DOT = 0.01  # a one-point stroke is drawn as a line this long: its round ends make a dot


def photo_marks(record: Record) -> dict[str, list[str]]:
    """The marks drawn on each photo, as the ``points`` of one SVG polyline a stroke
    in a 1 by 1 box over the photo."""
    marks: dict[str, list[str]] = {}
    for layer in record.payload.get(MARKS) or []:
        lines = []
        for stroke in layer["strokes"]:
            points = list(zip(stroke[::2], stroke[1::2], strict=True))
            if len(points) == 1:
                points.append((points[0][0] + _DOT, points[0][1]))
            lines.append(" ".join(f"{x:g},{y:g}" for x, y in points))
        marks[layer["photo"]] = lines
    return marks


def listed_fields(record: Record) -> dict:
    """The payload as the page lists it: the marks are drawn on their photos instead
    of listed as numbers."""
    return {key: value for key, value in record.payload.items() if key != MARKS}


def uploaded_photos(session: Session, hashes: list[str]) -> set[str]:
    if not hashes:
        return set()
    return set(
        session.scalars(
            select(Photo.sha256).where(Photo.sha256.in_(hashes), Photo.complete.is_(True))
        )
    )


def photo_visible(session: Session, *, estate_ids: set[str], sha256: str) -> bool:
    """Whether a complete photo belongs to a record in one of the estates."""
    found = session.scalar(
        select(RecordPhoto.sha256)
        .join(Record, Record.id == RecordPhoto.record_id)
        .join(Photo, Photo.sha256 == RecordPhoto.sha256)
        .where(
            RecordPhoto.sha256 == sha256,
            Record.estate_id.in_(sorted(estate_ids)),
            Photo.complete.is_(True),
        )
        .limit(1)
    )
    return found is not None


def view_owner(session: Session, *, account: Account, owner_id: str) -> dict[str, Any] | None:
    """The owner's full archive for a supervisor of the owner's estate, written to the
    audit log; None for other roles, other estates and unknown owners."""
    if account.role not in OWNER_ARCHIVE_ROLES or len(owner_id) > ID_LENGTH or "\x00" in owner_id:
        return None
    item = visible_item(session, account=account, kind=OWNER, key=owner_id)
    if item is None:
        return None
    log_event(
        session,
        action=OWNER_VIEWED,
        username=account.username,
        account_id=account.id,
        detail={
            "owner_id": item.key,
            "estate_id": item.estate_id,
            "role": account.role,
            "via": "dashboard",
        },
    )
    session.commit()
    return {
        "estate_id": item.estate_id,
        "owner": item.data,
        "rooms": [
            {"id": room, "label": room_label(session, room)} for room in item.data["room_ids"]
        ],
    }
