"""Android pauses the app (another app in front, the screen off): its sync thread ends,
a round saved meanwhile waits in the store, and on resume it goes up to the server."""

import threading

from tests.mobile.ui.demo_records import night_round


def _sync_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sync"]


def test_a_round_saved_while_paused_goes_up_on_resume(signed_in, demo_server):
    driver = signed_in
    app = driver.app
    driver.until(lambda: app.sync_view.pending_records == 0, what="nothing waiting")

    assert app.on_pause() is True
    for thread in _sync_threads():
        thread.join(30)  # a pass in flight ends by itself
    assert _sync_threads() == []

    record = app.forms.submit(None, "patrol_round", night_round())
    driver.frames()
    assert app.store.records.get(record.id).sync_state == "pending"  # no thread to send it

    app.on_resume()
    driver.until(lambda: app.sync_view.pending_records == 0, what="the round sent")
    assert record.id in demo_server.records([record.id])
    assert len(_sync_threads()) == 1
