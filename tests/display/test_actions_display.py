"""The Actions screen's texts, on small frames shaped like the KPI engine's output, checked by hand."""

import datetime
import re
from urllib.parse import unquote

import pandas as pd
import pytest

from pac_core.display.actions import (FAMILY_TITLES, NO_DECISION, PACE_BAR, TABLE_COLUMNS, action_choices,
                                      action_facts, action_headings, budget_cards, decision_table, estimate_value,
                                      families, indicator_cards, month_table, objective_table, pace_bar,
                                      table_help)
from pac_core.display.overview import STATUS_ON_LIGHT, TRACK_ON_LIGHT

NNBSP, NBSP = "\u202f", "\u00a0"
NAN = float("nan")


def objective(action_id, metric, target_to_date, actual_to_date, target_year, forecast, status, **extra):
    """One row as pac_core.kpi.objectives.objectives() returns it."""
    labels = {"ca": ("Chiffre d'affaires", "€", "performance"), "appels": ("Appels", "nombre", "activité"),
              "contacts": ("Contacts", "nombre", "activité"),
              "nouveaux_clients": ("Nouveaux clients", "nombre", "performance")}
    label, unit, family = labels[metric]
    pace = actual_to_date / target_to_date if target_to_date == target_to_date and target_to_date else NAN
    row = {"action_id": action_id, "metric": metric, "target_to_date": target_to_date,
           "actual_to_date": actual_to_date, "pace": pace, "target_year": target_year, "forecast": forecast,
           "status": status, "name": f"Action {action_id}", "lever": "Téléprospection",
           "channel": "Téléprospection", "owner": "Directeur commercial", "kind": "Acquisition", "segment": "PME", "action_status": "En cours",
           "metric_label": label, "unit": unit, "family": family}
    return {**row, **extra}


@pytest.fixture
def frame():
    return pd.DataFrame([
        objective("TEL", "ca", 40_000.0, 4_200.0, 40_000.0, 4_200.0, "off_track"),
        objective("TEL", "appels", 1_200.0, 1_116.0, 1_200.0, 1_116.0, "watch"),
        objective("WEB", "contacts", 167.0, 219.0, 242.0, 317.353, "on_track", name="Site", channel="Site web / SEO",
                  owner="Service marketing"),
        objective("SAL3", "ca", NAN, NAN, 45_000.0, 45_000.0, None, name="Salon 3"),
    ])


def test_the_objective_table_is_french_text_with_a_bar_beside_the_pace(frame):
    table = objective_table(frame)
    assert tuple(table.columns) == TABLE_COLUMNS
    revenue = table.iloc[0].to_dict()
    # 4 200 / 40 000 = 10,5 %
    assert revenue["Objectif à date"] == f"40{NNBSP}000{NBSP}€"
    assert revenue["Réalisé à date"] == f"4{NNBSP}200{NBSP}€"
    assert revenue["Rythme"] == f"10,5{NNBSP}%" and drawn_bar(revenue[PACE_BAR]) == (10, "#CF222E")  # red: late
    assert revenue["Statut"] == "✖ En retard"
    calls = table.iloc[1].to_dict()
    assert (calls["Réalisé à date"], calls["Rythme"], calls["Statut"]) == (f"1{NNBSP}116", f"93,0{NNBSP}%",
                                                                           "⚠ À surveiller")
    contacts = table.iloc[2].to_dict()
    assert contacts["Rythme"] == f"131,1{NNBSP}%" and drawn_bar(contacts[PACE_BAR]) == (100, "#1A7F37")  # full
    assert contacts["Atterrissage"] == "317"  # an estimate of a count, rounded
    missing = table.iloc[3].to_dict()
    assert (missing["Objectif à date"], missing["Réalisé à date"], missing["Rythme"]) == ("—", "—", "—")
    assert missing["Statut"] == "— Sans objectif à date" and missing[PACE_BAR] == ""  # no bar
    assert drawn_bar(calls[PACE_BAR]) == (93, "#9A6700")  # amber: to watch


