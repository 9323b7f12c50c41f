"""The objective grid: its running columns equal their SQL definition, and it follows every change of the data."""

import datetime

import pandas as pd
import pyarrow as pa
import pytest

from pac_core.demo_loader import load_demo
from pac_core.kpi import objective_grid
from pac_core.kpi.objectives import objectives
from pac_core.kpi.scope import Scope
from pac_core.store import Store, arrow_result
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.kpi.test_objectives import plan, row
from tests.test_store import do_import

MAY = datetime.date(2026, 5, 1)


def sorted_by_key(table: pa.Table) -> pa.Table:
    return table.sort_by([("action_id", "ascending"), ("metric", "ascending"), ("year", "ascending")])


def sql_grid(store: Store, version: int) -> pa.Table:
    """The grid as RUNNING_SQL defines it, computed by DuckDB."""
    cursor = store.cursor()
    cursor.execute(objective_grid.DEFINITION_SQL, {"version": version})
    return arrow_result(cursor)


def assert_same_grid(store: Store, version: int) -> None:
    grid = objective_grid.objective_grid(store, version)
    assert grid.column("grid_row").to_pylist() == list(range(grid.num_rows))
    ours, theirs = grid.drop_columns("grid_row"), sql_grid(store, version)  # both in the order of the definition
    assert ours.column_names == theirs.column_names and ours.num_rows == theirs.num_rows > 0
    for name in ours.column_names:  # exact: the same floats, the same NULLs
        assert ours.column(name).to_pylist() == theirs.column(name).to_pylist(), name


def test_the_grid_is_in_the_order_of_the_objectives_with_their_descriptions(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        grid = objective_grid.objective_grid(store, store.current_plan_version()).to_pandas()
        this_year = grid[grid["year"] == grid["year"].max()]
        frame = objectives(store)
        keys = frame[["action_id", "metric"]].merge(this_year, on=["action_id", "metric"], how="left")
        assert keys["grid_row"].notna().all()
        ordered = frame.sort_values(["action_id", "family", "metric"], ascending=[True, False, True])
        assert ordered.index.tolist() == list(range(len(frame)))  # action, family of indicators descending, indicator
        assert keys["name"].tolist() == frame["name"].tolist()
        assert keys["metric_label"].tolist() == frame["metric_label"].tolist()


def test_the_running_columns_are_their_sql_definition_on_the_demo(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        assert_same_grid(store, store.current_plan_version())


def test_the_running_columns_with_gaps_negatives_stocks_and_company_wide_figures(tmp_path):
    # Gaps (no February target, no March result), a negative correction (of a cost: a count is never negative),
    # a stock, a result without target, and a company-wide figure (no action), which belongs to no objective.
    targets = [("A1", "cout", "janv. 2026", 10), ("A1", "cout", "mars 2026", 0.1),
               ("A1", "cout", "avr. 2026", 0.2), ("A1", "clients actifs", "juin 2026", 120)]
    results = [("A1", "cout", "janv. 2026", 12.5), ("A1", "cout", "févr. 2026", -2),
               ("A1", "cout", "avr. 2026", 0.3), ("A2", "rdv", "mai 2026", 4),
               ("A1", "clients actifs", "mai 2026", 100), ("", "ca", "mai 2026", 5000)]
    with plan(tmp_path, targets, results) as store:
        assert_same_grid(store, store.current_plan_version())
        grid = objective_grid.objective_grid(store, store.current_plan_version())
        assert None not in grid.column("action_id").to_pylist()  # the company-wide figure is left out
        cost = {(r["action_id"], r["metric"]): r for r in grid.to_pylist()}[("A1", "cout")]
        assert (cost["tc01"], cost["tc02"], cost["tc04"]) == (10, 10, 10 + 0.1 + 0.2)
        assert (cost["rc02"], cost["rc03"], cost["rl03"], cost["rm03"]) == (10.5, 10.5, -2, 2)


def test_the_objectives_follow_an_import_an_undo_and_a_new_plan_version(tmp_path):
    # One store, kept open as the app keeps it: the grid it keeps must never show the data before a write.
    with plan(tmp_path, [("A1", "contacts", "mai 2026", 40)], [("A1", "contacts", "mai 2026", 20)]) as store:
        assert row(objectives(store, Scope(as_of=MAY)), "A1", "contacts")["actual_to_date"] == 20
        do_import(store, workbook(tmp_path / "mai.xlsx", {
            "Actions": [ACTION_HEADERS, action_row("A1")],
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], ["A1", "contacts", "mai 2026", 30]]}))
        assert row(objectives(store, Scope(as_of=MAY)), "A1", "contacts")["actual_to_date"] == 30
        store.undo(store.scalar("SELECT max(import_id) FROM history.imports"), user="test")
        assert row(objectives(store, Scope(as_of=MAY)), "A1", "contacts")["actual_to_date"] == 20
        version, _ = store.save_plan_version(
            label="T2", note="", revised_from=MAY, decided_on=MAY,
            target_changes=pd.DataFrame({"action_id": ["A1"], "metric": ["contacts"], "month": [MAY], "value": [25.0]}),
            actions=pd.DataFrame(), decisions=pd.DataFrame(columns=["action_id", "decision", "comment", "owner",
                                                                     "new_budget"]))
        revised = row(objectives(store, Scope(as_of=MAY, plan_version=version)), "A1", "contacts")
        adopted = row(objectives(store, Scope(as_of=MAY, plan_version=1)), "A1", "contacts")
        assert (revised["target_to_date"], adopted["target_to_date"]) == (25, 40)
        assert revised["pace"] == pytest.approx(20 / 25) and adopted["pace"] == pytest.approx(20 / 40)


def test_the_figures_of_an_action_whose_import_was_undone_are_no_objective(tmp_path):
    # A3 came with its own file, its May result with another; undoing the first leaves a result of an action the
    # plan no longer has. The grid leaves it out (objectives.sql filters the grid's own copy of the actions).
    with plan(tmp_path, [("A1", "contacts", "mai 2026", 40)], [("A1", "contacts", "mai 2026", 20)]) as store:
        do_import(store, workbook(tmp_path / "a3.xlsx", {"Actions": [ACTION_HEADERS, action_row("A3")]}))
        added = store.scalar("SELECT max(import_id) FROM history.imports")
        do_import(store, workbook(tmp_path / "r3.xlsx", {
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], ["A3", "contacts", "mai 2026", 7]]}))
        assert row(objectives(store, Scope(as_of=MAY)), "A3", "contacts")["actual_to_date"] == 7
        store.undo(added, user="test")
        assert store.scalar("SELECT count(*) FROM main.results WHERE action_id = 'A3'") == 1
        assert "A3" not in set(objectives(store, Scope(as_of=MAY))["action_id"])
        assert "A3" not in objective_grid.objective_grid(store, store.current_plan_version()).column(
            "action_id").to_pylist()
        assert_same_grid(store, store.current_plan_version())
