"""The display's rounding rules, each with figures worked out by hand: whole counts (forecasts too), no cents from
1 000 €, the minus sign, and the cost per result in the unit that reads naturally."""

import datetime

import pytest

from pac_core import formatting as fmt
from pac_core.display import metric_value, metric_values, value
from pac_core.display.actions import estimate_value, estimate_values
from pac_core.display.overview import _delta, headline_cards
from pac_core.kpi.headline import Headline
from pac_core.kpi.scope import Scope
from pac_core.kpi.summary_text import _value as summary_value

NNBSP, NBSP, MINUS = "\u202f", "\u00a0", "\u2212"
OCTOBER = datetime.date(2026, 10, 1)


# --- counts are whole, forecasts of counts too -----------------------------------------------------------------

@pytest.mark.parametrize("amount, shown", [
    (2.7, "3"),  # « 2,7 grands comptes » forecast
    (32.7, "33"),  # « 32,7 nouveaux clients »
    (2040.2, f"2{NNBSP}040"),  # « 2 040,2 contacts »
    (2.5, "3"),  # halves up, as people round
    (168.3, "168"),
    (0.4, "0"),
])
def test_a_count_is_a_whole_number(amount, shown):
    assert fmt.count(amount) == shown
    assert value(amount, "nombre") == shown
    assert metric_value(amount, "grands_comptes") == shown
    assert estimate_value(amount, "nouveaux_clients") == shown
    assert summary_value(amount, "contacts") == shown


def test_a_column_of_counts_is_whole_and_keeps_money_and_percentages():
    amounts = [2.7, 32.7, 2040.2, 219_146.4, 0.125, None]
    metrics = ["grands_comptes", "nouveaux_clients", "contacts", "ca", "taux_inconnu", "contacts"]
    assert metric_values(amounts, metrics) == ["3", "33", f"2{NNBSP}040", f"219{NNBSP}146{NBSP}€", "0", "—"]
    assert estimate_values(amounts, metrics) == metric_values(amounts, metrics)


# --- money: no cents from 1 000 € ------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, shown", [
    (1234.56, f"1{NNBSP}235{NBSP}€"),  # cents dropped, rounded up
    (1000.0, f"1{NNBSP}000{NBSP}€"),
    (999.99, f"999,99{NBSP}€"),  # below 1 000 € the cents asked for stay
    (999.996, f"1{NNBSP}000{NBSP}€"),  # rounds to 1 000,00: no cents either
    (12.5, f"12,50{NBSP}€"),
    (-2500.75, f"{MINUS}2{NNBSP}501{NBSP}€"),
])
def test_money_from_a_thousand_euros_has_no_cents(amount, shown):
    assert fmt.euros(amount, 2) == shown
    assert fmt.euro_amounts([amount], 2).to_pylist() == [shown]


# --- the minus sign ----------------------------------------------------------------------------------------------

def test_negatives_take_the_minus_sign_and_a_rounded_zero_has_none():
    assert fmt.percent(-0.3) == f"{MINUS}30,0{NNBSP}%"  # (4 200 − 6 000) / 6 000
    assert fmt.number(-3500) == f"{MINUS}3{NNBSP}500"
    assert fmt.euros(-13_900) == f"{MINUS}13{NNBSP}900{NBSP}€"
    assert fmt.number(-0.04, 1) == "0,0" and fmt.euros(-0.4) == f"0{NBSP}€" and fmt.count(-0.3) == "0"
    assert fmt.numbers([-30, -0.04], 1).to_pylist() == [f"{MINUS}30,0", "0,0"]
    for text in (fmt.percent(-0.3), fmt.number(-3500), fmt.euros(-1.5, 2), value(-12, "nombre")):
        assert "-" not in text


