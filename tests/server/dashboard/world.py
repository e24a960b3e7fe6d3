"""Two estates on the real server, their staff, and the records the dashboard tests read.

    world = DashboardWorld.start(tmp_path)   # the real server process on loopback
    world.records["hxy_abnormal_round"]      # ids of the records pushed through the API
    web = world.sign_in("boss")              # a requests.Session signed in to /dashboard

华夏苑 (hxy) has the supervisor ``boss``, the admin ``root``, the patrol officer ``wang``
and the service clerk ``li``; 绿洋园 (lyy) has the supervisor ``lv``, the patrol officer
``zhao`` and the service clerk ``sun``. Records go in as tablets send them: device
sign-in, push, photo batch.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from hashlib import sha256
from pathlib import Path

import requests
from PIL import Image, ImageDraw
from sqlalchemy import create_engine, text

from server.db.engine import make_engine, make_session_factory
from server.services.accounts import create_account, create_estate
from server.services.reference import CHECKPOINT, OWNER, ROUTE, put_reference_item
from sync import protocol
from tests.e2e.real_server import RealServer

PASSWORD = "巡查 password 2026"
CST = timezone(timedelta(hours=8))
ACCOUNTS = {
    # username: (role, estate, display name)
    "boss": ("supervisor", "hxy", "陈主管"),
    "root": ("admin", "hxy", "系统管理员"),
    "wang": ("patrol", "hxy", "王秩序"),
    "li": ("service", "hxy", "李客服"),
    "lv": ("supervisor", "lyy", "吕经理"),
    "zhao": ("patrol", "lyy", "赵巡逻"),
    "sun": ("service", "lyy", "孙客服"),
}


def jpeg(colour: tuple[int, int, int], label: str) -> bytes:
    image = Image.new("RGB", (800, 600), colour)
    ImageDraw.Draw(image).rectangle((200, 150, 600, 450), outline=(255, 255, 255), width=12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, comment=label.encode())
    return buffer.getvalue()


def at(days_ago: int, hour: int, minute: int = 0) -> str:
    """``hour:minute`` China Standard Time, ``days_ago`` days before today: the records
    are recent whenever the tests run, so deadlines fall where the tests expect."""
    day = datetime.now(CST).date() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CST).isoformat()


def visit(checkpoint: str, minute: int, *, abnormal: bool = False, photos=(), gps=True) -> dict:
    presence: dict = {"method": "scanned", "code": f"CP-{checkpoint}"}
    if gps:
        presence["gps"] = {"lat": 22.543096 + minute / 10000, "lon": 114.057865, "accuracy_m": 8.0}
    entry = {
        "checkpoint_id": checkpoint,
        "arrived_at": at(1, 21, minute),
        "presence": presence,
        "results": [
            {
                "item_id": "pump",
                "label": "水泵运行",
                "kind": "check",
                "outcome": "abnormal" if abnormal else "normal",
            }
        ],
        "photos": list(photos),
    }
    if abnormal:
        entry |= {"abnormal": True, "note": "水泵异响，地面有积水"}
    return entry


def patrol_round(estate: str, staff: str, visits: list[dict], route: str) -> dict:
    return {
        "estate_id": estate,
        "route_id": route,
        "staff_id": staff,
        "started_at": at(1, 21),
        "ended_at": at(1, 22),
        "checkpoints": visits,
    }


def complaint(
    estate: str, matter: str, *, major: bool, received_at: str, received_by: str = "li"
) -> dict:
    payload = {
        "estate_id": estate,
        "channel": "phone",
        "received_by": received_by,
        "received_at": received_at,
        "complainant": "王建国",
        "phone": "13800138000",
        "building": "3栋",
        "unit": "2单元",
        "room": "1203",
        "matter": matter,
        "demand": "尽快处理并回复",
        "status": "received",
    }
    if major:
        payload |= {
            "status": "escalated",
            "severity": "major",
            "category": "property_service",
            "escalation": {
                "handed_to": "公司总经理",
                "reason_told_to_owner": "涉及赔偿，超出客服部权限",
                "agreed_reply_at": at(1, 18),
                "escalated_at": at(1, 11),
            },
        }
    return payload


def return_visit(estate: str) -> dict:
    return {
        "estate_id": estate,
        "staff_id": "li",
        "owner_id": "owner-1203",
        "room_id": "room-3-2-1203",
        "method": "phone",
        "visited_at": at(1, 15),
        "satisfaction": "dissatisfied",
        "task_id": None,
        "feedback": "维修后仍有渗水",
    }


@dataclass
class DashboardWorld:
    server: RealServer
    records: dict[str, str] = field(default_factory=dict)
    photos: dict[str, str] = field(default_factory=dict)
    _sent: dict[str, tuple] = field(
        default_factory=dict
    )  # name -> (tablet, kind, payload, revision)

    @property
    def url(self) -> str:
        return self.server.url + "/dashboard"

    @classmethod
    def start(cls, workdir: Path) -> DashboardWorld:
        server = RealServer(workdir)
        server.start()
        world = cls(server)
        world._add_people()
        world._push_records()
        return world

    def close(self) -> None:
        self.server.close()

    def _add_people(self) -> None:
        engine = make_engine(self.server.database_url)
        try:
            with make_session_factory(engine)() as session:
                estates = {
                    "hxy": create_estate(session, estate_id="hxy", name="华夏苑"),
                    "lyy": create_estate(session, estate_id="lyy", name="绿洋园"),
                }
                for username, (role, estate, name) in ACCOUNTS.items():
                    create_account(
                        session, username=username, password=PASSWORD, role=role,
                        estates=[estates[estate]], display_name=name,
                    )  # fmt: skip
                put_reference_item(
                    session,
                    kind=OWNER,
                    key="owner-1203",
                    estate_id="hxy",
                    data={"id": "owner-1203", "name": "王建国", "room_ids": ["room-3-2-1203"]},
                )
                for key, place in (("pump-room", "水泵房"), ("car-park-b1", "地下车库 B1")):
                    put_reference_item(
                        session,
                        kind=CHECKPOINT,
                        key=key,
                        estate_id="hxy",
                        data={"id": key, "estate_id": "hxy", "code": f"CP-{key}", "place": place},
                    )
                put_reference_item(
                    session,
                    kind=ROUTE,
                    key="route-night-a",
                    estate_id="hxy",
                    data={
                        "id": "route-night-a",
                        "estate_id": "hxy",
                        "name": "夜间巡查路线 A",
                        "shift": "night",
                        "checkpoint_ids": ["pump-room", "car-park-b1"],
                        "expected_minutes": 60,
                    },
                )
        finally:
            engine.dispose()

    def _tablet(self, username: str) -> requests.Session:
        tablet = requests.Session()
        tablet.headers[protocol.PROTOCOL_HEADER] = str(protocol.PROTOCOL_VERSION)
        response = tablet.post(
            self.server.url + "/api/v1/auth/device-login",
            json={"username": username, "password": PASSWORD, "device_name": f"{username} 的平板"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        tablet.headers["Authorization"] = f"Bearer {response.json()['token']}"
        return tablet

    def _push(
        self, tablet: requests.Session, name: str, kind: str, payload: dict, photos=(),
        revision: int = 1,
    ):  # fmt: skip
        record_id = self.records.get(name) or str(uuid.uuid4())
        body = {
            "records": [
                {
                    "id": record_id,
                    "kind": kind,
                    "revision": revision,
                    "content_hash": protocol.content_hash(payload),
                    "payload": payload,
                    "photos": [sha for sha, _ in photos],
                    "created_at": at(1, 21),
                    "updated_at": at(1, 22),
                }
            ]
        }
        response = tablet.post(self.server.url + "/api/v1/sync/push", json=body, timeout=30)
        assert response.status_code == 200, response.text
        assert response.json()["results"][0]["outcome"] == protocol.ACCEPTED, response.text
        if photos:
            response = tablet.post(
                self.server.url + "/api/v1/photos/batch",
                data=protocol.encode_photo_batch(list(photos)),
                headers={"Content-Type": "application/octet-stream"},
                timeout=30,
            )
            assert response.status_code == 200, response.text
        self.records[name] = record_id
        self._sent[name] = (tablet, kind, payload, revision)

    def push_rounds(self, count: int, *, abnormal_every: int = 0) -> list[str]:
        """Sync ``count`` more patrol rounds of wang's in one push; every
        ``abnormal_every``-th is abnormal. Returns their ids."""
        abnormal = [bool(abnormal_every) and n % abnormal_every == 0 for n in range(count)]
        payloads = [
            patrol_round("hxy", "wang", [visit("gate", 5, abnormal=a)], route=f"加班路线 {n}")
            for n, a in enumerate(abnormal)
        ]
        return self._push_many(self._tablet("wang"), "patrol_round", payloads)

    def push_complaints(self, count: int) -> list[str]:
        """Sync ``count`` more open complaints taken by li in 华夏苑 in one push, received
        a minute apart from 10:00 today. Returns their ids."""
        payloads = [
            complaint("hxy", f"第 {n} 件投诉", major=False, received_at=at(0, 10, n))
            for n in range(count)
        ]
        return self._push_many(self._tablet("li"), "complaint", payloads)

    def _push_many(self, tablet: requests.Session, kind: str, payloads: list[dict]) -> list[str]:
        records = [
            {
                "id": str(uuid.uuid4()),
                "kind": kind,
                "revision": 1,
                "content_hash": protocol.content_hash(payload),
                "payload": payload,
                "photos": [],
                "created_at": at(1, 21),
                "updated_at": at(1, 22),
            }
            for payload in payloads
        ]
        response = tablet.post(
            self.server.url + "/api/v1/sync/push", json={"records": records}, timeout=60
        )
        assert response.status_code == 200, response.text
        assert {r["outcome"] for r in response.json()["results"]} == {protocol.ACCEPTED}
        return [record["id"] for record in records]

    def push_round_with_photos(self, photos: list[bytes]) -> tuple[str, list[str]]:
        """Sync one more patrol round of wang's with these photo files; returns the
        record's id and the photos' hashes."""
        shots = [(sha256(data).hexdigest(), data) for data in photos]
        name = f"extra_{len(self.records)}"
        payload = patrol_round(
            "hxy", "wang", [visit("gate", 5, photos=[sha for sha, _ in shots])], route="补拍"
        )
        self._push(self._tablet("wang"), name, "patrol_round", payload, photos=shots)
        return self.records[name], [sha for sha, _ in shots]

    def push_repair_with_marks(self, photo: bytes, strokes: list[list[float]]) -> tuple[str, str]:
        """Sync a repair check of boss's (a supervisor may record every kind) whose
        photo before the repair carries these marks; returns the record's id and the
        photo's hash."""
        sha = sha256(photo).hexdigest()
        name = f"extra_{len(self.records)}"
        payload = {
            "estate_id": "hxy", "work_order_id": "wo-marks", "work_order_version": 1,
            "technician_id": "boss", "category": "water", "description": "水管漏水",
            "arrived_at": at(0, 9), "finished_at": at(0, 10), "diagnosis": "阀门损坏",
            "result": "needs_parts", "room_id": "room-3-2-1203", "place": "",
            "photos_before": [sha], "annotations": [{"photo": sha, "strokes": strokes}],
        }  # fmt: skip
        self._push(self._tablet("boss"), name, "repair_check", payload, photos=[(sha, photo)])
        return self.records[name], sha

    def push_revision(self, name: str, *, route: str) -> None:
        """Sync a corrected revision of a patrol round, as its tablet would."""
        tablet, kind, payload, revision = self._sent[name]
        self._push(tablet, name, kind, {**payload, "route_id": route}, revision=revision + 1)

    def _push_records(self) -> None:
        hxy_photos = [jpeg((40, 110, 170), "hxy-1"), jpeg((170, 80, 40), "hxy-2")]
        lyy_photo = jpeg((60, 150, 60), "lyy-1")
        shots = [(sha256(data).hexdigest(), data) for data in (*hxy_photos, lyy_photo)]
        self.photos = {"hxy_1": shots[0][0], "hxy_2": shots[1][0], "lyy_1": shots[2][0]}

        wang = self._tablet("wang")
        self._push(
            wang, "hxy_abnormal_round", "patrol_round",
            patrol_round("hxy", "wang", [
                visit("pump-room", 10, abnormal=True, photos=[shots[0][0]]),
                visit("car-park-b1", 25, photos=[shots[1][0]]),
            ], route="route-night-a"),
            photos=shots[:2],
        )  # fmt: skip
        for n in range(3):
            self._push(
                wang, f"hxy_round_{n}", "patrol_round",
                patrol_round("hxy", "wang", [visit("gate", 5 + n)], route=f"白班路线 {n + 1}"),
            )  # fmt: skip
        li = self._tablet("li")
        recently = datetime.now(UTC).astimezone(CST)
        self._push(
            li, "hxy_overdue_complaint", "complaint",
            complaint("hxy", "电梯停运两天无人处理", major=False, received_at=at(3, 9)),
        )  # fmt: skip
        self._push(
            li, "hxy_major_complaint", "complaint",
            complaint("hxy", "地下车库渗水损坏车辆，要求赔偿", major=True, received_at=at(1, 10)),
        )  # fmt: skip
        self._push(
            li, "hxy_fresh_complaint", "complaint",
            complaint(
                "hxy", "楼道灯不亮", major=False,
                received_at=(recently - timedelta(hours=1)).isoformat(),
            ),
        )  # fmt: skip
        self._push(li, "hxy_visit", "return_visit", return_visit("hxy"))

        zhao = self._tablet("zhao")
        self._push(
            zhao, "lyy_round", "patrol_round",
            patrol_round("lyy", "zhao", [visit("lyy-gate", 10, abnormal=True,
                                               photos=[shots[2][0]])], route="绿洋园夜巡"),
            photos=shots[2:],
        )  # fmt: skip
        self._push(
            self._tablet("sun"), "lyy_complaint", "complaint",
            complaint(
                "lyy", "绿洋园：垃圾清运不及时", major=False, received_at=at(3, 9),
                received_by="sun",
            ),
        )  # fmt: skip

    def audit(self, action: str) -> list[dict]:
        """The audit log's entries of one action, oldest first, as the server wrote them."""
        engine = create_engine(self.server.database_url)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT username, detail FROM audit_log WHERE action = :a ORDER BY id"),
                    {"a": action},
                ).mappings()
                return [
                    {
                        "username": row["username"],
                        "detail": json.loads(row["detail"])
                        if isinstance(row["detail"], str)
                        else row["detail"],
                    }
                    for row in rows
                ]
        finally:
            engine.dispose()

    # -- the dashboard through plain HTTP ------------------------------------------------

    def sign_in(self, username: str, password: str = PASSWORD) -> requests.Session:
        web = requests.Session()
        response = self.post_login(web, username, password)
        assert response.status_code == 302, response.text
        return web

    def post_login(self, web: requests.Session, username: str, password: str):
        form = web.get(self.url + "/login", timeout=30)
        return web.post(
            self.url + "/login",
            data={"username": username, "password": password, "csrf_token": csrf_of(form.text)},
            allow_redirects=False,
            timeout=30,
        )


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
