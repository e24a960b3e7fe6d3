"""Browser tests: Playwright (from PyPI) driving Debian's chromium against the real
server process on loopback. ``playwright install`` downloads a browser of its own,
which cannot work here, so the tests launch /usr/bin/chromium (scripts/install-system-
packages installs it). Each test saves screenshots under var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.server.dashboard.world import PASSWORD, DashboardWorld

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # root cannot use chromium's sandbox
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    world = DashboardWorld.start(tmp_path_factory.mktemp("browser"))
    yield world
    world.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="zh-CN"
    )
    context.set_default_timeout(60_000)  # caps a stuck test on a busy machine
    page = context.new_page()
    yield page
    context.close()


def sign_in(page: Page, world: DashboardWorld, username: str, password: str = PASSWORD) -> None:
    page.goto(world.url + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page once its fonts have loaded; returns the file."""
    page.evaluate("document.fonts.ready")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
