"""The operating system's word on connectivity, for the sync runner.

On Android a broadcast receiver listens for ``CONNECTIVITY_CHANGE`` (registered
at run time, which Android 7+ still delivers to a running app) and asks the
``ConnectivityManager`` whether the active network has internet capability;
each change of that answer goes to ``on_change(connected)``, typically
``SyncRunner.connectivity_changed``. It is called on Android's receiver thread;
the runner only sets an event, so that is safe. The app needs the
``ACCESS_NETWORK_STATE`` permission.

Elsewhere (desktop, tests) there is no such signal and ``watch`` returns a
watcher that does nothing: the runner's periodic ``/health`` probe notices a
returning network on every platform anyway; the OS signal only makes it sooner.

The Java side is reached through ``jnius.autoclass`` and python-for-android's
``android.broadcast.BroadcastReceiver``, both imported only on Android. Both are
parameters, so the logic can be tested off a device with stand-ins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CONNECTIVITY_CHANGE = "android.net.conn.CONNECTIVITY_CHANGE"


class Watcher:
    """Does nothing: no OS connectivity signal on this platform."""

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


class AndroidConnectivity(Watcher):
    def __init__(
        self,
        on_change: Callable[[bool], None],
        autoclass: Callable[[str], Any],
        receiver_class: Callable[..., Any],
    ):
        self._on_change = on_change
        self._autoclass = autoclass
        self._receiver = receiver_class(self._on_broadcast, actions=[CONNECTIVITY_CHANGE])
        self._last: bool | None = None

    def start(self) -> None:
        """Listen from now on; Android also delivers the current state at once."""
        self._receiver.start()

    def stop(self) -> None:
        self._receiver.stop()

    def connected(self) -> bool:
        """Whether the active network (Wi-Fi, mobile data ...) reaches the internet."""
        context = self._autoclass("android.content.Context")
        capabilities = self._autoclass("android.net.NetworkCapabilities")
        activity = self._autoclass("org.kivy.android.PythonActivity").mActivity
        manager = activity.getSystemService(context.CONNECTIVITY_SERVICE)
        network = manager.getActiveNetwork()
        if network is None:
            return False
        held = manager.getNetworkCapabilities(network)
        return held is not None and bool(held.hasCapability(capabilities.NET_CAPABILITY_INTERNET))

    def _on_broadcast(self, context: Any, intent: Any) -> None:
        now = self.connected()
        if now != self._last:
            self._last = now
            self._on_change(now)


def watch(on_change: Callable[[bool], None], platform: str | None = None) -> Watcher:
    """A watcher for this platform (not started)."""
    if platform is None:
        from plyer.utils import platform as this_platform

        platform = this_platform
    if platform != "android":
        return Watcher()
    from android.broadcast import BroadcastReceiver  # python-for-android, on a device only
    from jnius import autoclass

    return AndroidConnectivity(on_change, autoclass, BroadcastReceiver)
