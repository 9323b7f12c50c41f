"""Last years' figures kept as history (issue 19, part 1): a result of an earlier year is imported, never refused,
and never changes this year's plan; a company holds several years; undo, export and round trip work the same."""

import datetime

import pytest

from pac_core.export import export_workbook
from pac_core.import_preview import preview_import
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, workbook

D = datetime.date
RESULTS = ["ID action", "Indicateur", "Période", "Réalisé"]
TARGETS = ["ID action", "Indicateur", "Période", "Objectif"]


def imported(store: Store, path):
    validation = validate_files([path], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    store.import_batch(validation.batch, user="test")
    return validation


def figures(store: Store, table: str = "results") -> dict:
    rows = store.query(f"SELECT action_id, metric, strftime(month, '%Y-%m') AS month, value FROM main.{table}")
    return {(row.action_id, row.metric, row.month): row.value for row in rows.itertuples(index=False)}


@pytest.fixture
def plan_2026(tmp_path):
    """A 2026 plan: A1 (salon, 1 000 €) with a CA objective of 5 000 € in March and 2 000 € sold in March."""
    store = Store(tmp_path / "pac.duckdb")
    imported(store, workbook(tmp_path / "plan-2026.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1", "Salon 2026")],
        "Objectifs": [TARGETS, ["A1", "CA", "mars 2026", 5000]],
        "Réalisé": [RESULTS, ["A1", "CA", "mars 2026", 2000]]}))
    yield store
    store.close()


def test_last_year_s_results_are_imported_as_history_and_the_preview_says_so(plan_2026, tmp_path):
    path = workbook(tmp_path / "realise-2025.xlsx", {
        "Réalisé": [RESULTS, ["A1", "CA", "mars 2025", 1500], ["A1", "CA", "avril 2025", 700],
                    ["A1", "Contacts", "mars 2024", 30]]})
    validation = validate_files([path], plan_2026.context())
    assert validation.ok and not validation.warnings  # a file of past years only: nothing to suspect
    assert preview_import(plan_2026, validation.batch).history == "3 chiffres de 2024 et 2025 (historique)"
    plan_2026.import_batch(validation.batch, user="test")
    assert figures(plan_2026) == {("A1", "ca", "2026-03"): 2000, ("A1", "ca", "2025-03"): 1500,
                                  ("A1", "ca", "2025-04"): 700, ("A1", "contacts", "2024-03"): 30}
    assert plan_2026.context().plan_year == 2026  # history never moves the plan's year


def test_a_figure_after_the_plan_year_is_still_refused(plan_2026, tmp_path):
    path = workbook(tmp_path / "r.xlsx", {"Réalisé": [RESULTS, ["A1", "CA", "janv. 2027", 10]]})
    error, = validate_files([path], plan_2026.context()).errors
    assert (error.row, error.value) == (2, "01/2027")
    assert error.message.startswith("Période après l'année du plan (2026)")


def test_a_past_year_mixed_into_this_year_s_file_is_imported_but_said_as_a_possible_typo(plan_2026, tmp_path):
    path = workbook(tmp_path / "r.xlsx", {"Réalisé": [RESULTS, ["A1", "CA", "avril 2026", 900],
                                                       ["A1", "CA", "mai 2025", 800]]})
    validation = validate_files([path], plan_2026.context())
    warning, = validation.warnings
    assert (warning.row, warning.value) == (3, "05/2025")
    assert warning.message.startswith("1 chiffre de 2025 dans un fichier de 2026 : il sera importé comme historique")


def test_a_history_file_with_its_own_plan_keeps_this_year_s_actions_and_adds_the_stopped_ones(plan_2026, tmp_path):
    path = workbook(tmp_path / "plan-2025.xlsx", {
        "Actions": [ACTION_HEADERS,
                    action_row("A1", "Salon 2025", budget=800, start=D(2025, 1, 1), end=D(2025, 12, 31)),
                    action_row("OLD", "Mailing 2025", budget=300, start=D(2025, 1, 1), end=D(2025, 6, 30),
                               channel="Emailing")],
        "Objectifs": [TARGETS, ["A1", "CA", "mars 2025", 4000], ["OLD", "Contacts", "févr. 2025", 50]],
        "Réalisé": [RESULTS, ["A1", "CA", "mars 2025", 1500], ["OLD", "Contacts", "févr. 2025", 12]]})
    validation = imported(plan_2026, path)
    kept, = [w for w in validation.warnings if "déjà au plan" in w.message]
    assert kept.message.startswith("1 action déjà au plan d'une année plus récente (A1)")
    actions = plan_2026.query("SELECT action_id, name, budget, start_date FROM main.actions ORDER BY action_id")
    assert actions.values.tolist() == [["A1", "Salon 2026", 1000.0, pd_day(2026, 1, 1)],
                                       ["OLD", "Mailing 2025", 300.0, pd_day(2025, 1, 1)]]
    assert figures(plan_2026, "targets") == {("A1", "ca", "2026-03"): 5000, ("A1", "ca", "2025-03"): 4000,
                                             ("OLD", "contacts", "2025-02"): 50}
    assert plan_2026.context().plan_year == 2026


