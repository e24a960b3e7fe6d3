"""The return-visit figures: visits done and the satisfaction rate ((非常满意 + 满意) ÷
visits) of a month, per estate and per staff member, in the month the visit was made
(China Standard Time), with the 12-month trend and the same figures as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.server.dashboard.figures_support import MONTH, push_visits


@pytest.fixture(scope="module")
def october(world):
    push_visits(world, "li", "hxy", [
        ("2026-10-03T10:00:00+08:00", "very_satisfied"),
        ("2026-10-09T15:30:00+08:00", "satisfied"),
        ("2026-10-15T09:00:00+08:00", "neutral"),
        ("2026-10-20T11:00:00+08:00", "dissatisfied"),
        # 23:30 on the 31st in China: October, though it is written in another zone
        ("2026-10-31T15:30:00+00:00", "very_satisfied"),
        # 00:30 on 1 November in China: not October
        ("2026-10-31T16:30:00+00:00", "very_dissatisfied"),
        ("2026-09-12T10:00:00+08:00", "satisfied"),
    ])  # fmt: skip
    push_visits(world, "boss", "hxy", [("2026-10-21T10:00:00+08:00", "satisfied")])
    push_visits(world, "sun", "lyy", [
        ("2026-10-04T10:00:00+08:00", "very_satisfied"),
        ("2026-10-05T10:00:00+08:00", "satisfied"),
    ])  # fmt: skip
    return world


def _row(html: str, table: str, key: str) -> list[str]:
    """The cells of the row of ``key`` (an estate, a username, a month) in a table."""
    section = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    row = re.search(rf'<tr data-\w+="{re.escape(key)}">(.*?)</tr>', section, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_a_month_counts_visits_and_the_satisfied_share_per_estate_and_staff(october):
    page = october.sign_in("boss").get(october.url + "/visits", params={"month": MONTH}, timeout=30)

    assert page.status_code == 200
    # li: 非常满意, 满意, 一般, 不满意, 非常满意 (the 31st) → 5 visits, 3 satisfied; boss: 1 of 1
    assert _row(page.text, "by-estate", "hxy")[1:4] == ["6", "4", "66.7%"]
    assert _row(page.text, "by-staff", "li")[1:4] == ["5", "3", "60.0%"]
    assert _row(page.text, "by-staff", "boss")[1:4] == ["1", "1", "100.0%"]
    assert _row(page.text, "trend", "2026-09")[1:4] == ["1", "1", "100.0%"]
    assert _row(page.text, "trend", MONTH)[1] == "6"
    assert 'data-total-visits="6"' in page.text
    assert "（非常满意 + 满意）÷ 回访总数" in page.text


def test_the_figures_never_show_another_estate(october):
    web = october.sign_in("boss")

    page = web.get(october.url + "/visits", params={"month": MONTH}, timeout=30)
    refused = web.get(october.url + "/visits", params={"estate": "lyy", "month": MONTH}, timeout=30)
    export = web.get(october.url + "/visits/export.csv", params={"estate": "lyy"}, timeout=30)

    assert "绿洋园" not in page.text and "孙客服" not in page.text
    assert refused.status_code == 400 and "绿洋园" not in refused.text
    assert export.status_code == 400
    other = october.sign_in("lv").get(october.url + "/visits", params={"month": MONTH}, timeout=30)
    assert _row(other.text, "by-estate", "lyy")[1:4] == ["2", "2", "100.0%"]
    assert "华夏苑" not in other.text and "李客服" not in other.text


def test_a_month_that_is_no_month_is_refused(october):
    page = october.sign_in("boss").get(
        october.url + "/visits", params={"month": "2026-13"}, timeout=30
    )

    assert page.status_code == 400
    assert 'data-code="bad_request"' in page.text


def test_the_exports_hold_the_same_figures(october):
    web = october.sign_in("boss")

    text = web.get(october.url + "/visits/export.csv", params={"month": MONTH}, timeout=30)
    xlsx = web.get(october.url + "/visits/export.xlsx", params={"month": MONTH}, timeout=30)
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    sheet = [
        list(row)
        for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
    ]

    assert rows[0][:6] == ["统计口径", "名称", "月份", "回访数", "满意次数", "满意率"]
    assert rows[1][:6] == ["按项目", "华夏苑", MONTH, "6", "4", "66.7%"]
    assert ["按员工", "李客服", MONTH, "5", "3", "60.0%"] in [row[:6] for row in rows]
    assert sheet[1][:6] == ["按项目", "华夏苑", MONTH, 6, 4, "66.7%"]
    assert not any("绿洋园" in str(cell) or "孙客服" in str(cell) for row in sheet for cell in row)
