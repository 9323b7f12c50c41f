"""The validation report as an Excel workbook a user can download, sort and send back to a colleague.

Every text comes from a user's file (sheet names, headers, values), so no cell may become a formula when
the workbook is opened or edited: texts are written as strings, and those starting like a formula
(= + - @ tab CR) also get Excel's quote prefix (the hidden leading apostrophe), which keeps them text
even when someone edits the cell. Row numbers stay numbers.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill

from pac_core.io.xlsx_writer import FORMULA_STARTS
from pac_core.validate import ERROR, Issue

REPORT_SHEET = "Rapport"
HEADERS = ("Niveau", "Fichier", "Feuille", "Ligne", "Colonne", "Valeur", "Message")
WIDTHS = (14, 28, 22, 8, 24, 24, 100)
LEVEL_TEXT = {ERROR: "Erreur"}
WARNING_TEXT = "Avertissement"


def issue_row(issue: Issue) -> list:
    """One line of the report: the level in words, where, the value as written, what to do."""
    return [LEVEL_TEXT.get(issue.level, WARNING_TEXT), issue.source, issue.sheet, issue.row, issue.column,
            issue.value, issue.message]


def sorted_issues(issues: Iterable[Issue]) -> list[Issue]:
    """Errors first, then by file, sheet and row, as a person reads the report."""
    return sorted(issues, key=lambda i: (i.level != ERROR, i.source or "", i.sheet or "", i.row or 0))


def _put(cell, value) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return
    cell.value = value


def write_report(issues: Iterable[Issue], target: str | os.PathLike | BinaryIO) -> None:
    """Write the issues, errors first, as one sheet with a header, filters and frozen first row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = REPORT_SHEET
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for position, issue in enumerate(sorted_issues(issues), start=2):
        for column, value in enumerate(issue_row(issue), start=1):
            cell = sheet.cell(row=position, column=column)
            _put(cell, value)
            cell.alignment = Alignment(vertical="top", wrap_text=column == len(HEADERS))
    for letter, width in zip("ABCDEFG", WIDTHS):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.save(target)
