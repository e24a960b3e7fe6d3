"""Importing checkpoints (with their checklists) and routes from a JSON patrol definition.

Ids follow the estate: checkpoint ``hxy-cp-<code>``, route ``hxy-route-<id>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidRecord
from domain.route import Shift
from domain.text import Text
from server.db.models import ReferenceItem
from server.services.imports.items import errors_text, put, require_estate
from server.services.imports.report import ImportFailed, ImportReport, RowProblem
from server.services.imports.tables import decode
from server.services.reference import CHECKPOINT, ROUTE

SHIFT_WORDS = {"白班": Shift.DAY, "日间": Shift.DAY, "白天": Shift.DAY, "夜班": Shift.NIGHT}


def checkpoint_id(estate_id: str, code: str) -> str:
    slug = code.strip().lower()
    prefix = f"{estate_id.lower()}-"
    if slug.startswith(prefix) and len(slug) > len(prefix):
        slug = slug[len(prefix) :]
    return f"{estate_id}-cp-{slug}"


def _shift(written: object) -> object:
    if not isinstance(written, str):
        return written
    for choice in Shift:
        if written.strip().lower() in (choice.value, choice.label.zh, choice.label.en.lower()):
            return choice.value
    found = SHIFT_WORDS.get(written.strip())
    return found.value if found else written


def _item(raw: object, position: int) -> object:
    if not isinstance(raw, dict):
        return raw
    item = {**raw, "id": raw.get("id") or f"i{position}"}
    kind = item.get("kind")
    if isinstance(kind, str):
        item["kind"] = {"检查": "check", "读数": "reading"}.get(kind, kind)
    for short, full in (("min", "allowed_min"), ("max", "allowed_max")):
        if short in item and full not in item:
            item[full] = item.pop(short)
    return item


def _entry_problem(where: Text, exc: Exception) -> RowProblem:
    if isinstance(exc, InvalidRecord):
        return RowProblem(where, errors_text(exc.errors, lambda field_name: field_name))
    return RowProblem(where, Text(str(exc), str(exc)))


def import_patrol(session: Session, *, path: Path, estate_id: str) -> ImportReport:
    """Checkpoints (with checklist templates) and routes from a JSON definition:

    ``{"checkpoints": [{"code", "place", "items": [{"label", "kind": "check"}, {"label",
    "kind": "reading", "unit", "min", "max"}]}], "routes": [{"id", "name", "shift",
    "expected_minutes", "checkpoints": [code, ...]}]}``
    """
    require_estate(session, estate_id)
    try:
        definition = json.loads(decode(path.read_bytes()))
    except json.JSONDecodeError as exc:
        raise ImportFailed(Text(f"不是有效的 JSON：{exc}", f"Not valid JSON: {exc}")) from exc
    if not isinstance(definition, dict):
        raise ImportFailed(
            Text(
                "应为含 checkpoints 和 routes 的对象", "Expected an object with checkpoints, routes"
            )
        )
    report = ImportReport(Text("导入巡查点和路线", "Patrol import"))
    known_codes = {
        item.data["code"]: item.key
        for item in session.scalars(
            select(ReferenceItem).where(
                ReferenceItem.kind == CHECKPOINT,
                ReferenceItem.estate_id == estate_id,
                ReferenceItem.deleted.is_(False),
            )
        )
    }
    for position, raw in enumerate(definition.get("checkpoints") or [], start=1):
        report.read += 1
        code = str(raw.get("code", "")).strip() if isinstance(raw, dict) else ""
        where = Text(
            f"巡查点第 {position} 项 {code}".rstrip(), f"checkpoint {position} {code}".rstrip()
        )
        if not isinstance(raw, dict):
            report.problems.append(RowProblem(where, Text("应为对象", "must be an object")))
            continue
        items = raw.get("items") or []
        data: dict[str, Any] = {
            "id": raw.get("id") or checkpoint_id(estate_id, code or "?"),
            "estate_id": estate_id,
            "code": code,
            "place": raw.get("place"),
            "items": [_item(item, n) for n, item in enumerate(items, start=1)]
            if isinstance(items, list)
            else items,
        }
        try:
            put(session, report, CHECKPOINT, data, estate_id)
        except (InvalidRecord, ValueError) as exc:
            report.problems.append(_entry_problem(where, exc))
            continue
        known_codes[code] = data["id"]
    for position, raw in enumerate(definition.get("routes") or [], start=1):
        report.read += 1
        name = str(raw.get("name", "")).strip() if isinstance(raw, dict) else ""
        where = Text(f"路线第 {position} 项 {name}".rstrip(), f"route {position} {name}".rstrip())
        if not isinstance(raw, dict):
            report.problems.append(RowProblem(where, Text("应为对象", "must be an object")))
            continue
        codes = raw.get("checkpoints") or []
        if not isinstance(codes, list):
            codes = [codes]
        unknown = [code for code in codes if not isinstance(code, str) or code not in known_codes]
        if unknown:
            shown = "、".join(map(str, unknown))
            report.problems.append(
                RowProblem(
                    where,
                    Text(f"未知的巡查点：{shown}", f"unknown checkpoint(s): {shown}"),
                )
            )
            continue
        route_id = str(raw.get("id") or position)
        if not route_id.startswith(f"{estate_id}-"):
            route_id = f"{estate_id}-route-{route_id}"
        data = {
            "id": route_id,
            "estate_id": estate_id,
            "name": raw.get("name"),
            "shift": _shift(raw.get("shift")),
            "checkpoint_ids": [known_codes[code] for code in codes],
            "expected_minutes": raw.get("expected_minutes"),
        }
        try:
            put(session, report, ROUTE, data, estate_id)
        except (InvalidRecord, ValueError) as exc:
            report.problems.append(_entry_problem(where, exc))
    session.commit()
    return report
