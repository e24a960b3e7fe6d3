"""Importing an estate's rooms, owner archive and patrol definitions from files.

Rooms and owners come from the spreadsheets property offices keep: CSV (UTF-8, or
GB18030 as Excel saves it on a Chinese Windows) or XLSX (the first sheet). The first
non-empty row is the header; Chinese and English headers are accepted (``ROOM_COLUMNS``,
``OWNER_COLUMNS``; a note in brackets after a header is ignored: ``电话（多个用；分隔）``).
The patrol definition (checkpoints with their checklists, and routes) is JSON. The
formats are described for people in docs/admin.md.

A bad row is reported with its row number (as the spreadsheet shows it: the header is
row 1) and the reason in Chinese and English, and the rest is imported. Every import is
one transaction. Importing the same file again changes nothing: items whose content is
unchanged are not rewritten, so tablets do not download them again.

Ids follow the estate's structure: building ``hxy-3``, unit ``hxy-3-2``, room
``hxy-3-2-1203``, owner ``hxy-o-3-2-1203`` (or ``hxy-o-<业主编号>``), checkpoint
``hxy-cp-<code>``, route ``hxy-route-<id>``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidRecord
from domain.owner import Occupancy
from domain.route import Shift
from domain.text import Text
from domain.validation import FieldError
from server.db.models import Estate, ReferenceItem
from server.services.reference import (
    BUILDING,
    CHECKPOINT,
    OWNER,
    ROOM,
    ROUTE,
    UNIT,
    store_reference_item,
    validate_reference,
)


class ImportFailed(Exception):
    """The file as a whole cannot be imported (unreadable, a required column missing)."""

    def __init__(self, text: Text):
        self.text = text
        super().__init__(text.en)


@dataclass(frozen=True)
class RowProblem:
    """Why one row (or entry) was not imported; ``where`` says which, in both languages."""

    where: Text
    reason: Text
    position: int = 0  # the row (or entry) number, to list problems in file order

    def line(self) -> str:
        return f"{self.where.zh}：{self.reason.zh} | {self.where.en}: {self.reason.en}"


@dataclass
class ImportReport:
    what: Text
    read: int = 0
    imported: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, kind: str, written: bool) -> None:
        self.imported[kind] = self.imported.get(kind, 0) + 1
        if not written:
            self.unchanged += 1

    def lines(self) -> list[str]:
        counts_zh = "，".join(f"{KIND_NAMES[k].zh} {n}" for k, n in self.imported.items())
        counts_en = ", ".join(f"{KIND_NAMES[k].en} {n}" for k, n in self.imported.items())
        lines = [
            f"{self.what.zh}：读取 {self.read} 行/项，跳过 {len(self.problems)}；"
            f"导入 {counts_zh or '无'}（其中 {self.unchanged} 项未变）",
            f"{self.what.en}: {self.read} rows/entries read, {len(self.problems)} skipped; "
            f"imported {counts_en or 'nothing'} ({self.unchanged} unchanged)",
        ]
        return lines + [problem.line() for problem in self.problems]


KIND_NAMES = {
    BUILDING: Text("栋", "buildings"),
    UNIT: Text("单元", "units"),
    ROOM: Text("房号", "rooms"),
    OWNER: Text("业主", "owners"),
    CHECKPOINT: Text("巡查点", "checkpoints"),
    ROUTE: Text("路线", "routes"),
}


def _row(number: int) -> Text:
    return Text(f"第 {number} 行", f"row {number}")


def _row_problem(number: int, reason: Text) -> RowProblem:
    return RowProblem(_row(number), reason, number)


# ------------------------------------------------------------------ reading tables


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(
        Text("无法识别文件编码（请另存为 UTF-8 CSV）", "Unreadable text; save the CSV as UTF-8")
    )


def _csv_rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(_decode(path.read_bytes()), newline=""))
    for number, row in enumerate(reader, start=1):
        yield number, [_cell(value) for value in row]


def _xlsx_rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise ImportFailed(
            Text(f"无法读取 Excel 文件：{exc}", f"Cannot read the Excel file: {exc}")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(value) for value in row]
    finally:
        workbook.close()


def read_table(path: Path) -> Table:
    """The header and the non-empty rows of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        raise ImportFailed(
            Text(
                f"不支持的文件类型 {suffix or '（无）'}："
                "请用 .csv 或 .xlsx（旧版 .xls 请另存为 .xlsx）",
                f"Unsupported file type {suffix or '(none)'}: use .csv or .xlsx "
                "(save an old .xls as .xlsx)",
            )
        )
    headers: list[str] | None = None
    body = []
    for number, cells in rows:
        if not any(cells):
            continue
        if headers is None:
            headers = cells
        else:
            body.append((number, cells + [""] * (len(headers) - len(cells))))
    if headers is None:
        raise ImportFailed(Text("文件是空的", "The file is empty"))
    return Table(headers, body)


