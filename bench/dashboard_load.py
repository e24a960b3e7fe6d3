"""Dashboard pages under load: every page against the same SQL run bare.

    scripts/with-postgres .venv/bin/python -m bench.dashboard_load [--quick] [--records N]

Loads N records (1,000,000 by default; --quick: 20,000) of 20 estates into PostgreSQL
with COPY (not through HTTP): each with its revisions (one in ten has a second), one
in five with a photo, the estates' reference data (rooms, checkpoints, routes), their
staff and a supervisor of all 20. Then each page of ``PAGES`` is requested in process
(the real app over ASGI, signed in as that supervisor) ``--repeat`` times; the SQL each
request ran is captured and run again bare on a connection of the same database. Prints
``<page>_median_ms``, ``<page>_p95_ms``, ``<page>_bare_median_ms`` and ``<page>_ratio``
per page, and ``pages_over_300ms``. To time a new page, add its URL to ``PAGES``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event

from server.app import create_app
from server.config import Settings
from server.db.engine import make_engine, make_session_factory
from server.db.migrate import upgrade_to_head
from server.services.accounts import create_account, create_estate
from server.services.record_flags import is_abnormal, reply_due
from server.services.round_coverage import round_columns
from sync import protocol

ESTATES = 20
STAFF_PER_ESTATE = 6
PASSWORD = "bench password 2026"
LIMIT_MS = 300.0
# name -> URL (under /dashboard). {record} is a record of estate e01.
PAGES: dict[str, str] = {
    "logs": "/logs",
    "logs_page_50": "/logs?page=50",
    "logs_estate": "/logs?estate=e01",
    "logs_kind": "/logs?kind=patrol_round",
    "logs_staff": "/logs?staff=e01-staff1",
    "logs_dates": "/logs?date_from={week_ago}&date_to={today}",
    "logs_abnormal": "/logs?estate=e01&abnormal=1&date_from={week_ago}",
    "logs_search": "/logs?estate=e01&q=漏水&date_from={week_ago}",
    "complaints_board": "/complaints",
    "complaints_board_all_estates": "/complaints?estate=all",
    "coverage": "/coverage?estate=e01",
    "record": "/records/{record}",
    "return_visits": "/visits?estate=e01",
    "devices": "/devices",
    "monthly_report": "/reports/monthly?estate=e01",
}
# What the push stores of each patrol round (server.services.round_coverage), in order.
ROUND_COLUMNS = list(round_columns("", {}, None, datetime.now(UTC)))
KINDS = ("patrol_round", "return_visit", "repair_check", "complaint")
# One complaint in this many is still open (the rest closed): about 1,250 open at 1M.
OPEN_EVERY = 200


def payload(kind: str, estate: str, staff: str, at: datetime, n: int) -> dict:
    stamp = at.isoformat()
    if kind == "patrol_round":
        return {
            "estate_id": estate, "route_id": f"{estate}-night", "staff_id": staff,
            "started_at": stamp, "ended_at": (at + timedelta(minutes=50)).isoformat(),
            "checkpoints": [
                {"checkpoint_id": f"{estate}-cp{c}",
                 "arrived_at": (at + timedelta(minutes=5 * c)).isoformat(),
                 "presence": {"method": "scanned", "code": f"CP{c}"},
                 "results": [{"item_id": "i", "label": "消防栓压力", "kind": "check",
                              "outcome": "abnormal" if (n + c) % 37 == 0 else "normal"}]}
                for c in range(8) if (n + c) % 23
            ],
        }  # fmt: skip
    if kind == "complaint":
        return {
            "estate_id": estate, "channel": "phone", "received_by": staff, "received_at": stamp,
            "complainant": "业主", "phone": "13800138000", "building": "3栋", "unit": "2单元",
            "room": str(1000 + n % 900), "matter": "楼上漏水" if n % 7 == 0 else "楼道灯不亮",
            "demand": "尽快处理",
            "status": "closed" if (n // len(KINDS)) % OPEN_EVERY else "received",
        }  # fmt: skip
    if kind == "return_visit":
        return {
            "estate_id": estate, "staff_id": staff, "owner_id": f"{estate}-o{n % 500}",
            "room_id": f"{estate}-r{n % 500}", "method": "phone", "visited_at": stamp,
            "satisfaction": ("very_satisfied", "satisfied", "neutral", "dissatisfied")[n % 4],
            "task_id": None, "feedback": "卫生间漏水" if n % 4 == 3 else "",
        }  # fmt: skip
    return {
        "estate_id": estate, "work_order_id": f"{estate}-wo{n}", "work_order_version": 1,
        "technician_id": staff, "category": "water", "description": "漏水",
        "arrived_at": stamp, "finished_at": (at + timedelta(hours=1)).isoformat(),
        "diagnosis": "阀门老化", "result": "resolved" if n % 5 else "needs_parts",
        "place": "2栋 泵房",
    }  # fmt: skip


def _copy(connection, table: str, columns: list[str], rows) -> None:
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def load(database_url: str, records: int) -> str:
    """Everything the pages read; returns the id of a record of estate e01."""
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    with make_session_factory(engine)() as session:
        estates = [
            create_estate(session, estate_id=f"e{n:02d}", name=f"小区 {n:02d}")
            for n in range(1, ESTATES + 1)
        ]
        boss = create_account(
            session, username="boss", password=PASSWORD, role="supervisor", estates=estates
        )
        password_hash = boss.password_hash
    staff_rows = [
        (f"e{e:02d}-staff{s}", f"员工{e:02d}-{s}", password_hash,
         ("patrol", "service", "technician")[s % 3], True, False, datetime.now(UTC))
        for e in range(1, ESTATES + 1)
        for s in range(1, STAFF_PER_ESTATE + 1)
    ]  # fmt: skip
    raw = engine.raw_connection()
    try:
        _copy(raw, "accounts", ["username", "display_name", "password_hash", "role", "active",
              "company_wide", "created_at"], staff_rows)  # fmt: skip
        cursor = raw.cursor()
        cursor.execute(
            "INSERT INTO account_estates (account_id, estate_id) SELECT id, "
            "split_part(username, '-', 1) FROM accounts WHERE username LIKE 'e%'"
        )
        cursor.execute("SELECT id, username FROM accounts WHERE username LIKE 'e%'")
        staff = {username: account_id for account_id, username in cursor.fetchall()}
        now = datetime.now(UTC)
        devices = []
        for username, account_id in staff.items():
            cursor.execute(
                "INSERT INTO devices (account_id, name, token_sha256, created_at, expires_at) "
                "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                (
                    account_id,
                    f"{username} 平板",
                    uuid.uuid4().hex * 2,
                    now,
                    now + timedelta(days=30),
                ),
            )
            devices.append((username, account_id, cursor.fetchone()[0]))
        _reference(raw, now)
        rng = random.Random(13)
        first_e01 = None
        record_rows, revision_rows, photo_rows, record_photo_rows = [], [], [], []
        for n in range(records):
            username, account_id, device_id = devices[n % len(devices)]
            estate = username.split("-")[0]
            kind = KINDS[n % len(KINDS)]
            at = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
            body = payload(kind, estate, username, at, n)
            record_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            if estate == "e01" and first_e01 is None:
                first_e01 = record_id
            photos = []
            if n % 5 == 0:
                sha = f"{n:064x}"
                photos = [sha]
                photo_rows.append((sha, 200_000, 200_000, True, at, at))
                record_photo_rows.append((record_id, sha))
            revisions = 2 if n % 10 == 0 else 1
            digest = protocol.content_hash(body)
            body_json = json.dumps(body, ensure_ascii=False)
            for revision in range(1, revisions + 1):
                revision_rows.append((record_id, revision, digest, body_json, json.dumps(photos),
                                      account_id, device_id, at))  # fmt: skip
            route = [f"{estate}-cp{c}" for c in range(8)]
            coverage = round_columns(kind, body, route, at)
            coverage["round_route"] = coverage["round_route"] and json.dumps(route)
            record_rows.append((record_id, kind, estate, revisions, digest, body_json,
                                json.dumps(photos), True, account_id, device_id, at.isoformat(),
                                at.isoformat(), at, at, is_abnormal(kind, body),
                                reply_due(kind, body), "pending",
                                *coverage.values()))  # fmt: skip
            if len(record_rows) >= 20_000 or n == records - 1:
                _copy(raw, "records", ["id", "kind", "estate_id", "revision", "content_hash",
                      "payload", "photos", "complete", "account_id", "device_id",
                      "device_created_at", "device_updated_at", "received_at", "updated_at",
                      "abnormal", "reply_due_at", "review_status", *ROUND_COLUMNS],
                      record_rows)  # fmt: skip
                _copy(raw, "record_revisions", ["record_id", "revision", "content_hash",
                      "payload", "photos", "account_id", "device_id", "received_at"],
                      revision_rows)  # fmt: skip
                _copy(raw, "photos", ["sha256", "size", "received", "complete", "created_at",
                      "completed_at"], photo_rows)  # fmt: skip
                _copy(raw, "record_photos", ["record_id", "sha256"], record_photo_rows)
                raw.commit()
                record_rows, revision_rows, photo_rows, record_photo_rows = [], [], [], []
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
        engine.dispose()
    assert first_e01 is not None
    return first_e01


def _reference(raw, now: datetime) -> None:
    """Rooms, checkpoints and one night route per estate (reference_items via COPY)."""
    rows, seq = [], 1000
    for e in range(1, ESTATES + 1):
        estate = f"e{e:02d}"
        items = [
            ("room", f"{estate}-r{r}", {"id": f"{estate}-r{r}", "unit_id": f"{estate}-u1",
                                        "number": str(1000 + r)})
            for r in range(500)
        ]  # fmt: skip
        items += [
            ("checkpoint", f"{estate}-cp{c}", {"id": f"{estate}-cp{c}", "estate_id": estate,
                                               "code": f"CP{c}", "place": f"巡查点 {c}"})
            for c in range(8)
        ]  # fmt: skip
        route = {
            "id": f"{estate}-night", "estate_id": estate, "name": "夜间巡查", "shift": "night",
            "checkpoint_ids": [f"{estate}-cp{c}" for c in range(8)], "expected_minutes": 60,
        }  # fmt: skip
        items.append(("route", f"{estate}-night", route))
        for kind, key, data in items:
            seq += 1
            rows.append((kind, key, estate, json.dumps(data, ensure_ascii=False), False, seq, now))
    _copy(raw, "reference_items", ["kind", "key", "estate_id", "data", "deleted", "change_seq",
          "updated_at"], rows)  # fmt: skip
    raw.cursor().execute("UPDATE counters SET value = %s WHERE name = 'change_seq'", (seq,))
    raw.commit()


class Captured:
    """The SQL statements the app runs, to run them bare afterwards."""

    def __init__(self, engine) -> None:
        self.statements: list[tuple[str, object]] = []
        self.on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self.on:
            self.statements.append((statement, parameters))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(
    database_url: str, records: int, repeat: int, args_verbose: bool = False
) -> dict[str, float]:
    started = time.perf_counter()
    record_id = load(database_url, records)
    figures: dict[str, float] = {
        "records": records,
        "load_s": round(time.perf_counter() - started, 1),
    }
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            data_dir=Path(folder), database_url=database_url, photo_dir=Path(folder) / "photos"
        )
        app = create_app(settings)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            form = client.get("/dashboard/login").text
            token = form.split('name="csrf_token" value="')[1].split('"')[0]
            client.post("/dashboard/login", data={"username": "boss", "password": PASSWORD,
                        "csrf_token": token}, follow_redirects=False)  # fmt: skip
            engine = app.state.engine
            captured = Captured(engine)
            today = datetime.now(UTC).date()
            values = {"record": record_id, "today": today.isoformat(),
                      "week_ago": (today - timedelta(days=7)).isoformat()}  # fmt: skip
            bare_engine = create_engine(database_url)
            over = 0
            for name, url in PAGES.items():
                url = "/dashboard" + url.format(**values)
                client.get(url)  # warm
                timings, bare = [], []
                for _ in range(repeat):
                    captured.statements, captured.on = [], True
                    begin = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - begin) * 1000)
                    captured.on = False
                    assert response.status_code == 200, (url, response.status_code)
                    with bare_engine.connect() as connection:
                        dbapi = connection.connection.dbapi_connection
                        begin = time.perf_counter()
                        slowest = (0.0, "")
                        with dbapi.cursor() as cursor:
                            for statement, parameters in captured.statements:
                                one = time.perf_counter()
                                cursor.execute(statement, parameters)
                                if cursor.description:
                                    cursor.fetchall()
                                slowest = max(slowest, (time.perf_counter() - one, statement))
                        bare.append((time.perf_counter() - begin) * 1000)
                        dbapi.rollback()
                median = statistics.median(timings)
                figures[f"{name}_median_ms"] = round(median, 1)
                figures[f"{name}_p95_ms"] = round(percentile(timings, 0.95), 1)
                figures[f"{name}_bare_median_ms"] = round(statistics.median(bare), 1)
                figures[f"{name}_ratio"] = round(median / max(statistics.median(bare), 0.01), 2)
                over += median > LIMIT_MS
                if args_verbose:
                    print(f"{name}: slowest {slowest[0] * 1000:.1f} ms: {slowest[1][:300]}",
                          file=sys.stderr)  # fmt: skip
            figures["pages_over_300ms"] = over
            bare_engine.dispose()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 records, 5 requests a page")
    parser.add_argument("--records", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--verbose", action="store_true", help="each page's slowest SQL")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgresql"):
        print("needs PostgreSQL: run under scripts/with-postgres", file=sys.stderr)
        return 2
    records = args.records or (20_000 if args.quick else 1_000_000)
    repeat = args.repeat or (5 if args.quick else 20)
    for name, value in run(args.database_url, records, repeat, args.verbose).items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
