"""A need the owner voiced on a return visit, marked 转报修 by the staff member, opens a
repair work order for the visit's room at once: one per need, however often the visit
is pushed or revised; a need marked 转投诉 or not marked opens none."""

import pytest

from domain.work_order import WorkOrder
from server.services.reference import WORK_ORDER
from server.services.work_items import derived_id
from tests.server.workflow_support import items, return_visit


@pytest.fixture
def service(make_account, login):
    return login(make_account("li", "service"))


def _visit(*needs):
    return return_visit(None) | {
        "needs": [{"description": d, "follow_up": f} for d, f in needs],
    }


def _key(record, place):
    return derived_id(WORK_ORDER, "owner", record["id"], str(place))


def test_a_need_marked_repair_opens_an_owner_work_order_for_the_room(
    db, push, new_record, service, make_account
):
    make_account("zhao", "technician")
    record = new_record(
        kind="return_visit",
        payload=_visit(("想换个门禁卡", None), ("卫生间水管漏水", "repair")),
    )

    [result] = push(service, record)

    assert result["outcome"] == "accepted"
    [item] = items(db, WORK_ORDER)
    order = WorkOrder.from_dict(item.data)
    assert item.key == order.id == _key(record, 1)
    assert (order.source.value, order.source_id) == ("owner", record["id"])
    assert (order.status.value, order.technician_id) == ("assigned", "zhao")
    assert (order.room_id, order.category.value) == ("room-3-2-1203", "water")
    assert order.description == "回访时业主报修：卫生间水管漏水"


def test_each_need_marked_repair_opens_its_own_work_order_and_others_none(
    db, push, new_record, service
):
    record = new_record(
        kind="return_visit",
        payload=_visit(
            ("客厅灯不亮", "repair"), ("楼上装修太吵", "complaint"), ("阳台推拉门卡住", "repair")
        ),
    )

    push(service, record)

    orders = {item.key: item.data for item in items(db, WORK_ORDER)}
    assert set(orders) == {_key(record, 0), _key(record, 2)}
    assert orders[_key(record, 0)]["category"] == "electric"
    assert orders[_key(record, 2)]["category"] == "doors_windows"
    assert orders[_key(record, 0)]["technician_id"] == "dispatcher"  # no technician here


def test_pushing_the_visit_again_or_revised_opens_no_second_work_order(
    db, push, new_record, service
):
    record = new_record(kind="return_visit", payload=_visit(("墙面渗水", "repair")))
    push(service, record)
    [before] = items(db, WORK_ORDER)
    opened = (before.key, before.change_seq, before.data)

    [again] = push(service, record)
    revised = new_record(
        record_id=record["id"],
        revision=2,
        kind="return_visit",
        payload=_visit(("墙面渗水，已经发霉", "repair"), ("窗户关不严", "repair")),
    )
    [result] = push(service, revised)

    assert (again["outcome"], result["outcome"]) == ("duplicate", "accepted")
    orders = items(db, WORK_ORDER)
    assert (orders[0].key, orders[0].change_seq, orders[0].data) == opened
    assert [o.key for o in orders] == [_key(record, 0), _key(record, 1)]


def test_a_visit_with_no_need_marked_repair_opens_nothing(db, push, new_record, service):
    push(service, new_record(kind="return_visit", payload=_visit(("希望多组织社区活动", None))))

    assert items(db, WORK_ORDER) == []
