"""A queued fault takes the next request, even one on a pooled connection; then it closes."""

import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, http_error


def test_the_next_request_on_a_reused_connection_gets_the_fault_and_the_one_after_a_new_one():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        assert s.post(f"{proxy.url}/echo", json={"n": 1}, timeout=5).ok
        proxy.inject(http_error(503))

        faulted = s.post(f"{proxy.url}/echo", json={"n": 2}, timeout=5)
        assert faulted.status_code == 503
        assert proxy.stats.connections == 1  # it fired on the kept-alive connection

        assert s.post(f"{proxy.url}/echo", json={"n": 3}, timeout=5).json() == {"n": 3}
        assert proxy.stats.connections == 2  # the faulted connection was closed
        assert upstream.completed == 2