def drawn_bar(url: str) -> tuple[int, str]:
    """What a pace bar's picture shows: the coloured bar's length in per cent of the track, and its colour."""
    svg = unquote(url.removeprefix("data:image/svg+xml;utf8,"))
    track, bar = re.findall(r'<rect x="6" y="8" width="([\d.]+)" height="8" rx="4" fill="(#[0-9A-F]{6})"/>', svg)
    assert track[1] == TRACK_ON_LIGHT
    return round(float(bar[0]) / float(track[0]) * 100), bar[1]


def test_a_pace_bar_is_drawn_in_its_status_colour_and_stops_at_a_full_track():
    assert drawn_bar(pace_bar(0.5, "off_track")) == (50, STATUS_ON_LIGHT["off_track"])
    assert drawn_bar(pace_bar(1.7, "on_track")) == (100, STATUS_ON_LIGHT["on_track"])
    assert drawn_bar(pace_bar(-0.2, "off_track")) == (0, STATUS_ON_LIGHT["off_track"])  # refunds: an empty bar
    assert drawn_bar(pace_bar(0.9, None)) == (90, STATUS_ON_LIGHT[None])
    assert pace_bar(None, None) == "" and pace_bar(NAN, "watch") == ""


def test_an_action_without_owner_or_channel_reads_as_a_dash_not_nan(frame):
    """The store gives text columns with NaN for a missing value: the table and the heading write « — »."""
    frame = pd.concat([frame, pd.DataFrame([objective("NEW", "appels", 10.0, 5.0, 20.0, 10.0, "off_track",
                                                       owner=NAN, channel=NAN, name=NAN)])], ignore_index=True)
    frame = frame.astype({"owner": "str", "channel": "str", "name": "str"})  # pandas 3 text, NaN where missing
    row = objective_table(frame).iloc[-1].to_dict()
    assert (row["ID"], row["Action"], row["Responsable"], row["Canal"]) == ("NEW", "NEW", "—", "—")
    assert action_choices(frame)["NEW"] == "NEW"
    heading = [heading for heading in action_headings(frame) if heading.action_id == "NEW"][0]
    assert (heading.title, heading.caption) == ("NEW", "NEW · ✖ En retard")


def test_estimates_are_rounded_as_their_indicator():
    assert estimate_value(66_846.15, "ca") == f"66{NNBSP}846{NBSP}€"
    assert estimate_value(11.67, "nouveaux_clients") == "12"
    assert estimate_value(None, "contacts") == "—"


def test_families_come_activity_first_then_performance(frame):
    sections = families(frame)
    assert [title for title, _, _ in sections] == [FAMILY_TITLES["activité"][0], FAMILY_TITLES["performance"][0]]
    assert list(sections[0][2]["metric"]) == ["appels", "contacts"]
    assert list(sections[1][2]["metric"]) == ["ca", "ca"]


def test_action_choices_and_headings_carry_the_worst_status(frame):
    assert action_choices(frame) == {"TEL": "TEL · Action TEL", "WEB": "WEB · Site", "SAL3": "SAL3 · Salon 3"}
    headings = {heading.action_id: heading for heading in action_headings(frame)}
    assert headings["TEL"].status == "✖ En retard"  # worse of off track (ca) and watch (appels)
    assert headings["TEL"].caption == "TEL · Directeur commercial · Téléprospection · ✖ En retard"
    assert headings["SAL3"].status == "— Sans objectif à date"


def test_indicator_cards_and_facts(frame):
    cards = indicator_cards(frame[frame["action_id"] == "TEL"])
    assert [(card.label, card.value) for card in cards] == [("Chiffre d'affaires", f"4{NNBSP}200{NBSP}€"),
                                                            ("Appels", f"1{NNBSP}116")]
    assert cards[0].caption.startswith(f"sur 40{NNBSP}000{NBSP}€ à date · rythme 10,5{NNBSP}% · ✖ En retard")
    assert indicator_cards(frame[frame["action_id"] == "SAL3"])[0].caption.startswith("Pas encore d'objectif à date")
    facts = action_facts(frame[frame["action_id"] == "TEL"],
                         {"start_date": pd.Timestamp("2026-04-01"), "end_date": datetime.date(2026, 9, 30)})
    assert facts == ("Levier : Téléprospection · Canal : Téléprospection · Responsable : Directeur commercial · "
                     "Type : Acquisition · Du 01/04/2026 au 30/09/2026 · Statut dans le plan : En cours")


