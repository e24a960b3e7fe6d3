"""http_error: the proxy answers with an HTML error page, as a load balancer would."""

import pytest
import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, http_error, pattern_bytes


@pytest.mark.parametrize("status", [500, 502, 503])
def test_the_client_gets_the_status_with_an_html_page_and_the_server_nothing(status):
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(http_error(status))

        answer = requests.post(f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert answer.status_code == status
        assert answer.headers["Content-Type"].startswith("text/html")
        assert answer.headers["Connection"] == "close"
        assert str(status) in answer.text
        assert upstream.started == 0
        assert proxy.stats.faults_fired["http_error"] == 1


def test_a_large_upload_still_gets_the_error_page():
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(http_error(503))

        answer = requests.post(f"{proxy.url}/echo", data=pattern_bytes(2_000_000), timeout=5)

        assert answer.status_code == 503
        assert upstream.started == 0
