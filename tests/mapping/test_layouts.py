"""Layouts beyond one row per record (issue 16, « Layouts »): month headers in every spelling, a year or a
region written above blocks of month columns, a year column beside a month column, a label written once per
block, one period for the whole file, and a header row or a sheet the guess got wrong. Each file is written
here, small; the expected figures are computed by hand in each test."""

import csv
import datetime as dt

import openpyxl
import pytest

from pac_core.io.recognise import YEARLESS
from pac_core.io.values import parse_month_header
from pac_core.mapping import Mapping, Measure, TableMapping, apply, month_headers, read_foreign, suggest
from pac_core.mapping.layout import block_names, blocks, fill_down_columns, month_of
from pac_core.mapping.read import reread
from tests.mapping.conftest import figures, messages


def xlsx(path, rows, title="Feuil1", merged=()):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def batch_figures(validation, table="results") -> dict:
    """{(action_id, metric, 'YYYY-MM'): value} of what the validation would import (nothing written)."""
    frame = validation.batch.tables[table]
    return {(None if action != action else action, metric, f"{month:%Y-%m}"): round(value, 6)
            for action, metric, month, value in zip(frame["action_id"], frame["metric"], frame["month"],
                                                    frame["value"])}


def semicolon_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


@pytest.mark.parametrize("header, month", [
    ("M01", dt.date(YEARLESS, 1, 1)), ("M12", dt.date(YEARLESS, 12, 1)), ("janv.", dt.date(YEARLESS, 1, 1)),
    ("Jan", dt.date(YEARLESS, 1, 1)), ("January", dt.date(YEARLESS, 1, 1)), ("Feb", dt.date(YEARLESS, 2, 1)),
    ("01/2026", dt.date(2026, 1, 1)), ("2026-01", dt.date(2026, 1, 1)), ("janv-26", dt.date(2026, 1, 1)),
    ("M13", None), ("Total", None), ("T1", None)])
def test_month_headers_in_every_spelling(header, month):
    assert parse_month_header(header, default_year=YEARLESS) == month


def test_months_numbered_m01_to_m12_are_the_plan_years_months(tmp_path, store, actions):
    path = xlsx(tmp_path / "objectifs.xlsx", [["Objectifs de chiffre d'affaires par commercial"], [],
                                              ["Commercial", "M01", "M02", "M03", "Total"],
                                              ["Marie Durand", 1000, 1100, 1200, 3300],
                                              ["Paul Martin", 500, 600, 700, 1800]])
    table, = read_foreign(path)
    assert month_headers(table) == ["M01", "M02", "M03"]
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, "targets") == {("A6", "ca", "2026-01"): 1000, ("A6", "ca", "2026-02"): 1100,
                                         ("A6", "ca", "2026-03"): 1200, ("A7", "ca", "2026-01"): 500,
                                         ("A7", "ca", "2026-02"): 600, ("A7", "ca", "2026-03"): 700}


PIVOT = [["Objectifs de chiffre d'affaires par commercial"],
         [None, "2025", None, None, "2026"],
         ["Commercial", "Jan", "Feb", "Mar", "Jan", "Feb", "Mar"],
         ["Marie Durand", 1200, 1300, 1400, 2000, 2100, 2200],
         ["Paul Martin", 800, 900, 1000, 1500, 1600, 1700]]


def test_a_pivot_export_s_years_above_the_months_are_kept_and_each_block_can_be_chosen(tmp_path, store, actions):
    table, = read_foreign(xlsx(tmp_path / "pivot.xlsx", PIVOT, merged=["B2:D2", "E2:G2"]))
    assert table.names == ["Commercial", "Jan", "Feb", "Mar", "Jan (2)", "Feb (2)", "Mar (2)"]
    assert table.above["Feb"] == "Objectifs de chiffre d'affaires par commercial · 2025"
    assert (month_of(table, "Jan"), month_of(table, "Jan (2)")) == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    mapping = suggest(table, actions)
    part, = mapping.tables
    assert part.month_columns == ["Jan", "Feb", "Mar", "Jan (2)", "Feb (2)", "Mar (2)"]
    found = blocks(table, part.month_columns)
    assert list(block_names(list(found)).values()) == ["2025", "2026"]

    # Every block: 2025's January (Marie 1 200) is never read as January 2026: it is 2025's, kept as history.
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    history = [issue for issue in validation.issues if "comme historique" in issue.message]
    assert history and all("2025" in f"{issue.message} {issue.value}" for issue in history)
    targets = validation.batch.tables["targets"]
    marie = targets[targets["action_id"] == "A6"]
    marie = marie.set_index(marie["month"].dt.strftime("%Y-%m"))["value"]
    assert (marie["2025-01"], marie["2026-01"]) == (1200, 2000)

    # The 2026 block alone: imported as written.
    part.blocks = [label for label in found if label.endswith("2026")]
    validation = apply(table, Mapping.from_json(mapping.to_json()), store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, "targets") == {("A6", "ca", "2026-01"): 2000, ("A6", "ca", "2026-02"): 2100,
                                         ("A6", "ca", "2026-03"): 2200, ("A7", "ca", "2026-01"): 1500,
                                         ("A7", "ca", "2026-02"): 1600, ("A7", "ca", "2026-03"): 1700}


