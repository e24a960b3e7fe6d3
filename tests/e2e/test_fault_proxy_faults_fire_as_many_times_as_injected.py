"""The fault queue: times=N fires N times, in order of injection; clear() empties it."""

import pytest
import requests

from tests.e2e.fault_proxy import (
    EchoUpstream,
    FaultProxy,
    captive_portal,
    http_error,
    refuse,
    throttle,
)


def _status(session, proxy):
    return session.post(f"{proxy.url}/echo", json={"n": 1}, timeout=5).status_code


def test_a_fault_injected_twice_fires_twice_then_stops():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(refuse(), times=2)

        for _ in range(2):
            with pytest.raises(requests.ConnectionError):
                _status(s, proxy)
        assert _status(s, proxy) == 200
        assert _status(s, proxy) == 200

        assert proxy.stats.faults_fired["refuse"] == 2
        assert upstream.completed == 2


def test_faults_fire_in_the_order_they_were_injected():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(http_error(503))
        proxy.inject(http_error(502), times=2)
        proxy.inject(http_error(500))

        assert [_status(s, proxy) for _ in range(5)] == [503, 502, 502, 500, 200]


def test_a_fault_without_a_count_fires_until_cleared():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(http_error(503), times=None)

        assert [_status(s, proxy) for _ in range(4)] == [503] * 4
        proxy.clear()
        assert _status(s, proxy) == 200
        assert proxy.stats.faults_fired["http_error"] == 4


def test_nonsense_is_rejected_when_injected():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        with pytest.raises(TypeError):
            proxy.inject("a 503, please")
        with pytest.raises(ValueError):
            proxy.inject(captive_portal(), times=0)
        with pytest.raises(ValueError):
            http_error(200)
        with pytest.raises(ValueError):
            throttle(0)
