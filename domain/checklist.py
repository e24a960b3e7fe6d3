"""Checklist items at a checkpoint, and what a patroller records against them.

An item is either a *check* (正常/异常) or a *reading* with a unit and an allowed range
(fire-hydrant pressure 0.1–0.6 MPa, pump-room water level 1.0–3.5 m). A result copies the
item's label, unit and range, so a record still reads correctly after the template changes.

Two thresholds apply to a reading:

- outside the **allowed** range: a finding. The reading stands and the result is abnormal
  (it should raise a work order).
- outside the **plausible** range: no instrument shows that; it is a typing error and the
  record is refused until corrected. The plausible range starts at 0 when the allowed
  range does (pressure and levels are not negative) and otherwise reaches 9 widths of the
  range below it; it ends 9 widths above the range, a width being the larger of the
  range's span and its largest absolute limit. For 0.1–0.6 MPa that is 0–6 MPa: ten
  times the upper limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.choices import Choice
from domain.text import Text
from domain.validation import Fields, Problem, show_number


class ItemKind(Choice):
    CHECK = "check", "检查", "Check"
    READING = "reading", "读数", "Reading"


class Outcome(Choice):
    NORMAL = "normal", "正常", "Normal"
    ABNORMAL = "abnormal", "异常", "Abnormal"


@dataclass(frozen=True)
class AllowedRange:
    unit: str
    minimum: float
    maximum: float

    def allows(self, value: float) -> bool:
        return self.minimum <= value <= self.maximum

    def plausible(self) -> tuple[float, float]:
        """The values an instrument could really show (see the module docstring)."""
        width = 9 * max(self.maximum - self.minimum, abs(self.minimum), abs(self.maximum))
        low = 0.0 if self.minimum >= 0 else self.minimum - width
        return low, self.maximum + width

    def to_dict(self) -> dict[str, object]:
        return {"unit": self.unit, "allowed_min": self.minimum, "allowed_max": self.maximum}


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a checkpoint's checklist template; ``allowed`` only for readings."""

    id: str
    label: str
    kind: ItemKind
    allowed: AllowedRange | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "label": self.label, "kind": self.kind.value}
        if self.allowed is not None:
            data.update(self.allowed.to_dict())
        return data


@dataclass(frozen=True)
class CheckResult:
    item_id: str
    label: str
    outcome: Outcome

    @property
    def abnormal(self) -> bool:
        return self.outcome is Outcome.ABNORMAL

    def to_dict(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "label": self.label,
            "kind": ItemKind.CHECK.value,
            "outcome": self.outcome.value,
        }


@dataclass(frozen=True)
class ReadingResult:
    item_id: str
    label: str
    value: float
    allowed: AllowedRange

    @property
    def abnormal(self) -> bool:
        return not self.allowed.allows(self.value)

    def to_dict(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "label": self.label,
            "kind": ItemKind.READING.value,
            "value": self.value,
            **self.allowed.to_dict(),
        }


ChecklistResult = CheckResult | ReadingResult


_INVALID_RANGE = Problem(
    "invalid_range",
    Text("允许范围的下限应小于上限。", "The allowed minimum must be below the maximum."),
)


def _implausible(value: float, allowed: AllowedRange) -> Problem:
    low, high = (show_number(limit) for limit in allowed.plausible())
    reading, unit = show_number(value), allowed.unit
    return Problem(
        "out_of_range",
        Text(
            f"读数 {reading} {unit} 不合常理（可信范围 {low}–{high} {unit}），请核对后重填。",
            f"A reading of {reading} {unit} is not plausible (expected {low}–{high} {unit}); "
            "check it and enter it again.",
        ),
    )


def _read_allowed(f: Fields) -> AllowedRange | None:
    """The unit and range, whose fields sit beside the item's own; None if the range is
    unusable. (A missing unit is reported but does not stop the range being checked.)"""
    unit = f.text("unit", max_length=20)
    minimum = f.number("allowed_min")
    maximum = f.number("allowed_max")
    if minimum is None or maximum is None:
        return None
    if minimum >= maximum:
        f.add("allowed_max", _INVALID_RANGE)
        return None
    return AllowedRange(unit, minimum, maximum)


def read_item(f: Fields) -> ChecklistItem | None:
    item_id, label = f.ref("id"), f.text("label")
    kind = f.choice("kind", ItemKind)
    allowed = _read_allowed(f) if kind is ItemKind.READING else None
    return ChecklistItem(item_id, label, kind, allowed) if f.clean else None


def read_result(f: Fields) -> ChecklistResult | None:
    item_id, label = f.ref("item_id"), f.text("label")
    kind = f.choice("kind", ItemKind)
    if kind is ItemKind.CHECK:
        outcome = f.choice("outcome", Outcome)
        return CheckResult(item_id, label, outcome) if f.clean else None
    if kind is ItemKind.READING:
        value = f.number("value")
        allowed = _read_allowed(f)
        if value is not None and allowed is not None:
            low, high = allowed.plausible()
            if not low <= value <= high:
                f.add("value", _implausible(value, allowed))
        # A range that could not be read has been reported, so ``allowed`` is set when clean.
        if not f.clean or allowed is None:
            return None
        return ReadingResult(item_id, label, value, allowed)
    return None
