"""The package boundaries in docs/architecture.md hold: import-linter checks every import."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the dev extra"

    result = subprocess.run([lint_imports], cwd=REPO, capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_kivy_is_imported_only_by_the_app_screens_widgets_and_its_driven_tour():
    allowed = (
        "mobile/app.py", "mobile/screens/", "mobile/widgets/", "mobile/platform/android",
        "mobile/tour/",  # drives the real window: the demo's tour and the UI tests
    )  # fmt: skip
    offenders = [
        str(path.relative_to(REPO))
        for package in ("domain", "mobile", "sync", "server")
        for path in (REPO / package).rglob("*.py")
        if not str(path.relative_to(REPO)).startswith(allowed)
        and any(
            line.lstrip().startswith(("import kivy", "from kivy", "import kivymd", "from kivymd"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]

    assert offenders == []
