"""Steps the complaint UI tests share: sign in as the demo service account, type into the
complaint form character by character (counted), find its fields and buttons."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from server.services.demo import DEMO_PASSWORD

SERVICE = "kefu1"


@contextmanager
def service_officer(driver, server_url: str) -> Iterator[None]:
    """The demo customer-service officer signed in for the test; afterwards, once their
    records are sent, whoever was signed in before is again (nobody: signed out), so the
    other UI tests, which share the app, find it as they expect."""
    app = driver.app
    before = None if app.session.needs_sign_in else app.session.current.username
    sign_in_as_service(driver, server_url)
    try:
        yield
    finally:
        driver.until(lambda: app.sync_view.pending_records == 0, what="the complaints sent")
        if before is None:
            app.session.sign_out()
            app.show("sign_in")
        elif before != SERVICE:
            app.session.sign_in(server_url, before, DEMO_PASSWORD)
            driver.until(lambda: app.signed_in.username == before, what=f"{before} back")
            app.show("today")
        driver.frames(10)


def sign_in_as_service(driver, server_url: str) -> None:
    """The demo customer-service officer (a shift change if someone else is signed in)."""
    app = driver.app
    if app.session.needs_sign_in or app.session.current.username != SERVICE:
        app.session.sign_in(server_url, SERVICE, DEMO_PASSWORD)
        driver.until(
            lambda: app.signed_in is not None and app.signed_in.username == SERVICE,
            what="signed in as the service officer",
        )
        app.show("today")
        driver.frames(10)


class Typist:
    """Types into text fields one character at a time, as a keyboard does, and counts."""

    def __init__(self, driver):
        self.driver = driver
        self.characters = 0
        self.focus_taps = 0  # a tap into each field before typing

    def type(self, field, text: str) -> None:
        self.focus_taps += 1
        field.focus = True
        for character in text:
            field.insert_text(character)
            self.characters += 1
        field.focus = False
        self.driver.frames(2)

    def into(self, name: str, text: str) -> None:
        """Type into the complaint form's field ``name`` (scrolled into view)."""
        widget = field(self.driver, name)
        into_view(self.driver, widget)
        self.type(widget, text)


def into_view(driver, widget) -> None:
    """Scroll the form until ``widget`` is in view, as a finger would (when it is not)."""
    scroll = driver.screen("complaint").ids.scroll
    bottom = scroll.to_window(scroll.x, scroll.y)[1]
    low, high = widget.to_window(widget.x, widget.y)[1], widget.to_window(widget.x, widget.top)[1]
    if low < bottom or high > bottom + scroll.height:
        scroll.scroll_to(widget, animate=False)
        driver.frames(3)


def panel(driver):
    return driver.screen("complaint").ids.panel


def field(driver, name: str):
    return panel(driver).fields[name]


def tap_button(driver, text: str) -> None:
    """Tap a button of the form (scrolled into view, as a finger would) or of the bar
    below it."""
    screen = driver.screen("complaint")
    try:
        found = driver.button(screen.ids.actions, text)
    except LookupError:
        found = driver.button(panel(driver), text)
        into_view(driver, found)
    driver.tap(found)


def shoot_both(driver, name: str) -> None:
    """The screen in Chinese and in English (``name-zh``, ``name-en``), back in Chinese."""
    driver.screenshot(f"{name}-zh")
    driver.app.set_language("en")
    driver.frames(5)
    driver.screenshot(f"{name}-en")
    driver.app.set_language("zh_CN")
    driver.frames(5)
