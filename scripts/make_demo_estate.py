"""Write the demo estate 华夏苑 to assets/demo/ (deterministic: same files every run).

    .venv/bin/python scripts/make_demo_estate.py [OUT_DIR]

The files are in the formats the admin commands import (docs/admin.md), so loading
the demo exercises them:

    estate.json        the estate, and the date the demo's times are anchored to
    rooms.csv          栋, 单元, 房号, 楼层                       (import-rooms)
    owners.xlsx        业主编号, 栋, 单元, 房号, 业主姓名, 电话, …   (import-owners)
    patrol.json        checkpoints with checklists, day and night routes (import-patrol)
    staff.csv          demo accounts of every role
    work_orders.json   open work orders (domain.work_order dicts)
    visit_tasks.json   visit tasks (domain.visit_task dicts)

Every name is made up and every phone number is a fake one of the form 1380000xxxx.
``python -m server --demo`` loads these into an empty database (server/services/demo.py).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets" / "demo"

ESTATE = {
    "id": "hxy",
    "name": "华夏苑",
    "address": "示范市华夏路 88 号（演示数据）",
    "anchor_date": "2025-03-03",
}
BUILDINGS, UNITS, FLOORS, ROOMS_PER_FLOOR = 6, 2, 12, 2
TZ = "+08:00"

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
MALE = list("伟强磊军洋勇杰涛明超平刚华建国志文辉斌浩然子轩宇鹏飞俊峰")
FEMALE = list("芳娜敏静丽艳娟秀霞桂英红宁欣怡雨婷琳雪慧佳玲萍")
OCCUPATIONS = [
    "教师", "医生", "护士", "工程师", "会计", "公务员", "律师", "个体经营", "销售经理",
    "程序员", "设计师", "厨师", "司机", "退休", "自由职业", "银行职员", "大学教授", "企业主",
]  # fmt: skip
MOBILE_PREFIXES = ["138", "139", "150", "151", "186", "137", "158"]
CONTRACTORS = ["美家装饰", "华艺装饰工程", "居然之家家装", "自行装修", "鑫盛装饰"]
DECORATIONS = ["全屋装修", "厨卫改造", "更换窗户", "阳台封闭", "墙面翻新", "地暖铺设"]

STAFF = [
    ("admin", "周敏", "admin"),
    ("zhuguan", "陈建国", "supervisor"),
    ("kefu1", "李静", "service"),
    ("kefu2", "刘洋", "service"),
    ("weixiu1", "张强", "technician"),
    ("weixiu2", "王磊", "technician"),
    ("xunluo1", "赵刚", "patrol"),
    ("xunluo2", "孙伟", "patrol"),
]


def _check(label: str) -> dict:
    return {"label": label, "kind": "check"}


def _reading(label: str, unit: str, low: float, high: float) -> dict:
    return {"label": label, "kind": "reading", "unit": unit, "min": low, "max": high}


CHECKPOINTS = [
    (
        "HXY-01",
        "东大门门岗",
        [_check("门岗值守到岗"), _check("道闸起落正常"), _check("监控画面正常")],
    ),
    ("HXY-02", "北门门岗", [_check("门岗值守到岗"), _check("人行门禁正常")]),
    (
        "HXY-03",
        "1号水泵房",
        [
            _reading("水泵房水位", "m", 1.0, 3.5),
            _reading("供水出口压力", "MPa", 0.2, 0.6),
            _check("水泵运行无异响"),
            _check("地面无渗漏积水"),
        ],
    ),
    (
        "HXY-04",
        "消防控制室",
        [_check("火警主机无故障报警"), _check("值班人员在岗"), _check("消防电话畅通")],
    ),
    (
        "HXY-05",
        "地下车库A区",
        [
            _check("照明正常"),
            _check("排水沟无积水"),
            _check("消防通道畅通"),
            _check("灭火器压力在绿区"),
        ],
    ),
    (
        "HXY-06",
        "地下车库B区",
        [_check("照明正常"), _check("车辆停放有序"), _check("防火卷帘无遮挡")],
    ),
    ("HXY-07", "1栋消防栓", [_reading("消防栓压力", "MPa", 0.1, 0.6), _check("灭火器在有效期内")]),
    ("HXY-08", "3栋消防栓", [_reading("消防栓压力", "MPa", 0.1, 0.6), _check("灭火器在有效期内")]),
    ("HXY-09", "5栋消防栓", [_reading("消防栓压力", "MPa", 0.1, 0.6), _check("灭火器在有效期内")]),
    ("HXY-10", "2栋电梯机房", [_check("电梯运行正常"), _reading("机房温度", "°C", 5, 40)]),
    (
        "HXY-11",
        "配电房",
        [_reading("室内温度", "°C", 5, 35), _check("无异味无异响"), _check("门窗关闭")],
    ),
    ("HXY-12", "中心花园", [_check("路灯正常"), _check("儿童游乐设施完好"), _check("无可疑人员")]),
    ("HXY-13", "垃圾分类站", [_check("垃圾桶未满溢"), _check("周边清洁")]),
    ("HXY-14", "周界围墙东段", [_check("围墙完好无攀爬痕迹"), _check("红外对射正常")]),
    ("HXY-15", "周界围墙西段", [_check("围墙完好无攀爬痕迹"), _check("红外对射正常")]),
]
ROUTES = [
    {
        "id": "day",
        "name": "日间巡查路线",
        "shift": "day",
        "expected_minutes": 90,
        "checkpoints": [
            "HXY-01", "HXY-12", "HXY-07", "HXY-08", "HXY-09", "HXY-10",
            "HXY-13", "HXY-05", "HXY-06", "HXY-02",
        ],
    },
    {
        "id": "night",
        "name": "夜间巡查路线（夜查）",
        "shift": "night",
        "expected_minutes": 60,
        "checkpoints": [
            "HXY-01", "HXY-14", "HXY-03", "HXY-05", "HXY-06", "HXY-11", "HXY-15", "HXY-02",
        ],
    },
    {
        "id": "fire",
        "name": "消防设施巡检",
        "shift": "day",
        "expected_minutes": 40,
        "checkpoints": ["HXY-04", "HXY-03", "HXY-07", "HXY-08", "HXY-09"],
    },
]  # fmt: skip


def _rooms() -> list[tuple[int, int, str, int]]:
    rooms = []
    for building in range(1, BUILDINGS + 1):
        for unit in range(1, UNITS + 1):
            for floor in range(1, FLOORS + 1):
                for number in range(1, ROOMS_PER_FLOOR + 1):
                    rooms.append((building, unit, f"{floor}{number:02d}", floor))
    return rooms


class Names:
    """Plausible made-up names, never the same full name twice."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def person(self, male: bool, surname: str | None = None) -> str:
        while True:
            given = "".join(self.rng.sample(MALE if male else FEMALE, self.rng.choice([1, 2, 2])))
            name = (surname or self.rng.choice(SURNAMES)) + given
            if name not in self.used:
                self.used.add(name)
                return name


