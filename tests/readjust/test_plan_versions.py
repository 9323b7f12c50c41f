"""Plan versions through the store and the KPI engine: saving version 2 from a review's decisions, the KPIs then
reading it while version 1 still answers « vs plan initial », two versions compared, and undoing the save."""

import datetime

import pandas as pd
import pytest

from pac_core.kpi.objectives import objectives
from pac_core.kpi.scope import Scope
from pac_core.kpi.strategic import strategic_objectives
from pac_core.readjust.draft import Draft, changed_actions, decision_log, project, target_changes
from pac_core.readjust.figures import remaining_targets, review_figures
from pac_core.readjust.versions import compare_versions, plan_versions, version_budgets
from pac_core.store import Store, StoreError
from tests.builders import ACTION_HEADERS, action_row, plan_workbook, workbook
from tests.test_store import assert_current_tables_match_history, do_import

MARCH, APRIL = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)
MONTHS = ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026"]


@pytest.fixture
def store(tmp_path):
    # A1 (Salon): 10 contacts a month from January to June, budget 1 000 €; 8 contacts a month done in Q1 for
    # 400 € → pace 24 / 30 = 0,8, forecast 24 + 30 × 0,8 = 48, cost per contact 400 / 24 = 16,67 €.
    # A2 (Emailing): same targets, 500 € spent in Q1 for no contact.
    with Store(tmp_path / "pac.duckdb") as opened:
        do_import(opened, workbook(tmp_path / "plan.xlsx", {
            "Actions": [ACTION_HEADERS, action_row("A1", budget=1000),
                        action_row("A2", budget=1000, channel="Emailing")],
            "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"],
                          *[[a, "contacts", m, 10] for a in ("A1", "A2") for m in MONTHS]],
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                        *[["A1", "contacts", m, 8] for m in MONTHS[:3]], ["A1", "coût", "mars 2026", 400],
                        ["A2", "coût", "mars 2026", 500]],
        }))
        yield opened


def save_renforcer_a1(store, budget=1400.0):
    """The March review: A1 reinforced to `budget`, saved as a new version."""
    scope = Scope(as_of=MARCH)
    figures = review_figures(store, scope)
    remaining = remaining_targets(store, store.current_plan_version(), MARCH)
    draft = Draft(decisions=pd.DataFrame([{"action_id": "A1", "decision": "renforcer", "new_budget": budget,
                                           "comment": "=Le salon marche", "owner": "Direction"}]))
    effect = project(figures, strategic_objectives(store, scope), remaining, draft, MARCH)
    actions = store.query("SELECT action_id, lever, name, channel, kind, segment, owner, start_date, end_date, budget, "
                          "status, objective_ids FROM main.actions")
    version, import_id = store.save_plan_version(
        label="Revue T1", note="", revised_from=APRIL, decided_on=datetime.date(2026, 4, 3),
        target_changes=target_changes(effect, remaining), actions=changed_actions(effect, actions, draft, MARCH),
        decisions=decision_log(effect, draft), user="test")
    return effect, version, import_id


def forecast_of(frame, action_id="A1"):
    return frame.set_index("action_id").loc[action_id]


def test_saving_makes_version_2_that_the_kpis_use_and_version_1_stays(store):
    effect, version, import_id = save_renforcer_a1(store)
    assert (version, import_id) == (2, 2) and store.current_plan_version() == 2
    assert_current_tables_match_history(store)
    # 400 € more → remaining target 30 + 400 / (16,67 × 0,8) = 60 (20 a month from April to June, as phased before)
    months = store.query("SELECT strftime(month, '%m') AS m, value FROM targets WHERE action_id = 'A1' ORDER BY m")
    assert months["value"].tolist() == [10, 10, 10, 20, 20, 20]
    now = forecast_of(objectives(store, Scope(as_of=MARCH)))
    projected = forecast_of(effect.actions)
    assert now["target_year"] == 90 and now["forecast"] == pytest.approx(72)  # 24 + 60 × 0,8
    assert now["forecast"] == pytest.approx(projected["forecast_after"])  # the screens show what was projected
    initial = forecast_of(objectives(store, Scope(as_of=MARCH, plan_version=1)))
    assert initial["target_year"] == 60 and initial["forecast"] == pytest.approx(48)  # « vs plan initial »
    assert store.scalar("SELECT budget FROM actions WHERE action_id = 'A1'") == 1400
    assert version_budgets(store, 1).set_index("action_id").at["A1", "budget"] == 1000
    decisions = store.query("SELECT action_id, decision, comment, plan_version FROM decisions")
    assert decisions.values.tolist() == [["A1", "renforcer", "=Le salon marche", 2]]


def test_the_new_targets_change_pace_and_forecast_later_in_the_year(store, tmp_path):
    save_renforcer_a1(store)
    do_import(store, plan_workbook(tmp_path / "avril.xlsx", actions=(), results=[("A1", "contacts", "avr. 2026", 16)]))
    # April: 24 + 16 = 40 done. Version 2: 30 + 20 = 50 to date → pace 0,8; forecast 40 + 40 × 0,8 = 72.
    # Version 1: 30 + 10 = 40 to date → pace 1,0; forecast 40 + 20 × 1,0 = 60.
    revised = forecast_of(objectives(store, Scope(as_of=APRIL)))
    initial = forecast_of(objectives(store, Scope(as_of=APRIL, plan_version=1)))
    assert (revised["pace"], revised["forecast"], revised["status"]) == (pytest.approx(0.8), pytest.approx(72), "watch")
    assert (initial["pace"], initial["forecast"], initial["status"]) == (pytest.approx(1.0), pytest.approx(60),
                                                                         "on_track")


def test_two_versions_compared_side_by_side(store):
    save_renforcer_a1(store)
    compared = compare_versions(store, 1, 2, Scope(as_of=MARCH)).set_index("action_id")
    assert compared.loc["A1", ["target_1", "target_2", "forecast_1", "forecast_2", "budget_1", "budget_2"]].tolist() == \
        pytest.approx([60, 90, 48, 72, 1000, 1400])
    assert compared.loc["A2", ["target_1", "target_2", "budget_1", "budget_2"]].tolist() == [60, 60, 1000, 1000]
    assert plan_versions(store)["label"].tolist() == ["Plan initial", "Revue T1"]


def test_undoing_the_save_brings_version_1_back_exactly(store):
    before = objectives(store, Scope(as_of=MARCH))
    save_renforcer_a1(store)
    store.undo(2, user="test")
    assert_current_tables_match_history(store)
    assert store.current_plan_version() == 1 and plan_versions(store)["version"].tolist() == [1]
    assert store.query("SELECT count(*) AS n FROM decisions")["n"].iloc[0] == 0
    assert store.scalar("SELECT budget FROM actions WHERE action_id = 'A1'") == 1000
    pd.testing.assert_frame_equal(objectives(store, Scope(as_of=MARCH)), before)
    _, version, _ = save_renforcer_a1(store, 1200.0)
    assert version == 3  # an undone version keeps its number: the history never reuses one
    assert_current_tables_match_history(store)


def test_a_version_cannot_be_undone_under_imports_made_on_it(store, tmp_path):
    save_renforcer_a1(store)
    later = do_import(store, plan_workbook(tmp_path / "avril.xlsx", actions=(),
                                           results=[("A1", "contacts", "avr. 2026", 16)])).import_id
    with pytest.raises(StoreError, match=f"imports n° {later} : annulez-les d'abord"):
        store.undo(2, user="test")
    store.undo(later, user="test")
    store.undo(2, user="test")
    assert store.current_plan_version() == 1
    assert_current_tables_match_history(store)
