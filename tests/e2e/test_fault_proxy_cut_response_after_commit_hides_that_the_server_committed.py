"""cut_response_after_commit: the server handles the request once; the client hears nothing."""

import time

import pytest
import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, cut_response_after_commit


def test_the_client_fails_and_the_server_handled_the_request_exactly_once():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(cut_response_after_commit())

        with pytest.raises(requests.ConnectionError):
            s.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        time.sleep(0.2)  # room for a retry, should anything retry
        assert upstream.completed == 1
        assert proxy.stats.faults_fired["cut_response_after_commit"] == 1


def test_the_clients_next_request_goes_through_on_a_new_connection():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(cut_response_after_commit())
        with pytest.raises(requests.ConnectionError):
            s.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        answer = s.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert answer.json() == {"record": 1}
        assert upstream.completed == 2
        assert proxy.stats.connections == 2
