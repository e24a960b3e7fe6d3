"""``import_rooms``: buildings, units and rooms from CSV or XLSX, Chinese or English
headers; a bad row is reported with its row number and the rest imported."""

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from server.db.models import ReferenceItem
from server.services.imports.report import ImportFailed
from server.services.imports.rooms import import_rooms


def write_csv(path, rows, encoding="utf-8"):
    path.write_text("\n".join(",".join(map(str, row)) for row in rows) + "\n", encoding=encoding)
    return path


def write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    workbook.save(path)
    return path


def _items(db, kind):
    db.expire_all()
    items = db.scalars(select(ReferenceItem).where(ReferenceItem.kind == kind))
    return {item.key: item.data for item in items}


ROWS = [("栋", "单元", "房号"), ("1", "1", "101"), ("1栋", "1单元", "102"), ("2", "1", "1203")]


def test_rooms_units_and_buildings_come_from_a_csv_with_chinese_headers(db, estates, tmp_path):
    report = import_rooms(db, path=write_csv(tmp_path / "rooms.csv", ROWS), estate_id="hxy")

    assert report.problems == []
    assert report.imported == {"building": 2, "unit": 2, "room": 3}
    assert _items(db, "building") == {
        "hxy-1": {"id": "hxy-1", "estate_id": "hxy", "name": "1栋"},
        "hxy-2": {"id": "hxy-2", "estate_id": "hxy", "name": "2栋"},
    }
    assert _items(db, "unit")["hxy-2-1"] == {
        "id": "hxy-2-1",
        "building_id": "hxy-2",
        "name": "1单元",
    }
    assert _items(db, "room")["hxy-2-1-1203"] == {
        "id": "hxy-2-1-1203",
        "unit_id": "hxy-2-1",
        "number": "1203",
        "floor": 12,
    }


def test_an_xlsx_with_english_headers_and_numbers_in_cells_reads_the_same(db, estates, tmp_path):
    rows = [("Building", "Unit", "Room number", "Floor"), (3, 2, 1203, 12), (3, 2, "B01", -1)]

    report = import_rooms(db, path=write_xlsx(tmp_path / "rooms.xlsx", rows), estate_id="hxy")

    assert report.problems == []
    rooms = _items(db, "room")
    assert rooms["hxy-3-2-1203"]["floor"] == 12
    assert rooms["hxy-3-2-B01"]["floor"] == -1


def test_a_csv_saved_by_excel_in_gb18030_is_read(db, estates, tmp_path):
    path = write_csv(tmp_path / "rooms.csv", ROWS, encoding="gb18030")

    report = import_rooms(db, path=path, estate_id="hxy")

    assert report.problems == [] and report.imported["room"] == 3


def test_bad_rows_are_reported_with_their_numbers_and_the_rest_imported(db, estates, tmp_path):
    rows = [
        ("栋", "单元", "房号", "楼层"),
        ("1", "1", "101", ""),
        ("1", "", "102", ""),  # row 3: no unit
        ("1", "1", "103", "999"),  # row 4: floor out of range
        ("1", "1", "101", ""),  # row 5: repeats row 2
        ("1", "1", "104", ""),
    ]

    report = import_rooms(db, path=write_csv(tmp_path / "rooms.csv", rows), estate_id="hxy")

    assert [problem.where.en for problem in report.problems] == ["row 3", "row 4", "row 5"]
    assert "单元" in report.problems[0].reason.zh and "unit" in report.problems[0].reason.en
    assert report.problems[1].reason.zh.startswith("楼层：")
    assert "row 2" in report.problems[2].reason.en
    assert set(_items(db, "room")) == {"hxy-1-1-101", "hxy-1-1-104"}
    lines = report.lines()
    assert "跳过 3" in lines[0] and "3 skipped" in lines[1]
    assert lines[2].startswith("第 3 行：") and "| row 3: " in lines[2]


def test_importing_the_same_file_again_rewrites_nothing(db, estates, tmp_path):
    path = write_csv(tmp_path / "rooms.csv", ROWS)
    import_rooms(db, path=path, estate_id="hxy")
    db.expire_all()
    before = {item.key: item.change_seq for item in db.scalars(select(ReferenceItem))}

    report = import_rooms(db, path=path, estate_id="hxy")

    db.expire_all()
    assert {item.key: item.change_seq for item in db.scalars(select(ReferenceItem))} == before
    assert report.unchanged == 7


def test_a_missing_required_column_stops_the_import(db, estates, tmp_path):
    path = write_csv(tmp_path / "rooms.csv", [("栋", "房号"), ("1", "101")])

    with pytest.raises(ImportFailed) as failed:
        import_rooms(db, path=path, estate_id="hxy")

    assert "单元" in failed.value.text.zh and "unit" in failed.value.text.en


def test_an_unknown_estate_or_file_type_stops_the_import(db, estates, tmp_path):
    with pytest.raises(ImportFailed, match="No estate"):
        import_rooms(db, path=write_csv(tmp_path / "r.csv", ROWS), estate_id="nowhere")
    with pytest.raises(ImportFailed, match="Unsupported file type .xls"):
        import_rooms(db, path=write_csv(tmp_path / "r.xls", ROWS), estate_id="hxy")
