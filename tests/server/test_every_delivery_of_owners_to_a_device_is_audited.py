"""Every pull page that carries owners of the confidential archive to a device leaves
an audit row: who, which device, which estate, how many owners and which. Pulls
without owners leave none. Over real HTTP against the real server process."""

import json

import pytest

from tests.server.real_http import RealServer, add_account, sign_in
from tests.server.real_http import client as api
from tests.server.reference_factories import owner

HXY_OWNERS = [owner(f"hxy-o-{n}", (f"hxy-1-1-{100 + n}",)) for n in range(1, 6)]
LYY_OWNER = owner("lyy-o-1", ("lyy-1-1-101",))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = RealServer(tmp_path_factory.mktemp("owners-audit"))
    server.admin("create-estate", "hxy", "华夏苑")
    server.admin("create-estate", "lyy", "绿洋园")
    add_account(server, "kefu", "service", "--estate", "hxy")
    add_account(server, "zhang", "supervisor", "--estate", "hxy", "--estate", "lyy")
    add_account(server, "xunluo", "patrol", "--estate", "hxy")
    for data in HXY_OWNERS:
        server.put_item("owner", data["id"], "hxy", data)
    server.put_item("owner", LYY_OWNER["id"], "lyy", LYY_OWNER)
    server.start()
    yield server
    server.close()


def _signed_in(server, username: str, device_name: str):
    answer = sign_in(server, username, device_name=device_name)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return api(server, body["token"]), body["device_id"]


def _pull_everything(server, session, limit: int) -> int:
    """Pull from cursor 0 to the end; returns how many owners arrived."""
    cursor, owners = 0, 0
    while True:
        answer = session.get(
            server.url + "/api/v1/sync/pull", params={"cursor": cursor, "limit": limit}
        )
        assert answer.status_code == 200, answer.text
        page = answer.json()
        owners += sum(1 for item in page["items"] if item["kind"] == "owner")
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return owners


def _deliveries(server, device_id: int) -> list[dict]:
    rows = server._query(
        "SELECT username, device_id, detail FROM audit_log "
        "WHERE action = 'owners_delivered' AND device_id = :device_id ORDER BY id",
        device_id=device_id,
    )
    return [
        {
            **row,
            "detail": json.loads(row["detail"])
            if isinstance(row["detail"], str)
            else row["detail"],
        }
        for row in rows
    ]


def test_a_service_tablets_pull_from_zero_audits_every_owner_it_carries(server):
    session, device_id = _signed_in(server, "kefu", "客服平板")

    received = _pull_everything(server, session, limit=2)

    rows = _deliveries(server, device_id)
    assert received == 5
    assert {row["username"] for row in rows} == {"kefu"}
    assert {row["detail"]["estate_id"] for row in rows} == {"hxy"}
    assert sum(row["detail"]["owners"] for row in rows) == 5
    assert sorted(key for row in rows for key in row["detail"]["owner_ids"]) == sorted(
        data["id"] for data in HXY_OWNERS
    )


def test_a_supervisor_of_two_estates_gets_a_row_per_estate(server):
    session, device_id = _signed_in(server, "zhang", "主管平板")

    assert _pull_everything(server, session, limit=500) == 6

    counted = {
        row["detail"]["estate_id"]: row["detail"]["owners"]
        for row in _deliveries(server, device_id)
    }
    assert counted == {"hxy": 5, "lyy": 1}


def test_a_pull_without_owners_leaves_no_delivery_row(server):
    session, device_id = _signed_in(server, "xunluo", "巡逻平板")

    assert _pull_everything(server, session, limit=500) == 0

    assert _deliveries(server, device_id) == []
