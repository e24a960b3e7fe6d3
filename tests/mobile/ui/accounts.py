"""Signing the UI tests' app in as a given demo account (a shift change when someone
else is signed in), and waiting until that account's reference data is on the tablet."""

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
