"""The sync bar's view: one delivery per burst, moved by each save, blocked with a reason."""

from datetime import UTC, datetime, timedelta

from mobile.services.sync_status import CountedOutbox, SyncStatusFeed
from mobile.services.sync_view import BLOCKED, IDLE, OFFLINE, SENDING_PHOTOS
from mobile.store.records import StoredRecord, SyncState
from sync.engine import SyncEngine, SyncStatus
from sync.errors import AuthRequired, ProtocolOutdated

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


class Frames:
    """Stands in for Kivy's Clock: deliveries wait for the next frame."""

    def __init__(self):
        self.waiting = []

    def deliver(self, flush):
        self.waiting.append(flush)

    def next_frame(self):
        waiting, self.waiting = self.waiting, []
        for flush in waiting:
            flush()


def _feed(signed_in=True):
    frames, shown = Frames(), []
    feed = SyncStatusFeed(frames.deliver, shown.append, lambda: signed_in, now=lambda: NOW)
    return feed, frames, shown


def _record(photos=(), revision=1):
    return StoredRecord("r", "complaint", {}, tuple(photos), revision, SyncState.PENDING,
                        NOW - timedelta(minutes=5), NOW, None, None)  # fmt: skip


def _recount(feed, status):
    feed.recounted()
    feed.engine_changed(status)


def test_a_burst_of_engine_snapshots_reaches_the_screen_once_with_the_newest():
    feed, frames, shown = _feed()

    for sent in range(0, 100 * 65536, 65536):
        feed.engine_changed(SyncStatus(online=True, syncing=True, bytes_sent=sent,
                                       bytes_total=100 * 65536))  # fmt: skip
    frames.next_frame()

    assert len(shown) == 1
    assert shown[0].bytes_sent == 99 * 65536 and shown[0].phase == SENDING_PHOTOS


def test_a_save_moves_the_counts_and_the_oldest_age_without_a_pass():
    feed, frames, shown = _feed()
    _recount(feed, SyncStatus(online=False, pending_records=2, pending_photos=1,
                              oldest_pending_age_s=3600))  # fmt: skip

    feed.record_saved(_record(photos=["a" * 64, "b" * 64]))
    frames.next_frame()

    view = shown[-1]
    assert (view.pending_records, view.pending_photos) == (3, 3)
    assert view.oldest_age(NOW) == timedelta(hours=1)
    assert view.phase == OFFLINE


def test_the_first_save_on_an_empty_outbox_starts_the_age_of_the_oldest():
    feed, frames, shown = _feed()

    feed.record_saved(_record())
    frames.next_frame()

    assert shown[-1].oldest_age(NOW) == timedelta(minutes=5)


def test_an_edit_does_not_count_a_record_twice():
    feed, frames, shown = _feed()
    _recount(feed, SyncStatus(pending_records=1, oldest_pending_age_s=60))

    feed.record_saved(_record(revision=2))
    frames.next_frame()

    assert shown[-1].pending_records == 1


def test_the_next_count_from_the_engine_replaces_the_estimate():
    feed, frames, shown = _feed()
    feed.record_saved(_record())
    _recount(feed, SyncStatus(online=True, pending_records=0))
    frames.next_frame()

    assert shown[-1].pending_records == 0 and shown[-1].oldest_pending_at is None
    assert shown[-1].phase == IDLE


def test_a_snapshot_without_a_recount_keeps_the_counts_of_the_saves():
    feed, frames, shown = _feed()
    feed.record_saved(_record())

    feed.engine_changed(SyncStatus(online=False))  # the probe found no server
    frames.next_frame()

    assert shown[-1].pending_records == 1 and shown[-1].phase == OFFLINE


def test_the_engine_s_recount_through_the_store_outbox_reaches_the_feed(store):
    feed, frames, shown = _feed()
    store.records.create("complaint", {}, ["c" * 64])
    engine = SyncEngine(CountedOutbox(store, feed), transport=None, observer=feed.engine_changed)

    engine.refresh_counts()
    frames.next_frame()

    assert (shown[-1].pending_records, shown[-1].pending_photos) == (1, 1)


def test_blocked_says_why_for_an_expired_sign_in_an_old_app_and_nobody_signed_in():
    feed, frames, shown = _feed()
    feed.engine_changed(SyncStatus(auth_required=True))
    frames.next_frame()
    assert shown[-1].phase == BLOCKED and shown[-1].blocked == AuthRequired.text

    feed.engine_changed(SyncStatus(last_error=ProtocolOutdated.text))
    frames.next_frame()
    assert shown[-1].blocked == ProtocolOutdated.text

    signed_out, frames, shown = _feed(signed_in=False)
    signed_out.session_changed(None)
    frames.next_frame()
    assert "未登录" in shown[-1].blocked.zh
