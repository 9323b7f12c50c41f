"""The Canaux & ROI texts, on small frames shaped like pac_core.kpi.roi.channel_roi's, figures worked out by hand."""

import datetime

import pandas as pd
import pytest

from pac_core.display.channels import (Quarter, bubble_frame, group_order, headline_cards, no_action_in,
                                       period_text, quarter_ranges, quarter_table, ranking_frame, roi_table,
                                       unit_cost, without_roi_note)

NNBSP, NBSP = "\u202f", "\u00a0"
D = datetime.date
NAN = float("nan")


def roi_frame(rows, by="channel"):
    """Rows of (group, cost, revenue, source, contacts, meetings, new clients); ratios from the sums, as roi.sql."""
    records = []
    for group, cost, revenue, source, contacts, meetings, new_clients in rows:
        def per(result):
            return cost / result if cost and result and result == result else NAN
        records.append({by: group, "actions": 1, "cost": float(cost), "revenue": float(revenue),
                        "revenue_source": source, "contacts": contacts, "meetings": meetings,
                        "new_clients": new_clients,
                        "roi": (revenue - cost) / cost if cost else NAN, "roas": revenue / cost if cost else NAN,
                        "cost_per_contact": per(contacts), "cost_per_meeting": per(meetings),
                        "cost_per_new_client": per(new_clients),
                        "first_month": pd.Timestamp("2026-01-01"), "last_month": pd.Timestamp("2026-10-01")})
    return pd.DataFrame(records)


# The demo's channels January–October (pac_core/demo.py RESULTS, tests/kpi/test_roi.py):
#   Salon 14 450 € → 103 100 €: ROI 88 650 / 14 450 = 613,5 %, ROAS 7,13; 256 contacts → 56 €, 59 RDV → 245 €,
#   14 new clients → 1 032 €. Téléprospection 6 000 € → 4 200 €: ROI −30,0 %, ROAS 0,70, 6 RDV → 1 000 €.
#   Base de données 1 000 € → 0 €: ROI −100 %, 1 420 contacts → 0,70 €. A channel without cost has no ROI.
DEMO = roi_frame([
    ("Base de données", 1000, 0, None, 1420.0, NAN, NAN),
    ("Salon", 14450, 103100, "réalisé", 256.0, 59.0, 14.0),
    ("Téléprospection", 6000, 4200, "réalisé", NAN, 6.0, 1.0),
    ("Prescripteurs", 0, 2500, "opportunités", NAN, NAN, 1.0),
])


def test_quarters_of_the_year_to_date_stop_at_the_as_of_month():
    quarters = quarter_ranges(D(2026, 10, 1))
    assert [q.label for q in quarters] == ["T1 2026", "T2 2026", "T3 2026", "T4 2026"]
    assert [q.range for q in quarters] == [(D(2026, 1, 1), D(2026, 3, 1)), (D(2026, 4, 1), D(2026, 6, 1)),
                                           (D(2026, 7, 1), D(2026, 9, 1)), (D(2026, 10, 1), D(2026, 10, 1))]
    assert [q.months for q in quarters] == ["janv. – mars", "avr. – juin", "juil. – sept.", "oct. (à date)"]
    assert quarters[0].heading == "T1 2026 · janv. – mars"


@pytest.mark.parametrize("as_of, ranges, last_months", [
    (D(2026, 1, 1), [(D(2026, 1, 1), D(2026, 1, 1))], "janv. (à date)"),
    (D(2026, 2, 1), [(D(2026, 1, 1), D(2026, 2, 1))], "janv. – févr. (à date)"),
    (D(2026, 3, 1), [(D(2026, 1, 1), D(2026, 3, 1))], "janv. – mars"),
    (D(2025, 12, 1), [(D(2025, 1, 1), D(2025, 3, 1)), (D(2025, 4, 1), D(2025, 6, 1)),
                      (D(2025, 7, 1), D(2025, 9, 1)), (D(2025, 10, 1), D(2025, 12, 1))], "oct. – déc."),
])
def test_quarter_edges(as_of, ranges, last_months):
    quarters = quarter_ranges(as_of)
    assert [q.range for q in quarters] == ranges
    assert quarters[-1].months == last_months


def test_unit_costs_show_cents_only_when_they_matter():
    assert unit_cost(1000 / 1420) == f"0,70{NBSP}€"
    assert unit_cost(14450 / 256) == f"56{NBSP}€"
    assert unit_cost(14450 / 14) == f"1{NNBSP}032{NBSP}€"
    assert unit_cost(None) == unit_cost(NAN) == "—"


