"""The Actions screen's charts: French locale, the expected fields, and the frames they draw, checked by hand."""

import datetime

import pandas as pd
import pytest

from pac_core.charts import FRENCH_LOCALE
from pac_core.charts.actions import (bullet_chart, bullet_frame, bullet_specs, cost_chart, cost_frame, cumulative_frame,
                                     cumulative_indicator_chart, monthly_chart, monthly_frame)

NNBSP, NBSP = "\u202f", "\u00a0"
NAN = float("nan")


def objective(metric, label, target_to_date, actual_to_date, target_year, status):
    pace = actual_to_date / target_to_date if target_to_date == target_to_date else NAN
    return {"action_id": "TEL", "metric": metric, "metric_label": label, "target_to_date": target_to_date,
            "actual_to_date": actual_to_date, "target_year": target_year, "pace": pace, "status": status}


@pytest.fixture
def action():
    return pd.DataFrame([
        objective("ca", "Chiffre d'affaires", 40_000.0, 4_200.0, 40_000.0, "off_track"),
        objective("rdv", "Rendez-vous", 10.0, 11.0, 22.0, "on_track"),
        objective("nouveaux_clients", "Nouveaux clients", NAN, NAN, 6.0, None),
        objective("contacts", "Contacts", NAN, 12.0, NAN, None),  # no target at all: not drawn
    ])


def test_bullet_frame_gives_shares_of_the_year_target(action):
    bullets = bullet_frame(action)
    assert list(bullets["indicator"]) == ["Chiffre d'affaires", "Rendez-vous", "Nouveaux clients"]
    revenue, meetings, clients = (bullets.iloc[index].to_dict() for index in range(3))
    assert (revenue["actual_share"], revenue["to_date_share"]) == (pytest.approx(0.105), 1.0)  # 4 200 / 40 000
    assert revenue["label"] == f"4{NNBSP}200{NBSP}€ / 40{NNBSP}000{NBSP}€ · ✖ En retard"
    assert meetings["actual_share"] == pytest.approx(0.5)  # 11 of 22 in the year
    assert meetings["to_date_share"] == pytest.approx(10 / 22)
    assert clients["actual_share"] == 0.0 and pd.isna(clients["to_date_share"])
    assert clients["label"] == "— Sans objectif à date (année : 6)"


def test_bullet_chart_spec(action):
    spec = bullet_chart(action).to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    fields = {layer["encoding"]["x"]["field"] for layer in spec["layer"]}
    assert fields == {"year_share", "to_date_share", "actual_share"}
    assert {layer["encoding"]["y"]["field"] for layer in spec["layer"]} == {"key"}
    axes = [layer["encoding"]["y"].get("axis") for layer in spec["layer"] if layer["encoding"]["y"].get("axis")]
    assert [axis["orient"] for axis in axes] == ["left", "right"]  # indicator at the left, figures at the right
    assert spec["resolve"] == {"axis": {"y": "independent"}}
    assert spec["layer"][0]["encoding"]["x"]["axis"]["format"] == ".0%"
    status_colors = spec["layer"][2]["encoding"]["color"]["scale"]
    assert status_colors["domain"][:3] == ["✔ En bonne voie", "⚠ À surveiller", "✖ En retard"]
    assert spec["height"] == 3 * 44 + 32


