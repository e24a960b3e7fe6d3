"""Random writes (reassignments, status changes, deletions, owners moving) between
incremental pulls of random page sizes: every tablet ends holding exactly what the
visibility rules, applied to the final data, give its account; so does a new tablet."""

import random

import pytest

from domain.owner import Owner
from server.services.reference import delete_reference_item
from tests.server.reference_factories import (
    Tablet,
    building,
    owner,
    put,
    put_estate_tree,
    room,
    unit,
    visit_task,
    work_order,
)

ACCOUNTS = [
    ("zhang", "technician"),
    ("zhao", "technician"),
    ("li", "service"),
    ("liu", "service"),
    ("chen", "supervisor"),
    ("wang", "patrol"),
]
OPEN = {"assigned", "in_progress", "on_hold"}


def _room(room_id: str) -> dict:
    return room("hxy-1-1", room_id.rsplit("-", 1)[1])


def _expected(final: dict, username: str, role: str) -> dict:
    live = {key: data for key, data in final.items() if data is not None}
    rooms_of_open_orders = {
        data["room_id"]
        for (kind, _), data in live.items()
        if kind == "work_order"
        and data["technician_id"] == username
        and data["status"] in OPEN
        and data["room_id"]
    }
    seen = {}
    for (kind, key), data in live.items():
        if kind == "owner" and role == "technician":
            if rooms_of_open_orders & set(data["room_ids"]):
                seen[kind, key] = Owner.from_dict(data).redacted().to_dict()
            continue
        if (
            kind in ("building", "unit", "room")
            or (kind == "owner" and role in ("service", "supervisor"))
            or (kind == "work_order" and role in ("service", "supervisor"))
            or (kind == "work_order" and role == "technician" and data["technician_id"] == username)
            or (kind == "visit_task" and role == "supervisor")
            or (kind == "visit_task" and role == "service" and data["staff_id"] == username)
        ):
            seen[kind, key] = data
    return seen


@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_pulls_match_the_rules_after_random_changes(
    db, estates, client, make_account, login, seed
):
    rng = random.Random(seed)
    room_ids = put_estate_tree(db, "hxy", rooms=("101", "102", "103", "104"))
    final: dict = {("building", "hxy-1"): building(), ("unit", "hxy-1-1"): unit()}
    final.update({("room", data["id"]): data for data in map(_room, room_ids)})
    tablets = {
        username: Tablet(client, login(make_account(username, role))) for username, role in ACCOUNTS
    }
    technicians, service = ["zhang", "zhao"], ["li", "liu"]

    def write(kind, data):
        put(db, kind, data)
        final[kind, data["id"]] = data

    for step in range(60):
        choice = rng.random()
        if choice < 0.45:
            data = work_order(
                f"wo-{rng.randint(1, 5)}",
                rng.choice(technicians),
                rng.choice(room_ids + [None]),
                status=rng.choice(["assigned", "in_progress", "on_hold", "done", "cancelled"]),
            )
            write("work_order", data)
        elif choice < 0.65:
            data = visit_task(
                f"vt-{rng.randint(1, 3)}", rng.choice(service), f"hxy-o-{rng.randint(1, 4)}"
            )
            write("visit_task", data)
        elif choice < 0.85:
            rooms = tuple(rng.sample(room_ids, rng.randint(1, 2)))
            write("owner", owner(f"hxy-o-{rng.randint(1, 4)}", rooms))
        else:
            live = [key for key, data in final.items() if data is not None]
            if live:
                kind, key = rng.choice(live)
                delete_reference_item(db, kind=kind, key=key)
                final[kind, key] = None
        if step % 4 == 3:
            for tablet in rng.sample(list(tablets.values()), 3):
                tablet.sync(limit=rng.randint(1, 6))

    for username, role in ACCOUNTS:
        tablets[username].sync(limit=rng.randint(1, 6))
        expected = _expected(final, username, role)
        held = {
            key: data
            for key, data in tablets[username].items.items()
            if key[0] not in ("estate", "staff")  # the accounts themselves, not changed here
        }
        assert held == expected, (username, role)

        fresh = Tablet(client, tablets[username].headers)
        fresh.sync(limit=rng.randint(1, 6))
        assert {k: v for k, v in fresh.items.items() if k[0] not in ("estate", "staff")} == expected
