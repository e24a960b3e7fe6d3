"""Run-time permissions: CAMERA and ACCESS_FINE_LOCATION on Android; granted elsewhere.

    permissions = these_permissions()
    permissions.request(on_answered)   # on_answered(Granted) later, once
    permissions.recheck()              # on_resume: Granted, from check_permission only

Since Android 6 a dangerous permission listed in buildozer.spec must also be
asked for at run time. python-for-android's ``android.permissions`` shows one
system dialog for both and calls back on Android's thread; ``deliver`` (the
caller passes something that hands a call to Kivy's main thread, e.g.
``lambda f: Clock.schedule_once(lambda _dt: f())``) keeps Kivy out of this
package. ``android.permissions`` exists only on a device: it is imported lazily
and can be injected (tests use a fake). On a desktop or in tests everything is
granted at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CAMERA = "CAMERA"
FINE_LOCATION = "ACCESS_FINE_LOCATION"


@dataclass(frozen=True)
class Granted:
    camera: bool
    location: bool

    @property
    def everything(self) -> bool:
        return self.camera and self.location


Answered = Callable[[Granted], None]
Deliver = Callable[[Callable[[], None]], None]


def _at_once(call: Callable[[], None]) -> None:
    call()


class AllGranted:
    """A desktop or a test: nothing to ask."""

    def request(self, on_answered: Answered) -> None:
        on_answered(Granted(camera=True, location=True))

    def recheck(self) -> Granted:
        return Granted(camera=True, location=True)


class AndroidPermissions(AllGranted):
    """python-for-android's ``android.permissions`` (a device, or a fake in tests)."""

    def __init__(self, android_permissions: Any, deliver: Deliver = _at_once):
        self._android = android_permissions
        self._deliver = deliver
        names = android_permissions.Permission
        self._camera = names.CAMERA
        self._location = names.ACCESS_FINE_LOCATION

    def request(self, on_answered: Answered) -> None:
        asked = [self._camera, self._location]

        def answered(permissions: list[str], grants: list[bool]) -> None:
            # On Android's thread: read the answer here, act on it on the main thread.
            said = dict(zip(permissions, grants, strict=False))
            granted = Granted(
                camera=bool(said.get(self._camera, False)),
                location=bool(said.get(self._location, False)),
            )
            self._deliver(lambda: on_answered(granted))

        self._android.request_permissions(asked, answered)

    def recheck(self) -> Granted:
        check = self._android.check_permission
        return Granted(camera=bool(check(self._camera)), location=bool(check(self._location)))


def these_permissions(
    platform: str | None = None,
    deliver: Deliver = _at_once,
    android_permissions: Any = None,
) -> AllGranted:
    if platform is None:
        from plyer.utils import platform as this_platform

        platform = this_platform
    if platform != "android":
        return AllGranted()
    if android_permissions is None:
        import android.permissions as android_permissions  # type: ignore[no-redef]
    return AndroidPermissions(android_permissions, deliver)
