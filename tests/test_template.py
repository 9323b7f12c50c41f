"""The downloadable Excel template: instructions, canonical sheets, drop-down lists, one coherent example."""

import datetime as dt
import io

import openpyxl
import pytest

from pac_core.catalogue import DEFAULT_METRICS
from pac_core.tables import (ACTION_KINDS, ACTION_STATUSES, CHANNELS, LOST_STAGE, OPPORTUNITY_STATUSES,
                             PIPELINE_STAGES, TABLES)
from pac_core.template import write_template
from pac_core.validate import Context, validate_files


@pytest.fixture(scope="module")
def template_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "modele-pac.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def workbook(template_path):
    return openpyxl.load_workbook(template_path)


def rows(worksheet):
    """Header → value dictionaries for the data rows of a sheet."""
    values = list(worksheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def list_values(workbook, formula):
    sheet, cells = formula.split("!")
    return [cell.value for row in workbook[sheet][cells.replace("$", "")] for cell in row]


def test_instructions_come_first_and_explain_the_file(workbook):
    assert workbook.sheetnames == ["Instructions", *(table.sheet for table in TABLES), "Listes"]
    assert workbook.active.title == "Instructions"
    text = "\n".join(str(row[0]) for row in workbook["Instructions"].iter_rows(values_only=True))
    for expected in ("activité", "performance", "janv.", "déc.", "sans ID action", "2 000 €", "31/12/2026",
                     "remplace", "Données", "python -m pac_core import FICHIER.xlsx"):
        assert expected in text, expected
    assert workbook["Instructions"]["A1"].font.bold


def test_every_table_sheet_has_the_canonical_headers_in_order(workbook):
    for table in TABLES:
        worksheet = workbook[table.sheet]
        assert [cell.value for cell in worksheet[1]] == [column.header for column in table.columns]
        assert worksheet.freeze_panes == "A2"
        assert worksheet.max_row == 2  # one example row


@pytest.mark.parametrize("sheet, header, expected", [
    ("Actions", "Canal", CHANNELS),
    ("Actions", "Type", ACTION_KINDS),
    ("Actions", "Statut", ACTION_STATUSES),
    ("Objectifs", "Indicateur", tuple(metric.label_fr for metric in DEFAULT_METRICS)),
    ("Réalisé", "Indicateur", tuple(metric.label_fr for metric in DEFAULT_METRICS)),
    ("Objectifs stratégiques", "Indicateur", tuple(metric.label_fr for metric in DEFAULT_METRICS)),
    ("Pipeline", "Canal", CHANNELS),
    ("Pipeline", "Étape", (*PIPELINE_STAGES, LOST_STAGE)),
    ("Pipeline", "Statut", OPPORTUNITY_STATUSES),
])
def test_drop_down_lists(workbook, sheet, header, expected):
    worksheet = workbook[sheet]
    letter = next(cell.column_letter for cell in worksheet[1] if cell.value == header)
    validations = [v for v in worksheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2:")]
    assert len(validations) == 1
    validation = validations[0]
    assert validation.type == "list"
    assert validation.showErrorMessage is False  # other values can still be typed
    assert tuple(list_values(workbook, validation.formula1)) == expected
    assert workbook["Listes"].sheet_state == "hidden"


def test_the_example_rows_reference_each_other(workbook):
    objective, = rows(workbook["Objectifs stratégiques"])
    action, = rows(workbook["Actions"])
    target, = rows(workbook["Objectifs"])
    result, = rows(workbook["Réalisé"])
    opportunity, = rows(workbook["Pipeline"])
    assert objective["ID"] == "OS1"
    assert action["ID action"] == "EX1" and action["Objectif stratégique"] == "OS1"
    assert target["ID action"] == result["ID action"] == opportunity["ID action"] == "EX1"
    assert opportunity["Canal"] == action["Canal"]
    labels = {metric.label_fr for metric in DEFAULT_METRICS}
    assert {objective["Indicateur"], target["Indicateur"], result["Indicateur"]} <= labels
    assert action["Début"] <= target["Période"] <= action["Fin"]
    assert result["Période"] == target["Période"]
    assert action["Début"] <= opportunity["Création"] <= action["Fin"]
    for value in (action["Budget"], target["Objectif"], result["Réalisé"], opportunity["Montant"],
                  objective["Cible"]):
        assert value > 0
    for date in (action["Début"], action["Fin"], target["Période"], opportunity["Création"], objective["Échéance"]):
        assert isinstance(date, dt.datetime) and date.year == 2026
    assert opportunity["Étape"] in PIPELINE_STAGES and opportunity["Statut"] == "En cours"


def test_example_cells_are_formatted(workbook):
    assert workbook["Actions"]["H2"].number_format == "dd/mm/yyyy"
    assert workbook["Actions"]["J2"].number_format == '#,##0 "€"'
    assert workbook["Objectifs"]["C2"].number_format == "mmm yyyy"
    assert workbook["Pipeline"]["F2"].number_format == '#,##0 "€"'


def test_the_template_imports_as_it_is(template_path):
    validation = validate_files([template_path], Context())
    assert validation.ok, [(issue.where(), issue.message) for issue in validation.errors]
    assert {name: len(frame) for name, frame in validation.batch.tables.items()} == {
        table.name: 1 for table in TABLES}


def test_the_template_can_be_written_to_memory():
    buffer = io.BytesIO()
    write_template(buffer)
    assert openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).sheetnames[0] == "Instructions"
