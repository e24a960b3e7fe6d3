"""Two app processes on one data folder would corrupt it: the second is told why."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from mobile.store.store import Store

REPO = Path(__file__).resolve().parents[3]


def test_second_process_opening_the_same_store_gets_a_clear_error(tmp_path):
    script = textwrap.dedent(
        f"""
        from mobile.store.errors import StoreAlreadyOpen
        from mobile.store.store import Store
        try:
            Store.open({str(tmp_path)!r})
        except StoreAlreadyOpen as error:
            print(error.text.zh)
            print(error.text.en)
        """
    )
    with Store.open(tmp_path) as store:
        store.records.create("complaint", {"room": "1101"})
        second = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    assert second.returncode == 0, second.stderr
    zh, en = second.stdout.splitlines()
    assert "另一个" in zh
    assert "already open" in en


def test_store_opens_again_once_the_first_process_closed_it(tmp_path):
    Store.open(tmp_path).close()
    with Store.open(tmp_path) as store:
        assert store.records.pending() == []
