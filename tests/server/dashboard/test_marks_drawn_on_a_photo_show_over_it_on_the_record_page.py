"""The marks a technician drew on a photo (domain.annotations) show on the record page
as a layer over the photo: one line a stroke, at the stroke's points; a one-point stroke
is a dot. They are not listed again as numbers among the fields, and the photo itself is
served as taken."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.server.dashboard.world import jpeg

STROKES = [[0.1, 0.2, 0.5, 0.25, 0.9, 0.8], [0.3, 0.7]]


class _Marks(HTMLParser):
    """The polylines of each photo's layer of marks, by the photo's link."""

    def __init__(self) -> None:
        super().__init__()
        self.photo = ""
        self.lines: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs) -> None:
        found = dict(attrs)
        if tag == "a" and "photo" in (found.get("class") or "").split():
            self.photo = found["href"].rsplit("/", 1)[-1]
        elif tag == "polyline":
            self.lines.setdefault(self.photo, []).append(found["points"])


def test_a_repair_check_s_marks_are_drawn_over_its_photo_and_the_photo_is_unchanged(world):
    web = world.sign_in("boss")
    photo = jpeg((90, 90, 160), "marked")
    record, sha = world.push_repair_with_marks(photo, STROKES)

    page = web.get(world.url + f"/records/{record}", timeout=30)
    full = web.get(world.url + f"/photos/{sha}", timeout=30)

    assert page.status_code == 200
    marks = _Marks()
    marks.feed(page.text)
    assert marks.lines == {sha: ["0.1,0.2 0.5,0.25 0.9,0.8", "0.3,0.7 0.31,0.7"]}
    assert "strokes" not in page.text and "0.25" not in page.text.replace("0.5,0.25", "")
    assert full.content == photo


def test_a_photo_without_marks_has_no_layer(world):
    web = world.sign_in("boss")
    record, _ = world.push_round_with_photos([jpeg((160, 90, 90), "plain")])

    page = web.get(world.url + f"/records/{record}", timeout=30)

    assert page.status_code == 200
    assert 'class="marks"' not in page.text and "<polyline" not in page.text
