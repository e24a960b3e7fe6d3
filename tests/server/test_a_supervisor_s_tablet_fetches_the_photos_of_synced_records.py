"""A supervisor reviewing synced logs on a tablet fetches a record's photo by its hash
(GET /api/v1/photos/{sha256}); other roles may not, and a photo of another estate, an
unknown one or one still uploading is answered 404 as if it did not exist. Over real
HTTP, against the real server."""

import hashlib

import pytest
import requests

from sync import protocol
from tests.server.real_push_support import PushServer, good_round, record
from tests.server.workflow_support import patrol_round

PHOTO = b"\xff\xd8\xff\xe0 a photo of the pump room \xff\xd9"
SHA = hashlib.sha256(PHOTO).hexdigest()
PARTIAL = b"\xff\xd8 half of a photo still uploading \xff\xd9"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    server = PushServer.start(tmp_path_factory.mktemp("photo-download"))
    with_photo = good_round("wang")
    with_photo["payload"]["checkpoints"][0]["photos"] = [SHA]
    with_photo["photos"] = [SHA]
    partial_sha = hashlib.sha256(PARTIAL).hexdigest()
    uploading = record("patrol_round", patrol_round() | {"staff_id": "wang"})
    uploading["payload"]["checkpoints"][0]["photos"] = [partial_sha]
    uploading["photos"] = [partial_sha]
    for item in (with_photo, uploading):
        item["content_hash"] = protocol.content_hash(item["payload"])
    assert [r["outcome"] for r in server.push("wang", with_photo, uploading)] == ["accepted"] * 2
    _put(server, "wang", SHA, PHOTO)
    _put(server, "wang", partial_sha, PARTIAL[:10], size=len(PARTIAL))
    server.partial_sha = partial_sha
    yield server
    server.close()


def _put(real, username: str, sha: str, data: bytes, size: int | None = None) -> None:
    answer = requests.put(
        f"{real.server.url}/api/v1/photos/{sha}",
        params={"offset": 0},
        data=data,
        headers=real.sign_in(username) | {protocol.PHOTO_SIZE_HEADER: str(size or len(data))},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text


def _get(real, username: str, sha: str) -> requests.Response:
    return requests.get(
        f"{real.server.url}/api/v1/photos/{sha}", headers=real.sign_in(username), timeout=60
    )


def test_the_supervisor_of_the_estate_gets_the_photo_s_bytes(real):
    answer = _get(real, "chen", SHA)

    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert answer.content == PHOTO


@pytest.mark.parametrize("username", ["wang", "li", "zhao"])
def test_other_roles_may_not_fetch_photos(real, username):
    answer = _get(real, username, SHA)

    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"


def test_a_supervisor_of_another_estate_is_told_nothing(real):
    answer = _get(real, "sun", SHA)

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("which", ["unknown", "uploading", "not a hash"])
def test_an_unknown_or_unfinished_photo_is_not_found(real, which):
    sha = {"unknown": "0" * 64, "uploading": real.partial_sha, "not a hash": "xyz"}[which]

    assert _get(real, "chen", sha).status_code == 404
