"""Reading plain dicts into domain objects while collecting *every* field error.

Each kind has a reader, a function ``(fields: Fields) -> obj | None``. It asks for
each field in turn (``fields.text("room")``, ``fields.moment("received_at")`` ...); a bad or
missing field is recorded as a ``FieldError`` and reading goes on, so one pass reports all
that is wrong. Cross-field rules are checked in the same function with whatever values
could be read. The object is built only if no error was recorded (``fields.clean``).

``parse`` turns a reader into "the object and the errors for this payload" (validation),
``build`` into ``from_dict`` (raising ``InvalidRecord``). Nothing here raises on bad input: any
JSON-able value gives a list of errors.

Field paths name nested values the way a form would: ``checkpoints[2].presence.code``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Literal, TypeVar, overload

from domain.choices import Choice
from domain.errors import InvalidRecord
from domain.phones import normalise_phone
from domain.text import Text
from domain.times import is_aware

T = TypeVar("T")
C = TypeVar("C", bound=Choice)

ID_LENGTH = 100
SHORT_TEXT = 200
LONG_TEXT = 2000
# Numbers beyond this are typing errors whatever they measure, and stay exact as floats.
LARGEST_NUMBER = 1e12
# Field work happens now: a year outside this window is a wrong clock or a typo.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2099

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class FieldError:
    """One thing wrong with one field: where (``field``), what (``code``), and in words."""

    field: str
    code: str
    text: Text

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "code": self.code, "text": self.text.to_dict()}


@dataclass(frozen=True)
class Problem:
    """What a value parser returns instead of a value it cannot accept."""

    code: str
    text: Text


_REQUIRED = Problem("required", Text("此项必填。", "This field is required."))
_NOT_AN_OBJECT = Problem(
    "not_an_object", Text("格式不对：应为一组字段（对象）。", "Wrong format: expected an object.")
)
ENDS_BEFORE_START = Problem(
    "ends_before_start",
    Text("结束时间早于开始时间。", "The end is before the start."),
)


def _wrong_type(zh: str, en: str) -> Problem:
    return Problem("wrong_type", Text(f"格式不对：应为{zh}。", f"Wrong format: expected {en}."))


def show_number(value: float) -> str:
    """A number as people write it: 0.6, 10, never 10.0 or 1e+12."""
    return f"{value:.10g}" if abs(value) < 1e10 else f"{value:.0f}"


def _out_of_range(low: float, high: float) -> Problem:
    low_text, high_text = show_number(low), show_number(high)
    return Problem(
        "out_of_range",
        Text(
            f"应在 {low_text} 到 {high_text} 之间。", f"Must be between {low_text} and {high_text}."
        ),
    )


def _text_parser(max_length: int) -> Callable[[object], str | Problem]:
    def parse(value: object) -> str | Problem:
        if not isinstance(value, str):
            return _wrong_type("文字", "text")
        value = value.strip()
        if not value:
            return _REQUIRED
        if len(value) > max_length:
            return Problem(
                "too_long",
                Text(f"不能超过 {max_length} 个字。", f"At most {max_length} characters."),
            )
        return value

    return parse


def _number_parser(
    minimum: float | None, maximum: float | None, integral: bool
) -> Callable[[object], float | int | Problem]:
    low = -LARGEST_NUMBER if minimum is None else minimum
    high = LARGEST_NUMBER if maximum is None else maximum

    expected = (
        _wrong_type("整数", "a whole number") if integral else _wrong_type("数字", "a number")
    )

    def parse(value: object) -> float | int | Problem:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return expected
        if integral and not isinstance(value, int):
            return expected
        if isinstance(value, float) and not math.isfinite(value):
            return expected
        if not low <= value <= high:
            return _out_of_range(low, high)
        return value if integral else float(value)

    return parse


def _integer_parser(minimum: int, maximum: int) -> Callable[[object], int | Problem]:
    check = _number_parser(minimum, maximum, True)

    def parse(value: object) -> int | Problem:
        checked = check(value)
        return checked if isinstance(checked, Problem) else int(checked)

    return parse


_YEAR_OUT_OF_RANGE = Problem(
    "out_of_range",
    Text(
        f"年份应在 {EARLIEST_YEAR} 到 {LATEST_YEAR} 之间，请检查设备时间。",
        f"The year must be between {EARLIEST_YEAR} and {LATEST_YEAR}; check the device clock.",
    ),
)


def _parse_moment(value: object) -> datetime | Problem:
    if not isinstance(value, str):
        return _wrong_type("时间文字", "a time as text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return Problem(
            "invalid_datetime",
            Text(
                "时间格式不对，应如 2024-05-01T09:30:00+08:00。",
                "Not a valid time; expected e.g. 2024-05-01T09:30:00+08:00.",
            ),
        )
    if not is_aware(moment):
        return Problem(
            "timezone_required",
            Text("时间缺少时区（如 +08:00）。", "The time has no timezone (e.g. +08:00)."),
        )
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return _YEAR_OUT_OF_RANGE
    return moment


def _parse_day(value: object) -> date | Problem:
    if not isinstance(value, str):
        return _wrong_type("日期文字", "a date as text")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return Problem(
            "invalid_date",
            Text("日期格式不对，应如 2024-05-01。", "Not a valid date; expected e.g. 2024-05-01."),
        )
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return _YEAR_OUT_OF_RANGE
    return day


@cache
def _choice_parser(choices: type[C]) -> Callable[[object], C | Problem]:
    """One parser per choice type, made once: the server reads thousands of records a batch."""
    allowed = frozenset(member.value for member in choices)

    def parse(value: object) -> C | Problem:
        if isinstance(value, str) and value in allowed:
            # A lookup by value (EnumMeta.__call__), not the three-argument __new__.
            return choices(value)  # type: ignore[call-arg]
        zh = "、".join(member.label.zh for member in choices)
        en = ", ".join(member.value for member in choices)
        return Problem(
            "invalid_choice", Text(f"不是可选的值（可选：{zh}）。", f"Not one of: {en}.")
        )

    return parse


def _parse_phone(value: object) -> str | Problem:
    if not isinstance(value, str):
        return _wrong_type("电话号码文字", "a phone number as text")
    if normalise_phone(value) is None:
        return Problem(
            "invalid_phone",
            Text(
                "电话号码不对：请填手机号（如 13800138000）或带区号的座机（如 021-12345678）。",
                "Not a phone number: enter a mobile (e.g. 13800138000) or a landline "
                "with its area code (e.g. 021-12345678).",
            ),
        )
    return value.strip()


def _parse_bool(value: object) -> bool | Problem:
    return value if isinstance(value, bool) else _wrong_type("是或否", "true or false")


def _parse_sha256(value: object) -> str | Problem:
    if isinstance(value, str) and _SHA256.fullmatch(value):
        return value
    return Problem(
        "invalid_sha256",
        Text(
            "照片或签名的标识不对（应为 64 位小写十六进制 SHA-256）。",
            "Not a valid photo or signature id (64 lowercase hex digits of SHA-256).",
        ),
    )


class Fields:
    """One JSON object being read; errors go to a list shared with the whole record.

    A required field reads as its type although a missing or bad one gives None: the
    error is recorded, so the reader sees ``clean`` False and throws its object away.
    The overloads say so, so a reader builds its object without checking each field for None.
    """

    def __init__(self, data: object, errors: list[FieldError], prefix: str = ""):
        self._errors = errors
        self._prefix = prefix
        self._start = len(errors)
        self._data: dict = data if isinstance(data, dict) else {}
        self._readable = True
        if not isinstance(data, dict):
            self._problem(prefix or "payload", _NOT_AN_OBJECT)
            # Something that is not an object has no fields to complain about one by one.
            self._readable = False

    @property
    def clean(self) -> bool:
        """True while nothing read through this object (or inside it) was wrong."""
        return len(self._errors) == self._start

    def path(self, name: str) -> str:
        return f"{self._prefix}.{name}" if self._prefix else name

    def add(self, name: str, problem: Problem) -> None:
        """Record a rule broken by the field ``name`` (a cross-field check)."""
        self._problem(self.path(name), problem)

    def present(self, name: str) -> bool:
        """Whether the field has a value, valid or not: null, blank text, and an empty list
        or object all count as absent."""
        raw = self._data.get(name)
        if isinstance(raw, str):
            return bool(raw.strip())
        return raw is not None and raw != [] and raw != {}

    def _problem(self, path: str, problem: Problem) -> None:
        if self._readable:
            self._errors.append(FieldError(path, problem.code, problem.text))

    @overload
    def value(
        self, name: str, parse: Callable[[object], T | Problem], *, required: Literal[True] = ...
    ) -> T: ...
    @overload
    def value(
        self, name: str, parse: Callable[[object], T | Problem], *, required: bool
    ) -> T | None: ...
    def value(
        self, name: str, parse: Callable[[object], T | Problem], *, required: bool = True
    ) -> T | None:
        """The parsed value, or None when missing (an error if required) or invalid."""
        if not self.present(name):
            if required:
                self._problem(self.path(name), _REQUIRED)
            return None
        parsed = parse(self._data[name])
        if isinstance(parsed, Problem):
            self._problem(self.path(name), parsed)
            return None
        return parsed

    def _list(self, name: str, required: bool) -> list:
        """The raw items of a list field; empty (reported if required or not a list) else."""
        if not self.present(name):
            if required:
                self._problem(self.path(name), _REQUIRED)
            return []
        raw = self._data[name]
        if not isinstance(raw, list):
            self._problem(self.path(name), _wrong_type("列表", "a list"))
            return []
        return raw

    def values(
        self, name: str, parse: Callable[[object], T | Problem], *, required: bool = False
    ) -> tuple[T, ...]:
        """A list of values; each bad item is reported as ``name[i]``."""
        result = []
        for index, item in enumerate(self._list(name, required)):
            parsed = _REQUIRED if item is None else parse(item)
            if isinstance(parsed, Problem):
                self._problem(f"{self.path(name)}[{index}]", parsed)
            else:
                result.append(parsed)
        return tuple(result)

    def text(self, name: str, *, required: bool = True, max_length: int = SHORT_TEXT) -> str:
        """Stripped text; an optional text that is missing reads as ``""``."""
        return self.value(name, _text_parser(max_length), required=required) or ""

    @overload
    def ref(self, name: str, *, required: Literal[True] = ...) -> str: ...
    @overload
    def ref(self, name: str, *, required: bool) -> str | None: ...
    def ref(self, name: str, *, required: bool = True) -> str | None:
        """The id of another object (room, owner, task ...)."""
        return self.value(name, _text_parser(ID_LENGTH), required=required)

    def refs(self, name: str, *, required: bool = False) -> tuple[str, ...]:
        return self.values(name, _text_parser(ID_LENGTH), required=required)

    def texts(
        self, name: str, *, required: bool = False, max_length: int = SHORT_TEXT
    ) -> tuple[str, ...]:
        """A list of short texts (stripped; an empty one is reported as ``name[i]``)."""
        return self.values(name, _text_parser(max_length), required=required)

    @overload
    def integer(
        self, name: str, *, minimum: int, maximum: int, required: Literal[True] = ...
    ) -> int: ...
    @overload
    def integer(self, name: str, *, minimum: int, maximum: int, required: bool) -> int | None: ...
    def integer(
        self, name: str, *, minimum: int, maximum: int, required: bool = True
    ) -> int | None:
        return self.value(name, _integer_parser(minimum, maximum), required=required)

    @overload
    def number(
        self,
        name: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        required: Literal[True] = ...,
    ) -> float: ...
    @overload
    def number(
        self,
        name: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        required: bool,
    ) -> float | None: ...
    def number(
        self,
        name: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        required: bool = True,
    ) -> float | None:
        return self.value(name, _number_parser(minimum, maximum, False), required=required)

    @overload
    def flag(self, name: str, *, default: bool = False) -> bool: ...
    @overload
    def flag(self, name: str, *, default: None) -> bool | None: ...
    def flag(self, name: str, *, default: bool | None = False) -> bool | None:
        """An optional true/false; missing (or wrong) reads as ``default``."""
        found = self.value(name, _parse_bool, required=False)
        return default if found is None else found

    @overload
    def moment(self, name: str, *, required: Literal[True] = ...) -> datetime: ...
    @overload
    def moment(self, name: str, *, required: bool) -> datetime | None: ...
    def moment(self, name: str, *, required: bool = True) -> datetime | None:
        return self.value(name, _parse_moment, required=required)

    @overload
    def day(self, name: str, *, required: Literal[True] = ...) -> date: ...
    @overload
    def day(self, name: str, *, required: bool) -> date | None: ...
    def day(self, name: str, *, required: bool = True) -> date | None:
        return self.value(name, _parse_day, required=required)

    @overload
    def choice(self, name: str, choices: type[C], *, required: Literal[True] = ...) -> C: ...
    @overload
    def choice(self, name: str, choices: type[C], *, required: bool) -> C | None: ...
    def choice(self, name: str, choices: type[C], *, required: bool = True) -> C | None:
        return self.value(name, _choice_parser(choices), required=required)

    @overload
    def phone(self, name: str, *, required: Literal[True] = ...) -> str: ...
    @overload
    def phone(self, name: str, *, required: bool) -> str | None: ...
    def phone(self, name: str, *, required: bool = True) -> str | None:
        return self.value(name, _parse_phone, required=required)

    def phones(self, name: str, *, required: bool = False) -> tuple[str, ...]:
        return self.values(name, _parse_phone, required=required)

    @overload
    def sha256(self, name: str, *, required: Literal[True] = ...) -> str: ...
    @overload
    def sha256(self, name: str, *, required: bool) -> str | None: ...
    def sha256(self, name: str, *, required: bool = True) -> str | None:
        return self.value(name, _parse_sha256, required=required)

    def photos(self, name: str) -> tuple[str, ...]:
        """SHA-256 hashes of photos kept with the record (content-addressed)."""
        return self.values(name, _parse_sha256)

    @overload
    def obj(
        self, name: str, read: Callable[[Fields], T | None], *, required: Literal[True] = ...
    ) -> T: ...
    @overload
    def obj(self, name: str, read: Callable[[Fields], T | None], *, required: bool) -> T | None: ...
    def obj(
        self, name: str, read: Callable[[Fields], T | None], *, required: bool = True
    ) -> T | None:
        """A nested object. A missing required one is read as empty, so that each of its own
        required fields is reported by name, not just the object as a whole."""
        if not self.present(name) and (not required or not self._readable):
            return None
        raw = self._data[name] if self.present(name) else {}
        return read(Fields(raw, self._errors, self.path(name)))

    def objects(
        self, name: str, read: Callable[[Fields], T | None], *, required: bool = False
    ) -> tuple[T, ...]:
        """A list of nested objects; each is read with its path ``name[i]``."""
        result = []
        for index, item in enumerate(self._list(name, required)):
            parsed = read(Fields(item, self._errors, f"{self.path(name)}[{index}]"))
            if parsed is not None:
                result.append(parsed)
        return tuple(result)


def parse(payload: object, read: Callable[[Fields], T | None]) -> tuple[T | None, list[FieldError]]:
    """Read ``payload`` with ``read``: the object (None if anything was wrong) and all errors."""
    errors: list[FieldError] = []
    result = read(Fields(payload, errors))
    return (result if not errors else None), errors


def build(payload: object, read: Callable[[Fields], T | None]) -> T:
    """Read ``payload`` with ``read`` or raise ``InvalidRecord`` listing every error."""
    result, errors = parse(payload, read)
    if errors or result is None:
        raise InvalidRecord(errors)
    return result
