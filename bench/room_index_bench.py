"""How fast does the tablet find a room or an owner in a large estate?

10,000 rooms (25 buildings × 2 units × 25 floors × 8 rooms) and 30,000 owners (three a
room) with made-up names. Prints ``name: value`` lines: the index's build time, then per
kind of query the median time through ``RoomIndex`` and through a plain linear scan of
the same prepared data (every room's key, every owner's pinyin) in the same run, and
their ratio, which is what to quote (absolute times on these machines are noisy). Both
must give the same answers; the bench stops if they do not.

    python -m bench.room_index_bench
    python -m bench.room_index_bench --quick    # fewer repeats
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from domain.pinyin import matches_pinyin
from domain.room_index import IndexedOwner, IndexedRoom, RoomIndex
from domain.rooms import normalise, parse_room_query

BUILDINGS, UNITS, FLOORS, PER_FLOOR, OWNERS_PER_ROOM = 25, 2, 25, 8, 3
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌博宇浩然子涵欣怡梓"

QUERIES = {
    "room_full": ["3栋2单元1101", "12-1-2503", "25#2-0108", "７栋１单元８０５室"],
    "room_number_alone": ["1101", "2503", "108"],
    "room_building_alone": ["7栋", "18号楼"],
    "owner_initials": ["zs", "wf", "lq", "zxm"],
    "owner_full_pinyin": ["zhangwei", "liqiang", "chenjing"],
    "owner_characters": ["张伟", "芳", "欧阳"],
}


def estate(seed: int = 12) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    buildings, units, rooms, owners = [], [], [], []
    for b in range(1, BUILDINGS + 1):
        buildings.append({"id": f"e-{b}", "estate_id": "e", "name": f"{b}栋"})
        for u in range(1, UNITS + 1):
            units.append({"id": f"e-{b}-{u}", "building_id": f"e-{b}", "name": f"{u}单元"})
            for floor in range(1, FLOORS + 1):
                for n in range(1, PER_FLOOR + 1):
                    number = f"{floor}{n:02d}"
                    room_id = f"e-{b}-{u}-{number}"
                    rooms.append({"id": room_id, "unit_id": f"e-{b}-{u}", "number": number})
                    for k in range(OWNERS_PER_ROOM):
                        name = rng.choice(SURNAMES) + "".join(
                            rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))
                        )
                        owners.append(
                            {"id": f"o-{room_id}-{k}", "name": name, "room_ids": [room_id]}
                        )
    return {"buildings": buildings, "units": units, "rooms": rooms, "owners": owners}


class LinearScan:
    """The same answers without an index: every room and owner tried for each query."""

    def __init__(self, index: RoomIndex):
        self.rooms: list[IndexedRoom] = list(index.rooms.values())
        self.owners: list[IndexedOwner] = list(index.owners.values())

    def find_rooms(self, text: str) -> set[str]:
        return {
            room.id
            for query in parse_room_query(text)
            for room in self.rooms
            if room.answers(query)
        }

    def find_owners(self, text: str) -> set[str]:
        typed = normalise(text)
        if typed.isascii():
            return {o.id for o in self.owners if matches_pinyin(typed, o.spelling)}
        return {o.id for o in self.owners if typed in o.name}


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    repeats = 3 if parser.parse_args().quick else 15
    data = estate()
    print(f"rooms: {len(data['rooms'])}")
    print(f"owners: {len(data['owners'])}")

    started = time.perf_counter()
    index = RoomIndex(**data)
    print(f"index_build_first_s: {time.perf_counter() - started:.3f}")
    build = median_seconds(lambda: RoomIndex(**data), max(3, repeats // 5))
    print(f"index_build_s: {build:.3f}")
    scan = LinearScan(index)

    for kind, texts in QUERIES.items():
        on_rooms = kind.startswith("room")
        for text in texts:
            found = index.find_rooms(text) if on_rooms else index.find_owners(text)
            scanned = scan.find_rooms(text) if on_rooms else scan.find_owners(text)
            if {hit.id for hit in found} != scanned:
                raise SystemExit(f"index and scan disagree on {text!r}")
        indexed = statistics.median(
            median_seconds(
                (lambda t=t: index.find_rooms(t))
                if on_rooms
                else (lambda t=t: index.find_owners(t)),
                repeats,
            )
            for t in texts
        )
        scanned = statistics.median(
            median_seconds(
                (lambda t=t: scan.find_rooms(t)) if on_rooms else (lambda t=t: scan.find_owners(t)),
                max(3, repeats // 3),
            )
            for t in texts
        )
        print(f"{kind}_index_ms: {indexed * 1000:.3f}")
        print(f"{kind}_scan_ms: {scanned * 1000:.3f}")
        print(f"{kind}_scan_over_index: {scanned / indexed:.1f}")


if __name__ == "__main__":
    main()
