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


def test_another_account_signing_in_starts_the_reference_data_over(store, server, engine):
    owner = {"seq": 3, "version": 3, "kind": "owner", "key": "o1", "deleted": False}
    server.reference = [_room("a", 1), owner | {"data": {"phones": ["13800001234"]}}]
    engine.run_once()
    waiting = store.records.create("patrol_round", {"estate_id": "e1"})
    # A patrol officer signs in on the service rep's tablet: no owner archive for them.
    server.scope = "account-2"
    server.reference = [_room("a", 1), _room("b", 2)]

    report = engine.run_once()

    assert store.reference.get("owner", "o1") is None
    assert (store.reference.version("room", "a"), store.reference.version("room", "b")) == (1, 2)
    assert (store.reference.cursor(), store.reference.scope()) == (2, "account-2")
    assert report.pulled == 2
    assert server.records[waiting.id]["revision"] == 1  # what waited still went