def _normalise_header(header: str) -> str:
    header = re.sub(r"[（(].*?[）)]", "", header)
    return re.sub(r"[\s_]+", " ", header).strip().lower()


ROOM_COLUMNS: dict[str, tuple[str, ...]] = {
    "building": ("栋", "楼栋", "栋号", "楼号", "building"),
    "unit": ("单元", "单元号", "unit"),
    "room": ("房号", "房间号", "室号", "room", "room number"),
    "floor": ("楼层", "层", "floor"),
}
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
ROOM_REQUIRED = ("building", "unit", "room")
OWNER_REQUIRED = ("building", "unit", "room", "name")


@dataclass(frozen=True)
class Columns:
    """Where each known column is in the table, and its header as the file writes it."""

    index: dict[str, int]
    header: dict[str, str]

    def get(self, cells: list[str], name: str) -> str:
        return cells[self.index[name]].strip() if name in self.index else ""


def _columns(table: Table, known: dict[str, tuple[str, ...]], required: Iterable[str]) -> Columns:
    aliases = {_normalise_header(alias): name for name, names in known.items() for alias in names}
    index, header = {}, {}
    for position, written in enumerate(table.headers):
        name = aliases.get(_normalise_header(written))
        if name is not None and name not in index:
            index[name], header[name] = position, written
    missing = [name for name in required if name not in index]
    if missing:
        zh = "、".join(known[name][0] for name in missing)
        en = ", ".join(known[name][-1] for name in missing)
        raise ImportFailed(Text(f"缺少必需的列：{zh}", f"Required column(s) missing: {en}"))
    return Columns(index, header)


# ------------------------------------------------------------------ writing items


def _put(
    session: Session, report: ImportReport, kind: str, data: dict[str, Any], estate_id: str
) -> None:
    """Store the item unless it is already stored as it is; count it either way."""
    key = data["id"]
    stored = validate_reference(kind=kind, key=key, data=data, estate_id=estate_id)
    item = session.scalar(
        select(ReferenceItem).where(ReferenceItem.kind == kind, ReferenceItem.key == key)
    )
    unchanged = (
        item is not None
        and not item.deleted
        and item.estate_id == estate_id
        and item.data == stored
    )
    if not unchanged:
        store_reference_item(session, kind=kind, key=key, data=stored, estate_id=estate_id)
    report.count(kind, written=not unchanged)


def _require_estate(session: Session, estate_id: str) -> None:
    if session.get(Estate, estate_id) is None:
        raise ImportFailed(
            Text(
                f"没有项目 {estate_id}（先用 create-estate 创建）",
                f"No estate {estate_id} (create it first with create-estate)",
            )
        )


def _errors_text(errors: Iterable[FieldError], column_of) -> Text:
    errors = list(errors)
    return Text(
        "；".join(f"{column_of(error.field)}：{error.text.zh}" for error in errors),
        "; ".join(f"{column_of(error.field)}: {error.text.en}" for error in errors),
    )


# ------------------------------------------------------------------ rooms


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
        return f"{self.building_name}{self.unit_name}{self.number}"


