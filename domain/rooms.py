"""Room labels, and room numbers as people type them: one implementation for the server
(imports, the owner archive) and the tablet (finding a room offline).

A room is shown as ``3栋2单元1101``: its building's name, its unit's name, its number
(``room_label``). A spreadsheet may write the building as ``3``, ``3栋``, ``3幢``,
``3号楼`` or ``3座``; ``building_name`` turns a bare number into ``3栋`` and keeps any
other name as written (``A座``, ``金桂阁``).

People type the same room as ``3栋2单元1101``, ``3-2-1101``, ``3#2-1101``,
``3幢2单元1101室``, with full-width digits or spaces. ``parse_room_query`` reads such a
text into the ways it can be meant (``RoomQuery``), most likely first; ``place_key``
reduces a building, unit or room name to the key both sides are compared by
(``building_key``, ``unit_key``, ``number_key``): the tablet's index, and the server when
it finds the room a complaint names in words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

BUILDING_SUFFIXES = ("号楼", "栋", "幢", "座")
UNIT_SUFFIXES = ("单元",)
ROOM_SUFFIXES = ("室", "号")


def strip_suffix(value: str, suffixes: tuple[str, ...]) -> str:
    """``value`` without the first of ``suffixes`` it ends with (never down to nothing)."""
    for suffix in suffixes:
        if value.endswith(suffix) and len(value) > len(suffix):
            return value[: -len(suffix)].strip()
    return value


def building_code(written: str) -> str:
    """The building as written, without 号楼/栋/幢/座: what its id is made of."""
    return strip_suffix(written, BUILDING_SUFFIXES)


def unit_code(written: str) -> str:
    return strip_suffix(written, UNIT_SUFFIXES)


def room_number(written: str) -> str:
    return strip_suffix(written, ROOM_SUFFIXES)


def building_name(written: str) -> str:
    """``3栋`` for a building written as a bare number (``3``, ``3幢``, ``3号楼``);
    any other name as written."""
    code = building_code(written)
    return f"{code}栋" if code.isdigit() else written


def unit_name(written: str) -> str:
    code = unit_code(written)
    return f"{code}单元" if code.isdigit() else written


def room_label(building: str | None, unit: str | None, number: str | None) -> str:
    """``3栋2单元1101`` from the building's and unit's names and the room's number; a part
    that is not known is left out."""
    return "".join(part for part in (building, unit, number) if part)


def normalise(text: str) -> str:
    """Full-width digits and letters as ASCII (NFKC), lower case, no outer spaces."""
    return unicodedata.normalize("NFKC", text).strip().lower()


@lru_cache(maxsize=8192)
def place_key(name: str, suffixes: tuple[str, ...] = ()) -> str:
    """The key a building, unit or room name is compared by: normalised, without its
    suffix, spaces removed, a number without leading zeros (``03栋`` and ``3`` meet)."""
    key = re.sub(r"\s+", "", strip_suffix(normalise(name), suffixes))
    return str(int(key)) if key.isascii() and key.isdigit() else key


def building_key(name: str) -> str:
    """What a building is compared by: ``3``, ``3栋``, ``３幢`` and ``03号楼`` meet."""
    return place_key(name, BUILDING_SUFFIXES)


def unit_key(name: str) -> str:
    return place_key(name, UNIT_SUFFIXES)


def number_key(number: str) -> str:
    return place_key(number, ROOM_SUFFIXES)


@dataclass(frozen=True)
class RoomQuery:
    """One way a typed room number can be meant; ``None`` matches any."""

    building: str | None = None
    unit: str | None = None
    number: str | None = None


BUILDING, UNIT, ROOM = "building", "unit", "room"
_MARKERS = {
    "号楼": BUILDING,
    "栋": BUILDING,
    "幢": BUILDING,
    "座": BUILDING,
    "#": BUILDING,
    "单元": UNIT,
    "室": ROOM,
    "号": ROOM,
}
# One part: letters or digits, then perhaps what it is (栋, 单元, 室 …), then perhaps a
# separator (``-`` ``/`` ``.`` or a space).
_PART = re.compile(
    r"\s*([0-9a-z]+)\s*(号楼|栋|幢|座|#|单元|室|号)?\s*[-_/.、,，—–]?\s*",
)


def _parts(text: str) -> list[tuple[str, str | None]] | None:
    parts, position = [], 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or match.end() == position:
            return None
        parts.append((match.group(1), _MARKERS.get(match.group(2) or "")))
        position = match.end()
    return parts


def parse_room_query(text: str) -> list[RoomQuery]:
    """The ways ``text`` can name rooms, most likely first; empty when it names none.

    A part marked by what it is (栋, 单元, 室, ``#`` after a building) is that. Of the
    unmarked parts, the last is the room number; those before it are the building, then
    the unit. Two unmarked parts (``3-1101``) are read as building and room first, then as
    unit and room. A number alone (``1101``) is a room number, in any building.
    """
    parts = _parts(normalise(text))
    if not parts:
        return []
    fixed: dict[str, str] = {}
    free: list[str] = []
    for value, role in parts:
        if role is None:
            free.append(value)
        elif role in fixed:
            return []
        else:
            fixed[role] = value
    readings: list[dict[str, str]] = []
    if not free:
        readings.append({})
    else:
        last_unmarked = parts[-1][1] is None
        if last_unmarked and ROOM not in fixed:
            *before, room = free
            rest = [role for role in (BUILDING, UNIT) if role not in fixed]
            readings.extend(
                {**dict(zip(roles, before, strict=True)), ROOM: room}
                for roles in _orders(rest, len(before))
            )
        else:
            rest = [role for role in (BUILDING, UNIT) if role not in fixed]
            readings.extend(
                dict(zip(roles, free, strict=True)) for roles in _orders(rest, len(free))
            )
    queries = []
    for reading in readings:
        every = {**fixed, **reading}
        query = RoomQuery(_key(every.get(BUILDING)), _key(every.get(UNIT)), _key(every.get(ROOM)))
        if query not in queries:
            queries.append(query)
    return queries


def _orders(roles: list[str], count: int) -> list[tuple[str, ...]]:
    """The ways to give ``count`` parts, in order, to ``roles`` (kept in their order)."""
    if count == 0:
        return [()]
    if count > len(roles):
        return []
    if count == len(roles):
        return [tuple(roles)]
    return [(role,) for role in roles]  # one part, two free roles: building, then unit


def _key(value: str | None) -> str | None:
    return None if value is None else place_key(value)
