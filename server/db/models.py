"""The server's tables.

Records pushed by tablets (``records``, ``record_revisions``,
``record_photos``), photos (``photos``), reference data pulled by tablets
(``estates``, ``reference_items``, ordered by ``change_seq`` from
``counters``; ``reference_item_rooms`` and ``reference_access`` scope it per
account), accounts and their devices, and the append-only ``audit_log``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from domain.roles import Role
from server.db.types import JSONType, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONType, list[str]: JSONType}


ROLES = tuple(role.value for role in Role)

# Change sequence numbers: 64-bit everywhere (SQLite's INTEGER already is), so that
# every number up to protocol.MAX_SEQUENCE fits; revisions and row ids are plain
# Integer columns (32-bit on PostgreSQL): protocol.MAX_REVISION and MAX_ROW_ID.
SequenceNumber = BigInteger().with_variant(Integer(), "sqlite")

account_estates = Table(
    "account_estates",
    Base.metadata,
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("estate_id", ForeignKey("estates.id", ondelete="CASCADE"), primary_key=True),
)


class Counter(Base):
    """Named counters that only grow; ``change_seq`` orders reference data for pulls."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(SequenceNumber, default=0)


class Estate(Base):
    """An estate (项目/小区); its id is the string records carry as ``estate_id``."""

    __tablename__ = "estates"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200), default="")
    change_seq: Mapped[int] = mapped_column(SequenceNumber, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    # An admin of the whole company rather than of its estates (server.permissions).
    company_wide: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    estates: Mapped[list[Estate]] = relationship(secondary=account_estates, lazy="selectin")

    @property
    def estate_ids(self) -> set[str]:
        return {estate.id for estate in self.estates}


class Device(Base):
    """A tablet signed in as an account; only the SHA-256 of its token is kept."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    # What the tablet said of itself at its latest pull or push (server.services.
    # device_reports): None where it said nothing (an older app).
    app_version: Mapped[str | None] = mapped_column(String(40))
    last_sync_at: Mapped[datetime | None]
    backlog_records: Mapped[int | None]
    backlog_photos: Mapped[int | None]

    account: Mapped[Account] = relationship(lazy="joined")


class LoginFailure(Base):
    """One failed login from a client address; the throttle counts recent rows by
    username, by address and by both (server.services.throttle)."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64), default="", server_default="")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class AuditEntry(Base):
    """Append-only log of logins, failed logins, pushes, revocations and every
    delivery of the owner archive. Triggers in the database refuse an UPDATE or
    DELETE (server.db.audit_guard); the ORM hook below fails earlier, in Python.

    Account and device ids are plain integers, not foreign keys, so the log
    never blocks (or loses rows with) a change to the tables it describes.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    username: Mapped[str | None] = mapped_column(String(64))
    account_id: Mapped[int | None]
    device_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_audit_change(mapper, connection, target) -> None:
    raise RuntimeError("audit_log is append-only")


class Record(Base):
    """The latest revision of a record pushed from a tablet.

    ``abnormal`` and ``reply_due_at`` are decided from the payload by the push
    (server.services.record_flags); ``review_status`` is that of the latest review of
    the current revision (pending again on every new revision). A patrol round's
    coverage columns (``shift_day`` to ``round_route``) are its comparison with its route
    as accepted (server.services.round_coverage). They and the indexes below let the
    dashboard filter and page a million records in SQL.
    """

    __tablename__ = "records"
    __table_args__ = (
        Index("ix_records_received_at_id", "received_at", "id"),
        Index("ix_records_estate_id_received_at", "estate_id", "received_at", "id"),
        Index("ix_records_estate_id_kind_received_at", "estate_id", "kind", "received_at", "id"),
        Index("ix_records_account_id_received_at", "account_id", "received_at"),
        Index("ix_records_estate_id_abnormal_received_at", "estate_id", "abnormal", "received_at"),
        Index("ix_records_estate_id_review_status", "estate_id", "review_status", "received_at"),
        Index("ix_records_estate_id_reply_due_at", "estate_id", "reply_due_at"),
        Index("ix_records_estate_id_shift_day", "estate_id", "shift_day"),
        Index("ix_records_estate_id_kind_updated_at", "estate_id", "kind", "updated_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    estate_id: Mapped[str] = mapped_column(ForeignKey("estates.id"), index=True)
    revision: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    photos: Mapped[list[str]]
    complete: Mapped[bool] = mapped_column(default=False)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    device_created_at: Mapped[str] = mapped_column(String(64))
    device_updated_at: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    abnormal: Mapped[bool] = mapped_column(default=False, server_default=false())
    review_status: Mapped[str] = mapped_column(
        String(20), default="pending", server_default="pending"
    )
    reply_due_at: Mapped[datetime | None]
    # A patrol round against its route as accepted (server.services.round_coverage).
    shift_day: Mapped[date | None]
    round_started_at: Mapped[datetime | None]
    visited_count: Mapped[int | None]
    missed_count: Mapped[int | None]
    out_of_order_count: Mapped[int | None]
    abnormal_count: Mapped[int | None]
    round_route: Mapped[list[str] | None]


class RecordRevision(Base):
    """Every revision ever accepted, the current one included."""

    __tablename__ = "record_revisions"
    __table_args__ = (UniqueConstraint("record_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    revision: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    photos: Mapped[list[str]]
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecordPhoto(Base):
    """Which photos the current revision of a record needs (to find records by photo)."""

    __tablename__ = "record_photos"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class Photo(Base):
    """A photo being uploaded (``received < size``) or kept (``complete``)."""

    __tablename__ = "photos"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    received: Mapped[int] = mapped_column(default=0)
    complete: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]


class ReferenceItem(Base):
    """Reference data sent to tablets: buildings, rooms, owners, checkpoints, routes,
    work orders, visit tasks (server.services.reference).

    ``data`` is the domain object's ``to_dict()``. ``assignee`` (the work order's
    technician, the visit task's staff member, as a lowercase username) and
    ``room_id`` (the room a work order or visit task is for) are copied out of
    ``data`` on every write, so that a pull can scope by them. A deleted item
    stays as a tombstone so tablets learn of the deletion.

    ``change_seq`` is the item's version as tablets see it. ``changed_by_record``
    names the pushed record whose workflow made the last change (None when a
    person or an import made it): a repair check that worked from an older version
    conflicts with every later change but its own (server.services.conflicts).
    """

    __tablename__ = "reference_items"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(100))
    estate_id: Mapped[str | None] = mapped_column(ForeignKey("estates.id"), index=True)
    data: Mapped[dict[str, Any]]
    deleted: Mapped[bool] = mapped_column(default=False)
    change_seq: Mapped[int] = mapped_column(SequenceNumber, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    assignee: Mapped[str | None] = mapped_column(String(100), index=True)
    room_id: Mapped[str | None] = mapped_column(String(100), index=True)
    changed_by_record: Mapped[str | None] = mapped_column(String(100))


class ReferenceItemRoom(Base):
    """The rooms an owner item names, one row each (to find a room's owners)."""

    __tablename__ = "reference_item_rooms"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("reference_items.id", ondelete="CASCADE"), primary_key=True
    )
    room_id: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class ReferenceAccess(Base):
    """One item as seen by one account, where neither the estate nor the role decides.

    ``granted`` rows give an account an item its role would not see (a technician
    the owners of the rooms of their open work orders); the row's ``change_seq``
    is when that started. Rows with ``granted`` false are tombstones addressed to
    one account: it saw the item and no longer may (a reassigned work order or
    visit task, a technician's finished work order). See docs/sync-protocol.md.
    """

    __tablename__ = "reference_access"
    __table_args__ = (Index("ix_reference_access_username_change_seq", "username", "change_seq"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("reference_items.id", ondelete="CASCADE"), primary_key=True
    )
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    granted: Mapped[bool]
    change_seq: Mapped[int] = mapped_column(SequenceNumber)


class DashboardSession(Base):
    """A signed-in browser on the supervisors' dashboard (server.dashboard.sessions).

    The cookie holds a random token; only its SHA-256 is kept here. A session ends on
    sign-out (``ended_at``) or when it has been idle too long (``last_seen_at``).
    """

    __tablename__ = "dashboard_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    account: Mapped[Account] = relationship(lazy="joined")


class RecordReview(Base):
    """A supervisor's verdict on one revision of a record: approved, or sent back with a
    comment. The latest row of a record is its review status."""

    __tablename__ = "record_reviews"
    __table_args__ = (Index("ix_record_reviews_record_id_at", "record_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    revision: Mapped[int]
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship(lazy="joined")
