"""A patrol work order's category comes from the checklist item that failed, then the note;
a checkpoint is in the public areas, so anything else is a public facility."""

import pytest

from domain.checklist import CheckResult, Outcome
from domain.patrol import CheckpointVisit
from server.services.workflows import repair_category


def _visit(label: str, note: str = "") -> CheckpointVisit:
    return CheckpointVisit(
        checkpoint_id="cp",
        results=(CheckResult("item", label, Outcome.ABNORMAL),),
        abnormal=True,
        note=note,
    )


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("水泵运行", "water"),
        ("消防栓压力", "water"),
        ("楼道照明", "electric"),
        ("配电箱", "electric"),
        ("电梯运行", "public_facility"),
        ("单元门闭门器", "doors_windows"),
        ("消防通道畅通", "public_facility"),
    ],
)
def test_the_failed_items_label_chooses_the_category(label, category):
    assert repair_category(_visit(label)).value == category


def test_the_failed_item_counts_before_the_note():
    assert repair_category(_visit("楼道照明", note="灯下有积水")).value == "electric"


def test_the_note_decides_when_no_item_failed():
    visit = CheckpointVisit(checkpoint_id="cp", abnormal=True, note="车库入口道闸门锁损坏")

    assert repair_category(visit).value == "doors_windows"
