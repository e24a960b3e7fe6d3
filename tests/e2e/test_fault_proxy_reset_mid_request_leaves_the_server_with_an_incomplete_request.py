"""reset_mid_request: the server gets the start of the request, then a reset; so does the client."""

import pytest
import requests

from tests.e2e.fault_proxy import (
    EchoUpstream,
    FaultProxy,
    pattern_bytes,
    reset_mid_request,
    wait_until,
)


def test_a_large_upload_is_cut_off_and_the_server_never_completes_it():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(reset_mid_request(after_bytes=30_000))

        with pytest.raises(requests.ConnectionError):
            requests.post(f"{proxy.url}/echo", data=pattern_bytes(200_000), timeout=5)

        assert wait_until(lambda: upstream.partial == 1)
        assert upstream.completed == 0
        assert proxy.stats.faults_fired["reset_mid_request"] == 1


def test_a_request_shorter_than_after_bytes_still_never_arrives_complete():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(reset_mid_request(after_bytes=1_000_000))

        with pytest.raises(requests.ConnectionError):
            requests.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert wait_until(lambda: upstream.partial == 1)
        assert upstream.completed == 0


def test_a_reset_before_any_byte_leaves_the_server_untouched():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(reset_mid_request(after_bytes=0))

        with pytest.raises(requests.ConnectionError):
            requests.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert upstream.started == 0
