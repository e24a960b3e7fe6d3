"""A supervisor reads the return-visit figures and their charts, the devices page and
the monthly report, prints it and downloads its PDF, in Chinese and in English; the
charts draw with no error in the browser's console."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sync.transport import HttpTransport, TransportSettings
from tests.browser.conftest import screenshot, sign_in
from tests.server.dashboard.figures_support import MONTH, push_october_work, push_visits
from tests.server.dashboard.world import PASSWORD


@pytest.fixture(scope="module")
def october(world):
    push_october_work(world)
    push_visits(world, "li", "hxy", [
        ("2026-09-12T10:00:00+08:00", "satisfied"),
        ("2026-09-13T10:00:00+08:00", "neutral"),
        ("2026-10-03T10:00:00+08:00", "very_satisfied"),
        ("2026-10-09T15:30:00+08:00", "satisfied"),
        ("2026-10-15T09:00:00+08:00", "neutral"),
        ("2026-10-20T11:00:00+08:00", "dissatisfied"),
    ])  # fmt: skip
    push_visits(world, "boss", "hxy", [("2026-10-21T10:00:00+08:00", "satisfied")])
    push_visits(world, "sun", "lyy", [("2026-10-04T10:00:00+08:00", "very_dissatisfied")])
    tablet = HttpTransport(TransportSettings(world.server.url))
    tablet.login("li", PASSWORD, "客服平板 7")
    tablet.pull(0, 500, backlog={"records": 4, "photos": 9})
    return world


@pytest.fixture
def errors(page):
    """What the page writes to the console as errors, uncaught exceptions, and every
    request that failed."""
    seen: list[str] = []
    page.on(
        "console", lambda message: seen.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    page.on("response", lambda r: seen.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return seen


def _in(page, world, language: str, path: str) -> None:
    page.goto(world.url + f"/language?to={language}&next=/dashboard{path}")
    page.wait_for_load_state("load")


def _charts_drawn(page, *ids: str) -> None:
    for chart in ids:
        page.wait_for_selector(f"#{chart}[data-drawn] canvas")
        assert page.locator(f"#{chart} canvas").bounding_box()["height"] > 200, chart


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_return_visit_figures_draw_their_charts(page, october, errors, language):
    sign_in(page, october, "boss")
    _in(page, october, language, f"/visits?month={MONTH}")

    _charts_drawn(page, "chart-trend", "chart-levels", "chart-staff")
    screenshot(page, f"visits-{language}")

    assert page.locator("#by-estate tr[data-key=hxy] td").nth(3).inner_text() == "60.0%"
    assert page.locator("#trend tr[data-month='2026-09'] td").nth(1).inner_text() == "2"
    assert "绿洋园" not in page.content()
    assert errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_devices_page_shows_what_each_tablet_reported(page, october, errors, language):
    sign_in(page, october, "boss")
    _in(page, october, language, "/devices")
    screenshot(page, f"devices-{language}")

    row = page.locator("#devices tr", has_text="客服平板 7")
    assert row.locator("[data-waiting-records]").inner_text() == "4"
    assert row.locator("[data-waiting-photos]").inner_text() == "9"
    assert "zhao" not in page.content()
    assert errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_monthly_report_prints_and_downloads_as_a_pdf(
    page, october, errors, language, tmp_path
):
    sign_in(page, october, "boss")
    _in(page, october, language, f"/reports/monthly?month={MONTH}")
    _charts_drawn(page, "chart-report-trend")
    screenshot(page, f"report-{language}")
    page.emulate_media(media="print")
    screenshot(page, f"report-print-{language}")
    assert not page.locator(".topbar").is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.click("#report-pdf")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    assert path.name == "monthly-report-hxy-2026-10.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    title = "华夏苑 2026-10 月度报告" if language == "zh" else "华夏苑: monthly report, 2026-10"
    assert title in text
    assert "60.0%" in text
    assert errors == []
