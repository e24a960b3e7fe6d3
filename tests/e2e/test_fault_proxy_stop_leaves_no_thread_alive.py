"""stop(): every socket closed and every thread joined, whatever the proxy was doing."""

import socket
import threading

import pytest
import requests

from tests.e2e.fault_proxy import LOOPBACK, EchoUpstream, FaultProxy, stall, wait_until


def _proxy_threads():
    return [t for t in threading.enumerate() if t.name.startswith("fault-proxy")]


def test_stopping_mid_stall_with_kept_alive_connections_leaves_no_thread_or_port():
    before = set(threading.enumerate())
    outcome = []
    with EchoUpstream() as upstream:
        proxy = FaultProxy(upstream.port).start()
        idle = requests.Session()
        assert idle.post(f"{proxy.url}/echo", json={"n": 1}, timeout=5).ok
        proxy.inject(stall(seconds=30))

        def stalled_request():
            try:
                requests.post(f"{proxy.url}/echo", json={"n": 2}, timeout=20)
            except requests.RequestException as exc:
                outcome.append(exc)

        client = threading.Thread(target=stalled_request)
        client.start()
        assert wait_until(lambda: proxy.stats.faults_fired["stall"] == 1)

        proxy.stop()
        proxy.stop()  # a second stop is harmless

        client.join(5)
        assert not client.is_alive()
        assert isinstance(outcome[0], requests.ConnectionError)
        assert _proxy_threads() == []
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((LOOPBACK, proxy.port), timeout=5).close()
        idle.close()
    assert set(threading.enumerate()) == before


def test_stopping_a_paused_proxy_leaves_no_thread():
    with EchoUpstream() as upstream:
        with FaultProxy(upstream.port) as proxy:
            assert requests.get(f"{proxy.url}/bytes", params={"size": 10}, timeout=5).ok
            proxy.pause()
        assert _proxy_threads() == []
