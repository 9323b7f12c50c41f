"""What leaves the quarterly review: the decisions log as a workbook, the revised plan in the template's format
(importable as is), and a one-page PDF of the quarter's decisions and their projected effect."""

from __future__ import annotations

import io

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from pac_core.export import current_tables
from pac_core.io.xlsx_writer import write_workbook
from pac_core.readjust.versions import version_budgets
from pac_core.report import _put  # texts from users never become formulas (= + - @ tab CR)
from pac_core.review_pdf import _CORE_FONT_SIGNS, _font_files
from pac_core.store import Store


def table_workbook(frame: pd.DataFrame, sheet_name: str) -> bytes:
    """A frame of French columns as one sheet, header in bold, filters, first row frozen; every text cell
    neutralised as in the validation report."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    for column, header in enumerate(frame.columns, start=1):
        cell = sheet.cell(row=1, column=column)
        _put(cell, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for position, values in enumerate(frame.itertuples(index=False), start=2):
        for column, value in enumerate(values, start=1):
            _put(sheet.cell(row=position, column=column), None if value is None or value != value else value)
    for column, header in enumerate(frame.columns, start=1):
        width = max([len(str(header)), *(len(str(v)) for v in frame.iloc[:, column - 1])] or [10])
        sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(width + 2, 80)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VERSION_TARGETS_SQL = ("SELECT action_id, metric, month AS period, value FROM main.plan_targets WHERE plan_version = ? "
                       "ORDER BY action_id, metric, month")


def plan_workbook(store: Store, version: int) -> bytes:
    """The plan of one version (its targets and budgets, with the current actions, results and objectives) as a
    workbook in the template's format: importing it into an empty base gives that plan as version 1."""
    tables = current_tables(store)
    targets = store.query(VERSION_TARGETS_SQL, [version])
    targets["period"] = [v.date() for v in pd.to_datetime(targets["period"])]
    tables["targets"] = targets.astype(object).where(targets.notna(), None)
    budgets = version_budgets(store, version).set_index("action_id")["budget"]
    actions = tables["actions"]
    actions["budget"] = [budgets.get(a, b) for a, b in zip(actions["action_id"], actions["budget"])]
    tables["actions"] = actions[actions["action_id"].isin(budgets.index)].reset_index(drop=True)
    buffer = io.BytesIO()
    write_workbook(buffer, tables, instructions=None)
    return buffer.getvalue()


class _Summary(FPDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.fonts_found = _font_files()
        if self.fonts_found:
            for style, path in self.fonts_found.items():
                self.add_font("DejaVu", style, str(path))
        self.family = "DejaVu" if self.fonts_found else "Helvetica"
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(False)

    def text_of(self, text) -> str:
        text = "" if text is None else str(text)
        if self.fonts_found:
            return text
        for sign, plain in _CORE_FONT_SIGNS.items():
            text = text.replace(sign, plain)
        return text.encode("latin-1", "replace").decode("latin-1")


def summary_pdf(title: str, subtitle: str, sections: list[tuple[str, pd.DataFrame]], notes: list[str]) -> bytes:
    """One A4 landscape page: a title, tables of French text (decisions, effect on the objectives, budget) and
    notes (assumptions). Rows past the page are left out, with a line saying how many."""
    pdf = _Summary()
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 16)
    pdf.cell(0, 9, pdf.text_of(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9)
    pdf.set_text_color(110, 112, 122)
    pdf.cell(0, 5, pdf.text_of(subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(49, 51, 63)
    for heading, frame in sections:
        pdf.ln(2)
        pdf.set_font(pdf.family, "B", 11)
        pdf.cell(0, 7, pdf.text_of(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 8)
        room = int((200 - pdf.get_y() - 30) // 5)
        shown = frame.head(max(room, 1))
        with pdf.table(headings_style=FontFace(emphasis="BOLD", fill_color=(221, 235, 247)), line_height=4.5,
                       text_align="LEFT") as table:
            table.row([pdf.text_of(column) for column in shown.columns])
            for values in shown.itertuples(index=False):
                table.row([pdf.text_of(value) for value in values])
        if len(frame) > len(shown):
            pdf.cell(0, 5, pdf.text_of(f"… et {len(frame) - len(shown)} lignes de plus (voir l'export Excel)."),
                     new_x="LMARGIN", new_y="NEXT")
    if notes and pdf.get_y() < 185:
        pdf.ln(2)
        pdf.set_font(pdf.family, "", 7)
        pdf.set_text_color(110, 112, 122)
        for note in notes:
            if pdf.get_y() > 198:
                break
            pdf.multi_cell(0, 3.5, pdf.text_of("• " + note), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
