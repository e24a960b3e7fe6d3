"""Shared widgets; ``load_all`` registers their classes and KV rules once."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

_LOADED: list[str] = []


def load_all() -> None:
    from mobile.widgets import kivymd_fixes

    kivymd_fixes.apply()
    from mobile.widgets import (  # noqa: F401 - registers
        field,
        patrol_panel,
        photo_strip,
        sync_bar,
        work_row,
    )

    for kv in sorted(Path(__file__).parent.glob("*.kv")):
        if str(kv) not in _LOADED:
            Builder.load_file(str(kv))
            _LOADED.append(str(kv))
