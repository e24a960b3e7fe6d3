"""``POST /api/v1/photos/status`` answers a photo that only another estate's records
name as it answers an unknown one (missing, nothing received); a tablet's own photos,
named by the records it pushed first, are answered truthfully. Over real HTTP."""

import hashlib
import os

import pytest

from sync import protocol
from tests.server.real_http import RealServer, add_account, device, patrol_round


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = RealServer(tmp_path_factory.mktemp("photo-status"))
    server.admin("create-estate", "hxy", "华夏苑")
    server.admin("create-estate", "lyy", "绿洋园")
    add_account(server, "wang", "patrol", "--estate", "hxy")
    add_account(server, "li", "patrol", "--estate", "lyy")
    server.start()
    yield server
    server.close()


def _push(server, tablet, record) -> dict:
    answer = tablet.post(server.url + "/api/v1/sync/push", json={"records": [record]}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"][0]


def _upload(server, tablet, photo: bytes, upto: int) -> dict:
    sha = hashlib.sha256(photo).hexdigest()
    answer = tablet.put(
        server.url + f"/api/v1/photos/{sha}",
        params={"offset": 0},
        data=photo[:upto],
        headers={protocol.PHOTO_SIZE_HEADER: str(len(photo))},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _status(server, tablet, *hashes: str) -> list[dict]:
    answer = tablet.post(server.url + "/api/v1/photos/status", json={"photos": list(hashes)})
    assert answer.status_code == 200, answer.text
    return answer.json()["photos"]


def _photo_of_estate_a(server, size: int, upto: int) -> str:
    """A photo a record of hxy names, uploaded up to ``upto`` bytes; its hash."""
    photo = os.urandom(size)
    sha = hashlib.sha256(photo).hexdigest()
    wang = device(server, "wang")
    assert _push(server, wang, patrol_round("hxy", (sha,)))["outcome"] == protocol.ACCEPTED
    _upload(server, wang, photo, upto)
    return sha


@pytest.mark.parametrize("uploaded", ["whole", "half"])
def test_another_estates_photo_is_answered_as_an_unknown_one(server, uploaded):
    size = 50_000
    sha = _photo_of_estate_a(server, size, size if uploaded == "whole" else size // 2)
    unknown = hashlib.sha256(os.urandom(16)).hexdigest()
    li = device(server, "li")

    theirs, never_seen = _status(server, li, sha, unknown)

    assert theirs == {"sha256": sha, "state": protocol.PHOTO_MISSING, "received": 0}
    assert never_seen == {"sha256": unknown, "state": protocol.PHOTO_MISSING, "received": 0}


def test_the_estate_whose_record_names_the_photo_sees_its_state(server):
    sha = _photo_of_estate_a(server, 40_000, 40_000)

    [state] = _status(server, device(server, "wang", "王的另一台平板"), sha)

    assert state == {"sha256": sha, "state": protocol.PHOTO_HAVE, "received": 40_000}


def test_a_tablet_that_pushed_its_record_first_is_told_what_is_left_to_send(server):
    photo = os.urandom(30_000)
    sha = hashlib.sha256(photo).hexdigest()
    li = device(server, "li", "李的平板")
    assert _status(server, li, sha)[0]["state"] == protocol.PHOTO_MISSING

    _push(server, li, patrol_round("lyy", (sha,), staff="li"))
    _upload(server, li, photo, 10_000)

    assert _status(server, li, sha) == [
        {"sha256": sha, "state": protocol.PHOTO_PARTIAL, "received": 10_000}
    ]