def test_budget_cards_of_an_action_over_budget_and_of_one_without_budget():
    # SAL2 in the demo: 8 000 € planned, 9 200 € spent → 115,0 %, finished, so 1 200 € over at the year end.
    over = budget_cards({"planned": 8_000.0, "spent": 9_200.0, "consumption": 1.15, "over_budget": True,
                         "projected": 9_200.0, "overrun": 1_200.0}, datetime.date(2026, 10, 1))
    assert [(card.label, card.value) for card in over] == [
        ("Budget prévu", f"8{NNBSP}000{NBSP}€"), ("Dépensé à date", f"9{NNBSP}200{NBSP}€"),
        ("Budget consommé", f"115,0{NNBSP}%"), ("Dépense projetée sur l'année", f"9{NNBSP}200{NBSP}€")]
    assert over[1].caption == "De janvier à fin octobre 2026"
    assert over[2].caption == "✖ Budget déjà dépassé"
    assert over[3].caption == f"⚠ Dépassement prévu : 1{NNBSP}200{NBSP}€"
    unplanned = budget_cards({"planned": NAN, "spent": 500.0, "consumption": NAN, "over_budget": False,
                              "projected": 600.0, "overrun": NAN}, datetime.date(2026, 10, 1))
    assert (unplanned[0].value, unplanned[2].value) == ("—", "—")
    assert unplanned[2].caption == "Budget non renseigné dans le plan"


def test_month_table_has_a_column_per_month_and_dashes_for_missing_months():
    months = [datetime.date(2026, number, 1) for number in (1, 2, 3)]
    series = pd.DataFrame({"month": months, "target": [NAN, 5_000.0, 5_000.0], "actual": [NAN, 0.0, 4_200.0],
                           "target_cumulative": [0.0, 5_000.0, 10_000.0], "actual_cumulative": [0.0, 0.0, 4_200.0]})
    table = month_table(series, "ca")
    assert list(table.columns) == ["janv.", "févr.", "mars"]
    assert table.index.name == "Chiffre d'affaires"
    assert table.loc["Objectif du mois"].tolist() == ["—", f"5{NNBSP}000{NBSP}€", f"5{NNBSP}000{NBSP}€"]
    assert table.loc["Réalisé du mois"].tolist() == ["—", f"0{NBSP}€", f"4{NNBSP}200{NBSP}€"]
    assert table.loc["Réalisé cumulé", "mars"] == f"4{NNBSP}200{NBSP}€"
    stock = series.assign(target_cumulative=NAN, actual_cumulative=NAN)
    assert list(month_table(stock, "contacts").index) == ["Objectif du mois", "Réalisé du mois"]


def test_decisions_in_french_and_the_empty_message():
    frame = pd.DataFrame([{"decision_id": 1, "action_id": "TEL", "decided_on": datetime.date(2026, 10, 5),
                           "decision": "arrêter", "comment": "Aucun RDV", "owner": "Direction", "new_budget": 0.0,
                           "plan_version": 2}])
    assert decision_table(frame).iloc[0].tolist() == ["05/10/2026", "Arrêter", "Aucun RDV", "Direction",
                                                      f"0{NBSP}€"]
    assert decision_table(frame.iloc[0:0]).empty
    assert NO_DECISION == "Aucune décision enregistrée pour cette action."


def test_the_status_tooltip_follows_the_scope_thresholds():
    assert table_help()["Statut"] == (f"En bonne voie à partir de 95{NNBSP}% du rythme, à surveiller à partir de "
                                      f"80{NNBSP}%, en retard en dessous.")
    assert f"90{NNBSP}%" in table_help(on_track=0.9, watch=0.7)["Statut"]
