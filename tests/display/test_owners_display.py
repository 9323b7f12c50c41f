"""The Responsables texts, on small frames shaped like the KPI engine's (objectives, budget, alerts,
strategic objectives), figures worked out by hand."""

import datetime

import pandas as pd
import pytest

from pac_core.display.owners import (NO_OWNER, actions_table, consumption_text, objectives_table, owner_counts,
                                     owner_options, owner_scope, owners_table, pace_frame, period_text,
                                     scorecard_cards, served_objectives)
from pac_core.kpi.scope import Filters, Scope

NNBSP, NBSP = "\u202f", "\u00a0"
NAN = float("nan")
D = datetime.date


def objective(action_id, owner, metric, family, target, actual, status, name=None, label=None, unit="nombre"):
    return {"action_id": action_id, "owner": owner, "name": name or f"Action {action_id}", "channel": "Salon",
            "metric": metric, "metric_label": label or metric.capitalize(), "unit": unit, "family": family,
            "target_to_date": target, "actual_to_date": actual,
            "pace": actual / target if target else NAN, "status": status,
            "target_year": target, "forecast": actual}


# Two owners. Anne: A1 (contacts on track, ca off track → A1 off track), A2 (on track), A3 (no objective due yet).
# Bruno: B1 (watch). C1 has no owner. Budgets: Anne 1 000 + 2 000 + 500 = 3 500 planned, 3 850 spent (110 %);
# Bruno 1 000 planned, 400 spent; C1 no budget, 50 spent.
OBJECTIVES = pd.DataFrame([
    objective("A1", "Anne", "contacts", "activité", 100, 120, "on_track"),
    objective("A1", "Anne", "ca", "performance", 10_000, 5_000, "off_track", label="Chiffre d'affaires", unit="€"),
    objective("A2", "Anne", "grands_comptes", "stock", 2, 2, "on_track", label="Grands comptes"),
    objective("A3", "Anne", "rdv", "activité", 0, 0, None),
    objective("B1", "Bruno", "appels", "activité", 200, 170, "watch"),
])
BUDGET_BY_ACTION = pd.DataFrame({
    "action_id": ["A1", "A2", "A3", "B1", "C1"], "owner": ["Anne", "Anne", "Anne", "Bruno", None],
    "name": ["Action A1", "Action A2", "Action A3", "Action B1", "Action C1"],
    "channel": ["Salon", "Emailing", None, "Téléprospection", "Salon"],
    "start_date": [pd.Timestamp("2026-05-01"), pd.Timestamp("2026-01-01"), None, pd.Timestamp("2026-02-01"), None],
    "end_date": [pd.Timestamp("2026-09-30"), pd.Timestamp("2026-01-31"), None, pd.Timestamp("2027-03-31"), None],
    "planned": [1000.0, 2000.0, 500.0, 1000.0, NAN], "spent": [2350.0, 1500.0, 0.0, 400.0, 50.0],
    "consumption": [2.35, 0.75, 0.0, 0.4, NAN], "over_budget": [True, False, False, False, False],
})
BUDGET_BY_OWNER = pd.DataFrame({
    "owner": ["Anne", "Bruno", None], "actions": [3, 1, 1], "planned": [3500.0, 1000.0, NAN],
    "spent": [3850.0, 400.0, 50.0], "consumption": [3850 / 3500, 0.4, NAN], "over_budget": [True, False, False],
})
ALERTS = pd.DataFrame({"kind": ["off_track", "over_budget", "no_target", "no_owner"], "severity": [1, 1, 3, 3],
                       "action_id": ["A1", "A1", "A3", "C1"], "metric": ["ca", "cout", None, None],
                       "message": ["…", "…", "…", "…"]})


def test_each_owner_counts_its_actions_by_worst_status_its_budget_and_alerts():
    counts = owner_counts(OBJECTIVES, BUDGET_BY_OWNER, BUDGET_BY_ACTION, ALERTS)
    assert list(counts["owner"]) == ["Anne", "Bruno", NO_OWNER]
    anne, bruno, nobody = (counts.iloc[i].to_dict() for i in range(3))
    assert (anne["actions"], anne["on_track"], anne["watch"], anne["off_track"], anne["no_status"]) == (3, 1, 0, 1, 1)
    assert (anne["alerts"], anne["over_budget"]) == (3, True)
    assert (bruno["actions"], bruno["watch"], bruno["no_status"], bruno["alerts"]) == (1, 1, 0, 0)
    assert (nobody["actions"], nobody["no_status"], nobody["alerts"]) == (1, 1, 1)


def test_the_overview_table_writes_statuses_and_budget_out():
    table = owners_table(owner_counts(OBJECTIVES, BUDGET_BY_OWNER, BUDGET_BY_ACTION, ALERTS))
    assert list(table.columns) == ["Responsable", "Actions", "✔ En bonne voie", "⚠ À surveiller", "✖ En retard",
                                   "Sans objectif à date", "Budget consommé", "Alertes"]
    assert table.iloc[0]["Budget consommé"] == (f"110,0{NNBSP}% ✖ dépassé "
                                                f"(3{NNBSP}850{NBSP}€ sur 3{NNBSP}500{NBSP}€)")
    assert table.iloc[1]["Budget consommé"] == f"40,0{NNBSP}% (400{NBSP}€ sur 1{NNBSP}000{NBSP}€)"
    assert table.iloc[2]["Budget consommé"] == f"— (50{NBSP}€ dépensés, pas de budget)"


