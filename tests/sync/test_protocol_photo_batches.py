"""A photo batch body names its photos on one line, then carries their bytes; the
receiver gets back exactly what was sent, or a ShapeError for anything malformed."""

import hashlib
import json
import os

import pytest

from sync import protocol


def _photo(size: int) -> tuple[str, bytes]:
    data = os.urandom(size)
    return hashlib.sha256(data).hexdigest(), data


def test_a_batch_decodes_to_the_photos_it_was_encoded_from():
    photos = [_photo(1), _photo(3000), _photo(10)]
    # A byte that looks like the manifest's end inside a photo changes nothing.
    photos.append((hashlib.sha256(b"\n\n").hexdigest(), b"\n\n"))

    assert protocol.decode_photo_batch(protocol.encode_photo_batch(photos)) == photos


def _body(manifest: object, data: bytes) -> bytes:
    return json.dumps(manifest).encode() + b"\n" + data


SHA = "a" * 64
TOO_MANY = protocol.PHOTO_BATCH_MAX_COUNT + 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"no manifest line at all", id="no newline"),
        pytest.param(b"{not json\n", id="manifest not JSON"),
        pytest.param(_body([SHA], b"x"), id="manifest not an object"),
        pytest.param(_body({"photos": []}, b""), id="no photos named"),
        pytest.param(_body({"photos": [{"sha256": "A" * 64, "size": 1}]}, b"x"), id="bad hash"),
        pytest.param(_body({"photos": [{"sha256": SHA, "size": 0}]}, b""), id="empty photo"),
        pytest.param(_body({"photos": [{"sha256": SHA, "size": "1"}]}, b"x"), id="size text"),
        pytest.param(_body({"photos": [{"sha256": SHA, "size": 2}]}, b"x"), id="bytes short"),
        pytest.param(_body({"photos": [{"sha256": SHA, "size": 1}]}, b"xy"), id="bytes over"),
        pytest.param(
            _body({"photos": [{"sha256": SHA, "size": 1}, {"sha256": SHA, "size": 1}]}, b"xx"),
            id="named twice",
        ),
        pytest.param(
            _body(
                {"photos": [{"sha256": f"{n:064x}", "size": 1} for n in range(TOO_MANY)]},
                b"x" * TOO_MANY,
            ),
            id="too many",
        ),
    ],
)
def test_a_malformed_batch_is_a_shape_error(body):
    with pytest.raises(protocol.ShapeError):
        protocol.decode_photo_batch(body)