def _strip_suffix(value: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if value.endswith(suffix) and len(value) > len(suffix):
            return value[: -len(suffix)].strip()
    return value


_PLACE_PROBLEM = Text("栋、单元、房号都必须填写", "Building, unit and room are all required")
_ID_CHARACTERS = re.compile(r"[\s/\\?#%]")


def _place(columns: Columns, cells: list[str]) -> Place | Text:
    building = columns.get(cells, "building")
    unit = columns.get(cells, "unit")
    room = columns.get(cells, "room")
    if not (building and unit and room):
        return _PLACE_PROBLEM
    building_code = _strip_suffix(building, ("号楼", "栋", "幢", "座"))
    unit_code = _strip_suffix(unit, ("单元",))
    number = _strip_suffix(room, ("室", "号"))
    if any(_ID_CHARACTERS.search(part) for part in (building_code, unit_code, number)):
        return Text(
            "栋、单元、房号中不能有空格或 / \\ ? # %",
            "Building, unit and room may not contain spaces or / \\ ? # %",
        )
    return Place(
        building_code,
        f"{building_code}栋" if building_code.isdigit() else building,
        unit_code,
        f"{unit_code}单元" if unit_code.isdigit() else unit,
        number,
    )


def _floor(written: str, number: str) -> int | str | None:
    """The floor as written (``12``, ``12层``), else from the room number (``1203`` → 12)."""
    if written:
        value = _strip_suffix(written, ("层", "楼"))
        try:
            return int(value)
        except ValueError:
            return written  # the domain reports it as not a whole number
    if number.isdigit() and len(number) >= 3:
        return int(number[:-2])
    return None


def import_rooms(session: Session, *, path: Path, estate_id: str) -> ImportReport:
    """Buildings, units and rooms, one room a row (栋, 单元, 房号, optional 楼层)."""
    _require_estate(session, estate_id)
    table = read_table(path)
    columns = _columns(table, ROOM_COLUMNS, ROOM_REQUIRED)
    report = ImportReport(Text("导入房屋", "Room import"))
    seen: dict[str, int] = {}
    done: set[tuple[str, str]] = set()
    for number, cells in table.rows:
        report.read += 1
        place = _place(columns, cells)
        if isinstance(place, Text):
            report.problems.append(_row_problem(number, place))
            continue
        room_id = place.room_id(estate_id)
        if room_id in seen:
            report.problems.append(
                _row_problem(
                    number,
                    Text(f"与第 {seen[room_id]} 行重复", f"same room as row {seen[room_id]}"),
                )
            )
            continue
        items = [
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
            report.problems.append(_row_problem(number, _errors_text(exc.errors, column_of)))
            continue
        seen[room_id] = number
        for kind, data in items:
            if (kind, data["id"]) not in done:
                _put(session, report, kind, data, estate_id)
                done.add((kind, data["id"]))
    session.commit()
    return report


def _room_column_of(columns: Columns):
    by_field = {"floor": "floor", "number": "room", "name": "building", "id": "room"}

    def column_of(field_name: str) -> str:
        name = by_field.get(field_name, "room")
        return columns.header.get(name, ROOM_COLUMNS[name][0])

    return column_of


# ------------------------------------------------------------------ owners

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
    entries, current, depth = [], [], 0
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
    _require_estate(session, estate_id)
    table = read_table(path)
    columns = _columns(table, OWNER_COLUMNS, OWNER_REQUIRED)
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
    for number, cells in table.rows:
        report.read += 1
        place = _place(columns, cells)
        if isinstance(place, Text):
            report.problems.append(_row_problem(number, place))
            continue
        room_id = place.room_id(estate_id)
        if room_id not in rooms:
            report.problems.append(
                _row_problem(
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
                _row_problem(
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
            _put(session, report, OWNER, group.data, estate_id)
        except InvalidRecord as exc:
            report.problems.append(
                _row_problem(group.first_row, _errors_text(exc.errors, column_of))
            )
        except ValueError as exc:  # an owner id used in another estate
            report.problems.append(_row_problem(group.first_row, Text(str(exc), str(exc))))
    report.problems.sort(key=lambda problem: problem.position)
    session.commit()
    return report


# ------------------------------------------------------------------ patrol definitions

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
    item["kind"] = {"检查": "check", "读数": "reading"}.get(kind, kind)
    for short, full in (("min", "allowed_min"), ("max", "allowed_max")):
        if short in item and full not in item:
            item[full] = item.pop(short)
    return item


def _entry_problem(where: Text, exc: Exception) -> RowProblem:
    if isinstance(exc, InvalidRecord):
        return RowProblem(where, _errors_text(exc.errors, lambda field_name: field_name))
    return RowProblem(where, Text(str(exc), str(exc)))


def import_patrol(session: Session, *, path: Path, estate_id: str) -> ImportReport:
    """Checkpoints (with checklist templates) and routes from a JSON definition:

    ``{"checkpoints": [{"code", "place", "items": [{"label", "kind": "check"}, {"label",
    "kind": "reading", "unit", "min", "max"}]}], "routes": [{"id", "name", "shift",
    "expected_minutes", "checkpoints": [code, ...]}]}``
    """
    _require_estate(session, estate_id)
    try:
        definition = json.loads(_decode(path.read_bytes()))
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
        data = {
            "id": raw.get("id") or checkpoint_id(estate_id, code or "?"),
            "estate_id": estate_id,
            "code": code,
            "place": raw.get("place"),
            "items": [_item(item, n) for n, item in enumerate(items, start=1)]
            if isinstance(items, list)
            else items,
        }
        try:
            _put(session, report, CHECKPOINT, data, estate_id)
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
            _put(session, report, ROUTE, data, estate_id)
        except (InvalidRecord, ValueError) as exc:
            report.problems.append(_entry_problem(where, exc))
    session.commit()
    return report
