"""captive_portal: any request gets a 200 HTML login page, and the server never hears of it."""

import pytest
import requests

from tests.e2e.fault_proxy import EchoUpstream, FaultProxy, captive_portal


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_client_gets_a_200_html_login_page_and_the_server_nothing(method):
    with EchoUpstream() as upstream, FaultProxy(upstream.port) as proxy:
        proxy.inject(captive_portal())

        answer = requests.request(method, f"{proxy.url}/echo", json={"record": 1}, timeout=5)

        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("text/html")
        assert "<form" in answer.text
        assert upstream.started == 0
        assert proxy.stats.faults_fired["captive_portal"] == 1