def test_the_table_ranks_by_roi_and_writes_every_figure_in_french():
    table = roi_table(DEMO, "channel")
    assert list(table["Canal"]) == ["Salon", "Téléprospection", "Base de données", "Prescripteurs"]
    salon, tel, database, prescribers = (table.iloc[i].to_dict() for i in range(4))
    assert (salon["Coût"], salon["CA attribué"], salon["ROI"], salon["ROAS"]) == (
        f"14{NNBSP}450{NBSP}€", f"103{NNBSP}100{NBSP}€", f"613,5{NNBSP}%", "7,13")
    assert (salon["Coût par contact"], salon["Coût par RDV"], salon["Coût par nouveau client"]) == (
        f"56{NBSP}€", f"245{NBSP}€", f"1{NNBSP}032{NBSP}€")
    assert (tel["Coût"], tel["CA attribué"], tel["ROI"], tel["ROAS"]) == (
        f"6{NNBSP}000{NBSP}€", f"4{NNBSP}200{NBSP}€", f"−30,0{NNBSP}%", "0,70")
    assert (tel["Coût par contact"], tel["Coût par RDV"]) == ("—", f"1{NNBSP}000{NBSP}€")
    assert (database["ROI"], database["Source du CA"], database["Coût par contact"]) == (
        f"−100,0{NNBSP}%", "—", f"0,70{NBSP}€")
    # No cost: no ROI, no ROAS, no cost per client — "—", never 0 or inf.
    assert (prescribers["ROI"], prescribers["ROAS"], prescribers["Coût par nouveau client"]) == ("—", "—", "—")
    assert prescribers["Source du CA"] == "Opportunités gagnées"
    assert "Prescripteurs" in without_roi_note(DEMO, "channel")
    assert without_roi_note(DEMO.iloc[:3], "channel") is None


def test_by_lever_the_first_column_is_the_lever():
    frame = roi_frame([("Téléprospection", 7000, 4200, "réalisé", 1420.0, 6.0, 1.0)], by="lever")
    table = roi_table(frame, "lever")
    assert list(table.columns[:2]) == ["Levier", "Actions"]
    assert table.iloc[0]["ROI"] == f"−40,0{NNBSP}%"  # (4 200 − 7 000) / 7 000


def test_headline_cards_of_the_whole_scope():
    # The demo company: 35 050 € spent, 146 800 € attributed: ROI 111 750 / 35 050 = 318,8 %, ROAS 4,19.
    company = roi_frame([("Entreprise", 35050, 146800, "réalisé", 1934.0, 65.0, 22.0)], by="scope")
    cards = {card.label: card for card in headline_cards(company)}
    assert cards["Coût"].value == f"35{NNBSP}050{NBSP}€"
    assert cards["Coût"].caption == "Dépensé de janvier à octobre 2026"
    assert cards["Chiffre d'affaires attribué"].value == f"146{NNBSP}800{NBSP}€"
    assert cards["Chiffre d'affaires attribué"].caption == "Source : réalisé"
    assert cards["ROI"].value == f"318,8{NNBSP}%"
    assert cards["ROI"].caption == f"CA − coût : 111{NNBSP}750{NBSP}€"
    assert cards["ROAS"].value == "4,19"
    assert headline_cards(company.iloc[0:0]) == []


