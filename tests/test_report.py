"""The downloadable validation report: errors first, every column, and no cell a user wrote can run as a formula."""

import io

import openpyxl

from pac_core.report import HEADERS, write_report
from pac_core.validate import ERROR, WARNING, Issue


def read_back(issues):
    buffer = io.BytesIO()
    write_report(issues, buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer).active


def test_errors_come_first_with_every_column():
    sheet = read_back([Issue(WARNING, "b.csv", "b.csv", 4, "Canal", "x", "Colonne ignorée."),
                       Issue(ERROR, "plan.xlsx", "Réalisé", 12, "D (Réalisé)", "12 k€", "Nombre illisible.")])
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(HEADERS)
    assert rows[1] == ["Erreur", "plan.xlsx", "Réalisé", 12, "D (Réalisé)", "12 k€", "Nombre illisible."]
    assert rows[2][0] == "Avertissement" and rows[2][3] == 4


def test_texts_that_look_like_formulas_stay_text_with_a_quote_prefix_and_numbers_stay_numbers():
    dangerous = ["=HYPERLINK(\"http://x\";\"clic\")", "+33 1 23", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
    issues = [Issue(ERROR, value, None, 3, None, value, "Valeur illisible.") for value in dangerous]
    sheet = read_back(issues)
    for row in sheet.iter_rows(min_row=2):
        file_cell, row_cell, value_cell = row[1], row[3], row[5]
        for cell in (file_cell, value_cell):
            assert cell.data_type == "s", cell.value  # a string, never a formula ('f')
            assert cell.quotePrefix, cell.value  # Excel's hidden apostrophe: stays text when edited
        assert value_cell.value.replace("\n", "\r") in dangerous  # XML reads a lone CR back as LF
        assert row_cell.value == 3 and row_cell.data_type == "n"
    plain = read_back([Issue(ERROR, "plan.xlsx", "Actions", 2, None, "SAL1", "…")])
    assert not plain.cell(row=2, column=6).quotePrefix