def pd_day(year, month, day):
    import pandas as pd
    return pd.Timestamp(year, month, day)


def test_a_history_figure_of_an_action_no_year_knows_is_refused_naming_the_fix(plan_2026, tmp_path):
    """Decided: refused, not imported under an unnamed action — its figures would count in no comparison and no
    bilan. The message says to add the action (with its year's dates) to an Actions sheet."""
    path = workbook(tmp_path / "r.xlsx", {"Réalisé": [RESULTS, ["ZZ9", "CA", "mars 2025", 10]]})
    error, = validate_files([path], plan_2026.context()).errors
    assert error.value == "ZZ9" and "Ajoutez-la dans la feuille Actions" in error.message


def test_three_years_held_each_undone_alone_and_exported_and_read_back_the_same(tmp_path):
    store = Store(tmp_path / "pac.duckdb")
    for year, sold in ((2024, 1000), (2025, 1100), (2026, 1300)):
        imported(store, workbook(tmp_path / f"plan-{year}.xlsx", {
            "Actions": [ACTION_HEADERS, action_row("A1", f"Salon {year}", start=D(year, 1, 1), end=D(year, 12, 31))],
            "Objectifs": [TARGETS, ["A1", "CA", f"mars {year}", 1200]],
            "Réalisé": [RESULTS, ["A1", "CA", f"mars {year}", sold]]}))
    assert figures(store) == {("A1", "ca", "2024-03"): 1000, ("A1", "ca", "2025-03"): 1100,
                              ("A1", "ca", "2026-03"): 1300}
    assert store.scalar("SELECT name FROM main.actions") == "Salon 2026"  # the newest year's action

    export_workbook(store, tmp_path / "export.xlsx")
    copy = Store(tmp_path / "copie.duckdb")
    imported(copy, tmp_path / "export.xlsx")
    assert figures(copy) == figures(store) and figures(copy, "targets") == figures(store, "targets")
    copy.close()

    store.undo(2)  # the 2025 import alone
    assert figures(store) == {("A1", "ca", "2024-03"): 1000, ("A1", "ca", "2026-03"): 1300}
    store.close()


# -- N against N−1 (issue 19, part 2) ----------------------------------------------------------------------------

@pytest.fixture
def with_last_year(plan_2026, tmp_path):
    """2026: A1 sold 2 000 € in March. 2025 (history): A1 sold 1 500 € in March and 700 € in April; the salon
    channel's cost was 400 € in March 2025."""
    imported(plan_2026, workbook(tmp_path / "realise-2025.xlsx", {
        "Réalisé": [RESULTS, ["A1", "CA", "mars 2025", 1500], ["A1", "CA", "avril 2025", 700],
                    ["A1", "Coût", "mars 2025", 400]]}))
    return plan_2026


def scope_at(month):
    from pac_core.kpi.scope import Scope
    return Scope(as_of=month)


def test_n_minus_1_is_last_year_s_actual_over_the_same_months(with_last_year):
    from pac_core.kpi.objectives import objectives
    from pac_core.kpi.series import series
    march = objectives(with_last_year, scope_at(D(2026, 3, 1))).set_index("metric")
    april = objectives(with_last_year, scope_at(D(2026, 4, 1))).set_index("metric")
    assert march.loc["ca", "previous_year"] == 1500  # March 2025 only
    assert april.loc["ca", "previous_year"] == 1500 + 700  # January to April 2025
    line = series(with_last_year, "ca", scope_at(D(2026, 4, 1))).set_index("month")["previous_cumulative"]
    assert [line[D(2026, m, 1)] for m in (2, 3, 4, 12)] == [0, 1500, 2200, 2200]


def test_the_overview_cards_and_the_json_say_n_minus_1_and_the_change(with_last_year):
    from pac_core.display.overview import headline_cards
    from pac_core.kpi.headline import headline, last_year
    from pac_core.kpi.summary import summary
    scope = scope_at(D(2026, 3, 1))
    before = last_year(with_last_year, scope)
    assert (before.revenue_to_date, before.cost_to_date) == (1500, 400)
    revenue = headline_cards(headline(with_last_year, scope), None, {}, scope, before)[0]
    assert revenue.last_year == "N−1 à fin mars : 1\u202f500\u00a0€ (+33,3\u202f%)"  # 2 000 / 1 500 − 1
    data = summary(with_last_year, scope)
    assert [(a["metric"], a["previous_year"]) for a in data["actions"]] == [("ca", 1500)]
    salon, = data["channels"]
    assert salon["previous_year"] == {"cost": 400, "revenue": 1500}


