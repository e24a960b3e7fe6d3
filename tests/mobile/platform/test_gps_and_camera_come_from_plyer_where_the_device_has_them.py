"""On Android plyer's GPS and camera are used; the latest fix is kept while it is fresh.
On a desktop there is neither: no fix, no camera (the photo strip offers a file chooser).
plyer's Android objects are replaced by stand-ins (no device here)."""

from pathlib import Path

from mobile.platform.camera import NoCamera, PlyerCamera, this_camera
from mobile.platform.location import FRESH_FOR, NoLocation, PlyerLocation, this_location


class FakeGps:
    def configure(self, on_location):
        self.on_location = on_location

    def start(self, minTime, minDistance):  # noqa: N803 - plyer's names
        self.started = True


class FakeCamera:
    def take_picture(self, filename, on_complete):
        Path(filename).write_bytes(b"jpeg")
        self.kept = not on_complete(filename)


def test_a_desktop_has_no_gps_fix_and_no_camera():
    assert isinstance(this_location("linux"), NoLocation) and this_location("linux").fix() is None
    assert isinstance(this_camera("linux"), NoCamera) and not this_camera("linux").available


def test_the_latest_fix_is_given_while_it_is_fresh():
    now = [1000.0]
    gps = FakeGps()
    location = PlyerLocation(gps, clock=lambda: now[0])
    location.start()
    assert location.fix() is None

    gps.on_location(lat=31.23, lon=121.47, accuracy=6, speed=0)
    assert location.fix() == {"lat": 31.23, "lon": 121.47, "accuracy_m": 6.0}
    now[0] += FRESH_FOR + 1
    assert location.fix() is None


def test_the_camera_hands_back_the_picture_and_plyer_keeps_the_file(tmp_path):
    camera = FakeCamera()
    taken = []

    PlyerCamera(camera).take_picture(tmp_path / "cache" / "shot.jpg", taken.append)

    assert taken == [tmp_path / "cache" / "shot.jpg"] and camera.kept
