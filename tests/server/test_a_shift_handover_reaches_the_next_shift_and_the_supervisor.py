"""A patrol officer hands the shift over (交接班记录) to a colleague of the estate. The
note is pushed like any record; the server takes it only from its author and only for
someone who may take over the post there (a patrol officer or supervisor of the estate).
The receiver finds it in their own pull, and loses it if the note is readdressed;
supervisors of the estate get it with every other synced record; nobody else does.
Over real HTTP, against the real server."""

import pytest
import requests

from server.errors import MESSAGES
from tests.domain.conftest import shift_handover
from tests.server.real_push_support import PushServer, codes, good_round, record


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    server = PushServer.start(tmp_path_factory.mktemp("handover"))
    yield server
    server.close()


def _note(author: str = "wang", to: str = "liu", **changes) -> dict:
    payload = shift_handover() | {"staff_id": author, "to_staff_id": to, **changes}
    return record("shift_handover", payload)


def _pull(real, username: str) -> dict[tuple[str, str], dict | None]:
    """Everything ``username``'s tablet holds after pulling from 0 (None: a tombstone)."""
    held: dict[tuple[str, str], dict | None] = {}
    cursor = 0
    while True:
        answer = requests.get(
            real.server.url + "/api/v1/sync/pull",
            params={"cursor": cursor},
            headers=real.sign_in(username),
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        page = answer.json()
        for item in page["items"]:
            held[item["kind"], item["key"]] = None if item["deleted"] else item["data"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return held


def _synced(held: dict) -> dict[str, dict]:
    return {key: data for (kind, key), data in held.items() if kind == "synced_record" and data}


def test_the_receiver_and_the_supervisor_get_the_note_and_nobody_else_does(real):
    note = _note()

    [result] = real.push("wang", note)

    assert result["outcome"] == "accepted"
    assert real.stored(note)[note["id"]]["payload"] == note["payload"]
    received = _synced(_pull(real, "liu"))[note["id"]]
    assert received["kind"] == "shift_handover"
    assert received["author"] == "wang"
    assert received["payload"] == note["payload"]
    assert note["id"] in _synced(_pull(real, "chen"))
    for outsider in ("wang", "zhao", "li", "sun"):
        assert note["id"] not in _synced(_pull(real, outsider)), outsider


def test_a_note_readdressed_to_the_supervisor_leaves_the_first_receiver_s_tablet(real):
    note = _note(to="liu")
    real.push("wang", note)
    assert note["id"] in _synced(_pull(real, "liu"))

    readdressed = record(
        "shift_handover",
        note["payload"] | {"to_staff_id": "chen"},
        record_id=note["id"],
        revision=2,
    )
    [result] = real.push("wang", readdressed)

    assert result["outcome"] == "accepted"
    held = _pull(real, "liu")
    assert ("synced_record", note["id"]) in held and held["synced_record", note["id"]] is None
    assert _synced(_pull(real, "chen"))[note["id"]]["revision"] == 2


@pytest.mark.parametrize("receiver", ["zhao", "li", "sun", "nobody"])
def test_a_shift_is_handed_only_to_patrol_staff_or_a_supervisor_of_the_estate(real, receiver):
    results = real.push("wang", _note(to=receiver), _note(to="chen"))

    refused, taken = results
    assert codes(refused) == [("payload.to_staff_id", "receiver_not_in_estate")]
    assert refused["errors"][0]["message"] == MESSAGES["receiver_not_in_estate"].to_dict()
    assert taken["outcome"] == "accepted"


def test_the_note_is_signed_by_the_officer_who_hands_over(real):
    [result] = real.push("liu", _note(author="wang", to="liu"))

    assert codes(result) == [("payload.staff_id", "author_not_you")]


def test_service_staff_and_technicians_write_no_handover_notes(real):
    for username in ("li", "zhao"):
        [result] = real.push(username, _note(author=username, to="wang"))
        assert codes(result) == [("kind", "kind_forbidden")]


def test_the_supervisor_receives_every_kind_of_record_the_estate_synced(real):
    patrol_round = good_round("wang")

    [result] = real.push("wang", patrol_round)

    assert result["outcome"] == "accepted"
    synced = _synced(_pull(real, "chen"))[patrol_round["id"]]
    assert (synced["kind"], synced["author"], synced["revision"]) == ("patrol_round", "wang", 1)
    assert synced["payload"] == patrol_round["payload"]
    assert patrol_round["id"] not in _synced(_pull(real, "liu"))


def test_every_patrol_officer_learns_who_their_colleagues_are(real):
    held = _pull(real, "wang")

    staff = {data["username"]: data["role"] for (kind, _), data in held.items() if kind == "staff"}
    assert staff == {
        "wang": "patrol",
        "liu": "patrol",
        "zhao": "technician",
        "qian": "technician",
        "li": "service",
        "zhou": "service",
        "chen": "supervisor",
    }
