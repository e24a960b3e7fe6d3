"""The real app in the real window with the camera permission refused (a fake
permissions object; a fake camera that would fail if started): the repair form's
photo strip opens the file chooser and says why, in place."""

import pytest

from mobile.platform.permissions import Granted
from tests.mobile.ui.repair_steps import technician  # noqa: F401 - a fixture

OTHER = "hxy-demo-wo-03"  # weixiu1's: the front door's lock


class CameraRefused:
    def __init__(self):
        self.asked = 0

    def request(self, on_answered):
        self.asked += 1
        on_answered(Granted(camera=False, location=False))

    def recheck(self):
        return Granted(camera=False, location=False)


class CameraThatMustNotStart:
    available = True

    def take_picture(self, path, on_taken):
        raise AssertionError("the camera was started without its permission")


@pytest.fixture(scope="session")
def driver(tmp_path_factory, demo_server):
    from mobile.app import EstateApp
    from mobile.tour.driver import start
    from tests.mobile.ui.conftest import SCREENSHOTS

    app = EstateApp(
        data_dir=str(tmp_path_factory.mktemp("tablet")),
        server_url=demo_server.url,
        permissions=CameraRefused(),
    )
    running = start(app, SCREENSHOTS)
    running.until(lambda: app.ready, what="the store open")
    app.camera = CameraThatMustNotStart()
    yield running
    app.stop()


@pytest.mark.usefixtures("technician")
def test_a_refused_camera_opens_the_chooser_and_says_why(driver):
    assert driver.app.permissions.asked == 1 and driver.app.granted.camera is False
    driver.app.open_work("work_order", OTHER)
    driver.until(lambda: driver.app.shell.ids.screens.current == "repair", what="repair")
    strip = driver.screen("repair").ids.before
    driver.tap(driver.button(strip, "添加照片"))
    driver.until(lambda: strip.chooser is not None, what="the file chooser")
    assert strip.message == "相机权限未开启：请在系统设置中允许本应用使用相机"
    strip.chooser.close()
    driver.frames(5)
    driver.screenshot("camera-refused-zh")
    driver.app.set_language("en")
    driver.frames()
    driver.tap(driver.button(strip, "Add a photo"))
    driver.until(lambda: strip.chooser is not None, what="the file chooser, in English")
    assert strip.message.startswith("Camera permission is off")
    strip.chooser.close()
    driver.frames(5)
    driver.screenshot("camera-refused-en")
    driver.app.set_language("zh_CN")
