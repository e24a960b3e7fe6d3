"""The monthly report as a PDF (fpdf2), in the shipped Noto Sans SC so that Chinese
renders with no fonts installed: one A4 page with the report's sections two by two,
then the return visits' 12-month trend as a bar chart drawn with the library's shapes
and the same figures as a table."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from server.dashboard.report_sections import Section

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansSC-Regular.ttf"
FAMILY = "NotoSansSC"
INK, MUTED, RULE = (20, 30, 45), (95, 105, 120), (200, 207, 216)
BAR, LINE, HEAD = (31, 95, 168), (26, 127, 55), (238, 242, 247)
# The shipped font has no bold: headings are set apart by size and colour.
HEADINGS = FontFace(color=INK, fill_color=HEAD)


def report_pdf(
    *,
    title: str,
    made_at: str,
    intro: str,
    sections: Sequence[Section],
    trend_title: str,
    trend_labels: tuple[str, str, str],
    trend: Sequence[tuple[str, int, str, float | None]],
) -> bytes:
    """``trend`` is (month, visits, rate as text, rate 0–1 or None) per month, oldest
    first; ``trend_labels`` names the month, visits and rate rows."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("estate-field dashboard")
    pdf.add_font(FAMILY, fname=str(FONT))
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, size=18)
    pdf.cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, size=8.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, made_at, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(0, 4.5, intro, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    for left, right in zip_longest(sections[::2], sections[1::2]):
        pdf.ln(4)
        _pair(pdf, left, right)
    pdf.ln(5)
    pdf.set_font(FAMILY, size=12)
    pdf.cell(0, 8, trend_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _trend_chart(pdf, trend, x=pdf.l_margin + 22, y=pdf.get_y() + 2, width=158, height=45)
    pdf.set_y(pdf.get_y() + 56)
    _trend_table(pdf, trend_labels, trend)
    return bytes(pdf.output())


def _pair(pdf: FPDF, left: Section, right: Section | None) -> None:
    """Two sections side by side, as one table: label, figure, gap, label, figure."""
    empty = Section("", "", [])
    right = right or empty
    pdf.set_font(FAMILY, size=10)
    with pdf.table(
        col_widths=(60, 18, 12, 60, 18),  # the middle column keeps the two apart
        text_align=("LEFT", "RIGHT", "LEFT", "LEFT", "RIGHT"),
        line_height=6,
        headings_style=HEADINGS,
        borders_layout="HORIZONTAL_LINES",
        gutter_width=0,
    ) as table:
        head = table.row()
        for text in (left.title, "", "", right.title, ""):
            head.cell(text)
        for a, b in zip_longest(left.lines, right.lines, fillvalue=("", "")):
            row = table.row()
            for text in (*a, "", *b):
                row.cell(text)


def _trend_table(pdf: FPDF, labels: tuple[str, str, str], trend) -> None:
    """Months as columns, as the page shows them: visits and the rate below each."""
    pdf.set_font(FAMILY, size=7.5)
    with pdf.table(
        col_widths=(22, *(13 for _ in trend)),
        text_align=("LEFT", *("RIGHT" for _ in trend)),
        line_height=5,
        headings_style=HEADINGS,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        rows = (
            (labels[0], *(month[2:] for month, _, _, _ in trend)),
            (labels[1], *(str(visits) for _, visits, _, _ in trend)),
            (labels[2], *(rate for _, _, rate, _ in trend)),
        )
        for values in rows:
            row = table.row()
            for text in values:
                row.cell(text)


def _trend_chart(pdf: FPDF, trend, *, x: float, y: float, width: float, height: float) -> None:
    """Visits per month as bars (the count above each), the satisfaction rate as a
    line on a 0–100% scale of the same height; months under the axis."""
    most = max((visits for _, visits, _, _ in trend), default=0) or 1
    step = width / max(1, len(trend))
    base = y + height
    pdf.set_draw_color(*RULE)
    for quarter in range(5):
        level = base - height * quarter / 4
        pdf.line(x, level, x + width, level)
        pdf.set_font(FAMILY, size=6)
        pdf.set_text_color(*LINE)
        pdf.text(x + width + 1.5, level + 1, f"{quarter * 25}%")
    pdf.set_text_color(*INK)
    pdf.set_fill_color(*BAR)
    points = []
    for n, (month, visits, _, rate) in enumerate(trend):
        left = x + n * step
        bar = height * visits / most * 0.9
        if bar:
            pdf.rect(left + step * 0.25, base - bar, step * 0.5, bar, style="F")
            pdf.set_font(FAMILY, size=6.5)
            label = str(visits)
            pdf.text(left + (step - pdf.get_string_width(label)) / 2, base - bar - 1, label)
        pdf.set_font(FAMILY, size=6.5)
        pdf.text(left + (step - pdf.get_string_width(month[2:])) / 2, base + 4, month[2:])
        if rate is not None:
            points.append((left + step / 2, base - height * rate))
    pdf.set_draw_color(*LINE)
    pdf.set_fill_color(*LINE)
    pdf.set_line_width(0.5)
    for start, end in zip(points, points[1:], strict=False):
        pdf.line(*start, *end)
    for cx, cy in points:
        pdf.circle(x=cx, y=cy, radius=0.9, style="F")
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(255, 255, 255)
