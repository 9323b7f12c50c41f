"""The workbook writer: what it writes is read back, by python-calamine (as the importer does) and openpyxl."""

import datetime as dt
import io
import time
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from pac_core.io.xlsx_writer import month_header, write_workbook
from pac_core.tables import CHANNELS, TABLES

D = dt.date


def read_sheets(path) -> dict[str, list[list]]:
    """Every sheet as rows of cell values, as python-calamine gives them ('' for an empty cell)."""
    workbook = CalamineWorkbook.from_path(str(path))
    sheets = {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}
    workbook.close()
    return sheets


@pytest.fixture
def small_tables():
    return {
        "actions": pd.DataFrame({
            "action_id": ["SAL1", "007"],
            "lever": ["Salons professionnels", "Visibilité & <web>"],
            "name": ["Salon 1", "=SOMME(A1:A2)"],  # text that looks like a formula stays text
            "channel": ["Salon", "Site web / SEO"],
            "kind": ["Acquisition", None],
            "segment": [None, None],
            "owner": ["Responsable partenariats", "Service marketing"],
            "start_date": [D(2026, 2, 1), pd.Timestamp("2026-01-15")],
            "end_date": [D(2026, 6, 30), None],
            "budget": [2000, 1234.5],
            "status": ["En cours", "Prévue"],
            "objective_ids": ["OS1;OS3", None],
        }),
        "targets": pd.DataFrame({
            "action_id": ["SAL1", "SAL1", "SAL1", "007"],
            "metric": ["contacts", "ca", "ca", "rdv"],
            "period": [D(2026, 2, 1), D(2026, 3, 1), D(2026, 5, 1), D(2026, 2, 1)],
            "value": [40, 6000, 8000.5, 2.5],
        }),
        "results": pd.DataFrame({
            "action_id": ["SAL1", None, None],
            "metric": ["cout", "clients_actifs", "clients_actifs"],
            "period": [D(2026, 2, 1), D(2026, 1, 1), D(2026, 2, 1)],
            "value": [1850, 150, 149],
        }),
    }


def test_long_format_round_trip(tmp_path, small_tables):
    path = tmp_path / "long.xlsx"
    write_workbook(path, small_tables)
    sheets = read_sheets(path)
    assert list(sheets) == ["Actions", "Objectifs", "Réalisé", "Listes"]
    actions = sheets["Actions"]
    assert actions[0] == ["ID action", "Levier", "Action", "Canal", "Type", "Cible", "Responsable", "Début", "Fin",
                          "Budget", "Statut", "Objectif stratégique"]
    assert actions[1] == ["SAL1", "Salons professionnels", "Salon 1", "Salon", "Acquisition", "",
                          "Responsable partenariats", D(2026, 2, 1), D(2026, 6, 30), 2000, "En cours", "OS1;OS3"]
    assert actions[2][:3] == ["007", "Visibilité & <web>", "=SOMME(A1:A2)"]
    assert actions[2][7:10] == [D(2026, 1, 15), "", 1234.5]
    assert sheets["Objectifs"] == [
        ["ID action", "Indicateur", "Période", "Objectif"],
        ["SAL1", "Contacts", D(2026, 2, 1), 40],
        ["SAL1", "Chiffre d'affaires", D(2026, 3, 1), 6000],
        ["SAL1", "Chiffre d'affaires", D(2026, 5, 1), 8000.5],
        ["007", "Rendez-vous", D(2026, 2, 1), 2.5],
    ]
    assert sheets["Réalisé"] == [
        ["ID action", "Indicateur", "Période", "Réalisé"],
        ["SAL1", "Coût", D(2026, 2, 1), 1850],
        ["", "Clients actifs", D(2026, 1, 1), 150],
        ["", "Clients actifs", D(2026, 2, 1), 149],
    ]


def test_long_format_cells_are_typed_and_formatted(tmp_path, small_tables):
    path = tmp_path / "long.xlsx"
    write_workbook(path, small_tables)
    workbook = openpyxl.load_workbook(path)
    actions = workbook["Actions"]
    assert actions["C3"].data_type == "s" and actions["C3"].value == "=SOMME(A1:A2)"
    assert actions["A3"].data_type == "s"
    assert actions["H2"].is_date and actions["H2"].number_format == "dd/mm/yyyy"
    assert actions["J2"].number_format == '#,##0 "€"'
    assert actions["J3"].number_format == '#,##0.00 "€"'
    targets = workbook["Objectifs"]
    assert targets["C2"].is_date and targets["C2"].number_format == "mmm yyyy"
    assert targets["D2"].number_format == "#,##0"  # contacts: a count
    assert targets["D3"].number_format == '#,##0 "€"'  # revenue: money
    assert targets["D5"].number_format == "#,##0.0#"  # 2.5 meetings
    for worksheet in (actions, targets, workbook["Réalisé"]):
        assert worksheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in worksheet[1])
        assert worksheet.auto_filter.ref == f"A1:{worksheet.cell(1, worksheet.max_column).column_letter}" \
                                            f"{worksheet.max_row}"
        assert all(dimension.width >= 9 for dimension in worksheet.column_dimensions.values())