def test_a_year_in_a_title_line_gives_its_year_to_yearless_months(tmp_path, store, actions):
    path = xlsx(tmp_path / "ancien.xlsx", [["Année 2021 — objectifs de chiffre d'affaires"], [],
                                           ["Commercial", "janv.", "févr."], ["Marie Durand", 1200, 1300]])
    table, = read_foreign(path)
    assert month_of(table, "janv.") == dt.date(2021, 1, 1)
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert validation.ok, messages(validation)  # 2021's objectives: history of 2021, never January 2026
    months = validation.batch.tables["targets"]["month"].dt.strftime("%Y-%m")
    assert sorted(months.unique()) == ["2021-01", "2021-02"]


def test_region_blocks_side_by_side_are_chosen_one_by_one(tmp_path, store, actions):
    rows = [["Réalisé 2026 : dépenses par plateforme"],
            [None, "Région Nord", None, "Région Sud"],
            ["Plateforme", "janv.", "févr.", "janv.", "févr."],
            ["Facebook", 100, 110, 40, 45],
            ["Google Ads", 200, 210, 60, 65]]
    table, = read_foreign(xlsx(tmp_path / "regions.xlsx", rows))
    part = TableMapping("results", columns={"action_id": "Plateforme"}, metric="cout",
                        month_columns=["janv.", "févr.", "janv. (2)", "févr. (2)"])
    mapping = Mapping([part], value_maps={"Plateforme": {"facebook": "A1", "google ads": "A2"}})
    labels = list(blocks(table, part.month_columns))
    assert list(block_names(labels).values()) == ["Région Nord", "Région Sud"]

    part.blocks = [labels[1]]  # the south only
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="cout") == {("A1", "cout", "2026-01"): 40, ("A1", "cout", "2026-02"): 45,
                                             ("A2", "cout", "2026-01"): 60, ("A2", "cout", "2026-02"): 65}

    part.blocks = []  # both regions: their spend added up
    validation = apply(table, mapping, store.context(), actions)
    assert batch_figures(validation) == {("A1", "cout", "2026-01"): 140, ("A1", "cout", "2026-02"): 155,
                                             ("A2", "cout", "2026-01"): 260, ("A2", "cout", "2026-02"): 275}


def test_a_year_column_beside_a_month_column_gives_each_row_its_month(tmp_path, store, actions):
    path = semicolon_csv(tmp_path / "ventes.csv", [["Année", "Mois", "Commercial", "CA"],
                                                  ["2026", "mars", "Marie Durand", "1 000"],
                                                  ["2026", "3", "Paul Martin", "400"],
                                                  ["2026", "M04", "Marie Durand", "250,50"],
                                                  ["2026", "04", "Marie Durand", "100"]])
    table, = read_foreign(path)
    mapping = suggest(table, actions, kind="results")
    part = mapping.tables[0]
    assert (part.columns["period"], part.columns["year"]) == ("Mois", "Année")
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="ca") == {("A6", "ca", "2026-03"): 1000, ("A7", "ca", "2026-03"): 400,
                                           ("A6", "ca", "2026-04"): 350.5}


def test_a_year_column_of_another_year_is_not_replaced_by_the_plan_s(tmp_path, store, actions):
    path = semicolon_csv(tmp_path / "ventes.csv", [["Année", "Mois", "Commercial", "CA"],
                                                  ["2021", "1", "Marie Durand", "1200"], ["", "2", "Paul Martin", "5"]])
    table, = read_foreign(path)
    validation = apply(table, suggest(table, actions, kind="results"), store.context(), actions)
    assert not validation.ok
    blank, = [issue for issue in validation.errors if issue.column == "Année"]
    assert (blank.row, blank.message) == (3, "Valeur manquante : indiquez l'année de cette ligne.")


