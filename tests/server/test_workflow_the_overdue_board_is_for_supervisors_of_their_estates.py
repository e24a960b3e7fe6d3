"""Only supervisors read the overdue board, and only for their own estates."""

import pytest

from server.api.routes.overdue import current_time
from server.services.reference import WORK_ORDER, put_reference_item
from tests.server.workflow_support import utc, work_order_data

NOW = utc(2025, 3, 10)


@pytest.fixture(autouse=True)
def _fixed_now(client):
    client.app.dependency_overrides[current_time] = lambda: NOW


@pytest.mark.parametrize("role", ["patrol", "service", "technician", "admin"])
def test_other_roles_are_forbidden(client, make_account, login, role):
    headers = login(make_account("wang", role))

    response = client.get("/api/v1/overdue", headers=headers)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_the_board_needs_a_signed_in_device(client):
    response = client.get("/api/v1/overdue")

    assert response.status_code == 401


def test_a_supervisor_sees_only_the_estates_they_belong_to(db, client, make_account, login):
    for estate_id in ("hxy", "lyy"):
        key = f"wo-{estate_id}"
        data = work_order_data(key)
        put_reference_item(db, kind=WORK_ORDER, key=key, estate_id=estate_id, data=data)
    of_hxy = login(make_account("zhou", "supervisor"))
    of_both = login(make_account("wu", "supervisor", ("hxy", "lyy")), "平板 2")

    def listed(headers):
        response = client.get("/api/v1/overdue", headers=headers)
        assert response.status_code == 200, response.text
        return sorted((e["id"], e["estate_id"]) for e in response.json()["work_orders"])

    assert listed(of_hxy) == [("wo-hxy", "hxy")]
    assert listed(of_both) == [("wo-hxy", "hxy"), ("wo-lyy", "lyy")]
