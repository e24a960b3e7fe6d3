"""Photos are stored as the tablet sent them. One whose bytes are no image still opens
full size (the browser says what it can), and its thumbnail is a clear 422, never a 500."""

from __future__ import annotations


def test_the_thumbnail_of_a_file_that_is_no_image_is_a_422(world):
    web = world.sign_in("boss")
    record, (sha,) = world.push_round_with_photos([b"not a jpeg at all" * 10])

    page = web.get(world.url + f"/records/{record}", timeout=30)
    thumb = web.get(world.url + f"/photos/{sha}?size=thumb", timeout=30)
    full = web.get(world.url + f"/photos/{sha}", timeout=30)

    assert page.status_code == 200
    assert thumb.status_code == 422
    assert 'data-code="photo_unreadable"' in thumb.text
    assert full.status_code == 200
    assert full.content == b"not a jpeg at all" * 10


def test_a_real_photo_gets_a_small_jpeg_thumbnail(world):
    web = world.sign_in("boss")

    thumb = web.get(world.url + f"/photos/{world.photos['hxy_1']}?size=thumb", timeout=30)
    full = web.get(world.url + f"/photos/{world.photos['hxy_1']}", timeout=30)

    assert thumb.status_code == 200
    assert thumb.headers["content-type"] == "image/jpeg"
    assert thumb.content[:2] == b"\xff\xd8"
    assert len(thumb.content) < len(full.content)
