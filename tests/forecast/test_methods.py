"""Each method on tiny series, with the figures computed by hand."""

import numpy as np
import pytest

from pac_core.forecast import backtest, plan, seasonal, theta

LAST_YEAR = [10.0, 10, 10, 10, 40, 10, 10, 10, 10, 10, 10, 10]  # a trade show in May


def test_seasonal_naive_scales_last_years_shape_by_this_years_to_date_ratio():
    # this year 12 a month to March: ratio 36 / 30 = 1.2; April … December = last year's × 1.2
    series = np.array([LAST_YEAR + [12.0, 12, 12]])
    months = seasonal.forecast(series, np.array([15]), np.array([9]))[0]
    np.testing.assert_allclose(months[:9], [12, 48, 12, 12, 12, 12, 12, 12, 12])
    assert np.isnan(months[9:]).all()
    assert 36 + months[:9].sum() == pytest.approx(180.0)  # the year-end


@pytest.mark.parametrize("this_year, why", [([5.0, 5, 5], "last year's to-date is 0"),
                                            ([-5.0, 1, 1], "a refund makes the actual to date negative")])
def test_seasonal_naive_repeats_last_year_when_the_ratio_cannot_be_read(this_year, why):
    last_year = [0.0, 0, 0] + LAST_YEAR[3:]
    series = np.array([last_year + this_year])
    months = seasonal.forecast(series, np.array([15]), np.array([9]))[0]
    np.testing.assert_allclose(months[:9], last_year[3:], err_msg=why)


def test_plan_based_atterrissage_at_march_with_a_flat_plan():
    # targets 100 a month; 80, 90, 100 to March: pace 270 / 300 = 0.9; 270 + 900 × 0.9 = 1 080
    targets = np.full((1, 12), 100.0)
    results = np.array([[80.0, 90, 100] + [np.nan] * 9])
    forecast, actual_to_date = plan.atterrissage(targets, results, 3)
    assert forecast[0] == pytest.approx(1080.0)
    assert actual_to_date[0] == 270.0


def test_plan_based_atterrissage_edge_cases_follow_the_sql():
    nan = np.nan
    targets = np.array([
        [0, 0, 0] + [100.0] * 9,  # target to date 0: the plan is kept (pace 1): 30 + 900
        [nan] * 3 + [100.0] * 9,  # no target to date: the plan is kept: 30 + 900
        [100.0] * 3 + [nan] * 9,  # nothing planned after March: the actual to date, 30
        [100.0] * 12,  # no result yet: 0 to date, pace 0: 0
    ])
    results = np.array([[10.0, 10, 10] + [nan] * 9] * 3 + [[nan] * 12])
    forecast, actual_to_date = plan.atterrissage(targets, results, 3)
    np.testing.assert_allclose(forecast, [930, 930, 30, 0])
    np.testing.assert_allclose(actual_to_date, [30, 30, 30, 0])


def test_short_series_take_their_seasonal_indices_from_their_first_year():
    # 13–23 months: too short for the centred moving average; first year / its mean (mean 20 here)
    first_year = [10.0, 30] * 6
    indices, multiply = theta.seasonal_indices(np.array([first_year + [12.0]]), np.array([13]))
    assert multiply[0]
    np.testing.assert_allclose(indices[0], [0.5, 1.5] * 6)


def test_the_mase_scale_is_the_mean_absolute_difference_with_twelve_months_before():
    # months 13–15 differ from a year before by 2, 2 and 5: scale 3
    series = np.array([LAST_YEAR + [12.0, 12, 15]])
    assert backtest.mase_scale(series, np.array([15]))[0] == pytest.approx(3.0)
    # no difference at all: the mean absolute month (10); an all-zero series: 1
    flat = np.array([[10.0] * 13, [0.0] * 13])
    np.testing.assert_allclose(backtest.mase_scale(flat, np.array([13, 13])), [10.0, 1.0])


def test_backtest_origins_of_two_years_of_history_at_june():
    # origins: January … November of the year before (11) and January … May of this year (5); then the live one
    values = np.zeros((1, 36))
    work = backtest.tasks(values, np.array([30]))
    assert (~work.live).sum() == 16
    horizons = work.horizon[~work.live]
    assert list(horizons[:11]) == list(range(11, 0, -1))  # up to December of the origin's year
    assert list(horizons[11:]) == [5, 4, 3, 2, 1]  # this year: up to June, the as-of month
    assert work.horizon[work.live][0] == 6


def test_conformal_quantiles_use_the_finite_sample_ranks():
    # 19 scores −9 … 9: the ⌊20 × 0.1⌋ = 2nd and ⌈20 × 0.9⌉ = 18th smallest: −8 and 8
    scores = np.arange(-9.0, 10.0)
    low, high = backtest.conformal_quantiles(scores, np.zeros(19, dtype=int), np.ones(19, dtype=bool), 1)
    assert (low[0], high[0]) == (-8.0, 8.0)
    # 4 scores all above 0: the ranks are clipped to the largest; 0 is kept inside the band
    low, high = backtest.conformal_quantiles(np.array([1.0, 2, 3, 4]), np.zeros(4, dtype=int),
                                             np.ones(4, dtype=bool), 1)
    assert (low[0], high[0]) == (0.0, 4.0)


def test_the_combination_weighs_each_method_by_its_inverse_squared_mase():
    weights = backtest.combination_weights(np.array([[1.0, 2.0, np.nan],  # 1 and 1/4: 0.8 and 0.2
                                                     [0.5, 0.5, 1.0],  # 4, 4, 1: 4/9, 4/9, 1/9
                                                     [0.3, 0.0, 0.0],  # without error: the simpler takes all
                                                     [np.nan, np.nan, np.nan]]))
    assert weights[0, :2] == pytest.approx([0.8, 0.2]) and np.isnan(weights[0, 2])
    assert weights[1] == pytest.approx([4 / 9, 4 / 9, 1 / 9])
    assert weights[2] == pytest.approx([0.0, 1.0, 0.0])
    assert np.isnan(weights[3]).all()


def test_the_combinations_band_reads_the_errors_of_the_three_methods_it_mixes():
    # one pair, three origins per method; the combination's own scores (weights fit on them) are left aside
    scores = {"saisonnier": np.array([-3.0, 1, 2]), "ets": np.array([-1.0, 0, 4]), "theta": np.array([-2.0, 3, 5]),
              "combinaison": np.array([-0.1, 0.1, 0.2])}
    available = {name: np.ones(3, dtype=bool) for name in scores}
    pair, chosen = np.zeros(3, dtype=int), np.ones(3, dtype=bool)
    # nine scores −3 … 5: the ⌊10 × 0.1⌋ = 1st and ⌈10 × 0.9⌉ = 9th smallest
    low, high = backtest.band_quantiles("combinaison", scores, available, pair, chosen, 1)
    assert (low[0], high[0]) == (-3.0, 5.0)
    low, high = backtest.band_quantiles("ets", scores, available, pair, chosen, 1)  # a method alone: its own
    assert (low[0], high[0]) == (-1.0, 4.0)
