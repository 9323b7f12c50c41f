"""The monthly review as one PDF a manager e-mails after the meeting: one A4 landscape page per view, its
message, cards, table and chart (Altair rendered to PNG by vl-convert, laid out by fpdf2).

Why fpdf2 rather than merging vl-convert's own PDFs: the views are mostly text (messages, cards, tables,
decisions), which a page layout library writes and wraps; vl-convert draws only the charts. Both are pure
wheels from PyPI. Text uses DejaVu Sans (Debian's fonts-dejavu-core, which Chromium's fontconfig brings) for
the French signs (U+202F, €, ✔ ⚠ ✖); without it, Helvetica with those signs replaced.
"""

import io
import logging
from pathlib import Path

import vl_convert
from fpdf import FPDF
from fpdf.fonts import FontFace

from pac_core import formatting as fmt
from pac_core.review import View, numeric_columns, of_month

log = logging.getLogger(__name__)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path.home() / ".fonts")
VEGA_LITE = "6.4"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 297.0, 210.0, 12.0
INK, GREY, BLUE = (49, 51, 63), (110, 112, 122), (0, 114, 178)
CHART_PIXELS = 1100  # chart width in CSS pixels before the ×2 scale
_CORE_FONT_SIGNS = {"\u202f": " ", "\u00a0": " ", "✔": "OK", "⚠": "!", "✖": "X", "▲": "+", "▼": "-",
                    "−": "-", "↓": "", "—": "-", "«": '"', "»": '"', "’": "'"}


def _font_files() -> dict[str, Path] | None:
    for directory in FONT_DIRS:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            oblique = directory / "DejaVuSans-Oblique.ttf"
            return {"": regular, "B": bold, "I": oblique if oblique.exists() else regular}
    return None


