"""Checkpoint labels to print and fix at each spot: a QR code of the checkpoint's code,
with the place in Chinese and the code (for typing in when the camera fails) under it.

Pages are A4 at 300 dpi, 3 × 4 labels a page with dashed cutting lines, in the shipped
Simplified Chinese font (assets/fonts, OFL). ``.pdf`` gives one multi-page PDF;
``.png`` one image a page (``labels.png``, or ``labels-1.png``, ``labels-2.png`` … when
there is more than one page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Estate, ReferenceItem
from server.services.reference import CHECKPOINT

FONT_PATH = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansSC-Regular.ttf"

DPI = 300
PAGE = (2480, 3508)  # A4 at 300 dpi
MARGIN = 118  # 10 mm
HEADER = 90
COLUMNS, ROWS = 3, 4
PER_PAGE = COLUMNS * ROWS
QR_SIDE = 520
PLACE_SIZE, PLACE_MIN_SIZE, CODE_SIZE, HEADER_SIZE = 60, 34, 40, 36


@dataclass(frozen=True)
class Label:
    code: str
    place: str


class NoLabels(Exception):
    """The estate has no checkpoints to print."""


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def qr_image(code: str, side: int = QR_SIDE) -> Image.Image:
    """The QR code of ``code``, with its quiet zone, as large as fits in ``side`` pixels,
    each module a whole number of pixels (so it scans from a printed page)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(code)
    qr.make(fit=True)
    qr.box_size = max(1, side // (qr.modules_count + 2 * qr.border))
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


def cell_origin(index: int) -> tuple[int, int]:
    """Top-left corner of the ``index``-th label of a page."""
    width, height = cell_size()
    row, column = divmod(index, COLUMNS)
    return MARGIN + column * width, MARGIN + HEADER + row * height


def cell_size() -> tuple[int, int]:
    return (PAGE[0] - 2 * MARGIN) // COLUMNS, (PAGE[1] - 2 * MARGIN - HEADER) // ROWS


def qr_origin(index: int, qr: Image.Image) -> tuple[int, int]:
    x, y = cell_origin(index)
    width, _ = cell_size()
    return x + (width - qr.width) // 2, y + 40


def _fitted(draw: ImageDraw.ImageDraw, text: str, width: int) -> tuple[str, ImageFont.FreeTypeFont]:
    """The text in the largest size that fits ``width``; shortened with … if none does."""
    for size in range(PLACE_SIZE, PLACE_MIN_SIZE - 1, -2):
        face = font(size)
        if draw.textlength(text, font=face) <= width:
            return text, face
    face = font(PLACE_MIN_SIZE)
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…", face


def _dashed_box(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    dash, gap, colour = 18, 12, 170
    for x in range(left, right, dash + gap):
        draw.line([(x, top), (min(x + dash, right), top)], fill=colour, width=2)
        draw.line([(x, bottom), (min(x + dash, right), bottom)], fill=colour, width=2)
    for y in range(top, bottom, dash + gap):
        draw.line([(left, y), (left, min(y + dash, bottom))], fill=colour, width=2)
        draw.line([(right, y), (right, min(y + dash, bottom))], fill=colour, width=2)


def render_pages(labels: list[Label], title: str) -> list[Image.Image]:
    """A4 pages of labels, in the order given."""
    pages = []
    page_count = (len(labels) + PER_PAGE - 1) // PER_PAGE
    width, height = cell_size()
    for page_number in range(page_count):
        page = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(page)
        draw.text(
            (MARGIN, MARGIN),
            f"{title} 巡查点标签 · 第 {page_number + 1}/{page_count} 页",
            font=font(HEADER_SIZE),
            fill=90,
        )
        chunk = labels[page_number * PER_PAGE : (page_number + 1) * PER_PAGE]
        for index, label in enumerate(chunk):
            x, y = cell_origin(index)
            _dashed_box(draw, (x, y, x + width - 1, y + height - 1))
            qr = qr_image(label.code)
            qr_x, qr_y = qr_origin(index, qr)
            page.paste(qr, (qr_x, qr_y))
            place, face = _fitted(draw, label.place, width - 60)
            text_y = qr_y + qr.height + 16
            draw.text((x + width // 2, text_y), place, font=face, fill=0, anchor="mt")
            draw.text(
                (x + width // 2, text_y + PLACE_SIZE + 24),
                label.code,
                font=font(CODE_SIZE),
                fill=60,
                anchor="mt",
            )
        pages.append(page)
    return pages


def save_pages(pages: list[Image.Image], out: Path) -> list[Path]:
    """Write the pages as one PDF, or one PNG a page; returns the files written."""
    suffix = out.suffix.lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        pages[0].save(out, "PDF", resolution=float(DPI), save_all=True, append_images=pages[1:])
        return [out]
    if suffix == ".png":
        if len(pages) == 1:
            pages[0].save(out, "PNG", dpi=(DPI, DPI))
            return [out]
        paths = [out.with_name(f"{out.stem}-{n}{out.suffix}") for n in range(1, len(pages) + 1)]
        for page, path in zip(pages, paths, strict=True):
            page.save(path, "PNG", dpi=(DPI, DPI))
        return paths
    raise ValueError(f"labels are written as .pdf or .png, not {suffix or 'no suffix'}")


def estate_labels(session: Session, estate_id: str) -> tuple[str, list[Label]]:
    """The estate's name and its live checkpoints' labels, ordered by code."""
    estate = session.get(Estate, estate_id)
    if estate is None:
        raise NoLabels(f"no estate {estate_id}")
    items = session.scalars(
        select(ReferenceItem).where(
            ReferenceItem.kind == CHECKPOINT,
            ReferenceItem.estate_id == estate_id,
            ReferenceItem.deleted.is_(False),
        )
    )
    labels = sorted(
        (Label(item.data["code"], item.data["place"]) for item in items),
        key=lambda label: label.code,
    )
    if not labels:
        raise NoLabels(f"estate {estate_id} has no checkpoints")
    return estate.name, labels


def print_labels(session: Session, *, estate_id: str, out: Path) -> list[Path]:
    """Render the estate's checkpoint labels to ``out`` (.pdf or .png)."""
    if out.suffix.lower() not in (".pdf", ".png"):
        raise ValueError(f"labels are written as .pdf or .png, not {out.suffix or 'no suffix'}")
    title, labels = estate_labels(session, estate_id)
    return save_pages(render_pages(labels, title), out)
