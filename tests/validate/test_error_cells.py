"""An Excel error cell is an error: never read as empty, so never a stored figure removed in silence (issue 17)."""

import pytest

from pac_core.mapping import Mapping, TableMapping, apply
from pac_core.mapping.model import Measure
from pac_core.mapping.read import read_foreign
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, csv_file, workbook
from tests.io.test_excel import patched

RESULTS = ["ID action", "Indicateur", "Période", "Réalisé"]
EXCEL_ERROR = "est une erreur de formule Excel : corrigez la formule dans le fichier source ou tapez le chiffre"


def plan_with_results(path, values):
    """Actions A1 and A2, and the CA of A1 for January, February and March 2026."""
    rows = [["A1", "CA", f"{month} 2026", value] for month, value in zip(("janv.", "févr.", "mars"), values)]
    return workbook(path, {"Actions": [ACTION_HEADERS, action_row("A1"), action_row("A2")],
                           "Réalisé": [RESULTS, *rows]})


def errors(validation):
    return [(issue.sheet, issue.row, issue.column, issue.value) for issue in validation.errors]


@pytest.mark.parametrize("cached", [b'<f>NA()</f><v>#N/A</v>', b'<v>#DIV/0!</v>', b'<f>A1/0</f>', b'<v>#SPILL!</v>',
                                    b'<v>#VALEUR!</v>'])
def test_an_error_cell_is_refused_with_its_sheet_row_column_and_value(tmp_path, cached):
    path = patched(plan_with_results(tmp_path / "plan.xlsx", [100, 200, 300]),
                   {b'<c r="D3" t="n"><v>200</v></c>': b'<c r="D3" t="e">' + cached + b"</c>"})
    validation = validate_files([path])
    shown = cached.split(b"<v>")[1][:-4].decode() if b"<v>" in cached else "#ERREUR!"
    assert errors(validation) == [("Réalisé", 3, "D « Réalisé »", shown)]
    assert f"« {shown} » {EXCEL_ERROR}" in validation.errors[0].message


def test_an_error_cell_can_no_longer_remove_the_stored_figure_it_stands_over(tmp_path):
    """The adversarial run: « valide (0 avertissement) », then « 1 remplacées, 2 retirées »."""
    with Store(tmp_path / "pac.duckdb") as store:
        store.import_batch(validate_files([plan_with_results(tmp_path / "v1.xlsx", [100, 200, 300])]).batch, user="t")
        second = patched(plan_with_results(tmp_path / "v2.xlsx", [110, 200, 300]),
                         {b'<c r="D3" t="n"><v>200</v></c>': b'<c r="D3" t="e"><f>B3/0</f><v>#DIV/0!</v></c>',
                          b'<c r="D4" t="n"><v>300</v></c>': b'<c r="D4" t="e"><v>#N/A</v></c>'})
        validation = validate_files([second], store.context())
        assert not validation.ok and [e[1] for e in errors(validation)] == [3, 4]
        assert sorted(store.query("SELECT value FROM results")["value"]) == [100, 200, 300]


def test_the_text_of_an_error_in_a_csv_is_refused_in_every_kind_of_column(tmp_path):
    """« #N/A » pasted as text: a figure, an indicator, a period, an ID, a name — never a value."""
    path = csv_file(tmp_path / "plan.csv", "ID action;Indicateur;Période;Réalisé\n"
                                           "A1;CA;janv. 2026;#N/A\nA1;#REF!;févr. 2026;5\nA1;CA;#VALEUR!;5\n"
                                           "#NOM?;CA;mars 2026;5\n")
    validation = validate_files([path])
    assert [(issue.row, issue.value) for issue in validation.errors] == [
        (2, "#N/A"), (3, "#REF!"), (4, "#VALEUR!"), (5, "#NOM?")]
    assert all(EXCEL_ERROR in issue.message for issue in validation.errors)


def test_a_foreign_file_shows_its_error_cells_among_the_cells_to_fix(tmp_path):
    """Through the column mapping: an error cell is an unreadable cell of the grid, pinned to its row and
    column with its value, not a blank figure."""
    path = patched(workbook(tmp_path / "export.xlsx", {"Ventes": [["Mois", "Canal", "Montant"],
                                                                  ["2026-01", "Salon", 100], ["2026-02", "Salon", 200],
                                                                  ["2026-03", "#N/A", 300]]}),
                   {b'<c r="C3" t="n"><v>200</v></c>': b'<c r="C3" t="e"><v>#DIV/0!</v></c>'})
    (table,) = read_foreign(path)
    mapping = Mapping(name="ventes", tables=[TableMapping("results", columns={"period": "Mois"}, action_id="A1",
                                                          measures=[Measure("ca", "Montant")])])
    validation = apply(table, mapping)
    assert not validation.ok
    unreadable = [(issue.row, issue.column, issue.value) for issue in validation.errors]
    assert (3, "C « Montant »", "#DIV/0!") in unreadable
    assert all(EXCEL_ERROR in issue.message for issue in validation.errors if issue.row == 3)
