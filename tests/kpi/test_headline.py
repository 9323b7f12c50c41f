"""The demo's headline figures, against numbers computed by hand from the generator's literal parameters
(pac_core/demo.py: TARGETS, RESULTS, COMPANY_RESULTS and the actions' budgets)."""

import datetime

import pytest

from pac_core.demo_loader import load_demo
from pac_core.kpi.headline import headline
from pac_core.store import Store
from tests.builders import plan_workbook
from tests.test_store import do_import

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("demo") / "pac.duckdb") as store:
        load_demo(store)
        yield headline(store)


def test_the_demo_is_seen_at_the_end_of_october(demo):
    assert demo.as_of == datetime.date(2026, 10, 1)
    assert demo.action_count == 7


def test_revenue_to_date_and_its_pace(demo):
    # SAL1 32 500 + SAL2 70 600 + TEL 4 200 + WEB 39 500
    assert demo.revenue_to_date == 146_800
    assert demo.revenue_target_to_date == 182_500
    assert demo.revenue_target_year == 250_000
    assert demo.revenue_pace == pytest.approx(146_800 / 182_500)  # 80,4 %


def test_contacts_new_clients_and_active_clients(demo):
    assert (demo.contacts_to_date, demo.contacts_target_to_date) == (1_934, 1_967)
    assert demo.new_clients_to_date == 22
    assert demo.active_clients == 165  # 150 + 22 new − 7 lost, a stock: October's figure, not a sum


def test_budget_consumed(demo):
    # 1 850 + 9 200 + 3 400 + 8 700 + 4 900 + 1 000 + 6 000 spent; 2 000 + 8 000 + 3 500 + 9 000 + 6 000 + 1 000 + 6 000
    assert (demo.cost_to_date, demo.budget_year) == (35_050, 35_500)
    assert demo.budget_consumed == pytest.approx(35_050 / 35_500)


def test_a_pace_without_target_is_none_not_zero(tmp_path):
    with Store(tmp_path / "pac.duckdb") as store:
        do_import(store, plan_workbook(tmp_path / "p.xlsx", results=[("A1", "ca", "janv. 2026", 500)]))
        figures = headline(store)
    assert figures.revenue_to_date == 500
    assert figures.revenue_target_to_date is None
    assert figures.revenue_pace is None
