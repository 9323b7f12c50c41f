"""Strategic objectives: current value, progress, forecast and status, worked out by hand."""

import datetime

import pytest

from pac_core.kpi.scope import Filters, Scope
from pac_core.kpi.strategic import strategic_objectives
from pac_core.store import Store
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.test_store import do_import

MAR = datetime.date(2026, 3, 1)


@pytest.fixture
def store(tmp_path):
    actions = [action_row("A1"), action_row("A2"), action_row("A3")]
    actions[0][-1], actions[1][-1] = "OS2", "OS2; OS1"
    with Store(tmp_path / "pac.duckdb") as opened:
        do_import(opened, workbook(tmp_path / "plan.xlsx", {
            "Objectifs stratégiques": [["ID", "Objectif", "Indicateur", "Référence", "Cible", "Échéance"],
                                       ["OS1", "+20 % de clients actifs", "clients actifs", 100, 120, "31/12/2026"],
                                       ["OS2", "+50 000 € de CA", "CA", 0, 50_000, "31/12/2026"]],
            "Actions": [ACTION_HEADERS, *actions],
            "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"],
                          ["A1", "CA", "2026", 24_000], ["A2", "CA", "2026", 12_000], ["A3", "CA", "2026", 99_000]],
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                        ["A1", "CA", "T1 2026", 6_000], ["A2", "CA", "mars 2026", 3_000], ["A3", "CA", "mars 2026", 7],
                        [None, "Clients actifs", "janv. 2026", 101],
                        [None, "Clients actifs", "févr. 2026", 104], [None, "Clients actifs", "mars 2026", 104]],
        }))
        yield opened


def test_a_flow_objective_from_the_actions_that_serve_it(store):
    # OS2 is served by A1 and A2 (not A3). A1: 6 000 of 6 000 to date (2 000 a month) → pace 1,
    # forecast 24 000; A2: 3 000 of 3 000 → forecast 12 000. Current 9 000, forecast 36 000.
    # Progress 9 000 / 50 000 = 18 %; forecast progress 36 000 / 50 000 = 72 % → off track.
    os2 = strategic_objectives(store, Scope(as_of=MAR)).set_index("objective_id").loc["OS2"]
    assert os2["actions"] == ["A1", "A2"]
    assert (os2["current"], os2["forecast"], os2["source"]) == (9_000, pytest.approx(36_000), "actions")
    assert os2["progress"] == pytest.approx(0.18) and os2["forecast_progress"] == pytest.approx(0.72)
    assert os2["status"] == "off_track"


def test_a_stock_objective_takes_the_latest_company_figure_and_its_trend(store):
    # Clients actifs: January 101, February 104, March 104.
    # Current 104 (March, not a sum); changes in February and March +3 and 0 → mean 1,5 a month
    # (January has no earlier month in the year); 9 months to December → forecast 104 + 13,5 = 117,5.
    # Progress (104 − 100) / 20 = 20 %; forecast (117,5 − 100) / 20 = 87,5 % → watch.
    os1 = strategic_objectives(store, Scope(as_of=MAR)).set_index("objective_id").loc["OS1"]
    assert (os1["current"], os1["source"]) == (104, "entreprise")
    assert os1["forecast"] == pytest.approx(117.5)
    assert os1["progress"] == pytest.approx(0.2) and os1["status"] == "watch"


def test_filters_do_not_change_the_company_goals(store):
    filtered = strategic_objectives(store, Scope(as_of=MAR, filters=Filters(action_id=("A3",))))
    assert filtered.set_index("objective_id").loc["OS2", "current"] == 9_000
