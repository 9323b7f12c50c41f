"""How a forecast is said on screen (issue 20): the overview's note under the cumulative chart, the Actions
table's « Méthode » column (only once a forecast was chosen on history) and an action's card."""

import pandas as pd

from pac_core.display.actions import METHOD, indicator_cards, method_text, objective_table
from pac_core.display.overview import forecast_note
from pac_core.formatting import NBSP, NNBSP, euros


def test_without_history_the_note_explains_the_atterrissage():
    methods = pd.DataFrame({"method": ["plan"], "objectives": [3], "forecast": [87_650.0], "low": [80_000.0],
                            "high": [90_000.0]})
    note = forecast_note(methods)
    assert note.startswith(f"Prévision de fin d'année selon le plan : {euros(87_650)}, entre {euros(80_000)} et "
                           f"{euros(90_000)}.")
    assert "Avec 12 mois d'historique" in note


def test_with_history_the_note_counts_the_methods_and_adds_the_bands():
    methods = pd.DataFrame({"method": ["saisonnier", "plan", "ets"], "objectives": [3, 2, 1],
                            "forecast": [100_000.0, 50_000.0, 20_000.0], "low": [90_000.0, 45_000.0, 15_000.0],
                            "high": [110_000.0, 52_000.0, 21_000.0]})
    assert forecast_note(methods) == (
        f"Prévision de fin d'année : {euros(170_000)}, entre {euros(150_000)} et {euros(183_000)} (les fourchettes "
        "à 80 % des actions, additionnées). Méthode tirée de l'historique de chaque action, où chaque méthode pèse "
        "d'autant plus qu'elle s'est moins trompée les années passées : saisonnalité de l'an dernier (3), "
        "lissage exponentiel (ETS) (1) ; "
        "atterrissage selon le plan pour les 2 autres.")


def test_a_method_cell_names_the_method_and_its_past_error():
    assert method_text("saisonnier", 0.062) == f"saisonnalité N−1 · ±{NBSP}6{NNBSP}%"
    assert method_text("plan", 0.1) == "plan"
    assert method_text("combinaison", None) == "moyenne pondérée"


def _rows(methods):
    return pd.DataFrame({
        "action_id": ["A1", "A2"], "name": ["Salon", "Web"], "owner": ["Chef", "Chef"], "channel": ["Salon", "Web"],
        "metric_label": ["Chiffre d'affaires"] * 2, "metric": ["ca"] * 2, "target_to_date": [600.0, 600.0],
        "actual_to_date": [36.0, 300.0], "pace": [0.06, 0.5], "status": ["off_track", "off_track"],
        "target_year": [2400.0, 2400.0], "forecast": [204.0, 1200.0], "forecast_low": [190.0, 1100.0],
        "forecast_high": [230.0, 1300.0], "forecast_method": methods, "backtest_error": [0.05, None],
        "forecast_reason": ["Prévision : saisonnalité de 2025, erreur passée ± 5 %", None],
        "previous_year": [None, None]})


def test_the_method_column_appears_only_once_a_forecast_was_chosen_on_history():
    assert METHOD not in objective_table(_rows(["plan", "plan"])).columns
    table = objective_table(_rows(["saisonnier", "plan"]))
    assert table[METHOD].tolist() == [f"saisonnalité N−1 · ±{NBSP}5{NNBSP}%", "plan"]
    assert table.columns[-1] == METHOD


def test_an_actions_card_gives_the_band_and_the_reason_of_a_chosen_forecast():
    chosen, plan = indicator_cards(_rows(["saisonnier", "plan"]))
    assert chosen.caption.endswith(f"Prévision : saisonnalité de 2025, erreur passée ± 5 % ; entre {euros(190)} et "
                                   f"{euros(230)} (8 chances sur 10)")
    assert "8 chances" not in plan.caption