def test_bullet_specs_of_many_actions_are_the_charts_altair_builds_one_by_one(action):
    """Altair builds the first chart only; the others are filled in from it: they must be the very specs that
    bullet_chart gives, with their own rows, order, share axis (here up to 300 %) and height."""
    other = pd.DataFrame([
        {**objective("contacts", "Contacts", 100.0, 300.0, 150.0, "on_track"), "action_id": "SALON"},
        {**objective("devis", "Devis", 4.0, 1.0, 8.0, "off_track"), "action_id": "SALON"},
    ])
    single = pd.DataFrame([{**objective("rdv", "Rendez-vous", 2.0, 2.0, 4.0, "on_track"), "action_id": "WEB"}])
    frame = pd.concat([action, other, single], ignore_index=True)
    ids = ["SALON", "TEL", "WEB"]
    specs = bullet_specs(frame, ids)
    expected = [bullet_chart(frame[frame["action_id"] == action_id]).to_dict() for action_id in ids]
    assert specs == expected
    assert specs[0]["layer"][0]["encoding"]["x"]["axis"]["values"][-1] == 2.0  # 300 / 150: every 50 % up to 200 %
    assert [spec["height"] for spec in specs] == [2 * 44 + 32, 3 * 44 + 32, 44 + 32]


SERIES = pd.DataFrame({
    "month": [datetime.date(2026, number, 1) for number in range(1, 5)],
    "target": [NAN, 5_000.0, 10_000.0, 10_000.0], "actual": [NAN, 0.0, 4_200.0, NAN],
    "target_cumulative": [0.0, 5_000.0, 15_000.0, 25_000.0], "actual_cumulative": [0.0, 0.0, 4_200.0, NAN],
    "forecast": [NAN, NAN, NAN, 6_000.0], "forecast_low": [NAN] * 4, "forecast_high": [NAN] * 4,
})


def test_monthly_frame_and_chart():
    frame = monthly_frame(SERIES, "ca")
    assert list(zip(frame["mois_court"], frame["courbe"], frame["texte"])) == [
        ("févr.", "Objectif du mois", f"5{NNBSP}000{NBSP}€"), ("févr.", "Réalisé du mois", f"0{NBSP}€"),
        ("mars", "Objectif du mois", f"10{NNBSP}000{NBSP}€"), ("mars", "Réalisé du mois", f"4{NNBSP}200{NBSP}€"),
        ("avr.", "Objectif du mois", f"10{NNBSP}000{NBSP}€")]
    spec = monthly_chart(SERIES, "ca", "#CC79A7").to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    assert spec["encoding"]["x"]["scale"]["domain"] == ["janv.", "févr.", "mars", "avr."]
    assert spec["encoding"]["color"]["scale"]["range"][1] == "#CC79A7"  # the channel's colour
    assert spec["encoding"]["y"]["axis"]["title"] == "Chiffre d'affaires (€)"


def test_cumulative_frame_joins_the_forecast_to_the_last_actual():
    frame = cumulative_frame(SERIES, "ca")
    forecast = frame[frame["courbe"] == "Atterrissage prévu"]
    assert list(zip(forecast["month"], forecast["valeur"])) == [(datetime.date(2026, 3, 1), 4_200.0),
                                                               (datetime.date(2026, 4, 1), 6_000.0)]
    assert frame[frame["courbe"] == "Réalisé cumulé"]["valeur"].tolist() == [0.0, 0.0, 4_200.0]
    spec = cumulative_indicator_chart(SERIES, "ca").to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    assert spec["encoding"]["color"]["legend"]["symbolType"] == "stroke"  # a legend, lines told apart by dash


def test_cost_frame_adds_up_the_months_and_the_chart_draws_the_budget():
    frame = cost_frame([0, 1_850, 0, 400], datetime.date(2026, 4, 1))
    assert frame["cumulative"].tolist() == [0, 1_850, 1_850, 2_250]
    assert frame["mois"].tolist() == ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026"]
    assert frame["cumulative_text"].iloc[-1] == f"2{NNBSP}250{NBSP}€"
    spec = cost_chart(frame, 2_000.0).to_dict()
    assert spec["config"]["locale"] == FRENCH_LOCALE
    assert len(spec["layer"]) == 3
    budget = spec["layer"][2]
    assert budget["mark"]["type"] == "rule" and spec["datasets"][budget["data"]["name"]][0]["budget"] == 2_000.0
    assert len(cost_chart(frame, NAN).to_dict()["layer"]) == 2  # no budget, no rule
