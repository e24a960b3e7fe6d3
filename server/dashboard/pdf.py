"""The monthly report as a PDF (fpdf2), in the shipped Noto Sans SC so that Chinese
renders with no fonts installed: the report's sections as tables, then the return
visits' 12-month trend as a table beside a bar chart drawn with the library's shapes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from server.dashboard.report_sections import Section

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "NotoSansSC-Regular.ttf"
FAMILY = "NotoSansSC"
INK, MUTED, BAR, LINE = (20, 30, 45), (95, 105, 120), (31, 95, 168), (26, 127, 55)


def report_pdf(
    *,
    title: str,
    made_at: str,
    intro: str,
    sections: Sequence[Section],
    headers: tuple[str, str],
    trend_title: str,
    trend_headers: tuple[str, str, str],
    trend: Sequence[tuple[str, int, str, float | None]],
) -> bytes:
    """``trend`` is (month, visits, rate as text, rate 0–1 or None) per month."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("estate-field dashboard")
    pdf.add_font(FAMILY, fname=str(FONT))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, size=18)
    pdf.cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, size=9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, made_at, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(0, 5, intro, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    for section in sections:
        _heading(pdf, section.title)
        _table(pdf, [headers, *section.lines], widths=(120, 50))
    _heading(pdf, trend_title)
    top = pdf.get_y()
    _table(pdf, [trend_headers, *((m, str(v), r) for m, v, r, _ in trend)], widths=(30, 25, 30))
    _trend_chart(pdf, trend, x=110, y=top, width=90, height=70)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, size=13)
    pdf.cell(0, 9, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, size=10)


def _table(pdf: FPDF, rows: Sequence[Sequence[str]], *, widths: Sequence[int]) -> None:
    align = ("LEFT", *("RIGHT" for _ in widths[1:]))
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        text_align=align,
        line_height=6.5,
        # (the shipped font has no bold: headings are set apart by colour)
        headings_style=FontFace(color=MUTED, fill_color=(238, 242, 247)),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)


def _trend_chart(pdf, trend, *, x: float, y: float, width: float, height: float) -> None:
    """Visits per month as bars, the satisfaction rate as a line (0–100% full height)."""
    most = max((visits for _, visits, _, _ in trend), default=0) or 1
    step = width / max(1, len(trend))
    base = y + height
    pdf.set_draw_color(*MUTED)
    pdf.line(x, base, x + width, base)
    pdf.set_fill_color(*BAR)
    points = []
    pdf.set_font(FAMILY, size=6)
    for n, (month, visits, _, rate) in enumerate(trend):
        left = x + n * step
        bar = height * visits / most * 0.9
        if bar:
            pdf.rect(left + step * 0.2, base - bar, step * 0.6, bar, style="F")
        pdf.text(left + step * 0.05, base + 3.5, month[2:])
        if rate is not None:
            points.append((left + step / 2, base - height * rate))
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.6)
    for start, end in zip(points, points[1:], strict=False):
        pdf.line(*start, *end)
    pdf.set_line_width(0.2)
