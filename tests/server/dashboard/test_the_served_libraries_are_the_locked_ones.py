"""The front-end libraries under server/dashboard/static/vendor/ are the versions
package-lock.json pins, unchanged since scripts/copy-dashboard-assets copied them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENDOR = ROOT / "server" / "dashboard" / "static" / "vendor"


def test_each_vendored_file_is_the_locked_version_byte_for_byte():
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))

    assert {entry["package"] for entry in manifest.values()} == set(package["dependencies"])
    for name, entry in manifest.items():
        locked = lock["packages"][f"node_modules/{entry['package']}"]["version"]
        assert entry["version"] == locked == package["dependencies"][entry["package"]]
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"]


def test_no_page_loads_anything_from_another_host():
    templates = (ROOT / "server" / "dashboard" / "templates").glob("*.html")
    css = (ROOT / "server" / "dashboard" / "static" / "dashboard.css").read_text()

    for text in [path.read_text(encoding="utf-8") for path in templates] + [css]:
        assert "http://" not in text and "https://" not in text and "//cdn" not in text
