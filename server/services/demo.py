"""The demo estate 华夏苑 (assets/demo, written by scripts/make_demo_estate.py).

``python -m server --demo`` (or ``ESTATE_DEMO=1``; scripts/demo asks) loads it on
start into an empty database (no estate, no account); ``python -m server load-demo``
loads it without serving. A server started without asking never loads it: its
accounts have a well-known password. Rooms, owners and the patrol definition go
through the same import functions as the admin commands. Every demo account has the
password ``DEMO_PASSWORD``, printed when the demo is loaded: it is for trying the
product, never for real use.

The work orders' and visit tasks' times are written relative to the estate's
``anchor_date``; loading moves them by whole days so that the anchor date is today,
and the demo always shows fresh work (and a few overdue items) whenever it is loaded.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.db.models import Account, Estate
from server.services.accounts import create_account, create_estate
from server.services.imports.owners import import_owners
from server.services.imports.patrol import import_patrol
from server.services.imports.report import ImportReport
from server.services.imports.rooms import import_rooms
from server.services.reference import VISIT_TASK, WORK_ORDER, store_reference_item

DEMO_DIR = Path(__file__).resolve().parents[2] / "assets" / "demo"
DEMO_PASSWORD = "demo1234"
ASK_VARIABLE = "ESTATE_DEMO"


@dataclass
class DemoAccount:
    username: str
    display_name: str
    role: str


@dataclass
class DemoLoad:
    estate_id: str
    estate_name: str
    accounts: list[DemoAccount] = field(default_factory=list)
    reports: list[ImportReport] = field(default_factory=list)
    work_orders: int = 0
    visit_tasks: int = 0

    def lines(self) -> list[str]:
        lines = [f"演示项目已载入 / demo estate loaded: {self.estate_name} ({self.estate_id})"]
        for report in self.reports:
            lines += report.lines()[:2]
        lines.append(
            f"工单 {self.work_orders}，回访任务 {self.visit_tasks} / "
            f"{self.work_orders} work orders, {self.visit_tasks} visit tasks"
        )
        lines.append("演示账号 / demo accounts:")
        lines += [
            f"  {account.username:<10} {account.role:<11} {account.display_name}"
            for account in self.accounts
        ]
        lines.append(
            f"演示账号的密码都是 / every demo account's password is: {DEMO_PASSWORD}"
            "  (仅供演示 / for the demo only: use create-account for real staff)"
        )
        return lines


def requested(environ: dict[str, str]) -> bool:
    return environ.get(ASK_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def database_is_empty(session: Session) -> bool:
    estates = session.scalar(select(func.count()).select_from(Estate))
    accounts = session.scalar(select(func.count()).select_from(Account))
    return estates == 0 and accounts == 0


def _shift(moment: str | None, days: int) -> str | None:
    if moment is None:
        return None
    return (datetime.fromisoformat(moment) + timedelta(days=days)).isoformat()


def _work(path: Path, days: int) -> list[dict[str, Any]]:
    items = json.loads(path.read_text(encoding="utf-8"))
    for item in items:
        item["created_at"] = _shift(item["created_at"], days)
        item["due_at"] = _shift(item.get("due_at"), days)
    return items


def load_demo(
    session: Session, *, directory: Path = DEMO_DIR, today: date | None = None
) -> DemoLoad:
    """Create the demo estate, its data and its accounts."""
    estate = json.loads((directory / "estate.json").read_text(encoding="utf-8"))
    estate_id = estate["id"]
    create_estate(session, estate_id=estate_id, name=estate["name"], address=estate["address"])
    load = DemoLoad(estate_id, estate["name"])
    load.reports.append(import_rooms(session, path=directory / "rooms.csv", estate_id=estate_id))
    load.reports.append(import_owners(session, path=directory / "owners.xlsx", estate_id=estate_id))
    load.reports.append(import_patrol(session, path=directory / "patrol.json", estate_id=estate_id))
    for report in load.reports:
        if report.problems:  # the shipped files are generated; a problem is a bug
            raise RuntimeError("\n".join(report.lines()))

    staff_text = (directory / "staff.csv").read_text(encoding="utf-8")
    estate_row = session.get_one(Estate, estate_id)
    for username, display_name, role in list(csv.reader(io.StringIO(staff_text)))[1:]:
        create_account(
            session,
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            estates=[estate_row],
            display_name=display_name,
        )
        load.accounts.append(DemoAccount(username, display_name, role))

    days = ((today or date.today()) - date.fromisoformat(estate["anchor_date"])).days
    for kind, name in ((WORK_ORDER, "work_orders.json"), (VISIT_TASK, "visit_tasks.json")):
        for data in _work(directory / name, days):
            store_reference_item(session, kind=kind, key=data["id"], data=data, estate_id=estate_id)
        count = len(json.loads((directory / name).read_text(encoding="utf-8")))
        if kind == WORK_ORDER:
            load.work_orders = count
        else:
            load.visit_tasks = count
    session.commit()
    return load


def load_if_empty(session: Session) -> DemoLoad | None:
    """Load the demo when the database is empty; None when it is not."""
    if not database_is_empty(session):
        return None
    return load_demo(session)
