"""``print_labels``: A4 pages of checkpoint labels, a QR code of the code with the place
in Chinese under it, as PDF or PNG, in the shipped Simplified Chinese font."""

import re

import pytest
import qrcode
from PIL import Image, ImageChops

from server.services import labels
from server.services.labels import Label, NoLabels, print_labels, qr_image
from tests.server.reference_factories import checkpoint, put

PLACES = ["东大门门岗", "1号水泵房", "地下车库A区", "消防控制室", "5栋电梯机房", "周界围墙"]


@pytest.fixture
def checkpoints(db, estates):
    for number in range(1, 15):  # 14 labels: two pages of 12
        code = f"HXY-{number:02d}"
        put(db, "checkpoint", checkpoint(code=code, place=PLACES[number % len(PLACES)]))


def test_a_pdf_has_one_a4_page_per_twelve_labels(db, checkpoints, tmp_path):
    [written] = print_labels(db, estate_id="hxy", out=tmp_path / "labels.pdf")

    content = written.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", content)) == 2
    # A4 in points (595 x 842) at 300 dpi.
    assert re.findall(rb"/MediaBox \[ ?0 0 595.2 841.92 ?\]", content)


def test_png_pages_are_numbered_when_there_are_several(db, checkpoints, tmp_path):
    written = print_labels(db, estate_id="hxy", out=tmp_path / "labels.png")

    assert [path.name for path in written] == ["labels-1.png", "labels-2.png"]
    with Image.open(written[0]) as page:
        assert page.size == labels.PAGE


def test_each_label_carries_the_qr_code_of_its_checkpoint(db, checkpoints, tmp_path):
    written = print_labels(db, estate_id="hxy", out=tmp_path / "labels.png")

    with Image.open(written[1]) as page:  # the second page starts at HXY-13
        for index, code in enumerate(["HXY-13", "HXY-14"]):
            qr = qr_image(code)
            x, y = labels.qr_origin(index, qr)
            printed = page.convert("L").crop((x, y, x + qr.width, y + qr.height))
            assert ImageChops.difference(printed, qr).getbbox() is None, code


def test_the_qr_image_reads_back_as_the_code(tmp_path):
    code = "HXY-07"
    image = qr_image(code)
    reference = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    reference.add_data(code)
    reference.make(fit=True)
    matrix = reference.get_matrix()  # quiet zone included
    box = image.width // len(matrix)

    sampled = [
        [image.getpixel((x * box + box // 2, y * box + box // 2)) < 128 for x in range(len(row))]
        for y, row in enumerate(matrix)
    ]

    assert sampled == matrix
    assert image.width >= labels.QR_SIDE * 0.8


def test_the_place_is_written_in_chinese_not_as_missing_glyph_boxes():
    face = labels.font(60)
    missing = bytes(face.getmask("\U000f0000"))  # a private-use character: no glyph

    for place in PLACES:
        for char in place:
            assert bytes(face.getmask(char)) != missing, char


def test_a_long_place_name_is_shortened_to_fit_the_label():
    long_place = "地下车库A区靠近3栋2单元电梯厅与消防通道交汇处的排水沟旁"

    [page] = labels.render_pages([Label("HXY-01", long_place)], "华夏苑")

    assert page.size == labels.PAGE


def test_an_estate_without_checkpoints_has_no_labels(db, estates, tmp_path):
    with pytest.raises(NoLabels):
        print_labels(db, estate_id="hxy", out=tmp_path / "labels.pdf")


def test_only_pdf_and_png_are_written(db, checkpoints, tmp_path):
    with pytest.raises(ValueError, match=".pdf or .png"):
        print_labels(db, estate_id="hxy", out=tmp_path / "labels.jpg")
