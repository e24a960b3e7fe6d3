"""The full view of a repair photo in the real window, driven by touches: two fingers
pinch it larger; in marking mode one finger draws on it. The marks are kept as a
layer in the form's draft, and the photo's file is byte for byte what was taken, so
its hash still proves it."""

import hashlib

import pytest

from tests.mobile.ui.photo_steps import add_photo, thumb_of
from tests.mobile.ui.repair_steps import (
    draw,
    picture,
    technician,  # noqa: F401 - a fixture
)

OTHER = "hxy-demo-wo-03"  # weixiu1's: the front door's lock


def _pinch(driver, widget, spread: float) -> None:
    """Two fingers down near the middle of ``widget``, moved apart by ``spread`` px each."""
    from kivy.tests.common import UnitTestTouch

    cx, cy = widget.to_window(*widget.center)
    left, right = UnitTestTouch(cx - 40, cy), UnitTestTouch(cx + 40, cy)
    left.id, right.id = 21, 22
    left.touch_down()
    right.touch_down()
    driver.frames(1)
    for step in range(1, 11):
        offset = 40 + spread * step / 10
        left.touch_move(cx - offset, cy)
        right.touch_move(cx + offset, cy)
        driver.frames(1)
    left.touch_up()
    right.touch_up()
    driver.frames()


@pytest.mark.usefixtures("technician")
def test_a_photo_pinched_larger_and_marked_keeps_its_bytes_and_the_marks_beside_it(
    driver, tmp_path
):
    driver.app.open_work("work_order", OTHER)
    driver.until(lambda: driver.app.shell.ids.screens.current == "repair", what="repair")
    repair = driver.screen("repair")
    add_photo(driver, repair.ids.before, picture(tmp_path, "lock", (110, 110, 130)))
    (sha,) = repair.photos_before
    photos = driver.app.store.photos
    taken = photos.open_bytes(sha)

    driver.tap(thumb_of(repair.ids.before, sha))
    driver.until(lambda: repair.viewer is not None and repair.viewer.parent, what="the viewer")
    viewer = repair.viewer
    driver.frames(5)
    _pinch(driver, viewer.area, spread=160)
    assert viewer.scatter.scale > 2

    driver.tap(viewer.mark_button)
    assert viewer.marking and not viewer.scatter.do_scale
    draw(driver, viewer.layer, [(0.3, 0.3), (0.5, 0.45), (0.6, 0.6)])
    draw(driver, viewer.layer, [(0.62, 0.3), (0.4, 0.62)], touch_id=9)
    assert viewer.scatter.scale > 2  # drawing neither moves nor zooms the photo
    (first, second) = viewer.layer.strokes
    assert first[:2] == pytest.approx([0.3, 0.3], abs=0.02)
    assert second[-2:] == pytest.approx([0.4, 0.62], abs=0.02)
    driver.screenshot("photo-viewer-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.screenshot("photo-viewer-en")
    driver.app.set_language("zh_CN")

    draft = driver.app.store.drafts.load(f"repair_check:{OTHER}")
    assert draft.fields["annotations"] == {sha: viewer.layer.strokes}
    assert photos.open_bytes(sha) == taken and hashlib.sha256(taken).hexdigest() == sha

    driver.tap(viewer.undo_button)
    draft = driver.app.store.drafts.load(f"repair_check:{OTHER}")
    assert len(draft.fields["annotations"][sha]) == 1
    driver.tap(viewer.done_button)
    driver.until(lambda: repair.viewer is None, what="the viewer closed")
    assert repair.repair.fields["annotations"][sha] == [first]
    driver.app.repair.discard()  # this form is left unsaved
