"""A form in progress is saved as it is typed and comes back after a kill."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from mobile.store.store import Store

REPO = Path(__file__).resolve().parents[3]


def test_draft_saved_before_a_kill_is_there_on_reopen(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys, time
        from mobile.store.store import Store
        store = Store.open({str(tmp_path)!r})
        store.drafts.save("complaint:new", {{"room": "5-1-0302", "matter": "楼上漏水"}})
        print("saved", flush=True)
        time.sleep(60)
        """
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert writer.stdout.readline() == b"saved\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait()

    with Store.open(tmp_path) as store:
        draft = store.drafts.load("complaint:new")

    assert draft.fields == {"room": "5-1-0302", "matter": "楼上漏水"}


def test_submitting_a_draft_creates_the_record_and_drops_the_draft_together(tmp_path):
    with Store.open(tmp_path) as store:
        store.drafts.save("complaint:new", {"room": "5-1-0302"})
        store.drafts.save("return_visit:task-7", {"method": "phone"})

        record = store.submit("complaint:new", "complaint", {"room": "5-1-0302"})

        assert store.drafts.load("complaint:new") is None
        assert [d.key for d in store.drafts.all()] == ["return_visit:task-7"]
    with Store.open(tmp_path) as reopened:
        assert reopened.records.get(record.id).payload == {"room": "5-1-0302"}
        assert reopened.drafts.load("complaint:new") is None


def test_latest_keystrokes_win_and_a_discarded_draft_is_gone(tmp_path):
    with Store.open(tmp_path) as store:
        store.drafts.save("repair_check:wo-1", {"diagnosis": "水"})
        store.drafts.save("repair_check:wo-1", {"diagnosis": "水管接头老化"})
        assert store.drafts.load("repair_check:wo-1").fields == {"diagnosis": "水管接头老化"}
        store.drafts.discard("repair_check:wo-1")
        assert store.drafts.load("repair_check:wo-1") is None
