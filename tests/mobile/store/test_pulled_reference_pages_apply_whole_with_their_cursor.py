"""A pulled page of reference data and its cursor land together, or not at all."""

import pytest

from mobile.store.store import Store

ROOM = {
    "kind": "room",
    "key": "3-2-1101",
    "version": 1,
    "deleted": False,
    "data": {"owner": "王芳"},
}


def test_page_and_cursor_survive_a_reopen(tmp_path):
    with Store.open(tmp_path) as store:
        assert store.reference.cursor() == 0
        store.reference.apply_page(
            [
                ROOM,
                {
                    "kind": "checkpoint",
                    "key": "CP-01",
                    "version": 2,
                    "deleted": False,
                    "data": {"place": "水泵房"},
                },
            ],
            next_cursor=2,
            scope="wang",
        )
    with Store.open(tmp_path) as reopened:
        assert reopened.reference.cursor() == 2
        assert reopened.reference.get("room", "3-2-1101") == {"owner": "王芳"}
        assert reopened.reference.all("checkpoint") == [{"place": "水泵房"}]
        assert reopened.reference.version("checkpoint", "CP-01") == 2


def test_tombstone_deletes_and_a_later_change_in_the_same_page_wins(tmp_path):
    with Store.open(tmp_path) as store:
        store.reference.apply_page([ROOM], next_cursor=1, scope="wang")
        store.reference.apply_page(
            [
                {**ROOM, "deleted": True, "data": None},
                {"kind": "room", "key": "new", "version": 3, "deleted": False, "data": {"v": 1}},
                {"kind": "room", "key": "new", "version": 4, "deleted": False, "data": {"v": 2}},
                {"kind": "room", "key": "gone", "version": 5, "deleted": False, "data": {"v": 1}},
                {"kind": "room", "key": "gone", "deleted": True, "data": None},
            ],
            next_cursor=6,
            scope="wang",
        )

        assert store.reference.get("room", "3-2-1101") is None
        assert store.reference.get("room", "gone") is None
        assert store.reference.all("room") == [{"v": 2}]
        assert store.reference.version("room", "new") == 4
        assert store.reference.version("room", "gone") is None
        assert store.reference.cursor() == 6


def test_page_that_fails_half_way_leaves_data_and_cursor_as_they_were(tmp_path):
    with Store.open(tmp_path) as store:
        store.reference.apply_page([ROOM], next_cursor=1, scope="wang")
        broken_item = {"kind": "room", "key": "x"}  # no "deleted": the page is malformed

        with pytest.raises(KeyError):
            store.reference.apply_page(
                [
                    {"kind": "room", "key": "y", "version": 8, "deleted": False, "data": {}},
                    broken_item,
                ],
                next_cursor=9,
                scope="wang",
            )

        assert store.reference.cursor() == 1
        assert store.reference.get("room", "y") is None


def test_starting_over_for_another_scope_forgets_every_item_and_the_cursor(tmp_path):
    with Store.open(tmp_path) as store:
        store.reference.apply_page([ROOM], next_cursor=1, scope="service-li")

        store.reference.start_over("patrol-zhou")

    with Store.open(tmp_path) as reopened:
        assert reopened.reference.get("room", "3-2-1101") is None
        assert (reopened.reference.cursor(), reopened.reference.scope()) == (0, "patrol-zhou")
