"""Labels and names from what a spreadsheet writes: 3 → 3栋, 3幢 → 3栋, A座 stays."""

import pytest

from domain.rooms import building_name, room_label, unit_name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("3", "3栋"),
        ("3栋", "3栋"),
        ("3幢", "3栋"),
        ("3号楼", "3栋"),
        ("A座", "A座"),
        ("金桂阁", "金桂阁"),
    ],
)
def test_a_building_written_as_a_number_is_named_n_dong(written, name):
    assert building_name(written) == name


def test_a_unit_written_as_a_number_is_named_n_danyuan():
    assert (unit_name("2"), unit_name("2单元"), unit_name("东单元")) == ("2单元", "2单元", "东单元")


def test_a_label_leaves_out_what_is_not_known():
    assert room_label("3栋", "2单元", "1101") == "3栋2单元1101"
    assert room_label(None, "2单元", "1101") == "2单元1101"
