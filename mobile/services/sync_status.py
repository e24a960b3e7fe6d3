"""What the sync bar and the Sync screen show, delivered coalesced on the UI thread.

    feed = SyncStatusFeed(deliver=lambda flush: Clock.schedule_once(lambda dt: flush()),
                          listener=app_state.show)
    engine.observer = feed.engine_changed     # any thread, as often as every 64 KB
    forms.on_saved.append(feed.record_saved)  # after every save, without a pass

Every change replaces one ``SyncView``; a delivery is asked for only when none
is waiting, and it hands the listener the newest view. So a burst of engine
snapshots between two frames reaches the screen once, on the thread
``deliver`` runs its argument on (Kivy's main thread in the app).

The counts come from the engine's recount (after every pass; the outbox the
engine is handed is a ``CountedOutbox``, which tells the feed that the next
snapshot carries fresh counts) and move on their own after each save: a new
record adds one record and its photos, so nothing reads every pending record
to show them. A photo shared by two records counts twice until the next
recount. Other snapshots (bytes sent, the probe's online or offline) leave the
counts as they are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.text import Text
from mobile.services.outbox import StoreOutbox
from mobile.services.sync_view import SyncView
from mobile.store.records import StoredRecord
from sync.engine import SyncStatus
from sync.errors import AuthRequired, ProtocolOutdated


def waiting_for_sign_in(names: tuple[str, ...]) -> Text | None:
    """What the sync bar says of previous people whose token the server refused
    (mobile/services/every_author.py): their records wait for them, nothing is lost."""
    if not names:
        return None
    return Text(
        f"{'、'.join(names)} 的记录正在等待其本人在这台平板上重新登录后上传，"
        "记录已安全保存在本机。",
        f"The records of {', '.join(names)} wait for that person to sign in again on this "
        "tablet; they are safe here.",
    )


SIGNED_OUT = Text("未登录，不能同步。记录已安全保存在本机。", "Not signed in: nothing syncs. "
                  "Records are safe on this tablet.")  # fmt: skip


def blocked_reason(status: SyncStatus, signed_in: bool) -> Text | None:
    """Why nothing will sync until a person acts, or None."""
    if not signed_in:
        return SIGNED_OUT
    if status.auth_required:
        return AuthRequired.text
    if status.last_error == ProtocolOutdated.text:
        return ProtocolOutdated.text
    return None


class SyncStatusFeed:
    def __init__(
        self,
        deliver: Callable[[Callable[[], None]], None],
        listener: Callable[[SyncView], None],
        signed_in: Callable[[], bool] = lambda: True,
        waiting_for: Callable[[], tuple[str, ...]] = tuple,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.deliver = deliver
        self.listener = listener
        self.signed_in = signed_in
        self.waiting_for = waiting_for
        self.now = now
        self.view = SyncView()
        self._engine = SyncStatus()
        self._lock = threading.Lock()
        self._waiting = False
        self._recounted = False

    def recounted(self) -> None:
        """The engine has just counted the outbox: its next snapshot's counts are true."""
        with self._lock:
            self._recounted = True

    # -- what changes it (any thread) -------------------------------------------------------

    def engine_changed(self, status: SyncStatus) -> None:
        age = status.oldest_pending_age_s
        with self._lock:
            counted, self._recounted = self._recounted, False
            self._engine = status
            changes = {
                "online": status.online,
                "syncing": status.syncing,
                "bytes_sent": status.bytes_sent,
                "bytes_total": status.bytes_total,
                "last_success_at": status.last_success_at,
                "last_error": status.last_error,
                "rejections": status.rejections,
                "blocked": blocked_reason(status, self.signed_in()),
                "waiting_for_sign_in": waiting_for_sign_in(self.waiting_for()),
            }
            if counted:
                changes.update(
                    pending_records=status.pending_records,
                    pending_photos=status.pending_photos,
                    oldest_pending_at=None if age is None else self.now() - timedelta(seconds=age),
                )
            self._change(**changes)

    def record_saved(self, record: StoredRecord) -> None:
        with self._lock:
            if record.revision != 1:  # an edit: already counted, or counted at the next pass
                return
            view = self.view
            oldest = view.oldest_pending_at
            self._change(
                pending_records=view.pending_records + 1,
                pending_photos=view.pending_photos + len(set(record.photos)),
                oldest_pending_at=record.created_at if oldest is None else oldest,
            )

    def session_changed(self, *_ignored) -> None:
        with self._lock:
            self._change(
                blocked=blocked_reason(self._engine, self.signed_in()),
                waiting_for_sign_in=waiting_for_sign_in(self.waiting_for()),
            )

    # -- delivery ---------------------------------------------------------------------------

    def _change(self, **changes) -> None:
        """Called with the lock held."""
        self.view = replace(self.view, **changes)
        if not self._waiting:
            self._waiting = True
            self.deliver(self._flush)

    def _flush(self) -> None:
        with self._lock:
            self._waiting = False
            view = self.view
        self.listener(view)


class CountedOutbox(StoreOutbox):
    """The store's outbox, telling the feed each time the engine counts what waits."""

    def __init__(self, store, feed: SyncStatusFeed, **kwargs):
        super().__init__(store, **kwargs)
        self.feed = feed

    def pending_counts(self) -> tuple[int, int]:
        counts = super().pending_counts()
        self.feed.recounted()
        return counts
