"""The monthly report of one estate: patrol, complaints, return visits and repairs of
the month, as a printable page and as a PDF whose text (Chinese included) reads back;
a supervisor gets only their own estate's."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.server.dashboard.figures_support import MONTH, push_october_work, push_visits


@pytest.fixture(scope="module")
def october(world):
    push_october_work(world)
    push_visits(world, "li", "hxy", [
        ("2026-10-03T10:00:00+08:00", "very_satisfied"),
        ("2026-10-09T15:30:00+08:00", "neutral"),
    ])  # fmt: skip
    push_visits(world, "sun", "lyy", [("2026-10-04T10:00:00+08:00", "very_dissatisfied")])
    return world


EXPECTED = {
    "patrol": {"巡查次数": "2", "到达巡查点": "2", "漏查巡查点": "2", "异常巡查点": "1"},
    "complaints": {
        "收到投诉": "2", "其中重大投诉": "1", "办结投诉": "1",
        # the world's three open complaints and October's two; all but the fresh one late
        "目前未办结": "5", "其中已超时": "4",
    },
    "visits": {"回访数": "2", "满意次数": "1", "满意率": "50.0%", "非常满意": "1", "一般": "1",
               "非常不满意": "0"},
    "repairs": {"维修次数": "2", "已修复": "0", "待配件": "1", "需外协单位": "1"},
}  # fmt: skip


def _section(html: str, key: str) -> dict[str, str]:
    part = html.split(f'id="report-{key}"', 1)[1].split("</section>", 1)[0]
    return dict(re.findall(r"<tr><td>(.*?)</td><td class=\"num\">(.*?)</td></tr>", part))


def test_the_page_gives_every_figure_of_the_month(october):
    page = october.sign_in("boss").get(
        october.url + "/reports/monthly", params={"estate": "hxy", "month": MONTH}, timeout=30
    )

    assert page.status_code == 200
    assert "华夏苑 2026-10 月度报告" in page.text
    for key, figures in EXPECTED.items():
        assert _section(page.text, key).items() >= figures.items(), key


def test_the_pdf_holds_the_same_figures_in_chinese(october):
    answer = october.sign_in("boss").get(
        october.url + "/reports/monthly.pdf", params={"month": MONTH}, timeout=60
    )

    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert "monthly-report-hxy-2026-10.pdf" in answer.headers["content-disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "华夏苑 2026-10 月度报告" in lines
    for figures in EXPECTED.values():  # two sections side by side: two figures a line
        for label, figure in figures.items():
            pair = re.compile(rf"(^| ){re.escape(label)} {re.escape(figure)}( |$)")
            assert any(pair.search(line) for line in lines), (label, figure)
    # the trend's table, months as columns: only October had visits
    assert "回访数 " + " ".join(["0"] * 11 + ["2"]) in lines
    assert "满意率 " + " ".join(["—"] * 11 + ["50.0%"]) in lines


def test_a_supervisor_never_gets_another_estate_s_report(october):
    web = october.sign_in("lv")

    own = web.get(october.url + "/reports/monthly", params={"month": MONTH}, timeout=30)
    page = web.get(october.url + "/reports/monthly", params={"estate": "hxy"}, timeout=30)
    pdf = web.get(october.url + "/reports/monthly.pdf", params={"estate": "hxy"}, timeout=30)

    assert page.status_code == pdf.status_code == 400
    assert "华夏苑" not in page.text and "华夏苑" not in own.text
    assert "绿洋园 2026-10 月度报告" in own.text
    assert _section(own.text, "visits")["非常不满意"] == "1"
    assert _section(own.text, "patrol")["巡查次数"] == "0"
