"""An exported workbook never carries a formula a user's text could start, and still re-imports as it was."""

from pathlib import Path

import openpyxl
import pandas as pd

from pac_core.export import export_workbook
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, csv_file

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


def test_the_formula_check_reads_the_text_as_written_and_catches_look_alike_signs(tmp_path):
    """« \\x01=1+1 » is written « =1+1 » (XML cannot carry \\x01): it must be quoted like « =1+1 »; so must the
    fullwidth ＝ ＋ － ＠, the small ﹦, the minus sign − and a leading line break."""
    from pac_core.io.xlsx_writer import write_workbook

    texts = ["\x01=1+1", "＝1+1", "＋33", "－5", "＠SUM(A1)", "﹦1", "−5", "\n=1", "Salon", "Lyon = 1"]
    frame = pd.DataFrame({"action_id": [f"A{n}" for n in range(len(texts))], "name": texts})
    write_workbook(tmp_path / "x.xlsx", {"actions": frame}, instructions=None)
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Actions"]
    quoted = {cell.value: cell.quotePrefix for cell in sheet["C"][1:]}
    assert quoted == {"=1+1": True, "＝1+1": True, "＋33": True, "－5": True, "＠SUM(A1)": True, "﹦1": True,
                      "−5": True, "\n=1": True, "Salon": False, "Lyon = 1": False}
    assert all(cell.data_type == "s" for cell in sheet["C"][1:])


ROUND_TRIP_NAMES = ["Éléonore Dupré-Müller", "Salon 🚀 Lyon", "ＴＥＬＥＰＨＯＮＥ ｐｌｅｉｎｅ", "=SOMME(A1:A3)",
                    "-50 % de remise", "@équipe", "+33 6 00 00 00 00", "Œuvre & « guillemets »"]


def test_import_export_reimport_gives_identical_tables(tmp_path):
    """What is stored is what is exported, byte for byte: accents, emoji, fullwidth letters in names, texts that
    start like formulas; re-importing the export gives the same tables."""
    rows = [action_row(f"A{n}", name=name, owner=name, channel=name) for n, name in enumerate(ROUND_TRIP_NAMES)]
    source = csv_file(tmp_path / "actions.csv", "\n".join(
        ";".join("" if v is None else v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else str(v) for v in row)
        for row in [ACTION_HEADERS, *rows]) + "\n")
    with Store(tmp_path / "pac.duckdb") as store:
        validation = validate_files([source], store.context())
        assert validation.ok, validation.errors
        store.import_batch(validation.batch, user="test")
        export_workbook(store, tmp_path / "export.xlsx")
        before = {name: store.query(f"SELECT * EXCLUDE (import_id) FROM {name} ORDER BY 1") for name in ("actions",)}
    assert sorted(before["actions"]["name"]) == sorted(ROUND_TRIP_NAMES)
    with Store(tmp_path / "again.duckdb") as again:
        validation = validate_files([tmp_path / "export.xlsx"], again.context())
        assert validation.ok and not validation.warnings, validation.issues
        again.import_batch(validation.batch, user="test")
        after = {name: again.query(f"SELECT * EXCLUDE (import_id) FROM {name} ORDER BY 1") for name in ("actions",)}
    assert after["actions"].equals(before["actions"])


def test_a_text_of_excel_s_largest_size_is_written_whole_and_one_more_character_is_refused(tmp_path):
    """32 767 characters (Excel's limit) go out and come back exact; the import refuses 32 768."""
    from pac_core.io.excel import read_xlsx
    from pac_core.io.xlsx_writer import write_workbook

    longest = ("é=🙂" * 11_000)[:32_767]
    write_workbook(tmp_path / "x.xlsx", {"actions": pd.DataFrame({"action_id": ["A1"], "name": [longest]})},
                   instructions=None)
    sheet = next(sheet for sheet in read_xlsx(tmp_path / "x.xlsx") if sheet.name == "Actions")
    assert sheet.preview[1][2] == longest
    too_long = csv_file(tmp_path / "actions.csv", ";".join(ACTION_HEADERS) + "\n" + ";".join(
        "" if v is None else str(v) for v in action_row("A1", owner="x" * 32_768)) + "\n")
    (error,) = validate_files([too_long]).errors
    assert error.message.startswith("Cellule de 32\u202f768 caractères : Excel n'en accepte pas plus de 32 767")
