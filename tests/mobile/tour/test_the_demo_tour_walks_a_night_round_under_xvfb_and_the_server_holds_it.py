"""``make demo`` without a display: the app runs under Xvfb through the scripted tour
(a night round with one abnormal checkpoint and a photo, then a sync), as
scripts/demo starts it; the server then holds the round with its photo, and a
screenshot of each screen passed is on disk."""

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "e2e"))

from real_server import RealServer  # noqa: E402

from mobile.store.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]


def test_the_tour_records_a_night_round_that_reaches_the_server_with_its_photo(tmp_path):
    server = RealServer(tmp_path / "server", demo=True)
    server.start()
    try:
        shots = tmp_path / "screenshots"
        environment = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
        environment["PYTHONPATH"] = str(ROOT)
        run = subprocess.run(
            ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "mobile.tour",
             "--server", server.url, "--data", str(tmp_path / "app"), "--screenshots", str(shots)],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-3000:]

        (round_id,) = re.findall(r"the round is on the server: (\S+)", run.stdout)
        held = server.records([round_id])[round_id]
        visits = held["payload"]["checkpoints"]
        (abnormal,) = [visit for visit in visits if visit.get("abnormal")]
        (photo,) = abnormal["photos"]
        assert held["complete"] and held["photos"] == [photo]
        assert sum(visit.get("skipped", False) for visit in visits) == len(visits) - 2
        with Store.open(tmp_path / "app" / "store") as store:
            assert server.photo(photo) == store.photos.open_bytes(photo)

        names = sorted(p.name for p in shots.glob("*.png"))
        assert names[0] == "01-sign-in.png" and "08-sync.png" in names
        assert all(str(shots / name) in run.stdout for name in names)
        assert all((shots / name).stat().st_size > 10_000 for name in names)
    finally:
        server.close()
