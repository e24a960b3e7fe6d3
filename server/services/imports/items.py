"""Writing imported items as reference items, and saying why one was refused.

Importing the same file again changes nothing: items whose content is unchanged are not
rewritten, so tablets do not download them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.text import Text
from domain.validation import FieldError
from server.db.models import Estate, ReferenceItem
from server.services.imports.report import ImportFailed, ImportReport
from server.services.reference import store_reference_item, validate_reference


def put(
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


def require_estate(session: Session, estate_id: str) -> None:
    if session.get(Estate, estate_id) is None:
        raise ImportFailed(
            Text(
                f"没有项目 {estate_id}（先用 create-estate 创建）",
                f"No estate {estate_id} (create it first with create-estate)",
            )
        )


def errors_text(errors: Iterable[FieldError], column_of) -> Text:
    errors = list(errors)
    return Text(
        "；".join(f"{column_of(error.field)}：{error.text.zh}" for error in errors),
        "; ".join(f"{column_of(error.field)}: {error.text.en}" for error in errors),
    )
