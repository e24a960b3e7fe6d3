from datetime import datetime, timedelta, timezone

from domain.patrol import PatrolRound, missed_checkpoints
from domain.records import PATROL_ROUND, parse_record, validate_record
from domain.route import Route, Shift

CST = timezone(timedelta(hours=8))


def fields_and_codes(payload: dict) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in validate_record(PATROL_ROUND, payload)}


def test_a_complete_round_with_one_skipped_checkpoint_is_valid(patrol_payload):
    assert validate_record(PATROL_ROUND, patrol_payload) == []


def test_a_skipped_checkpoint_needs_a_reason(patrol_payload):
    del patrol_payload["checkpoints"][1]["skip_reason"]

    assert fields_and_codes(patrol_payload) == {("checkpoints[1].skip_reason", "required")}


def test_a_visited_checkpoint_needs_its_arrival_time_and_proof_of_presence(patrol_payload):
    visit = patrol_payload["checkpoints"][0]
    del visit["arrived_at"]
    del visit["presence"]

    assert fields_and_codes(patrol_payload) == {
        ("checkpoints[0].arrived_at", "required"),
        ("checkpoints[0].presence.method", "required"),
        ("checkpoints[0].presence.code", "required"),
    }


def test_a_typed_code_without_gps_is_enough_proof_of_presence(patrol_payload):
    patrol_payload["checkpoints"][0]["presence"] = {"method": "typed", "code": "XC-0031"}

    assert validate_record(PATROL_ROUND, patrol_payload) == []


def test_gps_coordinates_off_the_globe_are_rejected(patrol_payload):
    patrol_payload["checkpoints"][0]["presence"]["gps"] = {"lat": 131.2, "lon": 121.4}

    assert fields_and_codes(patrol_payload) == {("checkpoints[0].presence.gps.lat", "out_of_range")}


def test_an_abnormal_result_makes_the_checkpoint_abnormal_when_the_flag_is_left_out(
    patrol_payload,
):
    visit = patrol_payload["checkpoints"][0]
    visit["results"][1]["outcome"] = "abnormal"
    del visit["abnormal"]

    patrol_round = parse_record(PATROL_ROUND, patrol_payload)

    assert patrol_round.visits[0].abnormal
    assert [v.checkpoint_id for v in patrol_round.abnormal_visits] == ["cp-hydrant-b3"]


def test_a_checkpoint_with_an_abnormal_result_cannot_be_marked_normal(patrol_payload):
    patrol_payload["checkpoints"][0]["results"][1]["outcome"] = "abnormal"

    assert fields_and_codes(patrol_payload) == {("checkpoints[0].abnormal", "abnormal_mismatch")}


def test_an_anomaly_outside_the_checklist_needs_a_note_saying_what_it_is(patrol_payload):
    patrol_payload["checkpoints"][0]["abnormal"] = True

    assert fields_and_codes(patrol_payload) == {("checkpoints[0].note", "note_required")}

    patrol_payload["checkpoints"][0]["note"] = "消防栓箱内有杂物堆放"
    assert validate_record(PATROL_ROUND, patrol_payload) == []


def test_a_round_cannot_end_before_it_starts(patrol_payload):
    patrol_payload["ended_at"] = "2024-05-01T21:00:00+08:00"

    assert ("ended_at", "ends_before_start") in fields_and_codes(patrol_payload)


def test_an_arrival_outside_the_round_is_rejected(patrol_payload):
    patrol_payload["checkpoints"][0]["arrived_at"] = "2024-05-02T01:00:00+08:00"

    assert fields_and_codes(patrol_payload) == {("checkpoints[0].arrived_at", "outside_round")}


def test_the_same_checkpoint_twice_in_one_round_is_rejected(patrol_payload):
    patrol_payload["checkpoints"][1]["checkpoint_id"] = "cp-hydrant-b3"

    assert fields_and_codes(patrol_payload) == {("checkpoints[1].checkpoint_id", "duplicate")}


def test_a_round_without_checkpoints_is_rejected(patrol_payload):
    patrol_payload["checkpoints"] = []

    assert fields_and_codes(patrol_payload) == {("checkpoints", "required")}


def test_photos_are_identified_by_their_sha256(patrol_payload):
    patrol_payload["checkpoints"][0]["photos"] = ["A" * 64, "a" * 63]

    assert fields_and_codes(patrol_payload) == {
        ("checkpoints[0].photos[0]", "invalid_sha256"),
        ("checkpoints[0].photos[1]", "invalid_sha256"),
    }


def test_the_supervisor_sees_skipped_and_forgotten_checkpoints_as_missed(patrol_payload):
    route = Route(
        "route-night-1",
        "estate-1",
        "夜查一线",
        Shift.NIGHT,
        ("cp-gate", "cp-hydrant-b3", "cp-pump-room"),
        70,
    )
    patrol_round = PatrolRound.from_dict(patrol_payload)

    assert missed_checkpoints(route, patrol_round) == ("cp-gate", "cp-pump-room")


def test_a_patrol_round_survives_a_round_trip_through_its_dict(patrol_payload):
    patrol_round = PatrolRound.from_dict(patrol_payload)

    assert PatrolRound.from_dict(patrol_round.to_dict()) == patrol_round
    assert patrol_round.started_at == datetime(2024, 5, 1, 22, 0, tzinfo=CST)