def test_only_named_owners_can_be_chosen():
    assert owner_options(BUDGET_BY_OWNER) == ["Anne", "Bruno"]
    assert owner_options(BUDGET_BY_OWNER.iloc[2:]) == []


def test_the_owner_scope_keeps_the_other_filters():
    scope = Scope(as_of=D(2026, 6, 1), filters=Filters(channel=("Salon",), owner=("Anne", "Bruno")))
    mine = owner_scope(scope, "Anne")
    assert mine.filters == Filters(channel=("Salon",), owner=("Anne",))
    assert mine.as_of == D(2026, 6, 1)


def test_the_scorecard():
    counts = owner_counts(OBJECTIVES, BUDGET_BY_OWNER, BUDGET_BY_ACTION, ALERTS)
    cards = {card.label: card for card in scorecard_cards(counts.iloc[0], ["A1", "A2", "A3"])}
    assert (cards["Actions"].value, cards["Actions"].caption) == ("3", "A1 · A2 · A3")
    assert [cards[label].value for label in ("✔ En bonne voie", "⚠ À surveiller", "✖ En retard")] == ["1", "0", "1"]
    assert cards["Budget consommé"].value == f"110,0{NNBSP}%"
    assert cards["Budget consommé"].caption.endswith("prévus — ✖ dépassé")
    assert cards["Alertes"].value == "3"


def test_the_actions_of_an_owner():
    mine = BUDGET_BY_ACTION[BUDGET_BY_ACTION["owner"] == "Anne"]
    table = actions_table(mine, OBJECTIVES[OBJECTIVES["owner"] == "Anne"])
    assert list(table["Action"]) == ["A1 · Action A1", "A2 · Action A2", "A3 · Action A3"]
    assert list(table["Statut"]) == ["✖ En retard", "✔ En bonne voie", "— Sans objectif à date"]
    assert list(table["Période"]) == ["mai – sept. 2026", "janv. 2026", "—"]
    assert list(table["Canal"]) == ["Salon", "Emailing", "—"]
    assert table.iloc[0]["Consommé"] == f"235,0{NNBSP}% ✖ dépassé"


def test_objectives_are_split_in_the_seed_s_two_families():
    activity = objectives_table(OBJECTIVES, "activité")
    performance = objectives_table(OBJECTIVES, "performance")
    assert list(activity["Indicateur"]) == ["Contacts", "Rdv", "Appels"]
    assert list(performance["Indicateur"]) == ["Chiffre d'affaires", "Grands comptes"]  # a stock is a result
    ca = performance.iloc[0].to_dict()
    assert (ca["Objectif à date"], ca["Réalisé à date"], ca["Rythme"], ca["Statut"]) == (
        f"10{NNBSP}000{NBSP}€", f"5{NNBSP}000{NBSP}€", f"50,0{NNBSP}%", "✖ En retard")
    assert activity.iloc[1]["Rythme"] == "—" and activity.iloc[1]["Statut"] == "— Sans objectif à date"


def test_the_pace_chart_frame_puts_the_furthest_behind_first():
    frame = pace_frame(OBJECTIVES)
    assert list(frame["objective"]) == ["Action A1 — Chiffre d'affaires", "Action B1 — Appels",
                                        "Action A2 — Grands comptes", "Action A1 — Contacts"]
    assert frame.iloc[0]["label"] == f"50,0{NNBSP}% · ✖ En retard"
    assert frame.iloc[1]["detail"] == "170 sur 200"


@pytest.mark.parametrize("start, end, shown", [
    (D(2026, 4, 1), D(2026, 9, 30), "avr. – sept. 2026"),
    (D(2025, 11, 1), D(2026, 2, 28), "nov. 2025 – févr. 2026"),
    (D(2026, 1, 1), D(2026, 1, 31), "janv. 2026"),
    (None, D(2026, 3, 31), "jusqu’en mars 2026"),
    (D(2026, 3, 1), None, "depuis mars 2026"),
    (None, None, "—"),
])
def test_period_text(start, end, shown):
    assert period_text(start, end) == shown


def test_consumption_text():
    assert consumption_text(1.08, 16_200, 15_000, True) == (f"108,0{NNBSP}% ✖ dépassé "
                                                            f"(16{NNBSP}200{NBSP}€ sur 15{NNBSP}000{NBSP}€)")


def test_the_strategic_objectives_an_owner_serves():
    strategic = pd.DataFrame({"objective_id": ["OS1", "OS2", "OS3"],
                              "label": ["+20 % de clients actifs", "Rentrer chez 3 grands comptes", None],
                              "actions": [["A1", "B1"], ["B1"], ["A2"]]})
    assert served_objectives(strategic, ["A1", "A2"]) == \
        "Ses actions servent les objectifs stratégiques : +20 % de clients actifs, OS3."
    assert served_objectives(strategic, ["Z9"]) is None
