"""Importing the owner archive from a spreadsheet, one room a row.

Owner ids follow the room: ``hxy-o-3-2-1203`` (or ``hxy-o-<业主编号>``). A cell may list
phones, family members and decorations; they are read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidRecord
from domain.owner import Occupancy
from domain.text import Text
from server.db.models import ReferenceItem
from server.services.imports.items import errors_text, put, require_estate
from server.services.imports.report import ImportReport, row_problem
from server.services.imports.rooms import ROOM_COLUMNS, Place, placed_rows
from server.services.imports.tables import Columns, find_columns, read_table
from server.services.reference import OWNER, ROOM

OWNER_COLUMNS: dict[str, tuple[str, ...]] = {
    "building": ROOM_COLUMNS["building"],
    "unit": ROOM_COLUMNS["unit"],
    "room": ROOM_COLUMNS["room"],
    "owner_id": ("业主编号", "owner id"),
    "name": ("业主姓名", "姓名", "业主", "name", "owner", "owner name"),
    "phones": ("电话", "联系电话", "手机", "手机号", "phone", "phones"),
    "occupation": ("职业", "occupation"),
    "family": ("家庭成员", "family", "family members"),
    "decorations": ("装修记录", "装修", "decorations", "decoration"),
    "occupancy": ("入住状态", "状态", "occupancy"),
}
OWNER_REQUIRED = ("building", "unit", "room", "name")


_LIST_SEPARATORS = re.compile(r"[;；,，、/\n]+")
_ENTRY_SEPARATORS = set(";；,，、\n")
_OPEN, _CLOSE = set("（("), set("）)")
_FAMILY_MEMBER = re.compile(r"^(?P<name>[^（()）]+?)\s*[（(](?P<inner>[^（()）]*)[）)]$")
_DATE = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
_DECORATION = re.compile(
    rf"^(?P<start>{_DATE})(?:\s*(?:~|～|至|到|—|--)\s*(?P<end>{_DATE}))?\s+"
    r"(?P<description>.+?)(?:\s*[（(](?P<contractor>[^（()）]+)[）)])?$"
)
OCCUPANCY_WORDS = {
    "自住": Occupancy.OWNER_OCCUPIED,
    "入住": Occupancy.OWNER_OCCUPIED,
    "已入住": Occupancy.OWNER_OCCUPIED,
    "出租": Occupancy.RENTED,
    "租住": Occupancy.RENTED,
    "空置": Occupancy.VACANT,
    "未入住": Occupancy.VACANT,
    "装修": Occupancy.DECORATING,
}


def _occupancy(written: str) -> str | None:
    if not written:
        return None
    for choice in Occupancy:
        if written.lower() in (choice.value, choice.label.zh, choice.label.en.lower()):
            return choice.value
    found = OCCUPANCY_WORDS.get(written)
    return found.value if found else written  # an unknown word: the domain reports it


def _entries(text: str) -> list[str]:
    """Split a cell into entries at separators outside brackets."""
    entries: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if char in _ENTRY_SEPARATORS and depth == 0:
            entries.append("".join(current))
            current = []
        else:
            current.append(char)
    entries.append("".join(current))
    return [entry.strip() for entry in entries if entry.strip()]


def _family(text: str) -> tuple[list[dict], list[Text]]:
    members, problems = [], []
    for entry in _entries(text):
        match = _FAMILY_MEMBER.match(entry)
        parts = re.split(r"[，,\s]+", match["inner"].strip()) if match else []
        if not match or not parts or not parts[0] or len(parts) > 2:
            problems.append(
                Text(
                    f"“{entry}”应写成 姓名（关系）或 姓名（关系，电话）",
                    f'"{entry}" should read name(relation) or name(relation, phone)',
                )
            )
            continue
        members.append(
            {
                "name": match["name"].strip(),
                "relation": parts[0],
                "phone": parts[1] if len(parts) > 1 else None,
            }
        )
    return members, problems


def _iso_day(written: str) -> str:
    year, month, day = (int(part) for part in re.findall(r"\d+", written))
    return f"{year:04d}-{month:02d}-{day:02d}"


def _decorations(text: str) -> tuple[list[dict], list[Text]]:
    records, problems = [], []
    for entry in re.split(r"[;；\n]+", text):
        entry = entry.strip()
        if not entry:
            continue
        match = _DECORATION.match(entry)
        if not match:
            problems.append(
                Text(
                    f"“{entry}”应写成 开始日期[~结束日期] 内容[（施工单位）]",
                    f'"{entry}" should read start[~end] description[(contractor)]',
                )
            )
            continue
        records.append(
            {
                "started_on": _iso_day(match["start"]),
                "finished_on": _iso_day(match["end"]) if match["end"] else None,
                "contractor": (match["contractor"] or "").strip(),
                "description": match["description"].strip(),
            }
        )
    return records, problems


def _owner_id(estate_id: str, written: str, place: Place, nth: int) -> str:
    if written:
        return written if written.startswith(f"{estate_id}-") else f"{estate_id}-o-{written}"
    base = f"{estate_id}-o-{place.building_code}-{place.unit_code}-{place.number}"
    return base if nth == 1 else f"{base}-{nth}"


@dataclass
class _OwnerRows:
    first_row: int
    data: dict[str, Any]
    rows: list[int]


def _owner_column_of(columns: Columns):
    by_field = {
        "id": "owner_id",
        "name": "name",
        "room_ids": "room",
        "phones": "phones",
        "occupation": "occupation",
        "family_members": "family",
        "decorations": "decorations",
        "occupancy": "occupancy",
    }

    def column_of(field_name: str) -> str:
        name = by_field.get(re.split(r"[.\[]", field_name)[0], "name")
        return columns.header.get(name, OWNER_COLUMNS[name][0])

    return column_of


def import_owners(session: Session, *, path: Path, estate_id: str) -> ImportReport:
    """The owner archive, one room a row; the rooms must have been imported before.

    An owner of several rooms has one row per room with the same 业主编号; the first of
    those rows gives the owner's details.
    """
    require_estate(session, estate_id)
    table = read_table(path)
    columns = find_columns(table, OWNER_COLUMNS, OWNER_REQUIRED)
    column_of = _owner_column_of(columns)
    report = ImportReport(Text("导入业主档案", "Owner import"))
    rooms = set(
        session.scalars(
            select(ReferenceItem.key).where(
                ReferenceItem.kind == ROOM,
                ReferenceItem.estate_id == estate_id,
                ReferenceItem.deleted.is_(False),
            )
        )
    )
    owners: dict[str, _OwnerRows] = {}
    per_room: dict[str, int] = {}
    for number, cells, place in placed_rows(table, columns, report):
        room_id = place.room_id(estate_id)
        if room_id not in rooms:
            report.problems.append(
                row_problem(
                    number,
                    Text(
                        f"没有这个房号：{place.label}（请先导入房屋）",
                        f"No such room: {place.label} (import the rooms first)",
                    ),
                )
            )
            continue
        per_room[room_id] = per_room.get(room_id, 0) + 1
        owner_id = _owner_id(estate_id, columns.get(cells, "owner_id"), place, per_room[room_id])
        if owner_id in owners:
            group = owners[owner_id]
            if room_id not in group.data["room_ids"]:
                group.data["room_ids"].append(room_id)
            group.rows.append(number)
            continue
        family, family_problems = _family(columns.get(cells, "family"))
        decorations, decoration_problems = _decorations(columns.get(cells, "decorations"))
        if family_problems or decoration_problems:
            reasons = [(columns.header.get("family", "家庭成员"), p) for p in family_problems] + [
                (columns.header.get("decorations", "装修记录"), p) for p in decoration_problems
            ]
            report.problems.append(
                row_problem(
                    number,
                    Text(
                        "；".join(f"{column}：{p.zh}" for column, p in reasons),
                        "; ".join(f"{column}: {p.en}" for column, p in reasons),
                    ),
                )
            )
            continue
        phones = [p.strip() for p in _LIST_SEPARATORS.split(columns.get(cells, "phones"))]
        data = {
            "id": owner_id,
            "name": columns.get(cells, "name"),
            "room_ids": [room_id],
            "phones": [phone for phone in phones if phone],
            "occupation": columns.get(cells, "occupation"),
            "family_members": family,
            "decorations": decorations,
            "occupancy": _occupancy(columns.get(cells, "occupancy")),
        }
        owners[owner_id] = _OwnerRows(number, data, [number])
    for group in owners.values():
        try:
            put(session, report, OWNER, group.data, estate_id)
        except InvalidRecord as exc:
            report.problems.append(row_problem(group.first_row, errors_text(exc.errors, column_of)))
        except ValueError as exc:  # an owner id used in another estate
            report.problems.append(row_problem(group.first_row, Text(str(exc), str(exc))))
    report.problems.sort(key=lambda problem: problem.position)
    session.commit()
    return report
