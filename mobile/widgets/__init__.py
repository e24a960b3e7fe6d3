"""Shared widgets; ``load_all`` registers their classes and KV rules once."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder

_LOADED: list[str] = []


def load_shell() -> None:
    """What the app's shell needs for its first frame: the sync bar (and KivyMD's fixes)."""
    # KivyMD's navigation bar rules must be loaded before app.kv's BarItem rule, which
    # adds children to the item's ``icon_container`` (otherwise: KeyError at build).
    from kivymd.uix import navigationbar  # noqa: F401

    from mobile.widgets import kivymd_fixes, sync_bar  # noqa: F401 - registers

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
