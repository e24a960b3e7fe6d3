"""An abnormal result on a patrol round opens a repair work order at once, one per
checkpoint, however often the round is pushed or revised."""

from domain.work_order import WorkOrder
from server.services.reference import WORK_ORDER, put_reference_item
from server.services.work_items import derived_id
from tests.server.workflow_support import (
    PHOTO,
    abnormal_visit,
    items,
    normal_visit,
    patrol_round,
    push_round,
    reading_visit,
)


def _order_key(record, checkpoint_id):
    return derived_id(WORK_ORDER, "patrol", record["id"], checkpoint_id)


def test_an_abnormal_check_opens_a_patrol_work_order_for_the_checkpoint(
    db, push, new_record, patroller, make_account
):
    make_account("zhao", "technician")
    checkpoint = {
        "id": "pump-room",
        "estate_id": "hxy",
        "code": "CP-PUMP",
        "place": "地下二层水泵房",
    }
    put_reference_item(db, kind="checkpoint", key="pump-room", estate_id="hxy", data=checkpoint)

    record = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))

    [item] = items(db, WORK_ORDER)
    order = WorkOrder.from_dict(item.data)
    assert item.key == order.id == _order_key(record, "pump-room")
    assert item.estate_id == "hxy"
    assert (order.source.value, order.source_id) == ("patrol", record["id"])
    assert (order.status.value, order.technician_id) == ("assigned", "zhao")
    assert (order.room_id, order.place) == (None, "地下二层水泵房")
    assert order.category.value == "water"
    assert order.description.startswith("巡查发现异常（地下二层水泵房）：水泵运行：异常")
    assert "备注：水泵异响，地面有积水" in order.description
    assert order.photos == (PHOTO,)  # the photos taken there go with the order


def test_pushing_the_same_round_twice_opens_one_work_order(db, push, new_record, patroller):
    record = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))

    [again] = push(patroller, record)

    assert again["outcome"] == "duplicate"
    assert [item.key for item in items(db, WORK_ORDER)] == [_order_key(record, "pump-room")]


def test_a_newer_revision_of_the_round_opens_no_second_work_order(db, push, new_record, patroller):
    first = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))
    [before] = items(db, WORK_ORDER)
    opened = (before.key, before.change_seq, before.data)

    revised = patrol_round(abnormal_visit(note="水泵异响，积水约两厘米深"))
    push_round(push, patroller, new_record, revised, record_id=first["id"], revision=2)

    [after] = items(db, WORK_ORDER)
    assert (after.key, after.change_seq, after.data) == opened


def test_a_revision_that_finds_another_anomaly_opens_a_work_order_for_it_alone(
    db, push, new_record, patroller
):
    first = push_round(
        push, patroller, new_record, patrol_round(abnormal_visit(), normal_visit("gate", 30))
    )
    revised = patrol_round(abnormal_visit(), abnormal_visit("gate", label="门禁", minute=30))

    push_round(push, patroller, new_record, revised, record_id=first["id"], revision=2)

    orders = items(db, WORK_ORDER)
    assert {order.key for order in orders} == {
        _order_key(first, "pump-room"),
        _order_key(first, "gate"),
    }
    assert {order.data["source_id"] for order in orders} == {first["id"]}


def test_each_abnormal_checkpoint_of_a_round_opens_its_own_work_order(
    db, push, new_record, patroller
):
    payload = patrol_round(abnormal_visit(), reading_visit("hydrant-b1", value=0.05))

    record = push_round(push, patroller, new_record, payload)

    orders = {order.key: order.data for order in items(db, WORK_ORDER)}
    assert set(orders) == {_order_key(record, "pump-room"), _order_key(record, "hydrant-b1")}
    hydrant = orders[_order_key(record, "hydrant-b1")]
    assert hydrant["place"] == "巡查点 hydrant-b1"  # not in the reference data
    assert "消防栓压力：0.05 MPa（正常范围 0.1–0.6 MPa）" in hydrant["description"]
    assert hydrant["category"] == "water"