def test_a_label_written_once_per_block_is_filled_down(tmp_path, store, actions):
    rows = [["Suivi budget 2026"], [],
            ["Plateforme", "Mois", "Dépense"],
            ["Facebook", "janv.", 100], [None, "févr.", 120], [None, "mars", 130],
            ["Google Ads", "janv.", 300], [None, "févr.", 310], [None, "mars", 320]]
    table, = read_foreign(xlsx(tmp_path / "budget.xlsx", rows))
    assert fill_down_columns(table) == ["Plateforme"]
    mapping = suggest(table, actions, kind="results")
    part = mapping.tables[0]
    assert part.fill_down == ["Plateforme"]
    mapping.value_maps["Plateforme"] = {"facebook": "A1", "google ads": "A2"}
    part.columns["action_id"], part.measures = "Plateforme", [Measure("cout", "Dépense")]
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="cout") == {("A1", "cout", "2026-01"): 100, ("A1", "cout", "2026-02"): 120,
                                             ("A1", "cout", "2026-03"): 130, ("A2", "cout", "2026-01"): 300,
                                             ("A2", "cout", "2026-02"): 310, ("A2", "cout", "2026-03"): 320}

    part.fill_down = []  # without it, the blank rows are company-wide figures (no action)
    validation = apply(table, mapping, store.context(), actions)
    assert batch_figures(validation)[(None, "cout", "2026-02")] == 430  # 120 + 310


@pytest.mark.parametrize("period", ["T1 2026", "01/01/2026-31/03/2026", "01/01/2026 - 31/03/2026"])
def test_a_whole_period_report_is_spread_evenly_over_its_months(tmp_path, store, actions, period):
    path = semicolon_csv(tmp_path / "bilan.csv", [["Plateforme", "Dépense", "Clics"],
                                                 ["Facebook", "900", "30"], ["Google Ads", "1 500", "60"]])
    table, = read_foreign(path)
    part = TableMapping("results", columns={"action_id": "Plateforme"}, measures=[Measure("cout", "Dépense")])
    mapping = Mapping([part], value_maps={"Plateforme": {"facebook": "A1", "google ads": "A2"}})
    assert any("date ou le mois" in problem for problem in apply(table, mapping, store.context(), actions)
               .issues[0].message.splitlines())
    part.period_value = period
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert any("répartis également" in warning.message for warning in validation.warnings)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="cout") == {("A1", "cout", f"2026-0{m}"): 300 for m in (1, 2, 3)} | {
        ("A2", "cout", f"2026-0{m}"): 500 for m in (1, 2, 3)}


def test_one_month_for_the_whole_file_and_an_unreadable_period(tmp_path, store, actions):
    path = semicolon_csv(tmp_path / "mars.csv", [["Plateforme", "Dépense"], ["Facebook", "900"]])
    table, = read_foreign(path)
    part = TableMapping("results", columns={"action_id": "Plateforme"}, measures=[Measure("cout", "Dépense")],
                        period_value="2026-03")
    mapping = Mapping([part], value_maps={"Plateforme": {"facebook": "A1"}})
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="cout") == {("A1", "cout", "2026-03"): 900}
    part.period_value = "bientôt"
    assert "Période du fichier « bientôt » illisible" in messages(apply(table, mapping, store.context(), actions))[0]


def test_the_header_row_and_a_rejected_sheet_can_be_chosen(tmp_path):
    path = tmp_path / "classeur.xlsx"
    book = openpyxl.Workbook()
    setting = book.active
    setting.title = "Setting"
    setting.append(["Année", 2026])
    data = book.create_sheet("Données")
    data.append(["Notes : chiffres provisoires", "à valider", "par la direction"])  # the guess takes this row
    data.append(["Canal", "Mois", "Dépense"])
    data.append(["Facebook", "janv.", 100])
    book.save(path)
    guessed, rejected = read_foreign(path)
    assert (guessed.sheet_name, guessed.header_row, guessed.guessed) == ("Données", 0, True)
    assert (rejected.sheet_name, rejected.guessed, rejected.names) == ("Setting", False, ["Année", "2026"])
    table = reread(guessed, 1)  # « Ligne des en-têtes » 2, as Excel shows it
    assert (table.names, table.rows.tolist(), table.column("Dépense")) == (["Canal", "Mois", "Dépense"], [3], [100])
    again, _ = read_foreign(path, header_rows={"Données": 1})
    assert again.names == table.names and again.signature == table.signature


def test_layout_choices_are_saved_and_old_saved_mappings_still_load():
    old = ('{"format": 1, "ignore_unmapped": false, "name": "Ancien", "signature": "a|b", "value_maps": {}, '
           '"tables": [{"table": "results", "columns": {"period": "Date"}, "measures": '
           '[{"metric": "cout", "column": "Dépense", "how": "sum"}], "month_columns": [], "metric": null, '
           '"action_id": null, "row_filter": {}}]}')
    part, = Mapping.from_json(old).tables
    assert (part.fill_down, part.period_value, part.blocks) == ([], None, [])
    part.fill_down, part.period_value, part.blocks, part.columns["year"] = ["Canal"], "T1 2026", ["2026"], "Année"
    again, = Mapping.from_json(Mapping(tables=[part]).to_json()).tables
    assert again == part
