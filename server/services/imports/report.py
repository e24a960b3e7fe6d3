"""What an import did: how many items of each kind, and the rows it skipped and why.

A bad row is reported with its row number (as the spreadsheet shows it: the header is
row 1) and the reason in Chinese and English, and the rest is imported. A file that
cannot be imported at all raises ``ImportFailed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.text import Text
from server.services.reference import BUILDING, CHECKPOINT, OWNER, ROOM, ROUTE, UNIT


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


def row_problem(number: int, reason: Text) -> RowProblem:
    return RowProblem(_row(number), reason, number)
