"""A supervisor signs in, filters the logs, opens a record with photos, approves one,
sends one back, exports XLSX and reads the board, in Chinese and in English."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.browser.conftest import screenshot, sign_in
from tests.server.dashboard.world import jpeg


def _set_language(page, world, language):
    page.goto(world.url + f"/language?to={language}&next=/dashboard/logs")


def test_sign_in_lands_on_the_logs_in_chinese_with_the_shipped_font(page, world):
    page.goto(world.url + "/login")
    screenshot(page, "login-zh")

    sign_in(page, world, "boss")
    screenshot(page, "logs-zh")

    assert page.url.endswith("/dashboard/logs")
    assert page.locator("h1, .tabs a.active").first.inner_text().strip() == "全部记录"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans SC\"')")
    assert page.locator("tr[data-record]").count() == 8


def test_filtering_abnormal_only_leaves_the_abnormal_round(page, world):
    sign_in(page, world, "boss")
    page.evaluate("window.stillTheSamePage = true")

    page.check("input[name=abnormal]")
    page.wait_for_url("**abnormal=1**")
    page.wait_for_function("document.querySelectorAll('tr[data-record]').length === 2")
    screenshot(page, "logs-abnormal-zh")

    shown = page.eval_on_selector_all("tr[data-record]", "rows => rows.map(r => r.dataset.record)")
    assert set(shown) == {world.records["hxy_abnormal_round"], world.records["hxy_visit"]}
    assert page.evaluate("window.stillTheSamePage"), "htmx swapped the results in place"


def test_a_record_shows_its_photos_gps_and_both_times(page, world):
    sign_in(page, world, "boss")

    page.click(f"tr[data-record='{world.records['hxy_abnormal_round']}'] a")
    page.wait_for_load_state("load")
    page.wait_for_function(
        "[...document.querySelectorAll('.photo img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "record-zh")

    assert page.locator(".photo img").count() == 2
    assert page.locator(".photo-group h3").all_inner_texts() == ["水泵房", "地下车库 B1"]
    assert "夜间巡查路线 A" in page.locator("table.facts").inner_text()
    assert page.locator("td", has_text="22.544096, 114.057865").count() == 1
    assert page.locator("text=设备时间").count() == 1
    full = page.request.get(world.server.url + page.locator(".photo").first.get_attribute("href"))
    assert full.status == 200 and full.headers["content-type"] == "image/jpeg"


def test_approving_a_record_marks_it_approved(page, world):
    sign_in(page, world, "boss")
    page.goto(world.url + f"/records/{world.records['hxy_round_2']}")

    page.click("button[name=approve]")
    page.wait_for_selector("[data-code=review_done_approved]")
    screenshot(page, "record-approved-zh")

    assert page.locator(".tag.review-approved").count() >= 1
    assert page.locator("tr[data-verdict=approved]").count() == 1


def test_sending_back_needs_a_comment_and_keeps_it(page, world):
    sign_in(page, world, "boss")
    page.goto(world.url + f"/records/{world.records['hxy_visit']}")

    page.click("button.danger")
    page.wait_for_selector("[data-code=comment_required]")
    screenshot(page, "record-send-back-empty-zh")
    page.fill("textarea[name=comment]", "请补充业主反馈的渗水位置，并附照片")
    page.click("button.danger")
    page.wait_for_selector("[data-code=review_done_sent_back]")
    screenshot(page, "record-sent-back-zh")

    assert "请补充业主反馈的渗水位置" in page.locator("tr[data-verdict=sent_back]").inner_text()
    assert page.locator(".tag.review-sent_back").count() >= 1


def test_the_xlsx_export_reads_back_with_the_filtered_rows(page, world, tmp_path):
    sign_in(page, world, "boss")
    page.goto(world.url + "/logs?kind=complaint")

    with page.expect_download() as download:
        page.click("text=导出 Excel")
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))

    assert rows[0][0] == "记录编号"
    assert {row[0] for row in rows[1:]} == {
        world.records["hxy_overdue_complaint"],
        world.records["hxy_major_complaint"],
        world.records["hxy_fresh_complaint"],
    }
    assert all(row[2] == "投诉" for row in rows[1:])


def test_the_board_puts_overdue_then_major_complaints_first(page, world):
    sign_in(page, world, "boss")
    page.click("text=投诉看板")
    page.wait_for_selector("#chart-by-status[data-drawn] canvas")
    screenshot(page, "board-zh")

    order = page.eval_on_selector_all("tr[data-record]", "rows => rows.map(r => r.dataset.record)")
    assert order[0] in (
        world.records["hxy_overdue_complaint"],
        world.records["hxy_major_complaint"],
    )
    assert order[-1] == world.records["hxy_fresh_complaint"]
    assert page.locator("#chart-by-status canvas").bounding_box()["height"] > 200


def test_the_owner_archive_opens_from_a_return_visit(page, world):
    sign_in(page, world, "boss")
    page.goto(world.url + f"/records/{world.records['hxy_visit']}")

    page.click("text=查看业主档案")
    page.wait_for_selector("[data-code=owner_viewed]")
    screenshot(page, "owner-zh")

    assert "王建国" in page.content()


def test_every_page_reads_in_english_too(page, world):
    sign_in(page, world, "boss")
    _set_language(page, world, "en")
    screenshot(page, "logs-en")
    assert page.locator(".tabs a.active").inner_text().strip() == "All records"

    page.goto(world.url + f"/records/{world.records['hxy_abnormal_round']}")
    screenshot(page, "record-en")
    page.goto(world.url + "/complaints")
    page.wait_for_selector("#chart-by-status[data-drawn] canvas")
    screenshot(page, "board-en")
    assert page.locator("h1").inner_text().strip() == "Complaints board"
    page.goto(world.url + "/login")
    screenshot(page, "login-en")
    assert page.locator("button[type=submit]").inner_text().strip() == "Sign in"


def test_a_patrol_account_is_told_it_cannot_sign_in(page, world):
    sign_in(page, world, "wang")
    screenshot(page, "login-refused-zh")

    assert page.locator("[data-code=role_refused]").is_visible()
    assert "/dashboard/login" in page.url


def test_marks_drawn_on_a_photo_lie_over_it_in_red(page, world):
    """Last in the file: the repair check it adds is counted by no test before it."""
    record, _ = world.push_repair_with_marks(
        jpeg((90, 90, 160), "marked"), [[0.1, 0.2, 0.5, 0.25, 0.9, 0.8], [0.3, 0.7]]
    )
    sign_in(page, world, "boss")

    page.goto(world.url + f"/records/{record}")
    page.wait_for_function(
        "[...document.querySelectorAll('.photo img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "record-marks-zh")

    photo, layer = page.locator(".photo img").bounding_box(), page.locator(".marks").bounding_box()
    assert photo is not None and layer is not None
    assert all(abs(photo[k] - layer[k]) < 1 for k in ("x", "y", "width", "height"))
    assert page.locator(".marks polyline").count() == 2
    stroke = page.locator(".marks polyline").first.evaluate("l => getComputedStyle(l).stroke")
    assert stroke == "rgb(229, 57, 53)"
