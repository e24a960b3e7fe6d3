import json

import pytest

from sync import protocol

JSON = "application/json"


def _encode(body) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


ACCEPTED = {
    "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    "revision": 1,
    "outcome": "accepted",
    "complete": False,
    "missing_photos": ["a" * 64],
}


def test_a_captive_portal_login_page_is_never_mistaken_for_success():
    portal = b"<html><body>Welcome to Free WiFi, please sign in</body></html>"

    with pytest.raises(protocol.ShapeError):
        protocol.decode_response("text/html; charset=utf-8", portal, expect="push")


def test_json_that_is_not_the_expected_answer_is_refused():
    with pytest.raises(protocol.ShapeError):
        protocol.decode_response(JSON, _encode({"status": "ok"}), expect="push")


def test_a_truncated_body_is_refused():
    with pytest.raises(protocol.ShapeError):
        protocol.decode_response(JSON, _encode({"protocol": 1, "results": []})[:-3], expect="push")


def test_a_well_formed_push_answer_is_decoded():
    body = {"protocol": 1, "results": [ACCEPTED]}

    assert protocol.decode_response(f"{JSON}; charset=utf-8", _encode(body), expect="push") == body


def test_a_push_answer_must_answer_every_record_sent():
    with pytest.raises(protocol.ShapeError, match="1 results for 2 records"):
        protocol.check_push_response({"protocol": 1, "results": [ACCEPTED]}, sent=2)


@pytest.mark.parametrize(
    "result",
    [
        {**ACCEPTED, "outcome": "maybe"},
        {k: v for k, v in ACCEPTED.items() if k != "complete"},
        {**ACCEPTED, "missing_photos": ["../../etc/passwd"]},
        {"id": None, "revision": None, "outcome": "rejected", "errors": []},
        {"id": "x", "revision": 1, "outcome": "conflict", "reason": "content_differs"},
    ],
)
def test_malformed_results_are_refused(result):
    with pytest.raises(protocol.ShapeError):
        protocol.check_push_response({"protocol": 1, "results": [result]})


def test_an_error_answer_has_a_code_and_a_bilingual_message():
    body = {"error": {"code": "protocol_outdated", "message": {"zh": "请更新应用", "en": "x"}}}

    with pytest.raises(protocol.ShapeError, match="fields"):
        protocol.check_error_response(body)
    body["error"]["fields"] = []
    protocol.check_error_response(body)


def test_a_pull_answer_needs_a_cursor_and_data_for_live_items():
    live = {"seq": 3, "version": 2, "kind": "room", "key": "r1", "estate_id": "hxy"}
    live["deleted"] = False

    with pytest.raises(protocol.ShapeError):
        protocol.check_pull_response(
            {"items": [live], "next_cursor": 3, "has_more": False, "scope": "s"}
        )
    protocol.check_pull_response(
        {"items": [{**live, "deleted": True}], "next_cursor": 3, "has_more": False, "scope": "s"}
    )


def test_a_pulled_item_carries_its_version():
    item = {"seq": 3, "kind": "room", "key": "r1", "deleted": False, "data": {}}

    with pytest.raises(protocol.ShapeError, match="version"):
        protocol.check_pull_response(
            {"items": [item], "next_cursor": 3, "has_more": False, "scope": "s"}
        )
    protocol.check_pull_response(
        {"items": [{**item, "version": 3}], "next_cursor": 3, "has_more": False, "scope": "s"}
    )


def _work_order_conflict(work_order: object) -> dict:
    result = {"id": "r", "revision": 1, "outcome": "conflict", "server_revision": 0}
    return {"protocol": 1, "results": [result | {"reason": "work_order_changed", **work_order}]}


def test_a_work_order_conflict_carries_the_order_as_the_server_has_it():
    changed = {"version": 9, "deleted": False, "data": {"status": "cancelled"}}
    deleted = {"version": 9, "deleted": True, "data": None}

    with pytest.raises(protocol.ShapeError, match="work order"):
        protocol.check_push_response(_work_order_conflict({}))
    with pytest.raises(protocol.ShapeError, match="data"):
        protocol.check_push_response(_work_order_conflict({"work_order": changed | {"data": None}}))
    protocol.check_push_response(_work_order_conflict({"work_order": changed}))
    protocol.check_push_response(_work_order_conflict({"work_order": deleted}))


def test_a_pull_answer_names_the_scope_its_cursor_belongs_to():
    page = {"items": [], "next_cursor": 0, "has_more": False}

    with pytest.raises(protocol.ShapeError, match="scope"):
        protocol.check_pull_response(page)
    protocol.check_pull_response(page | {"scope": "3f2a9c"})
