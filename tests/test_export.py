"""An exported workbook never carries a formula a user's text could start, and still re-imports as it was."""

from pathlib import Path

import openpyxl

from pac_core.export import export_workbook
from pac_core.store import Store
from pac_core.validate import validate_files

FILES = Path(__file__).resolve().parent / "files"
INJECTION = FILES / "csv-formula-and-html-injection.csv"  # names and owners starting with =, @, +, and <script>


def test_texts_that_start_like_formulas_are_exported_as_quoted_text_and_reimport_unchanged(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        store.import_batch(validate_files([INJECTION], store.context()).batch, user="test")
        export_workbook(store, tmp_path / "export.xlsx")
        before = store.query("SELECT * EXCLUDE (import_id) FROM actions ORDER BY action_id")

    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx")["Actions"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)}
    for text in ('=HYPERLINK("http://exemple.invalid";"clic")', "@SUM(A1)", "+33 6 00"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text  # text, kept text when edited
    assert not cells["<script>alert('x')</script>"].quotePrefix  # not formula-like: left as it is
    assert cells["INJ1"].data_type == "s" and not cells["INJ1"].quotePrefix
    assert isinstance(sheet["J2"].value, (int, float))  # budgets stay numbers

    with Store(tmp_path / "again.duckdb") as again:
        validation = validate_files([tmp_path / "export.xlsx"], again.context())
        again.import_batch(validation.batch, user="test")
        after = again.query("SELECT * EXCLUDE (import_id) FROM actions ORDER BY action_id")
    assert after.equals(before)
