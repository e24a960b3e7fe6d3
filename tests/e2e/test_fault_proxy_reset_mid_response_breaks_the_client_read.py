"""reset_mid_response: the server handles the request; its answer breaks off on the way back."""

import pytest
import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, reset_mid_response

BROKEN_READ = (requests.exceptions.ChunkedEncodingError, requests.ConnectionError)


def test_a_download_breaks_off_after_the_given_bytes_although_the_server_answered():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(reset_mid_response(after_bytes=100_000))

        with pytest.raises(BROKEN_READ):
            requests.get(f"{proxy.url}/bytes", params={"size": 1_000_000}, timeout=5)

        assert upstream.completed == 1
        assert proxy.stats.faults_fired["reset_mid_response"] == 1


def test_a_reset_inside_the_response_head_is_a_connection_error():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(reset_mid_response(after_bytes=10))

        with pytest.raises(requests.ConnectionError):
            requests.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert upstream.completed == 1


def test_a_response_shorter_than_after_bytes_still_never_arrives_complete():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(reset_mid_response(after_bytes=1_000_000))

        with pytest.raises(BROKEN_READ):
            requests.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert upstream.completed == 1
