"""Fakes of what EstateApp holds for the device: permissions, the GPS, the sync runner."""

from __future__ import annotations

from mobile.platform.permissions import Granted


class FakePermissions:
    def __init__(self, now: Granted, later: Granted):
        self.now, self.later, self.asked, self.checked = now, later, 0, 0

    def request(self, on_answered):
        self.asked += 1
        on_answered(self.now)

    def recheck(self):
        self.checked += 1
        return self.later


class FakeGps:
    def __init__(self):
        self.started = self.stopped = 0

    def start(self):
        self.started += 1

    def stop(self):
        self.stopped += 1


class NoSync:
    def start(self):
        pass

    def sync_now(self):
        pass
