"""refuse: the connection is reset at once; the server never hears of the request."""

import pytest
import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, refuse


def test_the_client_gets_a_connection_error_and_the_server_nothing():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy, requests.Session() as s:
        proxy.inject(refuse())

        with pytest.raises(requests.ConnectionError):
            s.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert upstream.started == 0
        assert proxy.stats.faults_fired["refuse"] == 1
        assert s.post(f"{proxy.url}/echo", json={"n": 2}, timeout=5).json() == {"n": 2}
