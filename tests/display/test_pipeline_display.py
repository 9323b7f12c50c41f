"""The Pipeline texts, on frames shaped like pac_core.kpi.funnel's, figures worked out by hand."""

import pandas as pd
import pytest

from pac_core.display.pipeline import (ALL_CHANNELS, NO_CHANNEL, channel_options, channels_table, days_text,
                                       funnel_frame, funnel_table, of_channel, plural, probabilities_sentence,
                                       summary_cards)
from pac_core.tables import PIPELINE_STAGES

NNBSP, NBSP = "\u202f", "\u00a0"
NAN = float("nan")


def summary(opportunities, open_, won, lost, won_value, cycle, open_value, weighted, channel=None):
    row = {"opportunities": opportunities, "open": open_, "won": won, "lost": lost,
           "win_rate": won / (won + lost) if won + lost else NAN, "won_value": won_value,
           "average_cycle_days": cycle, "open_value": open_value, "weighted_value": weighted}
    return row if channel is None else {"channel": channel, **row}


# The demo at October 2026 (pac_core/demo.py PIPELINE_COUNTS): 22 won (one per new client), lost
# 14 + 38 + 2 + 50 + 9 + 15 = 128, open 5 + 23 + 48 + 61 + 9 + 4 = 150 → 300; win rate 22 / 150 = 14,7 %.
DEMO_SUMMARY = pd.DataFrame([summary(300, 150, 22, 128, 146_800, 52.4545, 1_397_400, 367_996.33)])
# A funnel: 300 → 93 → 52 → 32 → 22.
FUNNEL = pd.DataFrame({"stage_number": [1, 2, 3, 4, 5], "stage": list(PIPELINE_STAGES),
                       "reached": [300, 93, 52, 32, 22],
                       "conversion": [NAN, 93 / 300, 52 / 93, 32 / 52, 22 / 32],
                       "amount": [2_788_100.0, 781_100.0, 429_600.0, 254_000.0, 146_800.0]})


def test_summary_cards():
    cards = {card.label: card for card in summary_cards(DEMO_SUMMARY)}
    assert cards["Opportunités"].value == "300"
    assert cards["Opportunités"].caption == "150 en cours · 22 gagnées · 128 perdues"
    assert cards["Taux de transformation"].value == f"14,7{NNBSP}%"
    assert cards["Taux de transformation"].caption == "22 gagnées sur 150 clôturées"
    assert cards["Cycle de vente moyen"].value == "52 jours"
    assert cards["Pipeline ouvert"].value == f"1{NNBSP}397{NNBSP}400{NBSP}€"
    assert cards["Pipeline pondéré"].value == f"367{NNBSP}996{NBSP}€"


def test_without_closed_opportunities_the_win_rate_is_a_dash():
    cards = {card.label: card for card in summary_cards(pd.DataFrame([summary(3, 3, 0, 0, 0, NAN, 900, 90)]))}
    assert cards["Taux de transformation"].value == "—"
    assert cards["Taux de transformation"].caption == "Aucune opportunité clôturée"
    assert cards["Cycle de vente moyen"].value == "—"
    assert cards["Opportunités"].caption == "3 en cours · 0 gagnée · 0 perdue"


def test_french_plurals():
    assert [plural(n, "jour") for n in (0, 1, 2, 1234)] == ["0 jour", "1 jour", "2 jours", f"1{NNBSP}234 jours"]
    assert days_text(0.6) == "1 jour" and days_text(None) == "—"


def test_the_funnel_writes_counts_amounts_and_conversions():
    frame = funnel_frame(FUNNEL)
    assert list(frame["stage"]) == list(PIPELINE_STAGES)
    assert frame.iloc[0]["label"] == f"300 opportunités · 2{NNBSP}788{NNBSP}100{NBSP}€"
    assert list(frame["conversion_text"]) == [
        "", f"↓ 31,0{NNBSP}% de conversion", f"↓ 55,9{NNBSP}% de conversion", f"↓ 61,5{NNBSP}% de conversion",
        f"↓ 68,8{NNBSP}% de conversion"]
    table = funnel_table(FUNNEL)
    assert table.iloc[1].tolist() == ["2 · Prise de RDV", "93", f"31,0{NNBSP}%", f"781{NNBSP}100{NBSP}€"]
    assert table.iloc[0]["Conversion depuis l'étape précédente"] == "—"


def test_a_stage_after_an_empty_one_has_no_conversion():
    empty_after = FUNNEL.assign(reached=[1, 0, 0, 0, 0], conversion=[NAN, 0.0, NAN, NAN, NAN])
    assert list(funnel_frame(empty_after)["conversion_text"])[1:3] == [
        f"↓ 0,0{NNBSP}% de conversion", "↓ — de conversion"]
    assert funnel_frame(empty_after).iloc[0]["label"] == f"1 opportunité · 2{NNBSP}788{NNBSP}100{NBSP}€"


BY_CHANNEL = pd.DataFrame([
    summary(144, 76, 14, 54, 103_100, 58.8, 664_500, 170_670, channel="Salon"),
    summary(3, 3, 0, 0, 0, NAN, 9_000, 900, channel=None),
    summary(20, 4, 1, 15, 4_200, 19.0, 40_900, 9_075.67, channel="Téléprospection"),
    summary(0, 0, 0, 0, 0, NAN, 0, 0, channel="Emailing"),
])


def test_channel_options_and_the_rows_of_one_channel():
    assert channel_options(BY_CHANNEL) == [ALL_CHANNELS, "Salon", "Téléprospection", NO_CHANNEL]
    tel = of_channel(BY_CHANNEL, "Téléprospection")
    assert len(tel) == 1 and "channel" not in tel and tel.iloc[0]["won"] == 1
    assert of_channel(BY_CHANNEL, NO_CHANNEL).iloc[0]["open_value"] == 9_000


def test_the_channel_table_puts_the_biggest_weighted_pipeline_first():
    table = channels_table(BY_CHANNEL)
    assert list(table["Canal d'origine"]) == ["Salon", "Téléprospection", NO_CHANNEL]
    tel = table.iloc[1].to_dict()
    # 1 won of 16 closed: 6,25 %, shown 6,3 % (halves round up, as in Excel).
    assert tel["Taux de transformation"] == f"6,3{NNBSP}%"
    assert (tel["Cycle moyen"], tel["Pipeline pondéré"]) == ("19 jours", f"9{NNBSP}076{NBSP}€")
    assert table.iloc[2]["Taux de transformation"] == "—"


def test_the_probabilities_sentence_names_every_stage_and_where_its_probability_comes_from():
    probabilities = pd.DataFrame({"stage": list(PIPELINE_STAGES), "probability": [22 / 150, 0.25, 0.5, 0.75, 1.0],
                                  "source": ["observed", "default", "default", "bound", "default"]})
    sentence = probabilities_sentence(probabilities)
    assert sentence.startswith("Pipeline pondéré = montant de chaque opportunité en cours × probabilité de gain")
    assert f"Premier contact 14,7{NNBSP}% (observée)" in sentence
    assert f"Prise de RDV 25,0{NNBSP}% (par défaut)" in sentence
    assert f"Proposition commerciale envoyée 75,0{NNBSP}% (bornée par les opportunités clôturées)" in sentence
    assert sentence.count(".") == 1  # one sentence


@pytest.mark.parametrize("value", [None, NAN])
def test_missing_cycle(value):
    assert days_text(value) == "—"
