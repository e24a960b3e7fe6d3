"""Where the tablet is, for a checkpoint's proof of presence: plyer's GPS where there is one.

    location = this_location()
    location.start()
    fix = location.fix()     # {"lat": ..., "lon": ..., "accuracy_m": ...} or None

On Android plyer's GPS reports each location (``on_location``, on Android's thread)
and the latest one is kept; ``fix()`` gives it while it is recent (a fix older than
``FRESH_FOR`` seconds says where the tablet was, not where it is). The app needs the
ACCESS_FINE_LOCATION permission, asked for after ``on_start``. On a desktop plyer has
no GPS: ``fix()`` is always None, and the record's presence says ``"gps": null``.
The dict has the fields of ``domain.patrol.GpsFix``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

FRESH_FOR = 120.0  # seconds


class NoLocation:
    """A desktop or a test: no GPS."""

    available = False

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def fix(self) -> dict[str, float | None] | None:
        return None


class PlyerLocation(NoLocation):
    available = True

    def __init__(self, gps: Any, clock: Callable[[], float] = time.monotonic):
        self._gps = gps
        self._clock = clock
        self._lock = threading.Lock()
        self._latest: tuple[float, dict[str, float | None]] | None = None
        gps.configure(on_location=self._located)

    def start(self) -> None:
        self._gps.start(minTime=5000, minDistance=0)

    def stop(self) -> None:
        self._gps.stop()

    def fix(self) -> dict[str, float | None] | None:
        with self._lock:
            if self._latest is None or self._clock() - self._latest[0] > FRESH_FOR:
                return None
            return dict(self._latest[1])

    def _located(self, **reported: Any) -> None:
        accuracy = reported.get("accuracy")
        fix = {
            "lat": float(reported["lat"]),
            "lon": float(reported["lon"]),
            "accuracy_m": None if accuracy is None else float(accuracy),
        }
        with self._lock:
            self._latest = (self._clock(), fix)


def this_location(platform: str | None = None) -> NoLocation:
    if platform is None:
        from plyer.utils import platform as this_platform

        platform = this_platform
    if platform not in ("android", "ios"):
        return NoLocation()
    from plyer import gps

    return PlyerLocation(gps)