def test_wide_format_round_trip(tmp_path, small_tables):
    path = tmp_path / "wide.xlsx"
    write_workbook(path, small_tables, wide_tables={"targets", "results"})
    sheets = read_sheets(path)
    # February to May, March included although it has no figure: the months run without a gap
    assert sheets["Objectifs"] == [
        ["ID action", "Indicateur", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026"],
        ["SAL1", "Contacts", 40, "", "", ""],
        ["SAL1", "Chiffre d'affaires", "", 6000, "", 8000.5],
        ["007", "Rendez-vous", 2.5, "", "", ""],
    ]
    assert sheets["Réalisé"] == [
        ["ID action", "Indicateur", "janv. 2026", "févr. 2026"],
        ["SAL1", "Coût", "", 1850],
        ["", "Clients actifs", 150, 149],
    ]
    worksheet = openpyxl.load_workbook(path)["Objectifs"]
    assert worksheet.freeze_panes == "C2"
    assert worksheet["C2"].number_format == "#,##0" and worksheet["D3"].number_format == '#,##0 "€"'
    validations = {str(validation.sqref) for validation in worksheet.data_validations.dataValidation}
    assert validations == {"B2:B1048576"}


def test_wide_format_refuses_two_values_for_one_cell(tmp_path):
    frame = pd.DataFrame({"action_id": ["A", "A"], "metric": ["ca", "ca"],
                          "period": [D(2026, 1, 1), D(2026, 1, 1)], "value": [1, 2]})
    with pytest.raises(ValueError, match="two values"):
        write_workbook(tmp_path / "x.xlsx", {"targets": frame}, wide_tables={"targets"})


def test_month_headers_are_french_abbreviations():
    expected = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    assert [month_header(D(2026, month, 1)) for month in range(1, 13)] == [f"{name} 2026" for name in expected]
    assert month_header(D(2027, 2, 1)) == "févr. 2027"


def test_wide_months_cross_the_year_end(tmp_path):
    frame = pd.DataFrame({"action_id": ["A", "A"], "metric": ["appels", "appels"],
                          "period": [D(2025, 11, 1), D(2026, 2, 1)], "value": [1, 2]})
    write_workbook(tmp_path / "x.xlsx", {"results": frame}, wide_tables={"results"}, dropdowns=False)
    assert read_sheets(tmp_path / "x.xlsx")["Réalisé"] == [
        ["ID action", "Indicateur", "nov. 2025", "déc. 2025", "janv. 2026", "févr. 2026"],
        ["A", "Appels", 1, "", "", 2],
    ]


def test_empty_tables_give_header_rows_only(tmp_path):
    tables = {table.name: pd.DataFrame(columns=[column.name for column in table.columns]) for table in TABLES}
    write_workbook(tmp_path / "empty.xlsx", tables)
    sheets = read_sheets(tmp_path / "empty.xlsx")
    assert list(sheets)[:-1] == [table.sheet for table in TABLES]
    for table in TABLES:
        assert sheets[table.sheet] == [[column.header for column in table.columns]]
    write_workbook(tmp_path / "empty-wide.xlsx", {"targets": tables["targets"]}, wide_tables={"targets"})
    assert read_sheets(tmp_path / "empty-wide.xlsx")["Objectifs"] == [["ID action", "Indicateur"]]


def test_sheets_follow_the_table_order_with_instructions_first(tmp_path, small_tables):
    reordered = {name: small_tables[name] for name in ("results", "actions", "targets")}
    path = tmp_path / "x.xlsx"
    write_workbook(path, reordered, instructions=["Titre du classeur", "## Une section", "Un paragraphe."])
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Instructions", "Actions", "Objectifs", "Réalisé", "Listes"]
    instructions = workbook["Instructions"]
    assert [row[0].value for row in instructions.iter_rows()] == ["Titre du classeur", "Une section", "Un paragraphe."]
    assert instructions["A1"].font.bold and instructions["A2"].font.bold and not instructions["A3"].font.bold
    assert instructions["A3"].alignment.wrap_text and instructions.column_dimensions["A"].width >= 80
    assert workbook.active.title == "Instructions"


def test_dropdowns_use_a_hidden_lists_sheet_and_allow_free_text(tmp_path, small_tables):
    path = tmp_path / "x.xlsx"
    write_workbook(path, small_tables, metric_labels=["Contacts", "Chiffre d'affaires", "Démos faites"])
    workbook = openpyxl.load_workbook(path)
    lists = workbook["Listes"]
    assert lists.sheet_state == "hidden"
    actions = workbook["Actions"]
    by_column = {str(v.sqref).split(":")[0][0]: v for v in actions.data_validations.dataValidation}
    assert set(by_column) == {"D", "E", "K"}  # Canal, Type, Statut
    for validation in by_column.values():
        assert validation.type == "list" and validation.showErrorMessage is False
        assert validation.errorStyle == "warning" and validation.formula1.startswith("Listes!$")
    channel_range = by_column["D"].formula1.split("!")[1].replace("$", "")
    assert tuple(cell.value for row in lists[channel_range] for cell in row) == CHANNELS
    metric_validation = workbook["Objectifs"].data_validations.dataValidation[0]
    metric_range = metric_validation.formula1.split("!")[1].replace("$", "")
    assert [cell.value for row in lists[metric_range] for cell in row] == [
        "Contacts", "Chiffre d'affaires", "Démos faites"]


def test_no_dropdowns(tmp_path, small_tables):
    path = tmp_path / "x.xlsx"
    write_workbook(path, small_tables, dropdowns=False)
    workbook = openpyxl.load_workbook(path)
    assert "Listes" not in workbook.sheetnames
    assert all(not ws.data_validations.dataValidation for ws in workbook.worksheets)


def test_writes_to_a_file_object(small_tables):
    buffer = io.BytesIO()
    write_workbook(buffer, small_tables)
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook["Objectifs"]["B2"].value == "Contacts"


def test_object_frames_with_missing_values(tmp_path):
    """The export hands frames of object dtype, with None and NaN for missing values."""
    frame = pd.DataFrame({"objective_id": ["OS1", "OS2"], "label": ["CA", None], "metric": ["ca", "grands_comptes"],
                          "baseline": [float("nan"), 0], "target": [250000.0, 3], "due_date": [D(2026, 12, 31), None]},
                         dtype=object)
    write_workbook(tmp_path / "x.xlsx", {"strategic_objectives": frame})
    assert read_sheets(tmp_path / "x.xlsx")["Objectifs stratégiques"] == [
        ["ID", "Objectif", "Indicateur", "Référence", "Cible", "Échéance"],
        ["OS1", "CA", "Chiffre d'affaires", "", 250000, D(2026, 12, 31)],
        ["OS2", "", "Grands comptes", 0, 3, ""],
    ]


def test_decimal_numpy_and_timestamp_values(tmp_path):
    """Values as DuckDB and pandas hand them: Decimal, numpy scalars, Timestamps, NaT."""
    frame = pd.DataFrame({"opportunity_id": [1, 2], "amount": [Decimal("1500.00"), np.float64(99.5)],
                          "created_on": [pd.Timestamp("2026-03-02"), pd.NaT],
                          "closed_on": pd.to_datetime(["2026-04-30 00:00", "2026-05-01 12:00"])}, dtype=object)
    write_workbook(tmp_path / "x.xlsx", {"opportunities": frame}, dropdowns=False)
    rows = read_sheets(tmp_path / "x.xlsx")["Pipeline"]
    assert [row[0] for row in rows[1:]] == ["1", "2"]  # identifiers are text
    assert [row[5] for row in rows[1:]] == [1500, 99.5]
    assert [row[6] for row in rows[1:]] == [D(2026, 3, 2), ""]
    assert rows[1][7] == D(2026, 4, 30) and rows[2][7] == dt.datetime(2026, 5, 1, 12, 0)


def test_unknown_tables_and_wide_tables_are_refused(tmp_path, small_tables):
    with pytest.raises(ValueError, match="unknown tables"):
        write_workbook(tmp_path / "x.xlsx", {"decisions": pd.DataFrame()})
    with pytest.raises(ValueError, match="months-as-columns"):
        write_workbook(tmp_path / "x.xlsx", small_tables, wide_tables={"actions"})


def test_a_100k_row_results_table_is_written_in_seconds(tmp_path):
    count = 100_000
    months = [D(2026, month, 1) for month in range(1, 13)]
    frame = pd.DataFrame({
        "action_id": [f"A{index % 700}" for index in range(count)],
        "metric": ["contacts", "ca", "cout", "rdv"] * (count // 4),
        "period": [months[index % 12] for index in range(count)],
        "value": [float(index % 977) for index in range(count)],
    })
    path = tmp_path / "big.xlsx"
    started = time.perf_counter()
    write_workbook(path, {"results": frame})
    elapsed = time.perf_counter() - started
    rows = read_sheets(path)["Réalisé"]
    assert len(rows) == count + 1
    assert rows[-1] == ["A599", "Rendez-vous", D(2026, 4, 1), float((count - 1) % 977)]
    assert elapsed < 8, f"{elapsed:.1f} s"  # about 1 s on the project's 2-core machines
