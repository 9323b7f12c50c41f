"""The quarter in brief and a single decision's effect, on a hand-built review: figures worked out by hand."""

import datetime

import pandas as pd
import pytest

from pac_core.readjust.brief import quarter_brief
from pac_core.readjust.draft import one_decision_effect, same_month_targets
from pac_core.readjust.suggest import starting_budget, worst_status

# Three actions. A1 on track on both indicators; A2 on track in contacts but off track in revenue (its worst);
# A3 watch; A4 not started (no status). Budgets 1 000 + 2 000 + 500 + 800 = 4 300 €; spent 400 + 2 300 + 100 + 0
# = 2 800 €; left 4 300 − 2 800 = 1 500 €; A2 is 300 € over its budget.
FIGURES = pd.DataFrame([
    {"action_id": "A1", "name": "Salon", "metric": "contacts", "status": "on_track", "planned": 1000.0, "spent": 400.0},
    {"action_id": "A1", "name": "Salon", "metric": "ca", "status": "on_track", "planned": 1000.0, "spent": 400.0},
    {"action_id": "A2", "name": "Phoning", "metric": "contacts", "status": "on_track", "planned": 2000.0,
     "spent": 2300.0},
    {"action_id": "A2", "name": "Phoning", "metric": "ca", "status": "off_track", "planned": 2000.0, "spent": 2300.0},
    {"action_id": "A3", "name": "Emailing", "metric": "contacts", "status": "watch", "planned": 500.0, "spent": 100.0},
    {"action_id": "A4", "name": "Salon 2", "metric": "contacts", "status": None, "planned": 800.0, "spent": None},
])


def test_each_action_counts_once_by_its_worst_indicator():
    assert worst_status(FIGURES) == {"A1": "on_track", "A2": "off_track", "A3": "watch"}
    brief = quarter_brief(FIGURES)
    assert brief.on_track == [("A1", "Salon")]
    assert brief.off_track == [("A2", "Phoning")]
    assert brief.watch == [("A3", "Emailing")]
    assert brief.unrated == [("A4", "Salon 2")]


def test_money_left_is_the_plan_less_what_is_spent_and_overspending_is_named():
    brief = quarter_brief(FIGURES)
    assert (brief.planned, brief.spent, brief.left) == (4300.0, 2800.0, 1500.0)
    assert brief.overspent == [("A2", 300.0)]


@pytest.mark.parametrize("decision, expected", [
    ("arrêter", 400.0),  # what is spent
    ("réduire", 700.0),  # 1 000 − (1 000 − 400) / 2
    ("renforcer", 1200.0),  # +20 %, to the hundred euros
    ("maintenir", 1000.0),
])
def test_a_suggestion_taken_starts_from_a_budget_worked_out_from_the_plan(decision, expected):
    assert starting_budget(1000.0, 400.0, decision) == expected


def test_reducing_never_goes_under_what_is_spent():
    assert starting_budget(1000.0, 1200.0, "réduire") == 1200.0
    assert starting_budget(float("nan"), None, "réduire") == 0.0


def test_one_decision_alone_moves_only_its_action():
    # As tests/readjust/test_projection.py: A1 Salon, 24 contacts for 400 € (16,67 € each), 30 contacts left at
    # pace 0,8; 600 € more (budget 1 600 €) → 600 / (400 / 24) = 36 contacts more; OS1 served by A1 alone.
    figures = pd.DataFrame([
        {"action_id": "A1", "name": "Salon 1", "channel": "Salon", "lever": "Salons", "metric": "contacts",
         "metric_label": "Contacts", "unit": "nombre",
         "aggregation": "sum", "actual_to_date": 24.0, "target_to_date": 30.0, "pace": 0.8, "target_remaining": 30.0,
         "forecast": 48.0, "planned": 1000.0, "spent": 400.0, "objective_ids": "OS1", "start_date": None,
         "end_date": None},
        {"action_id": "A2", "name": "Emailing", "channel": "Emailing", "lever": "Digital", "metric": "contacts",
         "metric_label": "Contacts", "unit": "nombre",
         "aggregation": "sum", "actual_to_date": 0.0, "target_to_date": 30.0, "pace": 0.0, "target_remaining": 30.0,
         "forecast": 0.0, "planned": 1000.0, "spent": 500.0, "objective_ids": "OS2", "start_date": None,
         "end_date": None},
    ])
    from pac_core.readjust.projection import observed_costs

    figures = observed_costs(figures)
    strategic = pd.DataFrame([{"objective_id": "OS1", "label": "Contacts", "metric": "contacts", "aggregation": "sum",
                               "target": 100.0, "forecast": 48.0, "baseline": None}])
    remaining = pd.DataFrame(columns=["action_id", "metric", "month", "value"])
    effect = one_decision_effect(figures, strategic, remaining, "A1", "renforcer", 1600.0, datetime.date(2026, 3, 1))
    assert (effect.budget_before, effect.budget_after) == (2000.0, 2600.0)
    moved = effect.actions.set_index("action_id")["forecast_change"]
    assert moved["A1"] == pytest.approx(36.0) and moved["A2"] == 0
    assert effect.objectives.iloc[0]["forecast_after"] == pytest.approx(84.0)


def test_a_grid_typed_again_is_no_change():
    one = pd.DataFrame([{"action_id": "A", "metric": "ca", "month": datetime.date(2026, 11, 1), "value": 1.0},
                        {"action_id": "B", "metric": "ca", "month": datetime.date(2026, 12, 1), "value": 2.0}])
    assert same_month_targets(one, one.iloc[::-1])
    assert not same_month_targets(one, one.assign(value=[1.0, 3.0]))
