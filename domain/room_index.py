"""Finding a room or an owner without the server: by building / unit / room (browsing
``buildings``, ``units``, ``rooms_in``), by the room number as people type it
(``domain.rooms``), or by the owner's name in characters or in pinyin (``domain.pinyin``).

The index is built once from reference data (the ``to_dict()`` shapes of ``Building``,
``Unit``, ``Room`` and ``Owner``) and answers from dictionaries, so a query costs about
what its answer costs, not what the estate costs:

- rooms by every combination of building, unit and number that a query can fix (so
  ``1101`` alone and ``3栋`` alone are one look-up each);
- owners by each character of their names (a name typed in characters), and by the
  first letters of their first two characters' readings (a name typed in pinyin: only
  the owners whose letters fit what was typed are tried).

Which owners go in is the caller's decision: give only those the account may see.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, product
from typing import Any

from domain.pinyin import LONGEST_READING, Readings, matches_pinyin, readings
from domain.rooms import (
    RoomQuery,
    building_key,
    normalise,
    number_key,
    parse_room_query,
    room_label,
    unit_key,
)

_LETTERS = re.compile(r"[a-z]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class IndexedRoom:
    id: str
    label: str
    unit_id: str
    building_id: str | None
    estate_id: str | None
    key: tuple[str | None, str | None, str]

    def answers(self, query: RoomQuery) -> bool:
        wanted = (query.building, query.unit, query.number)
        return all(
            want is None or want == have for want, have in zip(wanted, self.key, strict=True)
        )


@dataclass(frozen=True)
class IndexedOwner:
    id: str
    name: str
    room_ids: tuple[str, ...]
    spelling: Readings


@dataclass(frozen=True)
class Place:
    """A building or a unit, to browse by."""

    id: str
    name: str


@dataclass(frozen=True)
class Found:
    """What a search found: rooms (by number) and owners (by name), best first."""

    rooms: tuple[IndexedRoom, ...] = ()
    owners: tuple[IndexedOwner, ...] = ()


Data = Mapping[str, Any]


class RoomIndex:
    def __init__(
        self,
        *,
        buildings: Iterable[Data],
        units: Iterable[Data],
        rooms: Iterable[Data],
        owners: Iterable[Data] = (),
    ):
        building_of = {b["id"]: b for b in buildings}
        unit_of = {u["id"]: u for u in units}
        self._buildings = tuple(
            sorted((Place(b["id"], b["name"]) for b in building_of.values()), key=_place_order)
        )
        self._units: dict[str, list[Place]] = defaultdict(list)
        for u in sorted(unit_of.values(), key=lambda u: _natural(u["name"])):
            self._units[u["building_id"]].append(Place(u["id"], u["name"]))
        self.rooms: dict[str, IndexedRoom] = {}
        self._by_key: dict[tuple[str | None, ...], list[str]] = defaultdict(list)
        self._rooms_of_unit: dict[str, list[IndexedRoom]] = defaultdict(list)
        entries = [_room(room, unit_of.get(room["unit_id"]), building_of) for room in rooms]
        for entry in sorted(entries, key=_room_order):  # so each look-up is in order
            self.rooms[entry.id] = entry
            self._rooms_of_unit[entry.unit_id].append(entry)
            for key in _keys(entry):
                self._by_key[key].append(entry.id)
        self.owners: dict[str, IndexedOwner] = {}
        self._owners_of_room: dict[str, list[str]] = defaultdict(list)
        self._by_character: dict[str, set[str]] = defaultdict(set)
        self._by_first_letter: dict[str, list[IndexedOwner]] = defaultdict(list)
        self._by_two_letters: dict[tuple[str, str], list[IndexedOwner]] = defaultdict(list)
        for owner in owners:
            indexed = IndexedOwner(
                owner["id"], owner["name"], tuple(owner["room_ids"]), readings(owner["name"])
            )
            self.owners[indexed.id] = indexed
            for room_id in indexed.room_ids:
                self._owners_of_room[room_id].append(indexed.id)
            for character in set(normalise(indexed.name)):
                self._by_character[character].add(indexed.id)
            for letter in _first_letters(indexed.spelling, 0):
                self._by_first_letter[letter].append(indexed)
                for second in _first_letters(indexed.spelling, 1) or {""}:
                    self._by_two_letters[letter, second].append(indexed)

    def search(self, text: str) -> Found:
        """Rooms when ``text`` reads as a room number, owners when it reads as a name."""
        return Found(self.find_rooms(text), self.find_owners(text))

    def find_rooms(self, text: str) -> tuple[IndexedRoom, ...]:
        """Rooms the text can name, those of its likeliest reading first, each by label."""
        found: dict[str, IndexedRoom] = {}
        for query in parse_room_query(text):
            key = (query.building, query.unit, query.number)
            for room_id in self._by_key.get(key, ()):
                found.setdefault(room_id, self.rooms[room_id])
        return tuple(found.values())

    def find_owners(self, text: str) -> tuple[IndexedOwner, ...]:
        """Owners whose name holds the typed characters, or whose pinyin begins with the
        typed letters (``zs``, ``zhangsan``); those whose name begins so come first."""
        typed = re.sub(r"\s+", "", normalise(text))
        if not typed:
            return ()
        if _HAN.search(typed):
            ids = min((self._by_character.get(c, set()) for c in set(typed)), key=len)
            hits = [self.owners[i] for i in ids if typed in normalise(self.owners[i].name)]
            return tuple(
                sorted(hits, key=lambda o: (not normalise(o.name).startswith(typed), o.name, o.id))
            )
        if _LETTERS.fullmatch(typed):
            candidates = {owner.id: owner for owner in self._pinyin_candidates(typed)}
            hits = [o for o in candidates.values() if matches_pinyin(typed, o.spelling)]
            return tuple(sorted(hits, key=lambda o: (len(o.spelling), o.name, o.id)))
        return ()

    def _pinyin_candidates(self, typed: str) -> Iterable[IndexedOwner]:
        """Owners whose first character's reading begins with the first letter typed and
        whose second character's begins with one of the letters that can follow it (the
        first reading takes 1 to 6 letters), and the one-character names."""
        if len(typed) == 1:
            return self._by_first_letter.get(typed, ())
        seconds = {typed[k] for k in range(1, min(len(typed), LONGEST_READING + 1))} | {""}
        return chain.from_iterable(self._by_two_letters.get((typed[0], s), ()) for s in seconds)

    def buildings(self) -> tuple[Place, ...]:
        """Every building, in order (``2栋`` before ``10栋``), to browse from."""
        return self._buildings

    def units(self, building_id: str) -> tuple[Place, ...]:
        return tuple(self._units.get(building_id, ()))

    def rooms_in(self, unit_id: str) -> tuple[IndexedRoom, ...]:
        """The unit's rooms, by number."""
        return tuple(self._rooms_of_unit.get(unit_id, ()))

    def owners_of(self, room_id: str) -> tuple[IndexedOwner, ...]:
        return tuple(self.owners[i] for i in self._owners_of_room.get(room_id, ()))

    def rooms_of(self, owner: IndexedOwner) -> tuple[IndexedRoom, ...]:
        """The owner's rooms the index holds (a room of another estate may not be here)."""
        return tuple(self.rooms[i] for i in owner.room_ids if i in self.rooms)

    def room_named(
        self, building: str, unit: str, number: str, estate_id: str | None = None
    ) -> IndexedRoom | None:
        """The room a form names in three fields (a complaint's 栋, 单元, 房号), if exactly
        one (in ``estate_id``, when given)."""
        key = (building_key(building), unit_key(unit), number_key(number))
        rooms = [self.rooms[i] for i in self._by_key.get(key, ())]
        if estate_id is not None:
            rooms = [room for room in rooms if room.estate_id == estate_id]
        return rooms[0] if len(rooms) == 1 else None