def test_the_actions_and_channels_tables_gain_n_minus_1_and_evolution_only_with_history(plan_2026, with_last_year):
    from pac_core.display.actions import objective_table
    from pac_core.display.channels import last_year_table
    from pac_core.kpi.objectives import objectives
    from pac_core.kpi.roi import channel_roi
    scope = scope_at(D(2026, 3, 1))
    table = objective_table(objectives(with_last_year, scope))
    assert list(table.columns[6:9]) == ["Réalisé à date", "N−1", "Évolution"]
    assert table[["N−1", "Évolution"]].values.tolist() == [["1\u202f500\u00a0€", "+33,3\u202f%"]]
    now = channel_roi(with_last_year, scope, by="channel")
    before = channel_roi(with_last_year, scope, by="channel", months=(D(2025, 1, 1), D(2025, 3, 1)))
    channels = last_year_table(now, before, "channel")
    assert channels[["CA attribué", "CA N−1", "Évolution du CA", "Coût N−1"]].values.tolist() == [
        ["2\u202f000\u00a0€", "1\u202f500\u00a0€", "+33,3\u202f%", "400\u00a0€"]]
    assert last_year_table(now, before.iloc[:0], "channel") is None  # no history: no comparison


def test_a_stopped_action_s_channel_does_not_show_in_this_year_s_channels(with_last_year, tmp_path):
    imported(with_last_year, workbook(tmp_path / "plan-2025.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("OLD", "Mailing 2025", start=D(2025, 1, 1), end=D(2025, 6, 30),
                                               channel="Emailing")],
        "Réalisé": [RESULTS, ["OLD", "Coût", "mars 2025", 250]]}))
    from pac_core.kpi.roi import channel_roi
    assert channel_roi(with_last_year, scope_at(D(2026, 3, 1)))["channel"].tolist() == ["Salon"]
    last_year = channel_roi(with_last_year, scope_at(D(2026, 3, 1)), months=(D(2025, 1, 1), D(2025, 3, 1)))
    assert sorted(last_year["channel"]) == ["Emailing", "Salon"]


def test_the_kept_grids_equal_their_definition_after_years_imported_in_any_order_and_undone(tmp_path):
    """The store refreshes only the grid rows of the years an import writes (fast for a year of history): the kept
    result and target grids must still equal their views (sql/grids.sql) after every step."""
    store = Store(tmp_path / "pac.duckdb")

    def same_grids():
        for grid in ("result_grid", "target_grid"):
            differing = store.scalar(f"""SELECT count(*) FROM (
                (SELECT * FROM main.{grid} EXCEPT ALL SELECT * FROM history.latest_{grid})
                UNION ALL (SELECT * FROM history.latest_{grid} EXCEPT ALL SELECT * FROM main.{grid}))""")
            assert differing == 0, grid
        assert store.scalar("SELECT count(*) FROM main.result_grid") > 0

    for year, months in ((2026, ("mars", "avril")), (2024, ("mars",)), (2025, ("mars", "mai")), (2026, ("mai",))):
        imported(store, workbook(tmp_path / f"r-{year}-{len(months)}.xlsx", {
            "Actions": [ACTION_HEADERS, action_row("A1", start=D(year, 1, 1), end=D(year, 12, 31))],
            "Objectifs": [TARGETS, *[["A1", "CA", f"{month} {year}", 100 * year % 7 + 1] for month in months]],
            "Réalisé": [RESULTS, *[["A1", "CA", f"{month} {year}", year % 100] for month in months]]}))
        same_grids()
    store.undo(3)
    same_grids()
    store.close()


def test_a_stopped_action_s_budget_is_not_in_this_year_s_budget_and_a_history_file_is_history_only(
        with_last_year, tmp_path):
    from pac_core.import_preview import only_history
    from pac_core.kpi.budget import budget
    path = workbook(tmp_path / "plan-2025.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("OLD", "Mailing 2025", budget=300, start=D(2025, 1, 1),
                                               end=D(2025, 6, 30), channel="Emailing")],
        "Réalisé": [RESULTS, ["OLD", "Coût", "mars 2025", 250]]})
    assert only_history(validate_files([path], with_last_year.context()).batch)
    imported(with_last_year, path)
    this_year = budget(with_last_year, scope_at(D(2026, 3, 1)), by="company")
    assert this_year["planned"].iloc[0] == 1000  # A1's 1 000 €, not OLD's 300 € of 2025
    last_year = budget(with_last_year, scope_at(D(2025, 3, 1)), by="company")
    assert last_year["spent"].iloc[0] == 400 + 250  # A1 and OLD in March 2025
    plan_file = workbook(tmp_path / "r.xlsx", {"Réalisé": [RESULTS, ["A1", "CA", "avril 2026", 1]]})
    assert not only_history(validate_files([plan_file], with_last_year.context()).batch)


def test_a_stopped_action_of_last_year_raises_no_alert_this_year(with_last_year, tmp_path):
    from pac_core.kpi.alerts import alerts
    imported(with_last_year, workbook(tmp_path / "plan-2025.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("OLD", "Mailing 2025", start=D(2025, 1, 1), end=D(2025, 6, 30))],
        "Réalisé": [RESULTS, ["OLD", "Coût", "mars 2025", 250]]}))
    assert "OLD" not in set(alerts(with_last_year, scope_at(D(2026, 3, 1)))["action_id"])
    assert "OLD" in set(alerts(with_last_year, scope_at(D(2025, 3, 1)))["action_id"])  # in its own year: no target
