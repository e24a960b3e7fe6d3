"""``import_owners``: the owner archive from the spreadsheet a property office keeps,
with phones, family members, decoration records and occupancy written as people write
them; a bad row is reported with its row number and reason and the rest imported."""

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from server.db.models import ReferenceItem
from server.services.imports.owners import import_owners
from tests.server.reference_factories import put_estate_tree

HEADERS = ("栋", "单元", "房号", "业主姓名", "电话", "职业", "家庭成员", "装修记录", "入住状态")


def write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    workbook.save(path)
    return path


def _owners(db):
    db.expire_all()
    items = db.scalars(select(ReferenceItem).where(ReferenceItem.kind == "owner"))
    return {item.key: item.data for item in items}


@pytest.fixture
def rooms(db, estates):
    return put_estate_tree(db, "hxy", rooms=("101", "102", "103", "104"))


def test_an_owner_row_becomes_a_full_archive_entry(db, rooms, tmp_path):
    row = (
        "1",
        "1",
        "101",
        "王建国",
        "13800001234；021-12345678",
        "教师",
        "李娜（妻子，13900005678）、王小明（儿子）",
        "2021-03-01~2021-05-30 全屋翻新（美居装饰）；2023/7/2 更换窗户",
        "自住",
    )

    report = import_owners(
        db, path=write_xlsx(tmp_path / "o.xlsx", [HEADERS, row]), estate_id="hxy"
    )

    assert report.problems == []
    assert _owners(db) == {
        "hxy-o-1-1-101": {
            "id": "hxy-o-1-1-101",
            "name": "王建国",
            "room_ids": ["hxy-1-1-101"],
            "phones": ["13800001234", "021-12345678"],
            "occupation": "教师",
            "family_members": [
                {"name": "李娜", "relation": "妻子", "phone": "13900005678"},
                {"name": "王小明", "relation": "儿子", "phone": None},
            ],
            "decorations": [
                {
                    "started_on": "2021-03-01",
                    "finished_on": "2021-05-30",
                    "contractor": "美居装饰",
                    "description": "全屋翻新",
                },
                {
                    "started_on": "2023-07-02",
                    "finished_on": None,
                    "contractor": "",
                    "description": "更换窗户",
                },
            ],
            "occupancy": "owner_occupied",
        }
    }


def test_english_headers_and_occupancy_codes_are_accepted(db, rooms, tmp_path):
    path = tmp_path / "owners.csv"
    path.write_text(
        "Building,Unit,Room,Name,Phone,Occupation,Occupancy\n"
        "1,1,102,Liu Fang,15000001111,,rented\n",
        encoding="utf-8",
    )

    report = import_owners(db, path=path, estate_id="hxy")

    assert report.problems == []
    owner = _owners(db)["hxy-o-1-1-102"]
    assert (owner["name"], owner["phones"], owner["occupancy"]) == (
        "Liu Fang",
        ["15000001111"],
        "rented",
    )


def test_an_owner_of_two_rooms_shares_one_owner_number(db, rooms, tmp_path):
    rows = [
        ("业主编号", *HEADERS),
        ("YZ001", "1", "1", "101", "陈伟", "13900001111", "医生", "", "", "自住"),
        ("YZ001", "1", "1", "102", "", "", "", "", "", "出租"),
    ]

    import_owners(db, path=write_xlsx(tmp_path / "o.xlsx", rows), estate_id="hxy")

    owner = _owners(db)["hxy-o-YZ001"]
    assert owner["room_ids"] == ["hxy-1-1-101", "hxy-1-1-102"]
    assert owner["occupancy"] == "owner_occupied"


def test_two_owners_of_one_room_are_two_entries(db, rooms, tmp_path):
    rows = [HEADERS, ("1", "1", "101", "王建国", *[""] * 5), ("1", "1", "101", "李娜", *[""] * 5)]

    import_owners(db, path=write_xlsx(tmp_path / "o.xlsx", rows), estate_id="hxy")

    assert {key: data["name"] for key, data in _owners(db).items()} == {
        "hxy-o-1-1-101": "王建国",
        "hxy-o-1-1-101-2": "李娜",
    }


def test_each_bad_row_is_reported_by_number_with_the_column_and_reason(db, rooms, tmp_path):
    rows = [
        HEADERS,
        ("1", "1", "101", "王建国", "13800001234", "", "", "", "自住"),
        ("1", "1", "102", "刘芳", "12345", "", "", "", ""),  # row 3: bad phone
        ("9", "1", "101", "陈伟", "", "", "", "", ""),  # row 4: no such room
        ("1", "1", "103", "", "", "", "", "", ""),  # row 5: no name
        ("1", "1", "104", "赵六", "", "", "李四", "", ""),  # row 6: family without relation
        ("1", "1", "104", "赵六", "", "", "", "装修过", ""),  # row 7: decoration without date
        ("1", "1", "104", "孙七", "", "", "", "", "卖了"),  # row 8: unknown occupancy
        ("1", "1", "104", "周八", "", "", "", "2021-02-30 刷墙", ""),  # row 9: no such day
    ]

    report = import_owners(db, path=write_xlsx(tmp_path / "o.xlsx", rows), estate_id="hxy")

    problems = {problem.where.en: problem.reason for problem in report.problems}
    assert list(problems) == ["row 3", "row 4", "row 5", "row 6", "row 7", "row 8", "row 9"]
    assert problems["row 3"].zh.startswith("电话：电话号码不对")
    assert problems["row 3"].en.startswith("电话: Not a phone number")
    assert (
        "9栋1单元101" in problems["row 4"].zh and "import the rooms first" in problems["row 4"].en
    )
    assert problems["row 5"].zh.startswith("业主姓名：此项必填")
    assert problems["row 6"].zh.startswith("家庭成员：“李四”应写成")
    assert problems["row 7"].en.startswith('装修记录: "装修过" should read')
    assert problems["row 8"].zh.startswith("入住状态：不是可选的值")
    assert problems["row 9"].zh.startswith("装修记录：日期格式不对")
    assert set(_owners(db)) == {"hxy-o-1-1-101"}
    assert report.read == 8
