"""The server prints the estate's checkpoint labels (``print-labels``, PNG pages); the
app's scanner reads back every checkpoint's code from the pages, and exactly one code
from a label cut out of a page, as a photo of one label would give."""

import json
import sys
from pathlib import Path

from PIL import Image

from mobile.platform.scanner import decode_codes
from server.services.labels import cell_origin, cell_size

sys.path.insert(0, str(Path(__file__).parents[2] / "e2e"))

from real_server import RealServer  # noqa: E402


def test_every_label_the_server_prints_reads_back_as_its_checkpoint_s_code(tmp_path):
    server = RealServer(tmp_path)
    server.admin("load-demo")
    server.admin("print-labels", "--estate", "hxy", "--out", str(tmp_path / "labels.png"))
    codes = {data["code"] for data in _checkpoints(server)}
    pages = sorted(tmp_path.glob("labels-*.png"))

    read = [code for page in pages for code in decode_codes(page)]

    assert len(codes) == 15 and sorted(read) == sorted(codes)
    with Image.open(pages[0]) as page:
        x, y = cell_origin(2)
        width, height = cell_size()
        one_label = page.crop((x, y, x + width, y + height))
    assert len(decode_codes(one_label)) == 1 and decode_codes(one_label)[0] in codes


def test_a_picture_without_a_code_or_not_a_picture_reads_nothing(tmp_path):
    blank = Image.new("RGB", (400, 300), "white")

    assert decode_codes(blank) == []
    assert decode_codes(b"%PDF-1.4 not a picture") == []


def _checkpoints(server) -> list[dict]:
    rows = server._query("SELECT data FROM reference_items WHERE kind = 'checkpoint'")
    return [r["data"] if isinstance(r["data"], dict) else json.loads(r["data"]) for r in rows]
