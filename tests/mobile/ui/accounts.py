"""Signing the UI tests' app in as a given demo account (a shift change when someone
else is signed in), and waiting until that account's reference data is on the tablet."""

from contextlib import contextmanager

from server.services.demo import DEMO_PASSWORD


def sign_in_as(driver, demo_server, username: str, pulled) -> None:
    """Sign ``username`` in, show Today, and run frames until ``pulled(store)`` holds."""
    app = driver.app
    current = app.session.current
    if current is None or current.username != username or current.token_refused:
        app.session.sign_in(demo_server.url, username, DEMO_PASSWORD)
        driver.until(
            lambda: app.signed_in is not None and app.signed_in.username == username,
            what=f"{username} signed in",
        )
    app.show("today")
    driver.frames(10)  # the rail lays out the items of this role
    driver.until(lambda: pulled(app.store), what=f"{username}'s reference data")


@contextmanager
def sign_in_kept(driver, demo_server):
    """Whoever was signed in before (or nobody) is signed in again afterwards, so the
    tests that follow find the app as they expect it (the patrol officer, mostly)."""
    before = driver.app.session.current
    yield
    app = driver.app
    driver.until(lambda: app.sync_view.pending_records == 0, what="nothing left to send")
    if before is None:
        if app.session.current is not None:
            app.session.sign_out()
        app.show("sign_in")
    elif app.session.current is None or app.session.current.username != before.username:
        app.session.sign_in(demo_server.url, before.username, DEMO_PASSWORD)
        driver.until(
            lambda: app.signed_in is not None and app.signed_in.username == before.username,
            what=f"{before.username} signed in again",
        )
        app.show("today")
    driver.frames(10)