# --- cost per result -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cost, results, singular, plural, in_euros, shown", [
    # 14 € for 20 contacts: 0,70 € a contact — not « 1 € pour 1,4 contact »
    (14, 20, "contact", "contacts", False, f"0,70{NBSP}€ par contact"),
    # 1 € for 1,4 contacts: 0,714… → 0,71 € a contact
    (1, 1.4, "contact", "contacts", False, f"0,71{NBSP}€ par contact"),
    # 3 400 € for 25 meetings: 136 € a meeting, whole euros from 10 €
    (3400, 25, "rendez-vous", "rendez-vous", False, f"136{NBSP}€ par rendez-vous"),
    # 14 450 € for 14 new clients: 1 032,14… → 1 032 €
    (14_450, 14, "nouveau client", "nouveaux clients", False, f"1{NNBSP}032{NBSP}€ par nouveau client"),
    # 20 € for 5 000 impressions: 0,004 € each, said per 1 000: 4,00 €
    (20, 5000, "impression", "impressions", False, f"4,00{NBSP}€ pour 1{NNBSP}000 impressions"),
    # 2 400 € for 15 000 € of revenue: 0,16 € per euro, said per 100 €: 16 €
    (2400, 15_000, "CA", None, True, f"16{NBSP}€ de coût pour 100{NBSP}€ de CA"),
    # 600 € for 10 000 € of revenue: « 0,06 € par euro » becomes 6 € per 100 €
    (600, 10_000, "chiffre d'affaires", None, True, f"6{NBSP}€ de coût pour 100{NBSP}€ de chiffre d'affaires"),
    # 35 € for 10 000 €: 0,35 € per 100 €
    (35, 10_000, "CA", None, True, f"0,35{NBSP}€ de coût pour 100{NBSP}€ de CA"),
])
def test_a_cost_per_result_reads_in_its_natural_unit(cost, results, singular, plural, in_euros, shown):
    assert fmt.cost_per_result(cost / results, singular, plural, in_euros=in_euros) == shown


def test_a_cost_per_result_without_results_is_missing():
    assert fmt.cost_per_result(None, "contact") == "—"
    assert fmt.cost_per_result(float("nan"), "contact") == "—"


def test_a_unit_price_keeps_cents_below_ten_euros():
    assert fmt.unit_price(0.7) == f"0,70{NBSP}€"
    assert fmt.unit_price(9.994) == f"9,99{NBSP}€"
    assert fmt.unit_price(56.4) == f"56{NBSP}€"


# --- the month's change on the overview ------------------------------------------------------------------------

def test_no_change_is_neutral_a_fall_has_the_minus_sign_and_spending_is_never_green():
    flat = _delta(219_146.0, 219_146.2, "€", OCTOBER)  # 0,20 € rounds to 0 €
    assert (flat.text, flat.color, flat.arrow) == (f"= 0{NBSP}€ en octobre", "gray", "off")
    rise = _delta(219_146.0, 205_246.0, "€", OCTOBER)
    assert (rise.text, rise.color, rise.arrow) == (f"+13{NNBSP}900{NBSP}€ en octobre", "green", "up")
    fall = _delta(168, 170, "nombre", OCTOBER)
    assert (fall.text, fall.color, fall.arrow) == (f"{MINUS}2 en octobre", "red", "down")
    spent = _delta(30_000.0, 25_000.0, "€", OCTOBER, rise_is_good=None)
    assert (spent.color, spent.arrow) == ("gray", "up")


def _headline(**changes) -> Headline:
    figures = dict(as_of=OCTOBER, revenue_to_date=219_146.0, revenue_target_to_date=230_000.0,
                   revenue_target_year=300_000.0, revenue_pace=219_146 / 230_000, contacts_to_date=2040.2,
                   contacts_target_to_date=2100.6, contacts_pace=0.97, new_clients_to_date=32.7,
                   new_clients_target_to_date=40.0, new_clients_pace=0.8175, cost_to_date=30_000.0,
                   budget_year=50_000.0, budget_consumed=0.6, action_count=10, active_clients=None)
    figures.update(changes)
    return Headline(**figures)


def test_headline_cards_show_whole_counts_and_a_zero_change_in_grey():
    now, before = _headline(), _headline(as_of=datetime.date(2026, 9, 1), contacts_to_date=2000.0)
    revenue, contacts, clients, budget = headline_cards(now, before, {})
    assert (revenue.delta, revenue.delta_color, revenue.delta_arrow) == (f"= 0{NBSP}€ en octobre", "gray", "off")
    assert contacts.value == f"2{NNBSP}040" and contacts.delta == "+40 en octobre"  # 2 040,2 − 2 000 = 40,2
    assert contacts.caption.endswith(f"(2{NNBSP}101)")  # target to date 2 100,6 → 2 101
    assert clients.value == "33"
    assert budget.delta_color == "gray"


def test_with_the_scope_each_headline_with_a_goal_says_its_status():
    revenue, contacts, clients, budget = headline_cards(_headline(), None, {}, Scope(as_of=OCTOBER))
    assert revenue.caption.endswith("· ✔ En bonne voie")  # 219 146 / 230 000 = 95,3 % ≥ 95 %
    assert contacts.caption.endswith("· ✔ En bonne voie")  # 97 %
    assert clients.caption.endswith("· ⚠ À surveiller")  # 81,75 %: from 80 %
    assert "En " not in budget.caption and "surveiller" not in budget.caption  # spending has no goal here
    late = headline_cards(_headline(new_clients_pace=0.5), None, {}, Scope(as_of=OCTOBER))[2]
    assert late.caption.endswith("· ✖ En retard")
