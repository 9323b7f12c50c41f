"""Figures a plan can hold: each checked against its indicator's unit (issue 17)."""

import datetime

import pytest

from pac_core.kpi.scope import Scope
from pac_core.kpi.summary import summary
from pac_core.kpi.summary_text import summary_text
from pac_core.store import Store
from pac_core.validate import Context, validate_files
from tests.builders import ACTION_HEADERS, action_row, csv_file, workbook

HEADER = "ID action;Indicateur;Période;Réalisé\n"


def results_csv(tmp_path, *lines):
    return csv_file(tmp_path / "realise.csv", HEADER + "".join(f"{line}\n" for line in lines))


def problems(validation, level="errors"):
    return [(issue.row, issue.value, issue.message) for issue in getattr(validation, level)]


@pytest.mark.parametrize("written, refused", [
    ("12,5 %", "se compte en nombre, sans signe %"),
    ("3 €", "se compte en nombre, sans signe €"),
    ("3 EUR", "se compte en nombre, sans signe €"),
    ("(5)", "les parenthèses des comptables"),
    ("2,5", "se compte en nombre entier"),
    ("-4", "ne peut pas être négatif"),
])
def test_a_count_is_a_whole_non_negative_number_without_a_sign(tmp_path, written, refused):
    validation = validate_files([results_csv(tmp_path, f"A1;Rendez-vous;janv. 2026;{written}")])
    ((row, value, message),) = problems(validation)
    assert (row, value) == (2, written) and refused in message and "« Rendez-vous »" in message


def test_a_count_target_spread_over_months_may_be_a_fraction(tmp_path):
    validation = validate_files([csv_file(tmp_path / "objectifs.csv", "ID action;Indicateur;Période;Objectif\n"
                                          "A1;Rendez-vous;janv. 2026;3,33\nA1;Rendez-vous;févr. 2026;3,34 €\n")])
    ((row, value, message),) = [problem for problem in problems(validation) if "Rendez-vous" in problem[2]]
    assert (row, value) == (3, "3,34 €") and "sans signe €" in message


def test_an_amount_in_brackets_is_read_as_negative_and_said(tmp_path):
    validation = validate_files([results_csv(tmp_path, "A1;Coût;janv. 2026;(1 500)", "A1;CA;janv. 2026;12 000 €")],
                                Context(known_actions={"A1"}, plan_year=2026))
    assert validation.ok
    assert problems(validation, "warnings") == [
        (2, "(1 500)", "« (1 500) » : lu comme −1500 (parenthèses des comptables : un montant négatif). Vérifiez-le.")]
    assert sorted(validation.batch.tables["results"]["value"]) == [-1500, 12000]


@pytest.mark.parametrize("written", ["1e308", "1 000 000 000 000 000 €", "1000000000001", "-2e12"])
def test_magnitudes_beyond_a_thousand_billion_are_refused(tmp_path, written):
    ((row, value, message),) = problems(validate_files([results_csv(tmp_path, f"A1;CA;janv. 2026;{written}")]))
    assert (row, value) == (2, written) and "dépasse mille milliards" in message


def test_a_huge_number_typed_in_a_workbook_is_refused_too(tmp_path):
    path = workbook(tmp_path / "r.xlsx", {"Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                                                      ["A1", "CA", "janv. 2026", 1e308]]})
    ((row, value, message),) = problems(validate_files([path]))
    assert row == 2 and "dépasse mille milliards" in message and len(value) < 20


def test_the_largest_accepted_figures_add_up_to_numbers_in_the_summary(tmp_path):
    """A thousand billion in every month of every action: the company's CA is a number, never « — »."""
    actions = [f"A{n}" for n in range(1, 6)]
    months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    rows = [[a, "CA", f"{m} 2026", 10 ** 12] for a in actions for m in months]
    rows += [[a, "Coût", f"{m} 2026", 10 ** 12] for a in actions for m in months]
    path = workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, *(action_row(a, budget=10 ** 12) for a in actions)],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], *rows],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *rows]})
    with Store(tmp_path / "pac.duckdb") as store:
        validation = validate_files([path], store.context())
        assert validation.ok, problems(validation)
        store.import_batch(validation.batch, user="test")
        text = summary_text(summary(store, Scope(as_of=datetime.date(2026, 12, 1))))
    assert "—" not in text.split("\n", 1)[1]  # the title's dash apart, no figure reads « — »
    assert "60 000 000 000 000" in text.replace("\u202f", " ").replace("\u00a0", " ")


def test_an_action_dated_outside_the_plan_year_is_said(tmp_path):
    path = workbook(tmp_path / "plan.xlsx", {"Actions": [
        ACTION_HEADERS, action_row("A1"), action_row("A2"),
        action_row("A3", start=datetime.date(2027, 1, 1), end=datetime.date(2027, 6, 30))]})
    validation = validate_files([path])
    assert validation.ok
    assert problems(validation, "warnings") == [
        (4, "01/01/2027", "Action « A3 » datée hors de l'année du plan (2026) : vérifiez l'année de ses dates, "
                          "ou importez-la avec le plan de son année.")]
