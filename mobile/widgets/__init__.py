"""Shared widgets; ``load_all`` registers their classes and KV rules once."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

_LOADED: list[str] = []


def load_shell() -> None:
    """What the app's shell needs for its first frame: the sync bar (and KivyMD's fixes)."""
    # KivyMD loads a widget's KV rules when its module is first imported: the navigation
    # bar's must be in before app.kv's bar items (a rule for a subclass applied before its
    # base's would add an item's icon before the item has a place for it).
    import kivymd.uix.navigationbar  # noqa: F401
    import kivymd.uix.navigationrail  # noqa: F401

    from mobile.widgets import kivymd_fixes, navigation, sync_bar  # noqa: F401 - registers

    kivymd_fixes.apply()
    _load_kv(Path(__file__).with_name("sync_bar.kv"))


def load_all() -> None:
    load_shell()
    from mobile.widgets import (  # noqa: F401 - registers
        complaint_panel,
        field,
        patrol_panel,
        photo_strip,
        signature_pad,
        sync_bar,
        work_row,
    )

    for kv in sorted(Path(__file__).parent.glob("*.kv")):
        _load_kv(kv)


def _load_kv(kv: Path) -> None:
    if str(kv) not in _LOADED:
        Builder.load_file(str(kv))
        _LOADED.append(str(kv))
