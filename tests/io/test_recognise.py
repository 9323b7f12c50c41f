"""Finding our tables in sheets: the template's own sheets are skipped without a word."""

from pac_core.io import xlsx_writer
from pac_core.io.recognise import TEMPLATE_SHEETS, recognise
from pac_core.io.sheet import RawSheet

ACTIONS = [["ID action", "Action"], ["A1", "Salon"]]
TEXT = [["Mode d'emploi"], ["Remplissez chaque feuille."]]


def sheet(name, rows, hidden=False, is_csv=False):
    return RawSheet(source="plan.xlsx", name=name, preview=rows, hidden=hidden, is_csv=is_csv, _rows=rows)


def test_the_template_sheet_names_are_the_writers():
    assert set(TEMPLATE_SHEETS) == {xlsx_writer.INSTRUCTIONS_SHEET, xlsx_writer.LISTS_SHEET}


def test_the_templates_instructions_and_hidden_lists_are_skipped_without_a_note():
    found = recognise([sheet("Instructions", TEXT), sheet("Actions", ACTIONS),
                       sheet("Listes", [["Indicateurs"], ["Contacts"]], hidden=True)])
    assert [table.table.name for table in found.found] == ["actions"]
    assert found.notes == [] and found.problems == []


def test_other_hidden_or_unrelated_sheets_still_get_a_note():
    found = recognise([sheet("Actions", ACTIONS), sheet("Brouillon", ACTIONS, hidden=True), sheet("Notes", TEXT)])
    assert [note for _, note in found.notes] == [
        "La feuille masquée « Brouillon » a été ignorée.",
        "La feuille « Notes » a été ignorée : elle ne contient aucune table du plan (en-têtes attendus : "
        "ID action, Indicateur, Période…)."]


def test_a_csv_without_a_table_is_spoken_of_as_a_file():
    found = recognise([RawSheet(source="notes.txt", name="notes.txt", preview=TEXT, is_csv=True)])
    assert [note for _, note in found.notes] == [
        "« notes.txt » a été ignoré : on n'y trouve aucune table du plan (en-têtes attendus : ID action, "
        "Indicateur, Période…)."]
