import pytest
from sqlalchemy import select

from domain.errors import InvalidRecord
from server.db.models import ReferenceItem, ReferenceItemRoom
from server.services.reference import put_reference_item
from tests.server.reference_factories import (
    building,
    checkpoint,
    owner,
    put,
    room,
    route,
    unit,
    visit_task,
    work_order,
)


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("building", building()),
        ("unit", unit()),
        ("room", room()),
        ("owner", owner()),
        ("checkpoint", checkpoint()),
        ("route", route()),
        ("work_order", work_order()),
        ("visit_task", visit_task()),
    ],
)
def test_every_kind_is_stored_as_its_domain_dict(db, estates, kind, data):
    item = put(db, kind, data)

    assert item.data == data
    assert (item.kind, item.key, item.estate_id, item.deleted) == (kind, data["id"], "hxy", False)


def test_fields_the_domain_does_not_know_are_dropped(db, estates):
    item = put(db, "building", {**building(), "colour": "red"})

    assert item.data == building()


def test_an_invalid_item_is_refused_with_every_field_error(db, estates, count):
    bad = owner(name="", phones=["12345"], occupancy="sold")

    with pytest.raises(InvalidRecord) as refused:
        put(db, "owner", bad)

    assert {error.field for error in refused.value.errors} == {"name", "phones[0]", "occupancy"}
    assert count(ReferenceItem) == 0


def test_an_unknown_kind_is_refused(db, estates):
    with pytest.raises(ValueError, match="unknown reference kind"):
        put_reference_item(db, kind="category", key="water", data={"zh": "水"}, estate_id="hxy")


def test_an_item_without_an_estate_is_refused(db, estates):
    with pytest.raises(ValueError, match="estate"):
        put_reference_item(db, kind="room", key="hxy-1-1-101", data=room(), estate_id=None)


def test_the_key_must_be_the_objects_id(db, estates):
    with pytest.raises(ValueError, match="not the room's id"):
        put_reference_item(db, kind="room", key="r1", data=room(), estate_id="hxy")


def test_an_object_naming_another_estate_is_refused(db, estates):
    with pytest.raises(ValueError, match="names estate 'lyy'"):
        put(db, "checkpoint", checkpoint("lyy"), "hxy")


def test_an_item_never_moves_to_another_estate(db, estates):
    put(db, "room", room(), "hxy")

    with pytest.raises(ValueError, match="belongs to estate 'hxy'"):
        put(db, "room", room(), "lyy")


def test_work_orders_and_visit_tasks_carry_their_assignee_and_room_as_columns(db, estates):
    order = put(db, "work_order", work_order(technician=" Zhang "))
    task = put(db, "visit_task", visit_task(staff="li", room_id="hxy-1-1-102"))
    public = put(db, "work_order", work_order("wo-2", room_id=None))

    assert (order.assignee, order.room_id) == ("zhang", "hxy-1-1-101")
    assert (task.assignee, task.room_id) == ("li", "hxy-1-1-102")
    assert (public.assignee, public.room_id) == ("zhang", None)
    assert put(db, "room", room()).assignee is None


def test_an_owner_is_linked_to_each_of_its_rooms_and_relinked_when_they_change(db, estates):
    item = put(db, "owner", owner(room_ids=("hxy-1-1-101", "hxy-1-1-102")))
    put(db, "owner", owner(room_ids=("hxy-1-1-102", "hxy-1-1-103")))

    rooms = db.scalars(
        select(ReferenceItemRoom.room_id).where(ReferenceItemRoom.item_id == item.id)
    ).all()
    assert sorted(rooms) == ["hxy-1-1-102", "hxy-1-1-103"]
