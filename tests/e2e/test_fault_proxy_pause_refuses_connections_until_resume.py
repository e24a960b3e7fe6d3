"""pause/resume: out of coverage nothing connects and open connections die; back, all works."""

import socket

import pytest
import requests

from tests.e2e.fault_proxy import LOOPBACK, EchoUpstream, FaultProxy


def test_while_paused_connections_are_refused_and_after_resume_accepted_on_the_same_port():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        port = proxy.port
        proxy.pause()

        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((LOOPBACK, port), timeout=5).close()
        with pytest.raises(requests.ConnectionError):
            requests.get(f"{proxy.url}/bytes", params={"size": 10}, timeout=5)

        proxy.resume()

        assert proxy.port == port
        assert requests.get(f"{proxy.url}/bytes", params={"size": 10}, timeout=5).ok


def test_pausing_drops_a_kept_alive_connection():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        assert s.post(f"{proxy.url}/echo", json={"n": 1}, timeout=5).ok

        proxy.pause()

        assert proxy.stats.dropped == 1
        with pytest.raises(requests.ConnectionError):
            s.post(f"{proxy.url}/echo", json={"n": 2}, timeout=5)
        proxy.resume()
        assert s.post(f"{proxy.url}/echo", json={"n": 3}, timeout=5).json() == {"n": 3}
        assert upstream.completed == 2
