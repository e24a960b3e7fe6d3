"""``import-rooms``, ``import-owners``, ``import-patrol`` and ``print-labels`` from the
command line: counts and bad rows are printed in both languages, and the exit code says
whether everything was imported."""

import json

import pytest
from sqlalchemy import func, select

from server.db.models import ReferenceItem
from tests.server.reference_factories import cli_runner


@pytest.fixture
def run_cli(monkeypatch, database_url, tmp_path, capsys):
    return cli_runner(monkeypatch, database_url, tmp_path / "data", capsys)


def _count(db, kind):
    db.expire_all()
    return db.scalar(
        select(func.count()).select_from(ReferenceItem).where(ReferenceItem.kind == kind)
    )


def test_a_clean_room_import_prints_the_counts_and_exits_0(run_cli, db, estates, tmp_path):
    path = tmp_path / "rooms.csv"
    path.write_text("栋,单元,房号\n1,1,101\n1,1,102\n", encoding="utf-8")

    code, out, _ = run_cli("import-rooms", str(path), "--estate", "hxy")

    assert code == 0
    assert "读取 2 行/项，跳过 0" in out and "房号 2" in out
    assert "2 rows/entries read, 0 skipped" in out and "rooms 2" in out
    assert _count(db, "room") == 2


def test_bad_rows_are_printed_and_the_exit_code_is_1(run_cli, db, estates, tmp_path):
    rooms = tmp_path / "rooms.csv"
    rooms.write_text("栋,单元,房号\n1,1,101\n", encoding="utf-8")
    run_cli("import-rooms", str(rooms), "--estate", "hxy")
    owners = tmp_path / "owners.csv"
    owners.write_text(
        "栋,单元,房号,业主姓名,电话\n1,1,101,王建国,13800001234\n1,1,999,刘芳,13900001234\n",
        encoding="utf-8",
    )

    code, out, _ = run_cli("import-owners", str(owners), "--estate", "hxy")

    assert code == 1
    assert "第 3 行：没有这个房号：1栋1单元999" in out
    assert "row 3: No such room: 1栋1单元999" in out
    assert _count(db, "owner") == 1


def test_a_file_that_cannot_be_imported_exits_2_with_the_reason(run_cli, estates, tmp_path):
    path = tmp_path / "rooms.csv"
    path.write_text("building,room\n1,101\n", encoding="utf-8")

    code, _, err = run_cli("import-rooms", str(path), "--estate", "hxy")
    assert code == 2 and "缺少必需的列：单元" in err and "Required column(s) missing: unit" in err

    code, _, err = run_cli("import-rooms", str(tmp_path / "missing.csv"), "--estate", "hxy")
    assert code == 2 and "no such file" in err

    code, _, err = run_cli("import-rooms", str(path), "--estate", "nowhere")
    assert code == 2 and "No estate nowhere" in err


def test_patrol_import_and_labels(run_cli, db, estates, tmp_path):
    definition = {
        "checkpoints": [
            {"code": "HXY-01", "place": "东大门门岗",
             "items": [{"label": "门岗值守", "kind": "check"}]},
            {"code": "HXY-02", "place": "1号水泵房"},
        ],
        "routes": [
            {"id": "night", "name": "夜查", "shift": "night", "expected_minutes": 30,
             "checkpoints": ["HXY-01", "HXY-02"]},
        ],
    }  # fmt: skip
    path = tmp_path / "patrol.json"
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")

    assert run_cli("import-patrol", str(path), "--estate", "hxy")[0] == 0
    assert (_count(db, "checkpoint"), _count(db, "route")) == (2, 1)

    code, out, _ = run_cli("print-labels", "--estate", "hxy", "--out", str(tmp_path / "l.pdf"))
    assert code == 0 and "l.pdf" in out
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF")


def test_labels_of_an_estate_without_checkpoints_fail(run_cli, estates, tmp_path):
    code, _, err = run_cli("print-labels", "--estate", "lyy", "--out", str(tmp_path / "l.png"))

    assert code == 2 and "no checkpoints" in err
