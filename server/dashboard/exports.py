"""A filtered list as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese) or
XLSX (openpyxl), one row per record, with the columns the list shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import datetime

from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from server.dashboard.summaries import Summary, local_time

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = (
    "record_id", "estate", "kind", "col_time", "col_received", "staff",
    "col_summary", "abnormal", "overdue", "status", "col_revision", "col_photos",
)  # fmt: skip


def rows(summaries: Sequence[Summary], t: Callable[..., str]) -> list[list[object]]:
    yes = "✔"
    table: list[list[object]] = [[t(key) for key in HEADERS]]
    for summary in summaries:
        record = summary.record
        table.append(
            [
                record.id,
                summary.estate_name,
                t(f"one_{record.kind}"),
                summary.occurred_at,
                local_time(record.received_at),
                summary.staff,
                summary.text,
                yes if summary.abnormal else "",
                yes if summary.overdue else "",
                t(f"review_{summary.review}"),
                record.revision,
                summary.photo_count,
            ]
        )
    return table


def to_csv(table: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: list[list[object]], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in table:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(zip(*table, strict=True), start=1):
        width = max(len(str(value)) for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width * 1.6))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(
    table: list[list[object]], fmt: str, *, name: str, title: str, now: datetime
) -> Response:
    """The table as a file to save: ``<name>-<UTC time>.<fmt>``."""
    filename = f"{name}-{now.strftime('%Y%m%d-%H%M')}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if fmt == "csv":
        return Response(to_csv(table), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(to_xlsx(table, title=title), media_type=XLSX, headers=headers)
