"""The quarterly review's words: French plurals, the note under « Enregistrer », the closed-quarter sentence, the
brief's cards and a decision's effect in one line."""

import datetime

import pandas as pd
import pytest

from pac_core.display import readjust as show
from pac_core.readjust.brief import Brief
from pac_core.readjust.draft import Effect

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"


@pytest.mark.parametrize("count, expected", [(0, "aucune décision"), (1, "1 décision"), (3, "3 décisions"),
                                             (1200, f"1{NNBSP}200 décisions")])
def test_decisions_are_counted_in_french(count, expected):
    assert show.plural(count, "décision", none="aucune décision") == expected


def test_what_saving_records_is_said_without_parentheses():
    assert show.pending_text(0, 0) == "aucune décision à enregistrer."
    assert show.pending_text(1, 0) == "1 décision à enregistrer."
    assert show.pending_text(2, 1) == "2 décisions et 1 objectif mensuel modifié à enregistrer."
    assert show.pending_text(3, 9) == "3 décisions et 9 objectifs mensuels modifiés à enregistrer."


def test_the_version_note_never_names_version_1_twice():
    assert show.version_note(1).startswith("La version 1 (le plan adopté) reste consultable et ne change jamais.")
    assert show.version_note(1).count("version 1") == 1
    assert show.version_note(3).startswith("La version 3 reste consultable et la version 1 (le plan adopté)")


def test_a_closed_quarter_says_so_in_one_sentence_and_offers_the_latest_month():
    september, october = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1)
    sentence = show.closed_quarter_sentence("T3 2026", september, october)
    assert sentence == ("Cette revue du T3 2026 s'arrête à fin septembre ; les autres écrans montrent les chiffres "
                        "à fin octobre, d'où des atterrissages différents.")
    assert show.closed_quarter_sentence("T4 2026", october, october) is None
    assert show.see_latest_label(september, october) == "Voir à fin octobre"
    assert show.see_latest_label(datetime.date(2025, 12, 1), october) == "Voir à fin octobre 2026"


def test_the_brief_cards_count_actions_and_say_the_money_left():
    brief = Brief(on_track=[("SAL1", "Salon 1"), ("WEB", "Site")], watch=[("BDD", "Base")],
                  off_track=[("RS", "Réseaux"), ("TEL", "Phoning")], unrated=[("SAL3", "Salon 3")],
                  planned=35500.0, spent=31050.0, left=4450.0, overspent=[("SAL2", 1200.0)])
    on, off, money = show.brief_cards(brief)
    assert (on["value"], on["caption"]) == ("2 sur 6", "SAL1, WEB")
    assert (off["value"], off["caption"]) == ("3 sur 6", "2 en retard (RS, TEL) · 1 à surveiller (BDD)")
    assert money["value"] == f"4{NNBSP}450{NBSP}€"
    assert money["caption"] == (f"31{NNBSP}050{NBSP}€ dépensés sur 35{NNBSP}500{NBSP}€ · SAL2 a dépassé son budget "
                                f"de 1{NNBSP}200{NBSP}€")


def test_a_long_list_of_actions_says_how_many_more():
    many = [(f"A{i}", "x") for i in range(6)]
    brief = Brief(on_track=many, watch=[], off_track=[], unrated=[], planned=0.0, spent=0.0, left=0.0, overspent=[])
    assert show.brief_cards(brief)[0]["caption"] == "A0, A1, A2, A3 et 2 autres"
    assert show.brief_cards(brief)[1]["caption"] == "aucune en retard"


def test_a_decisions_effect_in_one_line_with_the_minus_sign():
    objectives = pd.DataFrame([
        {"objective_id": "OS3", "label": "+250 000 € de CA", "metric": "ca", "forecast_change": -4200.0},
        {"objective_id": "OS1", "label": "Clients actifs", "metric": "clients_actifs", "forecast_change": 0.0}])
    effect = Effect(actions=pd.DataFrame(), monthly=pd.DataFrame(), objectives=objectives, budget_before=35500.0,
                    budget_after=34000.0)
    assert show.effect_text(effect) == (f"Effet projeté : budget de l'année {MINUS}1{NNBSP}500{NBSP}€ · OS3 (+250 000 € "
                                        f"de CA) {MINUS}4{NNBSP}200{NBSP}€ d'atterrissage.")
    unchanged = Effect(actions=pd.DataFrame(), monthly=pd.DataFrame(), objectives=objectives.assign(forecast_change=0.0),
                       budget_before=1.0, budget_after=1.0)
    assert show.effect_text(unchanged) == "Effet projeté : aucun changement mesurable."


def test_figures_are_the_columns_to_right_align():
    frame = pd.DataFrame(columns=["ID", "Action", "Statut", "Objectif T", "Rythme", "Coût par résultat", "v2"])
    assert show.numeric_columns(frame) == ["Objectif T", "Rythme", "v2"]


def test_an_action_carries_its_status_icon():
    assert show.action_with_status("TEL", "Téléprospection", "off_track") == "✖ TEL · Téléprospection"
    assert show.action_with_status("SAL3", "Salon 3", None) == "— SAL3 · Salon 3"
    assert show.action_with_status("N1", None, "on_track") == "✔ N1 · "
