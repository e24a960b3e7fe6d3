"""The demo's scripted tour: sign in, a round of the night route, a sync, by taps.

Each step taps the real app as a person would and saves a screenshot of the
screen it is on. The round: the gate checked all normal; the pump room's water
level typed out of range (so the checkpoint is abnormal and a work order will be
opened) with a photo of it attached; the rest ended with a reason; then "sync
now" until nothing waits.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from mobile.services.patrol import PatrolService

NIGHT_ROUTE = "hxy-route-night"
FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansSC-Regular.ttf"


@dataclass
class Toured:
    """What the tour left: the screenshots in order, and the round it recorded."""

    screenshots: list[Path] = field(default_factory=list)
    round_id: str = ""
    photo: str = ""  # the SHA-256 of the round's photo


def tour(driver, username: str, password: str) -> Toured:
    """Walk the tour in the app ``driver`` runs."""
    done = Toured()
    shots = done.screenshots

    def shot(name: str) -> None:
        shots.append(driver.screenshot(f"{len(shots) + 1:02d}-{name}"))

    sign_in(driver, username, password, shot)
    today = driver.screen("today")
    driver.until(lambda: any(r["key"] == NIGHT_ROUTE for r in today.ids.rows.data),
                 what="the night route on Today")  # fmt: skip
    shot("today")

    driver.tap(driver.row(today.ids.rows, NIGHT_ROUTE))
    driver.until(lambda: driver.app.shell.ids.screens.current == "patrol", what="Patrol")
    patrol = driver.screen("patrol")
    shot("patrol-route")
    gate, _, pump = (row["key"] for row in patrol.ids.stops.data[:3])
    arrive(driver, patrol, gate)
    shot("patrol-checklist")
    driver.tap(driver.button(patrol.ids.panel, driver.app.tr("All normal, next")))

    arrive(driver, patrol, pump)
    level = next(w for w in fields(patrol) if getattr(w, "item_id", None))
    level.text = "0.4"  # the water level, out of its range
    done.photo = attach_photo(driver.app, pump, "泵房水位 0.4 m")
    driver.tap(driver.row(patrol.ids.stops, pump))  # the panel again: "a work order will be opened"
    shot("patrol-abnormal")

    driver.tap(driver.button(patrol.ids.panel, driver.app.tr("End the round")))
    for reason in fields(patrol):
        reason.text = "演示：时间不够 / demo: out of time"
    shot("patrol-reasons")
    driver.tap(driver.button(patrol.ids.panel, driver.app.tr("End the round")))
    driver.until(lambda: not patrol.in_round, what="the round saved")
    (done.round_id,) = (r.id for r in driver.app.store.records.find(kind="patrol_round")
                        if done.photo in r.photos)  # fmt: skip
    shot("patrol-saved")

    driver.go("sync")
    sync = driver.screen("sync")
    driver.until(lambda: not sync.ids.sync_now.disabled, what="Sync now free")
    driver.tap(sync.ids.sync_now)
    view = lambda: driver.app.sync_view  # noqa: E731
    driver.until(lambda: view().pending_records == 0 and view().pending_photos == 0,
                 timeout=120, what="the round and its photo sent")  # fmt: skip
    shot("sync")
    driver.go("settings")
    shot("settings")
    return done


def sign_in(driver, username: str, password: str, shot) -> None:
    """Type the account into the sign-in screen (the server address is prefilled)."""
    if not driver.app.session.needs_sign_in:
        return
    screen = driver.screen("sign_in")
    driver.until(lambda: driver.app.shell.ids.screens.current == "sign_in", what="sign-in")
    screen.ids.account.text = username
    screen.ids.password.text = password
    shot("sign-in")
    driver.tap(screen.ids.sign_in)
    driver.until(lambda: driver.app.shell.ids.screens.current == "today",
                 timeout=60, what="signed in, on Today")  # fmt: skip
    driver.frames(10)  # the rail comes back and lays out its items


def arrive(driver, patrol, checkpoint_id: str) -> None:
    """Choose the checkpoint and type the code printed on its label."""
    driver.tap(driver.row(patrol.ids.stops, checkpoint_id))
    stop = next(s for s in driver.app.patrol.stops() if s.checkpoint.id == checkpoint_id)
    (code,) = fields(patrol)
    code.text = stop.checkpoint.code
    driver.tap(driver.button(patrol.ids.panel, driver.app.tr("I am here")))


def fields(patrol) -> list:
    from mobile.widgets.field import Field

    return [w for w in patrol.ids.panel.walk(restrict=True) if isinstance(w, Field)]


def attach_photo(app, checkpoint_id: str, caption: str) -> str:
    """A photo of what was found, kept with the checkpoint's visit (through the patrol
    service, as the screen's photo button does); returns its SHA-256."""
    photo = app.store.photos.add(picture(caption))
    patrol: PatrolService = app.patrol
    patrol.add_photo(checkpoint_id, photo.sha256)
    return photo.sha256


def picture(caption: str) -> bytes:
    """A 1024×768 JPEG standing in for the camera: a gauge and a caption."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1024, 768), (38, 70, 83))
    draw = ImageDraw.Draw(image)
    draw.ellipse((312, 134, 712, 534), outline=(233, 196, 106), width=14)
    draw.line((512, 334, 400, 250), fill=(231, 111, 81), width=12)
    draw.text((512, 640), caption, fill="white", anchor="mm",
              font=ImageFont.truetype(str(FONT), 56))  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
