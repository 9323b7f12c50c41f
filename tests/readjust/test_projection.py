"""The projection arithmetic on a hand-built review: figures worked out by hand in each test."""

import datetime

import pandas as pd
import pytest

from pac_core.readjust.projection import (objectives_after, observed_costs, project_actions, serving_actions,
                                          spread)

# As of March. Contacts (a flow), 10 a month from January to June for A1 and A2, 20 in May for A3.
#   A1 Salon     budget 1 000, spent 400, actual 8+8+8 = 24 of 30 → pace 0,8; remaining 30; forecast 24 + 30 × 0,8 = 48;
#                cost per contact 400 / 24 = 16,67 €
#   A2 Emailing  budget 1 000, spent 500, actual 0 of 30 → pace 0; remaining 30; forecast 0 (no cost per contact)
#   A3 Salon     budget 500, nothing spent or done (starts in April); remaining 20; forecast 20 (pace 1, plan kept);
#                cost per contact borrowed from its channel, Salon: A1's 16,67 €
FIGURES = pd.DataFrame([
    {"action_id": "A1", "name": "Salon 1", "channel": "Salon", "lever": "Salons", "metric": "contacts",
     "aggregation": "sum", "actual_to_date": 24.0, "target_to_date": 30.0, "pace": 0.8, "target_remaining": 30.0,
     "forecast": 48.0, "planned": 1000.0, "spent": 400.0, "objective_ids": "OS1"},
    {"action_id": "A2", "name": "Emailing", "channel": "Emailing", "lever": "Digital", "metric": "contacts",
     "aggregation": "sum", "actual_to_date": 0.0, "target_to_date": 30.0, "pace": 0.0, "target_remaining": 30.0,
     "forecast": 0.0, "planned": 1000.0, "spent": 500.0, "objective_ids": ""},
    {"action_id": "A3", "name": "Salon 2", "channel": "Salon", "lever": "Salons", "metric": "contacts",
     "aggregation": "sum", "actual_to_date": None, "target_to_date": None, "pace": None, "target_remaining": 20.0,
     "forecast": 20.0, "planned": 500.0, "spent": 0.0, "objective_ids": "OS1"},
])


def decisions(*rows):
    return pd.DataFrame(rows, columns=["action_id", "decision", "new_budget"])


def by_action(frame):
    return frame.set_index("action_id")


def test_cost_per_result_is_the_actions_own_else_its_channels():
    costs = by_action(observed_costs(FIGURES))
    assert costs.at["A1", "cost_per_result"] == pytest.approx(400 / 24) and costs.at["A1", "cost_basis"] == "action"
    assert costs.at["A3", "cost_per_result"] == pytest.approx(400 / 24) and costs.at["A3", "cost_basis"] == "canal"
    assert pd.isna(costs.at["A2", "cost_per_result"])  # 500 € for no contact: no finite cost per contact


def test_budget_added_brings_what_it_buys_at_the_observed_cost_per_result():
    # A1 1 000 → 1 400 €: 400 € more to spend. Targets: 30 + 400 / (16,67 × 0,8) = 30 + 30 = 60.
    # Forecast: 24 + 60 × 0,8 = 72 = 48 + 400 / 16,67 (24 contacts more).
    effect = by_action(project_actions(observed_costs(FIGURES), decisions(("A1", "renforcer", 1400.0))))
    assert effect.at["A1", "remaining_after"] == 60
    assert effect.at["A1", "forecast_after"] == pytest.approx(72)
    assert effect.at["A1", "forecast_change"] == pytest.approx(24)
    assert effect.at["A2", "forecast_change"] == 0 and effect.at["A3", "forecast_change"] == 0  # maintained


def test_budget_moved_to_an_action_without_results_uses_its_channel():
    # A3 500 → 800 €: 300 / 16,67 = 18 contacts more at the Salon channel's cost, pace 1: 20 + 18 = 38.
    effect = by_action(project_actions(observed_costs(FIGURES), decisions(("A3", "renforcer", 800.0))))
    assert effect.at["A3", "remaining_after"] == 38 and effect.at["A3", "forecast_after"] == 38


def test_an_action_that_spent_without_result_scales_with_its_remaining_budget():
    # A2 1 000 → 750 €: 250 € left instead of 500 → remaining target 30 × 250 / 500 = 15; forecast 0 + 15 × 0 = 0.
    effect = by_action(project_actions(observed_costs(FIGURES), decisions(("A2", "réduire", 750.0))))
    assert effect.at["A2", "remaining_after"] == 15 and effect.at["A2", "forecast_after"] == 0


def test_stopping_keeps_what_is_done_and_spent():
    # A1 stopped: no target left, budget = the 400 € spent, forecast = the 24 contacts done.
    effect = by_action(project_actions(observed_costs(FIGURES), decisions(("A1", "arrêter", 1000.0))))
    assert (effect.at["A1", "remaining_after"], effect.at["A1", "budget_after"]) == (0, 400)
    assert effect.at["A1", "forecast_after"] == 24 and effect.at["A1", "forecast_change"] == -24


def test_a_budget_never_goes_below_what_is_spent():
    effect = by_action(project_actions(observed_costs(FIGURES), decisions(("A1", "réduire", 100.0))))
    assert effect.at["A1", "budget_after"] == 400  # 400 € already spent
    assert effect.at["A1", "remaining_after"] == 0  # 30 − 600 / 13,33 = −15 → no target below 0


def test_a_strategic_objective_moves_by_the_changes_of_the_actions_serving_it():
    # OS1 (contacts, served by A1 and A3): forecast 68 = 48 + 20. Move 300 € from A2 to A3 and add 400 € to A1:
    # A1 +24, A3 +18, A2 (does not serve OS1) changes nothing → 68 + 42 = 110 of a target of 200 (55 %).
    effect = project_actions(observed_costs(FIGURES), decisions(("A1", "renforcer", 1400.0), ("A2", "réduire", 700.0),
                                                                ("A3", "renforcer", 800.0)))
    strategic = pd.DataFrame([{"objective_id": "OS1", "label": "Contacts", "metric": "contacts", "aggregation": "sum",
                               "baseline": 0.0, "target": 200.0, "forecast": 68.0}])
    serving = serving_actions(FIGURES.drop_duplicates("action_id"), ["OS1"])
    assert serving == {"OS1": ["A1", "A3"]}
    after = objectives_after(strategic, effect, serving).iloc[0]
    assert after["forecast_after"] == pytest.approx(110) and after["progress_after"] == pytest.approx(0.55)


def test_a_whole_target_is_spread_in_whole_months_like_the_old_phasing():
    months = [datetime.date(2026, m, 1) for m in (4, 5, 6)]
    # 10 over months phased 1:2:2 → 2, 4, 4; 10 evenly over 3 months → 4, 3, 3 (the remainder goes first)
    assert list(spread(10, months, {months[0]: 1, months[1]: 2, months[2]: 2}).values()) == [2, 4, 4]
    assert sorted(spread(10, months).values()) == [3, 3, 4] and sum(spread(10, months).values()) == 10
