"""Marks drawn on a repair check's photos are strokes kept beside the photo: they must
name one of the record's own photos, once, with points inside the photo."""

from domain.records import REPAIR_CHECK, validate_record
from domain.repair_check import RepairCheck
from tests.domain.conftest import PHOTO, SIGNATURE


def _codes(payload) -> dict[str, str]:
    return {error.field: error.code for error in validate_record(REPAIR_CHECK, payload)}


def test_a_layer_of_strokes_on_a_before_photo_is_kept_through_a_round_trip(repair_payload):
    repair_payload["annotations"] = [{"photo": PHOTO, "strokes": [[0.1, 0.2, 0.5, 0.5], [1, 0]]}]
    check = RepairCheck.from_dict(repair_payload)
    assert check.annotations[0].strokes == ((0.1, 0.2, 0.5, 0.5), (1.0, 0.0))
    assert RepairCheck.from_dict(check.to_dict()) == check


def test_a_layer_on_a_photo_of_no_photo_list_is_refused(repair_payload):
    repair_payload["annotations"] = [{"photo": SIGNATURE, "strokes": [[0.1, 0.2]]}]
    assert _codes(repair_payload) == {"annotations[0].photo": "annotation_photo_unknown"}


def test_two_layers_on_one_photo_are_refused(repair_payload):
    layer = {"photo": PHOTO, "strokes": [[0.1, 0.2]]}
    repair_payload["annotations"] = [layer, layer]
    assert _codes(repair_payload) == {"annotations[1].photo": "annotation_photo_twice"}


def test_points_outside_the_photo_or_odd_coordinates_are_refused(repair_payload):
    repair_payload["annotations"] = [
        {"photo": PHOTO, "strokes": [[0.1, 1.2], [0.1, 0.2, 0.3], [], "x", [True, 0.5]]}
    ]
    assert validate_record(REPAIR_CHECK, repair_payload) and set(_codes(repair_payload)) == {
        f"annotations[0].strokes[{i}]" for i in range(5)
    }


def test_a_repair_check_without_marks_reads_as_before(repair_payload):
    assert RepairCheck.from_dict(repair_payload).annotations == ()
