"""Reference data comes down before records go up, page by page, by server sequence."""


def test_pull_follows_the_cursor_through_every_page_and_applies_tombstones(store, server, engine):
    server.reference = [
        {"seq": n, "version": n, "kind": "room", "key": f"r{n}", "deleted": False, "data": {"n": n}}
        for n in range(1, 8)
    ] + [{"seq": 8, "version": 8, "kind": "room", "key": "r1", "deleted": True, "data": None}]
    engine.pull_page = 3

    report = engine.run_once()

    assert report.pulled == 8
    assert server.calls.count("pull") == 3
    assert store.reference.cursor() == 8
    assert store.reference.get("room", "r1") is None
    assert sorted(d["n"] for d in store.reference.all("room")) == list(range(2, 8))


def test_a_later_pass_asks_only_for_what_changed_since(store, server, engine):
    server.reference = [_room("a", 1)]
    engine.run_once()
    server.reference.append(_room("b", 5))

    report = engine.run_once()

    assert report.pulled == 1
    assert store.reference.cursor() == 5


def _room(key: str, seq: int) -> dict:
    return {"seq": seq, "version": seq, "kind": "room", "key": key, "deleted": False, "data": {}}
