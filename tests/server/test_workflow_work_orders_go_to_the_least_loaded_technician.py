"""A patrol work order goes to the estate's active technician with the fewest open work
orders (ties by username), or to the dispatcher placeholder when there is none."""

from server.db.models import Account
from server.services.reference import WORK_ORDER, put_reference_item
from server.services.work_items import DISPATCHER
from tests.server.workflow_support import (
    abnormal_visit,
    items,
    patrol_round,
    push_round,
    work_order_data,
)


def _seed(db, key, technician_id, status="assigned", estate_id="hxy"):
    data = work_order_data(key, technician_id=technician_id, status=status)
    put_reference_item(db, kind=WORK_ORDER, key=key, estate_id=estate_id, data=data)


def _new_orders(db, record):
    return [i.data for i in items(db, WORK_ORDER) if i.data["source_id"] == record["id"]]


def test_the_technician_with_fewer_open_work_orders_gets_it(
    db, push, new_record, patroller, make_account
):
    make_account("qian", "technician")
    make_account("zhao", "technician")
    _seed(db, "wo-1", "qian")
    _seed(db, "wo-2", "zhao", status="done")
    _seed(db, "wo-3", "zhao", status="cancelled")

    record = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))

    assert [order["technician_id"] for order in _new_orders(db, record)] == ["zhao"]


def test_technicians_of_other_estates_and_inactive_ones_are_passed_over(
    db, push, new_record, patroller, make_account
):
    make_account("an", "technician", ("lyy",))
    make_account("bai", "technician")
    make_account("zhao", "technician")
    _seed(db, "wo-1", "zhao")
    db.query(Account).filter_by(username="bai").update({"active": False})
    db.commit()

    record = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))

    assert [order["technician_id"] for order in _new_orders(db, record)] == ["zhao"]


def test_several_anomalies_of_one_round_are_shared_out(
    db, push, new_record, patroller, make_account
):
    make_account("qian", "technician")
    make_account("zhao", "technician")
    payload = patrol_round(abnormal_visit("pump-room"), abnormal_visit("gate", minute=30))

    record = push_round(push, patroller, new_record, payload)

    assert sorted(order["technician_id"] for order in _new_orders(db, record)) == ["qian", "zhao"]


def test_without_a_technician_the_work_order_waits_for_the_dispatcher(
    db, push, new_record, patroller, make_account
):
    make_account("zhou", "supervisor")

    record = push_round(push, patroller, new_record, patrol_round(abnormal_visit()))

    assert [order["technician_id"] for order in _new_orders(db, record)] == [DISPATCHER]
