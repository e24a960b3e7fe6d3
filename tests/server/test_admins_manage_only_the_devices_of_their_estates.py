"""An admin of one estate sees and revokes only the devices of its estates' accounts;
a company-wide admin (``create-account --role admin --company-wide``) manages all.
Over real HTTP against the real server process, on SQLite and PostgreSQL."""

import pytest

from tests.server.real_http import RealServer, add_account, device


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = RealServer(tmp_path_factory.mktemp("admins"))
    server.admin("create-estate", "hxy", "华夏苑")
    server.admin("create-estate", "lyy", "绿洋园")
    add_account(server, "wang", "patrol", "--estate", "hxy")
    add_account(server, "li", "patrol", "--estate", "lyy")
    add_account(server, "zhang", "supervisor", "--estate", "hxy", "--estate", "lyy")
    add_account(server, "admin-a", "admin", "--estate", "hxy")
    add_account(server, "admin-b", "admin", "--estate", "lyy")
    add_account(server, "root", "admin", "--company-wide")
    server.start()
    yield server
    server.close()


def _devices(server, admin) -> dict[str, int]:
    answer = admin.get(server.url + "/api/v1/devices", timeout=30)
    assert answer.status_code == 200, answer.text
    return {entry["name"]: entry["id"] for entry in answer.json()}


def _pull(server, session) -> int:
    return session.get(server.url + "/api/v1/sync/pull", timeout=30).status_code


def test_an_estate_admin_lists_only_the_devices_of_its_estates(server):
    device(server, "wang", "华夏苑巡逻平板")
    device(server, "li", "绿洋园巡逻平板")
    device(server, "zhang", "主管平板")
    device(server, "root", "总部电脑")
    admin_b = device(server, "admin-b", "绿洋园管理电脑")

    listed = _devices(server, admin_b)

    assert {"绿洋园巡逻平板", "主管平板", "绿洋园管理电脑"} <= set(listed)
    assert not {"华夏苑巡逻平板", "总部电脑"} & set(listed)


def test_an_estate_admin_cannot_revoke_another_estates_tablet(server):
    tablet = device(server, "wang", "王的平板")
    root = device(server, "root", "总部电脑 2")
    admin_b = device(server, "admin-b", "管理电脑 2")
    tablet_id = _devices(server, root)["王的平板"]

    refused = admin_b.post(server.url + f"/api/v1/devices/{tablet_id}/revoke", timeout=30)

    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "device_not_found"
    assert _pull(server, tablet) == 200


def test_an_estate_admin_revokes_a_tablet_of_its_own_estate(server):
    tablet = device(server, "li", "李的平板")
    admin_b = device(server, "admin-b", "管理电脑 3")
    tablet_id = _devices(server, admin_b)["李的平板"]

    revoked = admin_b.post(server.url + f"/api/v1/devices/{tablet_id}/revoke", timeout=30)

    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert _pull(server, tablet) == 401


def test_a_company_wide_admin_sees_and_revokes_every_estates_devices(server):
    tablet = device(server, "wang", "王的备用平板")
    device(server, "li", "李的备用平板")
    root = device(server, "root", "总部电脑 3")

    listed = _devices(server, root)
    revoked = root.post(server.url + f"/api/v1/devices/{listed['王的备用平板']}/revoke", timeout=30)

    assert {"王的备用平板", "李的备用平板"} <= set(listed)
    assert revoked.status_code == 200
    assert _pull(server, tablet) == 401


def test_an_estate_admin_cannot_touch_a_company_wide_admins_device(server):
    root = device(server, "root", "总部电脑 4")
    admin_a = device(server, "admin-a", "华夏苑管理电脑")
    root_id = _devices(server, root)["总部电脑 4"]

    refused = admin_a.post(server.url + f"/api/v1/devices/{root_id}/revoke", timeout=30)

    assert "总部电脑 4" not in _devices(server, admin_a)
    assert refused.status_code == 404
    assert _pull(server, root) == 200


def test_staff_who_are_not_admins_may_not_list_devices(server):
    supervisor = device(server, "zhang", "主管平板 2")

    answer = supervisor.get(server.url + "/api/v1/devices", timeout=30)

    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"
