"""Monthly series: the forecast path ends, in December, on the year-end forecast of objective vs actual."""

import datetime

import pytest

from pac_core.kpi.objectives import rollup
from pac_core.kpi.scope import Scope
from pac_core.kpi.series import series
from tests.kpi.test_objectives import plan

FEB = datetime.date(2026, 2, 1)


def test_flows_month_by_month_and_cumulative(tmp_path):
    # A1: 100 a month over T1 (300); A2: 50 in April. End of February A1 did 60 + 90 = 150 (pace 0,75).
    # Forecast path (cumulative): March 150 + 0,75 × 100 = 225; April + A2's 50 × 1 (no target to date
    # yet: the plan is assumed kept) = 275, then flat to December.
    targets = [("A1", "appels", "T1 2026", 300), ("A2", "appels", "avr. 2026", 50)]
    results = [("A1", "appels", "janv. 2026", 60), ("A1", "appels", "févr. 2026", 90)]
    with plan(tmp_path, targets, results) as store:
        frame = series(store, "appels", Scope(as_of=FEB)).set_index("month")
        company = rollup(store, Scope(as_of=FEB)).set_index("metric")
    march, april, december = (datetime.date(2026, m, 1) for m in (3, 4, 12))
    assert frame.loc[FEB, "target"] == 100 and frame.loc[FEB, "actual"] == 90
    assert frame.loc[FEB, "target_cumulative"] == 200 and frame.loc[FEB, "actual_cumulative"] == 150
    assert frame.loc[FEB, "forecast"] != frame.loc[FEB, "forecast"]  # no forecast where the actual is known
    assert frame.loc[march, "actual"] != frame.loc[march, "actual"]  # no actual after the as-of month
    assert frame.loc[march, "forecast"] == pytest.approx(225)
    assert frame.loc[april, "forecast"] == pytest.approx(275)
    assert frame.loc[december, "forecast"] == pytest.approx(company.loc["appels", "forecast"]) == pytest.approx(275)
    assert frame.loc[december, "target_cumulative"] == 350
    # Band: A1's monthly paces 0,6 and 0,9 → March 150 + 60 = 210 to 150 + 90 = 240.
    assert (frame.loc[march, "forecast_low"], frame.loc[march, "forecast_high"]) == pytest.approx((210, 240))


def test_a_stock_is_a_level_not_a_cumulative(tmp_path):
    # Key accounts: 1 in January, 2 in February → +1 a month (one change seen); March forecast 3, April 4.
    results = [("A1", "grands comptes", "janv. 2026", 1), ("A1", "grands comptes", "févr. 2026", 2)]
    with plan(tmp_path, [("A1", "grands comptes", "déc. 2026", 5)], results) as store:
        frame = series(store, "grands_comptes", Scope(as_of=FEB)).set_index("month")
    assert frame["target_cumulative"].isna().all() and frame["actual_cumulative"].isna().all()
    assert frame.loc[datetime.date(2026, 3, 1), "forecast"] == pytest.approx(3)
    assert frame.loc[datetime.date(2026, 4, 1), "forecast"] == pytest.approx(4)
    assert frame.loc[datetime.date(2026, 12, 1), "target"] == 5


def test_monthly_actuals_of_any_indicator_for_sparklines(tmp_path):
    from pac_core.kpi.series import monthly_actuals

    results = [("A1", "coût", "janv. 2026", 100), ("A2", "coût", "janv. 2026", 50), ("A1", "coût", "mars 2026", 30)]
    with plan(tmp_path, [("A1", "ca", "2026", 1200)], results) as store:
        assert monthly_actuals(store, "cout", Scope(as_of=datetime.date(2026, 3, 1))) == [150, 0, 30]
