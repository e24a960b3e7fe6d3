"""assets/demo is exactly what scripts/make_demo_estate.py writes: the script is
deterministic and the committed files are not edited by hand."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_regenerating_the_demo_gives_the_committed_files_byte_for_byte(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_demo_estate.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )

    committed = sorted(
        path.name
        for path in (ROOT / "assets" / "demo").iterdir()
        if path.is_file() and path.name != "README.md"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (ROOT / "assets" / "demo" / name).read_bytes(), (
            name
        )
