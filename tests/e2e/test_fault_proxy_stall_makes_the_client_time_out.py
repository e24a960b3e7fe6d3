"""stall: the request is swallowed and nothing comes back, so the client's timeout fires."""

import pytest
import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, stall


def test_a_stalled_request_times_out_without_reaching_the_server():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(stall(seconds=10))

        with pytest.raises(requests.Timeout):
            s.post(f"{proxy.url}/echo", json={"record": 1}, timeout=0.5)

        assert upstream.started == 0
        assert proxy.stats.faults_fired["stall"] == 1
        # The client gave up; its next request gets through.
        assert s.post(f"{proxy.url}/echo", json={"n": 2}, timeout=5).json() == {"n": 2}
