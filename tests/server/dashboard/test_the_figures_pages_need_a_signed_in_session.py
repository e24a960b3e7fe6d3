"""The figures, the devices and the monthly report (page, PDF, exports) are for a
signed-in supervisor or admin: without a session each sends to the sign-in page."""

from __future__ import annotations

import pytest
import requests

PAGES = [
    "/visits", "/visits/export.csv", "/visits/export.xlsx", "/devices",
    "/reports/monthly", "/reports/monthly.pdf",
]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_without_a_session_the_page_sends_to_the_sign_in(world, path):
    answer = requests.get(world.url + path, allow_redirects=False, timeout=30)

    assert answer.status_code == 302
    assert answer.headers["location"].startswith("/dashboard/login?next=")
    assert "华夏苑" not in answer.text


def test_a_signed_out_session_no_longer_gets_the_report(world):
    web = world.sign_in("boss")
    assert web.get(world.url + "/reports/monthly", timeout=30).status_code == 200
    page = web.get(world.url + "/logs", timeout=30)
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    web.post(world.url + "/logout", data={"csrf_token": token}, timeout=30)

    answer = web.get(world.url + "/reports/monthly.pdf", allow_redirects=False, timeout=30)

    assert answer.status_code == 302