class Phones:
    """Fake mainland mobiles: a real prefix, then 0000, then four digits; all different."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def mobile(self) -> str:
        while True:
            number = f"{self.rng.choice(MOBILE_PREFIXES)}0000{self.rng.randrange(10000):04d}"
            if number not in self.used:
                self.used.add(number)
                return number


def _day(rng: random.Random, first_year: int, last_year: int) -> tuple[int, int, int]:
    return rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28)


def _owners(rng: random.Random) -> list[dict]:
    names, phones = Names(rng), Phones(rng)
    rooms = _rooms()
    owners: list[dict] = []
    second_rooms = set(rng.sample(range(len(rooms)), 6))
    for index, (building, unit, number, _floor) in enumerate(rooms):
        if index in second_rooms and owners:
            # An owner who bought a second flat: same owner number on another row.
            owners.append({**rng.choice(owners[-20:]), "room": (building, unit, number)})
            continue
        surname = rng.choice(SURNAMES)
        male = rng.random() < 0.55
        name = names.person(male, surname)
        occupancy = rng.choices(["自住", "出租", "空置", "装修中"], [70, 15, 10, 5])[0]
        family = []
        if rng.random() < 0.8:
            spouse = names.person(not male)
            relation = "妻子" if male else "丈夫"
            phone = phones.mobile() if rng.random() < 0.6 else None
            family.append(
                f"{spouse}（{relation}，{phone}）" if phone else f"{spouse}（{relation}）"
            )
        children_surname = surname if male or rng.random() < 0.7 else None
        for _ in range(rng.choice([0, 1, 1, 2])):
            son = rng.random() < 0.5
            child = names.person(son, children_surname or surname)
            family.append(f"{child}（{'儿子' if son else '女儿'}）")
        if rng.random() < 0.2:
            father = rng.random() < 0.5
            parent = names.person(father, surname if father else None)
            family.append(f"{parent}（{'父亲' if father else '母亲'}）")
        decorations = []
        if rng.random() < 0.35 or occupancy == "装修中":
            year, month, day = _day(rng, 2016, 2022)
            end_month = min(12, month + rng.randint(1, 4))
            decorations.append(
                f"{year}-{month:02d}-{day:02d}~{year}-{end_month:02d}-{day:02d} "
                f"{rng.choice(DECORATIONS)}（{rng.choice(CONTRACTORS)}）"
            )
        if occupancy == "装修中":
            decorations.append(
                f"2025-02-{rng.randint(10, 25):02d} 厨卫改造（{rng.choice(CONTRACTORS)}）"
            )
        owner_phones = [phones.mobile()] + ([phones.mobile()] if rng.random() < 0.25 else [])
        owners.append(
            {
                "number": f"YZ{len(owners) + 1:04d}",
                "room": (building, unit, number),
                "name": name,
                "phones": "；".join(owner_phones),
                "occupation": rng.choice(OCCUPATIONS),
                "family": "、".join(family),
                "decorations": "；".join(decorations),
                "occupancy": occupancy,
            }
        )
    return owners


def _owner_of(owners: list[dict], building: int, unit: int, number: str) -> str:
    for owner in owners:
        if owner["room"] == (building, unit, number):
            return f"hxy-o-{owner['number']}"
    raise LookupError((building, unit, number))


def _time(day: int, hour: int, minute: int = 0) -> str:
    return f"2025-03-{day:02d}T{hour:02d}:{minute:02d}:00{TZ}"


def _work_orders() -> list[dict]:
    def order(number, technician, category, description, source, status, created, room=None,
              place="", due=None):  # fmt: skip
        return {
            "id": f"hxy-demo-wo-{number:02d}",
            "technician_id": technician,
            "category": category,
            "description": description,
            "source": source,
            "status": status,
            "created_at": created,
            "room_id": room,
            "place": place,
            "source_id": None,
            "due_at": due,
        }

    return [
        order(1, "weixiu1", "water", "卫生间地漏反水，业主来电报修", "owner", "assigned",
              _time(3, 8, 30), room="hxy-3-1-502"),
        order(2, "weixiu2", "electric", "客厅顶灯不亮，已换灯泡仍不亮", "owner", "in_progress",
              _time(2, 16, 10), room="hxy-1-2-1101"),
        order(3, "weixiu1", "doors_windows", "入户门门锁卡滞，钥匙难以转动", "owner", "assigned",
              _time(3, 9, 45), room="hxy-5-1-302"),
        order(4, "weixiu2", "public_facility", "夜查发现地下车库B区照明灯损坏 3 盏", "patrol",
              "assigned", _time(3, 1, 20), place="地下车库B区"),
        order(5, "weixiu1", "public_facility", "2栋1单元电梯楼层按钮失灵，待电梯公司维修",
              "owner", "on_hold", _time(1, 10, 0), place="2栋1单元电梯",
              due=_time(6, 18, 0)),
        order(6, "weixiu2", "water", "厨房下水管堵塞，水池排水缓慢", "owner", "assigned",
              _time(1, 14, 20), room="hxy-6-2-802"),
        order(7, "weixiu1", "doors_windows", "阳台推拉窗关不严，漏风", "owner", "done",
              _time(1, 9, 0), room="hxy-4-1-1201"),
    ]  # fmt: skip


def _visit_tasks(owners: list[dict]) -> list[dict]:
    def task(number, staff, room, reason, status, created, source=None):
        building, unit, room_number = room
        return {
            "id": f"hxy-demo-vt-{number:02d}",
            "staff_id": staff,
            "owner_id": _owner_of(owners, building, unit, room_number),
            "room_id": f"hxy-{building}-{unit}-{room_number}",
            "reason": reason,
            "status": status,
            "created_at": created,
            "source_id": source,
            "due_at": None,
        }

    return [
        task(1, "kefu1", (4, 1, "1201"), "after_repair", "pending", _time(2, 11, 0),
             "hxy-demo-wo-07"),
        task(2, "kefu1", (1, 1, "601"), "routine", "pending", _time(3, 9, 0)),
        task(3, "kefu2", (2, 2, "301"), "routine", "pending", _time(3, 9, 0)),
        task(4, "kefu2", (6, 1, "1002"), "after_complaint", "pending", _time(2, 15, 30),
             "5f2c7c1e-8d0a-4c55-9a43-1b2f3e4d5a60"),
        task(5, "kefu1", (3, 2, "201"), "routine", "done", _time(1, 10, 0)),
    ]  # fmt: skip


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _owners_xlsx(owners: list[dict], path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "业主档案"
    sheet.append(["业主编号", "栋", "单元", "房号", "业主姓名", "电话", "职业", "家庭成员",
                  "装修记录", "入住状态"])  # fmt: skip
    for owner in owners:
        building, unit, number = owner["room"]
        sheet.append(
            [owner["number"], f"{building}栋", f"{unit}单元", number, owner["name"],
             owner["phones"], owner["occupation"], owner["family"], owner["decorations"],
             owner["occupancy"]]
        )  # fmt: skip
    for column, width in zip("ABCDEFGHIJ", [10, 6, 6, 6, 10, 28, 10, 40, 50, 8], strict=True):
        sheet.column_dimensions[column].width = width
    fixed = datetime(2025, 3, 3)
    workbook.properties.created = workbook.properties.modified = fixed
    workbook.properties.creator = "scripts/make_demo_estate.py"
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Zip entries carry the time of writing; fix it, so the file is the same every run.
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed_info = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 3, 0, 0, 0))
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-03-03T00:00:00Z", content
                )
            target.writestr(fixed_info, content)


def main() -> None:
    rng = random.Random(20250303)
    OUT.mkdir(parents=True, exist_ok=True)
    owners = _owners(rng)
    files = {
        "estate.json": _json(ESTATE),
        "rooms.csv": _csv(
            [["栋", "单元", "房号", "楼层"]]
            + [[f"{b}栋", f"{u}单元", n, f] for b, u, n, f in _rooms()]
        ),
        "patrol.json": _json(
            {
                "checkpoints": [
                    {"code": code, "place": place, "items": items}
                    for code, place, items in CHECKPOINTS
                ],
                "routes": ROUTES,
            }
        ),
        "staff.csv": _csv([["用户名", "姓名", "岗位"]] + [list(row) for row in STAFF]),
        "work_orders.json": _json(_work_orders()),
        "visit_tasks.json": _json(_visit_tasks(owners)),
    }
    for name, content in files.items():
        (OUT / name).write_bytes(content)
    _owners_xlsx(owners, OUT / "owners.xlsx")
    print(f"demo estate written to {OUT}: {len(_rooms())} rooms, {len(owners)} owner rows")


if __name__ == "__main__":
    main()
