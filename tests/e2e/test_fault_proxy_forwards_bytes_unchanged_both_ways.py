"""Without faults, the proxy is a transparent loopback pipe, kept-alive connections and all."""

import socket

import requests

from tests.e2e.fault_proxy import LOOPBACK, EchoUpstream, FaultProxy, pattern_bytes

TWO_MB = 2 * 1024 * 1024


def test_a_json_request_and_its_answer_pass_through():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        answer = requests.post(f"{proxy.url}/echo", json={"record": "巡逻", "n": 1}, timeout=5)

        assert answer.status_code == 200
        assert answer.json() == {"record": "巡逻", "n": 1}
        assert upstream.completed == 1


def test_two_megabytes_up_and_two_megabytes_down_arrive_byte_identical():
    body = pattern_bytes(TWO_MB)
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        echoed = requests.post(f"{proxy.url}/echo", data=body, timeout=10)
        downloaded = requests.get(f"{proxy.url}/bytes", params={"size": TWO_MB}, timeout=10)

        assert echoed.content == body
        assert downloaded.content == body


def test_a_session_reuses_one_connection_through_the_proxy():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        for n in range(3):
            assert s.post(f"{proxy.url}/echo", json={"n": n}, timeout=5).json() == {"n": n}

        stats = proxy.stats
        assert (stats.connections, stats.requests, stats.total_faults_fired) == (1, 3, 0)


def test_the_proxy_listens_on_loopback_only():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        assert proxy.url == f"http://{LOOPBACK}:{proxy.port}"
        with socket.create_connection((LOOPBACK, proxy.port), timeout=5) as probe:
            assert probe.getpeername() == (LOOPBACK, proxy.port)
