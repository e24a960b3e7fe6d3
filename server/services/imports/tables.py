"""Reading a spreadsheet into a table, and finding the known columns in it.

Rooms and owners come from the spreadsheets property offices keep: CSV (UTF-8, or
GB18030 as Excel saves it on a Chinese Windows) or XLSX (the first sheet). The first
non-empty row is the header; Chinese and English headers are accepted (``ROOM_COLUMNS``
in ``rooms``, ``OWNER_COLUMNS`` in ``owners``; a note in brackets after a header is
ignored: ``电话（多个用；分隔）``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from domain.text import Text
from server.services.imports.report import ImportFailed


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


def decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(
        Text("无法识别文件编码（请另存为 UTF-8 CSV）", "Unreadable text; save the CSV as UTF-8")
    )


def _csv_rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(decode(path.read_bytes()), newline=""))
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


@dataclass(frozen=True)
class Columns:
    """Where each known column is in the table, and its header as the file writes it."""

    index: dict[str, int]
    header: dict[str, str]

    def get(self, cells: list[str], name: str) -> str:
        return cells[self.index[name]].strip() if name in self.index else ""


def find_columns(
    table: Table, known: dict[str, tuple[str, ...]], required: Iterable[str]
) -> Columns:
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
