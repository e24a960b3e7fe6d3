"""On Android the OS says when the network comes and goes; each change reaches the sync
runner once. Java is replaced by stand-ins with the same names (no device here)."""

from types import SimpleNamespace

from mobile.platform.connectivity import CONNECTIVITY_CHANGE, AndroidConnectivity, Watcher, watch


class FakeReceiver:
    """python-for-android's android.broadcast.BroadcastReceiver, as far as used."""

    def __init__(self, callback, actions):
        self.callback, self.actions = callback, actions
        self.running = False

    def start(self):
        self.running = True

    def stop(self):
        self.running = False

    def deliver(self):
        self.callback("context", "intent")


class FakeAndroid:
    """The Java classes the watcher asks, with a network that can be switched."""

    def __init__(self):
        self.network = None  # None: no active network
        self.internet = True
        manager = SimpleNamespace(
            getActiveNetwork=lambda: self.network,
            getNetworkCapabilities=lambda network: SimpleNamespace(
                hasCapability=lambda capability: capability == 12 and self.internet
            ),
        )
        activity = SimpleNamespace(
            getSystemService=lambda name: manager if name == "connectivity" else None
        )
        self.classes = {
            "android.content.Context": SimpleNamespace(CONNECTIVITY_SERVICE="connectivity"),
            "android.net.NetworkCapabilities": SimpleNamespace(NET_CAPABILITY_INTERNET=12),
            "org.kivy.android.PythonActivity": SimpleNamespace(mActivity=activity),
        }

    def autoclass(self, name):
        return self.classes[name]


def _watching():
    android, changes, receivers = FakeAndroid(), [], []

    def receiver_class(callback, actions):
        receivers.append(FakeReceiver(callback, actions))
        return receivers[-1]

    watcher = AndroidConnectivity(changes.append, android.autoclass, receiver_class)
    return watcher, android, changes, receivers[0]


def test_the_watcher_listens_for_connectivity_broadcasts_while_started():
    watcher, _, _, receiver = _watching()

    watcher.start()
    assert receiver.running and receiver.actions == [CONNECTIVITY_CHANGE]
    watcher.stop()
    assert not receiver.running


def test_each_change_is_reported_once_and_repeats_are_not():
    watcher, android, changes, receiver = _watching()
    watcher.start()

    receiver.deliver()  # Android sends the state at registration: offline in the basement
    android.network = "wifi"
    receiver.deliver()
    receiver.deliver()  # another broadcast, same state
    android.network = None
    receiver.deliver()

    assert changes == [False, True, False]


def test_a_network_that_offers_no_internet_counts_as_offline():
    watcher, android, changes, receiver = _watching()
    android.network, android.internet = "printer-wifi", False

    receiver.deliver()

    assert changes == [False]
    assert watcher.connected() is False


def test_off_android_the_watcher_does_nothing_and_the_probe_is_relied_on():
    changes = []

    watcher = watch(changes.append, platform="linux")
    watcher.start()
    watcher.stop()

    assert type(watcher) is Watcher
    assert changes == []