class FrenchPdf(FPDF):
    """A4 landscape in DejaVu Sans when the fonts are there (the French signs), in Helvetica with the signs made
    plain otherwise: the monthly review's PDF and the annual bilan's (pac_core/bilan_pdf.py)."""

    def __init__(self, title: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        fonts = _font_files()
        self.unicode = fonts is not None
        if fonts:
            for style, path in fonts.items():
                self.add_font("dejavu", style, str(path))
        self.family = "dejavu" if self.unicode else "helvetica"
        self.set_title(title)
        self.set_creator("PAC Pilot")

    def text_of(self, text: str) -> str:
        if self.unicode:
            return text
        for sign, plain in _CORE_FONT_SIGNS.items():
            text = text.replace(sign, plain)
        return text.encode("latin-1", "replace").decode("latin-1")

    def style(self, size: float, style: str = "", color=INK) -> None:
        self.set_font(self.family, style, size)
        self.set_text_color(*color)


class ReviewPdf(FrenchPdf):
    def __init__(self, month_text: str, of_month_text: str, filters_label: str = ""):
        super().__init__(f"Revue mensuelle — {month_text}" + (f" — {filters_label}" if filters_label else ""))
        self.month_text, self.of_month_text, self.filters_label = month_text, of_month_text, filters_label
        self.set_auto_page_break(False)  # one page per view, always

    def footer(self) -> None:
        self.set_y(PAGE_HEIGHT - 9)
        self.style(8, color=GREY)
        scope = f" · {self.filters_label}" if self.filters_label else ""
        self.cell(0, 4, self.text_of(f"PAC Pilot · Revue mensuelle {self.of_month_text}{scope} · page {self.page_no()}"),
                  align="R")


def chart_png(chart, width: int = CHART_PIXELS) -> bytes | None:
    """The chart as a PNG at twice its size (sharp in print), or None when it cannot be drawn."""
    try:
        spec = chart.to_dict()
        spec["width"] = width
        return vl_convert.vegalite_to_png(spec, vl_version=VEGA_LITE, scale=2)
    except Exception:  # a missing chart must not cost the meeting its PDF
        log.exception("chart not rendered for the review PDF")
        return None


def _cards(pdf: ReviewPdf, cards) -> None:
    if not cards:
        return
    gap, top = 4.0, pdf.get_y()
    width = (PAGE_WIDTH - 2 * MARGIN - gap * (len(cards) - 1)) / len(cards)
    height = 30.0
    for index, card in enumerate(cards):
        x = MARGIN + index * (width + gap)
        pdf.set_draw_color(210, 212, 218)
        pdf.rect(x, top, width, height)
        pdf.set_xy(x + 2.5, top + 2)
        pdf.style(8.5, color=GREY)
        pdf.cell(width - 5, 4, pdf.text_of(card.label))
        pdf.set_xy(x + 2.5, top + 7)
        pdf.style(17, "B")
        pdf.cell(width - 5, 8, pdf.text_of(card.value))
        pdf.set_xy(x + 2.5, top + 16.5)
        pdf.style(7.5, color=GREY)
        pdf.multi_cell(width - 5, 3.3, pdf.text_of(card.caption or ""), align="L")
    pdf.set_y(top + height + 4)


def _table(pdf: ReviewPdf, title: str, frame) -> None:
    if frame is None or frame.empty:
        return
    if title:
        pdf.style(10.5, "B")
        pdf.cell(0, 6, pdf.text_of(title), new_x="LMARGIN", new_y="NEXT")
    pdf.style(8.5)
    widths = [min(max(len(str(name)), *(len(str(value)) for value in frame[name]), 8), 40) for name in frame.columns]
    headings = FontFace(emphasis="BOLD", fill_color=(238, 240, 244))
    aligns = tuple("RIGHT" if numeric else "LEFT" for numeric in numeric_columns(frame))
    with pdf.table(line_height=4.6, col_widths=widths, text_align=aligns, headings_style=headings,
                   first_row_as_headings=True, borders_layout="HORIZONTAL_LINES") as table:
        table.row([pdf.text_of(str(name)) for name in frame.columns])
        for values in frame.itertuples(index=False):
            table.row([pdf.text_of(str(value)) for value in values])
    pdf.ln(3)


def _lines(pdf: ReviewPdf, title: str, lines) -> None:
    if not lines:
        return
    pdf.style(10.5, "B")
    pdf.cell(0, 6, pdf.text_of(title), new_x="LMARGIN", new_y="NEXT")
    pdf.style(9.5)
    for line in lines[:10]:
        pdf.multi_cell(0, 5, pdf.text_of(f"• {line}"), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)


def _quote(pdf: ReviewPdf, title: str, text: str) -> None:
    if not text:
        return
    pdf.style(10.5, "B")
    pdf.cell(0, 6, pdf.text_of(title), new_x="LMARGIN", new_y="NEXT")
    pdf.style(11, "I")
    pdf.multi_cell(0, 5.5, pdf.text_of(f"« {text} »"), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)


def _chart(pdf: ReviewPdf, chart, bottom: float) -> None:
    if chart is None:
        return
    room = bottom - pdf.get_y()
    png = chart_png(chart) if room > 25 else None
    if png is None:
        return
    pdf.image(io.BytesIO(png), x=MARGIN, y=pdf.get_y(), w=PAGE_WIDTH - 2 * MARGIN, h=room, keep_aspect_ratio=True)


def _page(pdf: ReviewPdf, view: View, number: int, count: int) -> None:
    pdf.add_page()
    if number == 1:  # the first page says what the whole document is: which month, which part of the company
        pdf.style(16, "B")
        pdf.multi_cell(0, 8, pdf.text_of(f"Revue mensuelle {pdf.of_month_text}"
                                         + (f" — {pdf.filters_label}" if pdf.filters_label else " — toute l'entreprise")),
                       new_x="LMARGIN", new_y="NEXT")
    pdf.style(9, color=GREY)
    scope = f" · {pdf.filters_label}" if pdf.filters_label else ""
    pdf.cell(0, 5, pdf.text_of(f"Revue mensuelle · {pdf.month_text}{scope} · {number}/{count}"),
             new_x="LMARGIN", new_y="NEXT")
    pdf.style(22, "B", color=BLUE)
    pdf.cell(0, 11, pdf.text_of(view.title), new_x="LMARGIN", new_y="NEXT")
    pdf.style(14)
    pdf.multi_cell(0, 7, pdf.text_of(view.message), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _cards(pdf, view.cards)
    _lines(pdf, view.lines_title, list(view.lines))
    _table(pdf, view.table_title, view.table)
    _quote(pdf, view.quote_title, view.quote)
    pdf.style(8.5, "I", color=GREY)
    notes = [pdf.text_of(note) for note in view.notes]
    notes_height = 4.2 * sum(len(pdf.multi_cell(0, 4.2, note, dry_run=True, output="LINES")) for note in notes)
    _chart(pdf, view.chart, PAGE_HEIGHT - MARGIN - notes_height - 3)
    pdf.set_y(PAGE_HEIGHT - MARGIN - notes_height)
    pdf.style(8.5, "I", color=GREY)
    for note in notes:
        pdf.multi_cell(0, 4.2, note, new_x="LMARGIN", new_y="NEXT", align="L")


def review_pdf(views: list[View], month, filters_label: str = "") -> bytes:
    """The review's PDF: one page per view, in the meeting's order; `filters_label` (« Canal : Salon ») names the
    part of the company it shows, on its first page and in every footer."""
    pdf = ReviewPdf(fmt.month(month, long=True), of_month(month), filters_label)
    for number, view in enumerate(views, start=1):
        _page(pdf, view, number, len(views))
    return bytes(pdf.output())