def test_the_quarter_table_has_a_column_per_quarter_and_a_total_row():
    quarters = [Quarter("T1 2026", D(2026, 1, 1), D(2026, 3, 1), "janv. – mars"),
                Quarter("T2 2026", D(2026, 4, 1), D(2026, 4, 1), "avr. (à date)")]
    first = roi_frame([("Salon", 1000, 3000, "réalisé", NAN, NAN, NAN), ("Emailing", 500, 0, None, NAN, NAN, NAN)])
    second = roi_frame([("Salon", 0, 2000, "réalisé", NAN, NAN, NAN)])
    totals = [roi_frame([("Entreprise", 1500, 3000, "réalisé", NAN, NAN, NAN)], by="scope"),
              roi_frame([("Entreprise", 0, 2000, "réalisé", NAN, NAN, NAN)], by="scope")]
    table = quarter_table([first, second], totals, quarters, "channel")
    assert list(table.columns) == ["Canal", "T1 2026 · janv. – mars", "T2 2026 · avr. (à date)"]
    rows = {row["Canal"]: row for row in table.to_dict("records")}
    assert list(rows) == ["Emailing", "Salon", "Ensemble"]
    # Salon T1: (3 000 − 1 000) / 1 000 = 200 %; T2 no cost → "—". Emailing absent in T2 → "—".
    assert rows["Salon"]["T1 2026 · janv. – mars"] == f"200,0{NNBSP}%"
    assert rows["Salon"]["T2 2026 · avr. (à date)"] == "—"
    assert rows["Emailing"]["T2 2026 · avr. (à date)"] == "—"
    assert rows["Ensemble"]["T1 2026 · janv. – mars"] == f"100,0{NNBSP}%"  # (3 000 − 1 500) / 1 500
    costs = quarter_table([first, second], totals, quarters, "channel", measure="cost")
    assert costs.iloc[-1].tolist() == ["Ensemble", f"1{NNBSP}500{NBSP}€", f"0{NBSP}€"]
    with pytest.raises(ValueError):
        quarter_table([first], totals, quarters, "channel", measure="roas")


def test_the_ranking_goes_from_best_to_worst_and_puts_loss_labels_right_of_zero():
    ranking = ranking_frame(DEMO, "channel")
    assert list(ranking["group"]) == ["Salon", "Téléprospection", "Base de données"]  # no ROI: left out
    assert list(ranking["roi_text"]) == [f"613,5{NNBSP}%", f"−30,0{NNBSP}%", f"−100,0{NNBSP}%"]
    assert list(ranking["label_at"]) == [pytest.approx(88650 / 14450), 0.0, 0.0]


def test_bubbles_size_by_new_clients_or_contacts():
    bubbles = bubble_frame(DEMO, "channel", "new_clients")
    assert list(bubbles["size"]) == [0.0, 14.0, 1.0, 1.0]  # no new client reported: the smallest bubble
    assert list(bubble_frame(DEMO, "channel", "contacts")["size_text"]) == [f"1{NNBSP}420", "256", "0", "0"]
    assert bubbles.iloc[1]["roi_text"] == f"613,5{NNBSP}%" and bubbles.iloc[3]["roi_text"] == "—"
    with pytest.raises(ValueError):
        bubble_frame(DEMO, "channel", "cost")


def test_period_text():
    assert period_text(D(2026, 1, 1), D(2026, 10, 1)) == "de janvier à octobre 2026"
    assert period_text(D(2026, 3, 1), D(2026, 3, 1)) == "en mars 2026"
    assert period_text(D(2025, 11, 1), D(2026, 2, 1)) == "de novembre 2025 à février 2026"


def test_no_action_in_the_scope():
    company = roi_frame([("Entreprise", 0, 0, None, NAN, NAN, NAN)], by="scope")
    assert not no_action_in(company)
    assert no_action_in(company.assign(actions=0))  # what channel_roi answers when the filters keep nothing
    assert no_action_in(company.iloc[0:0])


def test_a_channel_that_spent_and_earned_nothing_has_no_bubble():
    frame = roi_frame([("Salon", 1850, 7200, "réalisé", 52.0, 15.0, 1.0),
                       ("Téléprospection", 0, 0, None, NAN, NAN, NAN)])
    assert list(bubble_frame(frame, "channel")["group"]) == ["Salon"]
    assert list(roi_table(frame, "channel")["Canal"]) == ["Salon", "Téléprospection"]  # still in the table


def test_the_quarter_rows_follow_the_year_s_ranking():
    quarters = [Quarter("T1 2026", D(2026, 1, 1), D(2026, 3, 1), "janv. – mars")]
    first = roi_frame([("Emailing", 500, 0, None, NAN, NAN, NAN), ("Salon", 1000, 3000, "réalisé", NAN, NAN, NAN),
                       ("Zèbre", 10, 0, None, NAN, NAN, NAN)])
    total = [roi_frame([("Entreprise", 1510, 3000, "réalisé", NAN, NAN, NAN)], by="scope")]
    order = group_order(first.iloc[:2], "channel")
    assert order == ["Salon", "Emailing"]
    table = quarter_table([first], total, quarters, "channel", order=order + ["Absent"])
    assert list(table["Canal"]) == ["Salon", "Emailing", "Zèbre", "Ensemble"]
