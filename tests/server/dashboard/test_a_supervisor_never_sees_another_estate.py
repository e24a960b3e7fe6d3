"""A supervisor of estate A never sees estate B: not in a list, a filter, a record page,
an export, a photo URL or the board."""

from __future__ import annotations

import io

from openpyxl import load_workbook


def test_the_logs_show_only_the_supervisor_s_estate(world):
    web = world.sign_in("boss")

    page = web.get(world.url + "/logs", timeout=30)

    assert page.status_code == 200
    assert world.records["hxy_abnormal_round"] in page.text
    assert world.records["lyy_round"] not in page.text
    assert "绿洋园" not in page.text
    assert "赵巡逻" not in page.text and "zhao" not in page.text  # not even in the staff filter


def test_filtering_by_another_estate_is_refused_and_shows_nothing_of_it(world):
    web = world.sign_in("boss")

    page = web.get(world.url + "/logs", params={"estate": "lyy"}, timeout=30)

    assert page.status_code == 400
    assert 'data-code="bad_filter"' in page.text
    assert world.records["lyy_round"] not in page.text


def test_another_estate_s_record_page_is_not_found(world):
    web = world.sign_in("boss")

    page = web.get(world.url + f"/records/{world.records['lyy_round']}", timeout=30)

    assert page.status_code == 404
    assert 'data-code="not_found"' in page.text
    assert "绿洋园" not in page.text


def test_another_estate_s_photo_is_not_found_in_either_size(world):
    web = world.sign_in("boss")
    own, foreign = world.photos["hxy_1"], world.photos["lyy_1"]

    assert web.get(world.url + f"/photos/{own}", timeout=30).status_code == 200
    assert web.get(world.url + f"/photos/{foreign}", timeout=30).status_code == 404
    assert web.get(world.url + f"/photos/{foreign}?size=thumb", timeout=30).status_code == 404


def test_exports_hold_only_the_supervisor_s_estate(world):
    web = world.sign_in("boss")

    csv_text = web.get(world.url + "/logs/export.csv", timeout=30).content.decode("utf-8-sig")
    xlsx = web.get(world.url + "/logs/export.xlsx", timeout=30).content
    board = web.get(world.url + "/complaints/export.csv", timeout=30).content.decode("utf-8-sig")
    cells = {c for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)
             for c in row}  # fmt: skip

    assert world.records["hxy_abnormal_round"] in csv_text
    assert world.records["hxy_abnormal_round"] in cells
    for foreign in (world.records["lyy_round"], world.records["lyy_complaint"]):
        assert foreign not in csv_text
        assert foreign not in cells
        assert foreign not in board
    assert "绿洋园" not in csv_text + board


def test_the_other_supervisor_sees_only_the_other_estate(world):
    web = world.sign_in("lv")

    page = web.get(world.url + "/logs", timeout=30)
    board = web.get(world.url + "/complaints", timeout=30)

    assert world.records["lyy_round"] in page.text
    assert world.records["hxy_abnormal_round"] not in page.text
    assert world.records["lyy_complaint"] in board.text
    assert world.records["hxy_overdue_complaint"] not in board.text
    assert web.get(world.url + f"/photos/{world.photos['hxy_1']}", timeout=30).status_code == 404


def test_the_board_filtered_by_another_estate_is_refused(world):
    web = world.sign_in("boss")

    page = web.get(world.url + "/complaints", params={"estate": "lyy"}, timeout=30)
    export = web.get(world.url + "/complaints/export.csv", params={"estate": "lyy"}, timeout=30)

    assert page.status_code == export.status_code == 400
    assert world.records["lyy_complaint"] not in page.text + export.text