def _room(room: Data, unit: Data | None, building_of: Mapping[str, Data]) -> IndexedRoom:
    building = building_of.get(unit["building_id"]) if unit else None
    building_name = building["name"] if building else None
    unit_name = unit["name"] if unit else None
    return IndexedRoom(
        id=room["id"],
        label=room_label(building_name, unit_name, room["number"]),
        unit_id=room["unit_id"],
        building_id=unit["building_id"] if unit else None,
        estate_id=building.get("estate_id") if building else None,
        key=(
            None if building_name is None else building_key(building_name),
            None if unit_name is None else unit_key(unit_name),
            number_key(room["number"]),
        ),
    )


_MASKS = tuple(mask for mask in product((True, False), repeat=3) if any(mask))


def _first_letters(spelling: Readings, character: int) -> set[str]:
    if character >= len(spelling):
        return set()
    return {reading[0] for reading in spelling[character]}


def _keys(room: IndexedRoom) -> set[tuple[str | None, ...]]:
    """Every look-up key that finds the room: its key with any of its parts left open."""
    building, unit, number = room.key
    keys: set[tuple[str | None, ...]] = {
        (building if b else None, unit if u else None, number if n else None) for b, u, n in _MASKS
    }
    keys.discard((None, None, None))
    return keys


@lru_cache(maxsize=4096)
def _natural(text: str | None) -> tuple:
    """Sort ``2栋`` before ``10栋``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", text or "")
        if part
    )


def _place_order(place: Place) -> tuple:
    return _natural(place.name), place.id


def _room_order(room: IndexedRoom) -> tuple:
    return tuple(_natural(part) for part in room.key) + (room.id,)
