"""The sync bar names the previous people whose records wait for them to sign in
again on this tablet (their kept token was refused), in Chinese and English."""

from mobile.services.sync_status import SyncStatusFeed
from mobile.services.sync_view import IDLE
from sync.engine import SyncStatus


def test_the_status_names_who_must_sign_in_again_and_clears_once_they_have():
    shown, waiting, frames = [], ["张伟"], []
    feed = SyncStatusFeed(frames.append, shown.append, waiting_for=lambda: tuple(waiting))

    feed.engine_changed(SyncStatus(online=True))
    frames.pop()()

    notice = shown[-1].waiting_for_sign_in
    assert "张伟" in notice.zh and "重新登录" in notice.zh
    assert "张伟" in notice.en and "sign in again on this tablet" in notice.en
    assert shown[-1].phase == IDLE  # the others' records keep flowing: not blocked
    waiting.clear()
    feed.session_changed()
    frames.pop()()
    assert shown[-1].waiting_for_sign_in is None
