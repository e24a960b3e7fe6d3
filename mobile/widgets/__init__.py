"""Shared widgets; ``load_all`` registers their classes and KV rules once."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

_LOADED: list[str] = []


def load_shell() -> None:
    """What the app's shell needs for its first frame: the sync bar (and KivyMD's fixes)."""
    from mobile.widgets import kivymd_fixes, sync_bar  # noqa: F401 - registers

    kivymd_fixes.apply()
    _load_kv(Path(__file__).with_name("sync_bar.kv"))


def load_all() -> None:
    """Every widget, the navigation's included (the shell's first frame has none)."""
    load_shell()
    # KivyMD loads a widget's KV rules when its module is first imported, here with
    # navigation's: they must be in before navigation.kv's rules for its subclasses (a
    # subclass's rule applied before its base's would add an item's icon before the item
    # has a place for it, and a rail's items before it has a box for them).
    from mobile.widgets import (  # noqa: F401 - registers
        complaint_panel,
        field,
        navigation,
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
