"""mobile/platform/permissions.py with a fake ``android.permissions`` (no APK here)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from mobile.platform.permissions import AllGranted, Granted, these_permissions


class FakeAndroid:
    Permission = SimpleNamespace(
        CAMERA="android.permission.CAMERA",
        ACCESS_FINE_LOCATION="android.permission.ACCESS_FINE_LOCATION",
    )

    def __init__(self, camera: bool, location: bool, on_thread: bool = False):
        self.said = {self.Permission.CAMERA: camera, self.Permission.ACCESS_FINE_LOCATION: location}
        self.on_thread = on_thread
        self.requests: list[list[str]] = []
        self.callback_thread: threading.Thread | None = None

    def request_permissions(self, permissions, callback):
        self.requests.append(list(permissions))
        grants = [self.said[p] for p in permissions]
        if self.on_thread:
            self.callback_thread = threading.Thread(target=callback, args=(permissions, grants))
            self.callback_thread.start()
            self.callback_thread.join()
        else:
            callback(permissions, grants)

    def check_permission(self, permission):
        return self.said[permission]


def asked(android: FakeAndroid) -> list[Granted]:
    answers: list[Granted] = []
    these_permissions("android", android_permissions=android).request(answers.append)
    return answers


def test_a_desktop_is_granted_everything_at_once_without_android():
    permissions = these_permissions("linux")
    answers: list[Granted] = []
    permissions.request(answers.append)
    assert isinstance(permissions, AllGranted)
    assert answers == [Granted(camera=True, location=True)]
    assert permissions.recheck().everything


def test_both_granted_are_asked_in_one_dialog():
    android = FakeAndroid(camera=True, location=True)
    assert asked(android) == [Granted(camera=True, location=True)]
    assert android.requests == [
        ["android.permission.CAMERA", "android.permission.ACCESS_FINE_LOCATION"]
    ]


def test_a_refused_camera_is_reported_and_location_still_granted():
    assert asked(FakeAndroid(camera=False, location=True)) == [Granted(camera=False, location=True)]


def test_a_refused_location_is_reported_and_the_camera_still_granted():
    assert asked(FakeAndroid(camera=True, location=False)) == [Granted(camera=True, location=False)]


def test_an_answer_on_androids_thread_is_handed_to_the_main_thread_hand_off():
    android = FakeAndroid(camera=True, location=False, on_thread=True)
    handed: list = []
    answers: list[tuple[Granted, threading.Thread]] = []
    permissions = these_permissions("android", deliver=handed.append, android_permissions=android)
    permissions.request(lambda granted: answers.append((granted, threading.current_thread())))
    assert android.callback_thread is not threading.current_thread()
    assert answers == []  # nothing acted on Android's thread
    assert len(handed) == 1
    handed[0]()  # what the main thread's Clock would run
    assert answers == [(Granted(camera=True, location=False), threading.current_thread())]


def test_on_resume_the_permissions_are_checked_again_without_a_dialog():
    android = FakeAndroid(camera=False, location=False)
    permissions = these_permissions("android", android_permissions=android)
    assert permissions.recheck() == Granted(camera=False, location=False)
    android.said[FakeAndroid.Permission.CAMERA] = True  # granted in system settings meanwhile
    assert permissions.recheck() == Granted(camera=True, location=False)
    assert android.requests == []
