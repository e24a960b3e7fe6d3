"""The work order a patrol anomaly opens reaches the tablet of the technician it is
assigned to, through the ordinary pull, and not another technician's."""

from server.services.reference import WORK_ORDER, put_reference_item
from sync import protocol
from tests.server.workflow_support import (
    abnormal_visit,
    patrol_round,
    push_round,
    work_order_data,
)


def _pull(client, headers, cursor):
    response = client.get(f"/api/v1/sync/pull?cursor={cursor}", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    protocol.check_pull_response(body)
    return body


def test_the_assigned_technician_pulls_the_new_work_order(
    db, client, push, new_record, patroller, make_account, login
):
    zhao = login(make_account("zhao", "technician"), "维修平板 1")
    qian = login(make_account("qian", "technician"), "维修平板 2")
    busy = work_order_data("wo-1", technician_id="qian")
    put_reference_item(db, kind=WORK_ORDER, key="wo-1", estate_id="hxy", data=busy)
    zhao_cursor = _pull(client, zhao, 0)["next_cursor"]
    qian_cursor = _pull(client, qian, 0)["next_cursor"]

    record = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))

    [item] = _pull(client, zhao, zhao_cursor)["items"]
    assert (item["kind"], item["estate_id"], item["deleted"]) == (WORK_ORDER, "hxy", False)
    assert item["data"]["technician_id"] == "zhao"
    assert (item["data"]["source"], item["data"]["source_id"]) == ("patrol", record["id"])
    assert _pull(client, qian, qian_cursor)["items"] == []
