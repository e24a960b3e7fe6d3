"""Valid reference items for the server tests, stored through ``put_reference_item``.

Ids follow the importers' scheme (``hxy-1-1-101``); every builder takes keyword
changes that replace fields of the domain dict.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.errors import InvalidRecord
from server.services.reference import KINDS, put_reference_item

CREATED_AT = "2025-03-01T09:00:00+08:00"


def _as_stored(kind: str, data: dict) -> dict:
    """The dict as the server stores it (the domain's ``to_dict()``, with any field the
    domain has added since); invalid data is returned as it is, for tests of refusals."""
    try:
        return KINDS[kind](data).to_dict()
    except InvalidRecord:
        return data


def building(estate_id: str = "hxy", number: str = "1", **changes) -> dict:
    return {"id": f"{estate_id}-{number}", "estate_id": estate_id, "name": f"{number}栋", **changes}


def unit(building_id: str = "hxy-1", number: str = "1", **changes) -> dict:
    data = {"id": f"{building_id}-{number}", "building_id": building_id, "name": f"{number}单元"}
    return {**data, **changes}


def room(unit_id: str = "hxy-1-1", number: str = "101", **changes) -> dict:
    data = {"id": f"{unit_id}-{number}", "unit_id": unit_id, "number": number, "floor": 1}
    return {**data, **changes}


def owner(owner_id: str = "hxy-o-1", room_ids: tuple[str, ...] = ("hxy-1-1-101",), **changes):
    data = {
        "id": owner_id,
        "name": "王建国",
        "room_ids": list(room_ids),
        "phones": ["13800001234"],
        "occupation": "教师",
        "family_members": [{"name": "李娜", "relation": "妻子", "phone": "13900005678"}],
        "decorations": [
            {
                "started_on": "2021-03-01",
                "finished_on": "2021-05-30",
                "contractor": "",
                "description": "全屋翻新",
            }
        ],
        "occupancy": "owner_occupied",
    }
    return {**data, **changes}


def checkpoint(estate_id: str = "hxy", code: str = "HXY-01", **changes) -> dict:
    data = {
        "id": f"{estate_id}-cp-{code.lower()}",
        "estate_id": estate_id,
        "code": code,
        "place": "1号水泵房",
        "items": [
            {"id": "i1", "label": "水泵运行无异响", "kind": "check"},
            {
                "id": "i2",
                "label": "水泵房水位",
                "kind": "reading",
                "unit": "m",
                "allowed_min": 1.0,
                "allowed_max": 3.5,
            },
        ],
    }
    return {**data, **changes}


def route(estate_id: str = "hxy", route_id: str = "hxy-night", **changes) -> dict:
    data = {
        "id": route_id,
        "estate_id": estate_id,
        "name": "夜查路线",
        "shift": "night",
        "checkpoint_ids": [f"{estate_id}-cp-hxy-01"],
        "expected_minutes": 60,
    }
    return {**data, **changes}


def work_order(
    order_id: str = "wo-1", technician: str = "zhang", room_id: str | None = "hxy-1-1-101", **c
) -> dict:
    data = {
        "id": order_id,
        "technician_id": technician,
        "category": "water",
        "description": "卫生间漏水",
        "source": "owner",
        "status": "assigned",
        "created_at": CREATED_AT,
        "room_id": room_id,
        "place": "" if room_id else "地下车库A区",
        "source_id": None,
        "due_at": None,
        "photos": [],
    }
    return _as_stored("work_order", {**data, **c})


def visit_task(task_id: str = "vt-1", staff: str = "li", owner_id: str = "hxy-o-1", **c) -> dict:
    data = {
        "id": task_id,
        "staff_id": staff,
        "owner_id": owner_id,
        "room_id": "hxy-1-1-101",
        "reason": "routine",
        "status": "pending",
        "created_at": CREATED_AT,
        "source_id": None,
        "due_at": None,
    }
    return _as_stored("visit_task", {**data, **c})


def put(session: Session, kind: str, data: dict, estate_id: str = "hxy"):
    return put_reference_item(session, kind=kind, key=data["id"], data=data, estate_id=estate_id)


def put_estate_tree(session: Session, estate_id: str = "hxy", rooms: tuple[str, ...] = ("101",)):
    """Building 1, unit 1 and the given rooms in it; returns the room ids."""
    put(session, "building", building(estate_id), estate_id)
    put(session, "unit", unit(f"{estate_id}-1"), estate_id)
    ids = []
    for number in rooms:
        data = room(f"{estate_id}-1-1", number)
        put(session, "room", data, estate_id)
        ids.append(data["id"])
    return ids


def pull_page(client, headers: dict, cursor: int = 0, limit: int = 500) -> dict:
    response = client.get(f"/api/v1/sync/pull?cursor={cursor}&limit={limit}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


class Tablet:
    """What a tablet holds after applying pulls as the store does (tombstones delete)."""

    def __init__(self, client, headers: dict):
        self.client, self.headers = client, headers
        self.cursor = 0
        self.items: dict[tuple[str, str], dict] = {}
        self.received: list[dict] = []

    def sync(self, limit: int = 500) -> list[dict]:
        """Pull until nothing more; returns the items received in this sync."""
        got = []
        while True:
            page = pull_page(self.client, self.headers, self.cursor, limit)
            seqs = [item["seq"] for item in page["items"]]
            assert seqs == sorted(set(seqs)), "seqs in a pull are distinct and ascending"
            assert all(seq > self.cursor for seq in seqs)
            for item in page["items"]:
                if item["deleted"]:
                    self.items.pop((item["kind"], item["key"]), None)
                else:
                    self.items[(item["kind"], item["key"])] = item["data"]
            got += page["items"]
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        self.received += got
        return got

    def keys(self, kind: str) -> set[str]:
        return {key for item_kind, key in self.items if item_kind == kind}

    def get(self, kind: str, key: str) -> dict | None:
        return self.items.get((kind, key))


def cli_runner(monkeypatch, database_url: str, data_dir, capsys):
    """Run ``python -m server`` commands in-process against the test database;
    each call returns (exit code, stdout, stderr)."""
    import io

    from server import cli

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("ESTATE_DATA_DIR", str(data_dir))
    monkeypatch.delenv("ESTATE_DEMO", raising=False)

    def run(*args: str, stdin: str = ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
