"""What a person set on this tablet (language, server address), kept in the data folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from mobile.store.durable import fsync_directory

PREFERENCES_FILE = "preferences.json"
DEFAULT_SERVER = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Preferences:
    language: str = "zh_CN"
    server_url: str = DEFAULT_SERVER


class PreferencesFile:
    def __init__(self, folder: str | Path, default_server: str = DEFAULT_SERVER):
        self.path = Path(folder) / PREFERENCES_FILE
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            saved = {"server_url": default_server}
        self.current = Preferences(**saved)

    def change(self, **changes) -> Preferences:
        self.current = replace(self.current, **changes)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self.current), ensure_ascii=False), "utf-8")
        with open(temporary, "rb+") as file:
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
        fsync_directory(self.path.parent)
        return self.current
