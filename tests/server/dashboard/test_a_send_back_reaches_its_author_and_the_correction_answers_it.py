"""A send-back reaches only the record's author, in their pull feed; their next revision
answers it, the answer reaches the tablet too, and the record's page links the two."""

from __future__ import annotations

from tests.server.dashboard.world import csrf_of


def _send_backs(world, username: str) -> dict[str, dict]:
    tablet = world._tablet(username)
    found, cursor = {}, 0
    while True:
        page = tablet.get(
            world.server.url + "/api/v1/sync/pull", params={"cursor": cursor}, timeout=30
        ).json()
        for item in page["items"]:
            if item["kind"] == "send_back":
                found[item["key"]] = item["data"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return found


def _send_back(world, web, record: str, comment: str):
    detail = web.get(world.url + f"/records/{record}", timeout=30)
    return web.post(
        world.url + f"/records/{record}/send-back",
        data={"csrf_token": csrf_of(detail.text), "comment": comment},
        allow_redirects=False,
        timeout=30,
    )


def test_a_send_back_reaches_only_the_author_and_the_corrected_revision_answers_it(world):
    web = world.sign_in("boss")
    name = "hxy_round_2"
    record = world.records[name]

    sent = _send_back(world, web, record, "请补充路线名称")
    to_wang = _send_backs(world, "wang")
    task = next(data for data in to_wang.values() if data["record_id"] == record)
    others = {user: _send_backs(world, user) for user in ("li", "zhao", "lv")}

    world.push_revision(name, route="白班路线 3（已补充）")
    answered = _send_backs(world, "wang")[task["id"]]
    page = web.get(world.url + f"/records/{record}", timeout=30).text

    assert sent.status_code == 302
    assert (task["status"], task["comment"], task["revision"]) == ("open", "请补充路线名称", 1)
    assert task["payload"]["route_id"] == "白班路线 3"
    assert others == {"li": {}, "zhao": {}, "lv": {}}
    assert (answered["status"], answered["answered_revision"]) == ("answered", 2)
    assert f'data-send-back="{task["id"]}" data-status="answered"' in page
    assert 'href="#revision-2"' in page
    assert f'data-answers="{task["id"]}"' in page


def test_a_revision_pushed_before_the_send_back_does_not_answer_it(world):
    web = world.sign_in("boss")
    name = "hxy_round_0"
    record = world.records[name]
    world.push_revision(name, route="白班路线 1（改）")

    _send_back(world, web, record, "照片不清楚，请重拍")
    task = next(d for d in _send_backs(world, "wang").values() if d["record_id"] == record)
    page = web.get(world.url + f"/records/{record}", timeout=30).text

    assert (task["status"], task["revision"]) == ("open", 2)
    assert f'data-send-back="{task["id"]}" data-status="open"' in page
