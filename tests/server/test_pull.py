import dataclasses

import pytest

from server.services.reference import delete_reference_item
from sync import protocol
from tests.server.reference_factories import building, put, room


@pytest.fixture
def pull(client):
    def pull_page(headers, cursor=0, limit=500):
        response = client.get(f"/api/v1/sync/pull?cursor={cursor}&limit={limit}", headers=headers)
        assert response.status_code == 200, response.text
        protocol.check_pull_response(response.json())
        return response.json()

    return pull_page


def _keys(page):
    return [(item["kind"], item["key"]) for item in page["items"]]


def test_pull_returns_the_accounts_estates_and_their_reference_items_in_sequence_order(
    db, patroller, pull
):
    put(db, "building", building("hxy", "1"), "hxy")
    put(db, "building", building("lyy", "9"), "lyy")
    put(db, "room", room("hxy-1-1", "101"), "hxy")

    page = pull(patroller)

    assert _keys(page) == [
        ("estate", "hxy"),
        ("staff", "hxy-staff-wang"),  # the account itself, as a staff member of hxy
        ("building", "hxy-1"),
        ("room", "hxy-1-1-101"),
    ]
    assert page["items"][0] == {
        "seq": 1,
        "version": 1,
        "kind": "estate",
        "key": "hxy",
        "estate_id": "hxy",
        "deleted": False,
        "data": {"id": "hxy", "name": "华夏苑", "address": ""},
    }
    assert page["items"][2]["data"] == {"id": "hxy-1", "estate_id": "hxy", "name": "1栋"}
    seqs = [item["seq"] for item in page["items"]]
    assert seqs == sorted(seqs)
    assert page["next_cursor"] == seqs[-1]
    assert page["has_more"] is False


def test_pull_pages_by_cursor_without_repeating_or_skipping(db, patroller, pull):
    for number in range(5):
        put(db, "room", room(number=f"10{number}"))

    seen, cursor, pages = [], 0, 0
    while True:
        page = pull(patroller, cursor=cursor, limit=2)
        seen += _keys(page)
        cursor, pages = page["next_cursor"], pages + 1
        if not page["has_more"]:
            break

    assert seen == [("estate", "hxy"), ("staff", "hxy-staff-wang")] + [
        ("room", f"hxy-1-1-10{n}") for n in range(5)
    ]
    assert pages == 4


def test_an_update_moves_an_item_past_the_cursor(db, patroller, pull):
    put(db, "room", room(floor=1))
    cursor = pull(patroller)["next_cursor"]

    put(db, "room", room(floor=2))
    page = pull(patroller, cursor=cursor)

    assert [(i["key"], i["data"]["floor"]) for i in page["items"]] == [("hxy-1-1-101", 2)]
    assert page["next_cursor"] > cursor


def test_a_deleted_item_arrives_as_a_tombstone(db, patroller, pull):
    put(db, "room", room())
    cursor = pull(patroller)["next_cursor"]

    delete_reference_item(db, kind="room", key="hxy-1-1-101")
    page = pull(patroller, cursor=cursor)

    assert len(page["items"]) == 1
    tombstone = page["items"][0]
    assert (tombstone["key"], tombstone["deleted"]) == ("hxy-1-1-101", True)
    assert "data" not in tombstone


def test_an_empty_pull_keeps_the_cursor(patroller, pull):
    cursor = pull(patroller)["next_cursor"]

    page = pull(patroller, cursor=cursor)

    assert (page["items"], page["next_cursor"], page["has_more"]) == ([], cursor, False)


def test_a_limit_over_the_maximum_is_capped(db, client, patroller, pull, settings):
    for number in range(3):
        put(db, "room", room(number=f"10{number}"))
    client.app.state.settings = dataclasses.replace(settings, pull_max_limit=2)

    page = pull(patroller, limit=100)

    assert len(page["items"]) == 2
    assert page["has_more"] is True
