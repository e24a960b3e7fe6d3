"""The devices page: each tablet of the supervisor's estates with its account, last
sync, app version and the backlog it reported; never a tablet of another estate."""

from __future__ import annotations

import re

import pytest

from sync.transport import HttpTransport, TransportSettings
from tests.server.dashboard.world import PASSWORD


@pytest.fixture(scope="module")
def reported(world):
    transport = HttpTransport(TransportSettings(world.server.url))
    device_id = transport.login("li", PASSWORD, "客服平板 7")["device_id"]
    transport.pull(0, 500, backlog={"records": 4, "photos": 9})
    return device_id


def _row(html: str, device_id: int) -> str:
    return re.search(rf'<tr data-device="{device_id}">(.*?)</tr>', html, re.S).group(1)


def test_a_tablet_shows_its_account_version_and_what_it_reported_waiting(world, reported):
    page = world.sign_in("boss").get(world.url + "/devices", timeout=30)

    assert page.status_code == 200
    row = _row(page.text, reported)
    assert "客服平板 7" in row and "李客服" in row and "华夏苑" in row
    assert 'data-waiting-records="4"' in row and 'data-waiting-photos="9"' in row
    assert "0.1.0" in row


def test_a_tablet_that_reported_nothing_says_so(world, reported):
    page = world.sign_in("boss").get(world.url + "/devices", timeout=30)

    # the world's tablets pushed with plain requests: no version, no backlog
    wang = re.search(r'<tr data-device="\d+">\s*<td>wang 的平板</td>(.*?)</tr>', page.text, re.S)
    assert wang is not None
    assert "未上报" in wang.group(1) and 'data-waiting-records=""' in wang.group(1)


def test_a_supervisor_never_sees_another_estate_s_tablets(world, reported):
    own = world.sign_in("boss").get(world.url + "/devices", timeout=30).text
    other = world.sign_in("lv").get(world.url + "/devices", timeout=30).text
    refused = world.sign_in("boss").get(
        world.url + "/devices", params={"estate": "lyy"}, timeout=30
    )

    assert "zhao 的平板" not in own and "sun 的平板" not in own and "绿洋园" not in own
    assert "zhao 的平板" in other
    assert "客服平板 7" not in other and "wang 的平板" not in other and "华夏苑" not in other
    assert refused.status_code == 400 and "zhao" not in refused.text
