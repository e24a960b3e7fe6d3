"""The one registry of screens: name -> module (``<name>.py`` and ``<name>.kv`` here).

Each module defines one ``MDScreen`` subclass named in ``SCREENS``; its KV
file holds the layout and calls only the screen's methods and ``app``.
"""

from __future__ import annotations

import inspect
from importlib import import_module
from pathlib import Path

from kivy.lang import Builder

from domain.duties import roles_recording
from domain.records import COMPLAINT, PATROL_ROUND, REPAIR_CHECK, RETURN_VISIT, SHIFT_HANDOVER

SCREENS = {
    "sign_in": "SignInScreen",
    "today": "TodayScreen",
    "patrol": "PatrolScreen",
    "repair": "RepairScreen",
    "complaint": "ComplaintScreen",
    "sync": "SyncScreen",
    "settings": "SettingsScreen",
    "units": "UnitsScreen",
    "return_visit": "ReturnVisitScreen",
    "handover": "HandoverScreen",
    "supervise": "SuperviseScreen",
    "send_back": "SendBackScreen",
    "refused": "RefusedScreen",
}
# Destinations only some roles see on the rail (every role sees the others): a form
# only to the roles that may record its kind (the server refuses the others).
ROLE_SCREENS = {
    "patrol": roles_recording(PATROL_ROUND),
    "repair": roles_recording(REPAIR_CHECK),
    "complaint": roles_recording(COMPLAINT),
    "units": frozenset({"service", "technician", "patrol", "supervisor"}),
    "return_visit": roles_recording(RETURN_VISIT),
    "handover": roles_recording(SHIFT_HANDOVER),
    "supervise": frozenset({"supervisor"}),
}


def load_screen(name: str):
    module = import_module(f"mobile.screens.{name}")
    Builder.load_file(str(Path(inspect.getfile(module)).with_suffix(".kv")))
    return getattr(module, SCREENS[name])(name=name)
