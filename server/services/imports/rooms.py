"""Importing buildings, units and rooms from a spreadsheet, one room a row.

Ids follow the estate's structure: building ``hxy-3``, unit ``hxy-3-2``, room
``hxy-3-2-1203``. The owner import reads building, unit and room the same way (``Place``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from domain import rooms
from domain.errors import InvalidRecord
from domain.text import Text
from server.services.imports.items import errors_text, put, require_estate
from server.services.imports.report import ImportReport, row_problem
from server.services.imports.tables import Columns, Table, find_columns, read_table
from server.services.reference import BUILDING, ROOM, UNIT, validate_reference

ROOM_COLUMNS: dict[str, tuple[str, ...]] = {
    "building": ("栋", "楼栋", "栋号", "楼号", "building"),
    "unit": ("单元", "单元号", "unit"),
    "room": ("房号", "房间号", "室号", "room", "room number"),
    "floor": ("楼层", "层", "floor"),
}
ROOM_REQUIRED = ("building", "unit", "room")


@dataclass(frozen=True)
class Place:
    """Building, unit and room as written in a row, and the ids derived from them."""

    building_code: str
    building_name: str
    unit_code: str
    unit_name: str
    number: str

    def building_id(self, estate_id: str) -> str:
        return f"{estate_id}-{self.building_code}"

    def unit_id(self, estate_id: str) -> str:
        return f"{self.building_id(estate_id)}-{self.unit_code}"

    def room_id(self, estate_id: str) -> str:
        return f"{self.unit_id(estate_id)}-{self.number}"

    @property
    def label(self) -> str:
        return rooms.room_label(self.building_name, self.unit_name, self.number)


_PLACE_PROBLEM = Text("栋、单元、房号都必须填写", "Building, unit and room are all required")
_ID_CHARACTERS = re.compile(r"[\s/\\?#%]")


def parse_place(columns: Columns, cells: list[str]) -> Place | Text:
    building = columns.get(cells, "building")
    unit = columns.get(cells, "unit")
    room = columns.get(cells, "room")
    if not (building and unit and room):
        return _PLACE_PROBLEM
    building_code = rooms.building_code(building)
    unit_code = rooms.unit_code(unit)
    number = rooms.room_number(room)
    if any(_ID_CHARACTERS.search(part) for part in (building_code, unit_code, number)):
        return Text(
            "栋、单元、房号中不能有空格或 / \\ ? # %",
            "Building, unit and room may not contain spaces or / \\ ? # %",
        )
    return Place(
        building_code, rooms.building_name(building), unit_code, rooms.unit_name(unit), number
    )


def placed_rows(
    table: Table, columns: Columns, report: ImportReport
) -> Iterator[tuple[int, list[str], Place]]:
    """Each row with the place it names; a row without a whole place is counted, reported
    by its number and skipped."""
    for number, cells in table.rows:
        report.read += 1
        place = parse_place(columns, cells)
        if isinstance(place, Text):
            report.problems.append(row_problem(number, place))
            continue
        yield number, cells, place


def _floor(written: str, number: str) -> int | str | None:
    """The floor as written (``12``, ``12层``), else from the room number (``1203`` → 12)."""
    if written:
        value = rooms.strip_suffix(written, ("层", "楼"))
        try:
            return int(value)
        except ValueError:
            return written  # the domain reports it as not a whole number
    if number.isdigit() and len(number) >= 3:
        return int(number[:-2])
    return None


def import_rooms(session: Session, *, path: Path, estate_id: str) -> ImportReport:
    """Buildings, units and rooms, one room a row (栋, 单元, 房号, optional 楼层)."""
    require_estate(session, estate_id)
    table = read_table(path)
    columns = find_columns(table, ROOM_COLUMNS, ROOM_REQUIRED)
    report = ImportReport(Text("导入房屋", "Room import"))
    seen: dict[str, int] = {}
    done: set[tuple[str, str]] = set()
    for number, cells, place in placed_rows(table, columns, report):
        room_id = place.room_id(estate_id)
        if room_id in seen:
            report.problems.append(
                row_problem(
                    number,
                    Text(f"与第 {seen[room_id]} 行重复", f"same room as row {seen[room_id]}"),
                )
            )
            continue
        items: list[tuple[str, dict[str, Any]]] = [
            (
                BUILDING,
                {
                    "id": place.building_id(estate_id),
                    "estate_id": estate_id,
                    "name": place.building_name,
                },
            ),
            (
                UNIT,
                {
                    "id": place.unit_id(estate_id),
                    "building_id": place.building_id(estate_id),
                    "name": place.unit_name,
                },
            ),
            (
                ROOM,
                {
                    "id": room_id,
                    "unit_id": place.unit_id(estate_id),
                    "number": place.number,
                    "floor": _floor(columns.get(cells, "floor"), place.number),
                },
            ),
        ]
        try:
            for kind, data in items:
                validate_reference(kind=kind, key=data["id"], data=data, estate_id=estate_id)
        except InvalidRecord as exc:
            column_of = _room_column_of(columns)
            report.problems.append(row_problem(number, errors_text(exc.errors, column_of)))
            continue
        seen[room_id] = number
        for kind, data in items:
            if (kind, data["id"]) not in done:
                put(session, report, kind, data, estate_id)
                done.add((kind, data["id"]))
    session.commit()
    return report


def _room_column_of(columns: Columns):
    by_field = {"floor": "floor", "number": "room", "name": "building", "id": "room"}

    def column_of(field_name: str) -> str:
        name = by_field.get(field_name, "room")
        return columns.header.get(name, ROOM_COLUMNS[name][0])

    return column_of
