"""forecast_pairs: what the screens read, on small grids, including the bad inputs of issue 20."""

import datetime
import re

import numpy as np
import pytest

from pac_core.forecast import METHOD_LABELS, PAIR_COLUMNS, PATH_COLUMNS, forecast_pairs
from tests.forecast.forecast_rows import grid, row, seasonal_years

JUNE, MARCH, SEPTEMBER = (datetime.date(2026, month, 1) for month in (6, 3, 9))
SHAPE = [0.6, 0.7, 1.0, 1.1, 1.5, 1.2, 0.8, 0.5, 1.0, 1.2, 1.3, 1.1]


def history_grid(shape=SHAPE, noise=3.0, targets=None, seed=1, years=3, action="A1"):
    """Two full years and this year's results to December (the as-of month decides what is known)."""
    figures = seasonal_years(2024, years, shape, noise=noise, seed=seed)
    return [row(year, months, targets, action=action) for year, months in figures.items()]


def known_to(rows, as_of):
    """The rows as on as_of: this year's results after the as-of month not yet known."""
    for figures in rows:
        if figures["year"] == as_of.year:
            for month in range(as_of.month + 1, 13):
                figures[f"r{month:02d}"] = np.nan
    return grid(*rows)


def one(pairs, action="A1"):
    return pairs.set_index("action_id").loc[action]


def test_a_pair_without_history_keeps_the_plan_and_says_why():
    pairs, path = forecast_pairs(grid(row(2026, [12.0, 12, 12], 10)), MARCH)
    assert list(pairs.columns) == PAIR_COLUMNS and list(path.columns) == PATH_COLUMNS
    pair = one(pairs)
    assert pair["plan"] == pytest.approx(36 + 90 * 1.2)
    assert np.isnan([pair["year_end"], pair["low"], pair["high"], pair["backtest_mase"]]).all()
    assert pair["method"] == "plan" and pair["origins"] == 0
    assert pair["reason"] == "Atterrissage selon le plan : moins de 12 mois d'historique avant 2026"
    assert path.empty


def test_a_gap_year_breaks_the_history():
    pairs, _ = forecast_pairs(grid(row(2024, [10.0] * 12), row(2026, [12.0] * 6, 10)), JUNE)
    assert one(pairs)["reason"] == "Atterrissage selon le plan : l'action n'existait pas en 2025"
    assert np.isnan(one(pairs)["year_end"])


def test_one_year_of_history_at_march_gives_too_few_origins():
    pairs, _ = forecast_pairs(grid(row(2025, [10.0] * 12), row(2026, [12.0] * 3, 10)), MARCH)
    pair = one(pairs)
    assert pair["method"] == "plan" and pair["origins"] == 2 and np.isnan(pair["year_end"])
    assert "trop peu d'historique" in pair["reason"] and "2 essais" in pair["reason"]


def test_december_gives_the_actual_total_and_no_path():
    rows = history_grid()
    pairs, path = forecast_pairs(grid(*rows), datetime.date(2026, 12, 1))
    total = sum(rows[2][f"r{month:02d}"] for month in range(1, 13))
    pair = one(pairs)
    assert pair["year_end"] == pytest.approx(total) and pair["low"] == pair["year_end"] == pair["high"]
    assert path.empty


def test_only_flows_are_forecast():
    stock = row(2026, [150.0] * 6, 150, metric="clients_actifs", aggregation="last")
    pairs, _ = forecast_pairs(grid(row(2026, [12.0] * 6, 10), stock), JUNE)
    assert list(pairs["metric"]) == ["ca"]


def test_a_strong_season_is_forecast_by_a_seasonal_method_rather_than_a_flat_plan():
    rows = history_grid(targets=100.0, noise=2.0)
    pair = one(forecast_pairs(known_to(rows, JUNE), JUNE)[0])
    assert pair["method"] in {"saisonnier", "ets", "theta", "combinaison"}
    # of the 16 origins (January–November 2025, January–May 2026), those forecasting 3 to 9 months, as the live
    # origin's 6 give or take a quarter: February–August 2025 (9 … 3 months), January–March 2026 (5, 4, 3)
    assert pair["origins"] == 10
    truth = sum(rows[2][f"r{month:02d}"] for month in range(1, 7)) + 100 * sum(SHAPE[6:])
    assert abs(pair["year_end"] - truth) < abs(pair["plan"] - truth)
    assert pair["reason"].startswith("Prévision : ") and "erreur passée ±\u00a0" in pair["reason"]
    assert pair["reason"].endswith("\u202f%")


def test_methods_that_erred_alike_are_combined_and_their_weights_named():
    """Three years of a season under strong noise: no method weighs 90 % in the backtests, so the forecast is their
    mean weighted by 1 / MASE², and the reason gives the weights."""
    rows = history_grid(targets=100.0, noise=30.0)
    pair = one(forecast_pairs(known_to(rows, JUNE), JUNE)[0])
    assert pair["method"] == "combinaison"
    assert pair["reason"].startswith("Prévision : moyenne pondérée par l'erreur passée (saisonnalité de 2025 ")
    shares = [int(share) for share in re.findall(r"(\d+)\u202f%", pair["reason"].split(")")[0])]
    assert len(shares) == 3
    assert 98 <= sum(shares) <= 102 and max(shares) < 90  # rounded shares of a weighted mean, none dominant


def test_the_band_contains_the_forecast_and_the_path_adds_up_to_it():
    pairs, path = forecast_pairs(known_to(history_grid(noise=8.0), JUNE), JUNE)
    pair = one(pairs)
    assert pair["low"] <= pair["year_end"] <= pair["high"] and pair["low"] < pair["high"]
    assert list(path["month"]) == [datetime.date(2026, month, 1) for month in range(7, 13)]
    actual_to_date = history_grid(noise=8.0)[2]
    actual_to_date = sum(actual_to_date[f"r{month:02d}"] for month in range(1, 7))
    for column, total in (("value", "year_end"), ("low", "low"), ("high", "high")):
        assert actual_to_date + path[column].sum() == pytest.approx(pair[total])


def test_the_band_is_wider_in_march_than_in_september():
    rows = history_grid(noise=8.0, seed=4)
    width = {}
    for as_of in (MARCH, SEPTEMBER):
        pair = one(forecast_pairs(known_to([dict(figures) for figures in rows], as_of), as_of)[0])
        width[as_of] = pair["high"] - pair["low"]
    assert width[MARCH] > width[SEPTEMBER] > 0


@pytest.mark.parametrize("name, years", [
    ("zeros", {2024: [0.0] * 12, 2025: [0.0] * 12, 2026: [0.0] * 6}),
    ("refunds", {2024: [10.0, -4, 12, 9, 11, -2, 10, 10, 8, 12, 11, 10], 2025: [11.0, 12, -6, 10, 9, 12, 10, 11, 9, 12,
                                                                               10, 11], 2026: [12.0, -3, 11, 12, 10, 9]}),
    ("a single month", {2025: [0.0] * 4 + [50.0], 2026: [0.0, 0, 60]}),
    ("launch mid-history", {2024: [0.0] * 8 + [5.0, 6, 7, 8], 2025: [9.0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
                            2026: [21.0, 22, 23, 24, 25, 26]}),
    ("pure noise", {year: list(np.random.default_rng(year).normal(50, 20, 12)) for year in (2024, 2025, 2026)}),
])
def test_bad_histories_never_crash_and_keep_the_band_around_the_forecast(name, years):
    rows = [row(year, months, 10) for year, months in years.items()]
    pairs, path = forecast_pairs(known_to(rows, JUNE), JUNE)
    pair = one(pairs)
    assert pair["method"] in METHOD_LABELS
    assert np.isfinite(pair["plan"])
    if pair["method"] != "plan" or not np.isnan(pair["year_end"]):
        assert pair["low"] <= pair["year_end"] <= pair["high"], name
        assert np.isfinite(path[["value", "low", "high"]].to_numpy()).all()


def test_an_all_zero_history_measures_no_error_and_keeps_the_plan_with_the_reason():
    """Backtests that only met zeros cannot say how wrong a method is: no band can be given from them."""
    rows = [row(year, [0.0] * 12, 10) for year in (2024, 2025)] + [row(2026, [0.0] * 6, 10)]
    pair = one(forecast_pairs(grid(*rows), JUNE)[0])
    assert pair["method"] == "plan" and np.isnan(pair["year_end"]) and pair["plan"] == 0.0
    assert pair["reason"] == ("Atterrissage selon le plan : les essais sur l'historique ne portent que sur des mois "
                              "à zéro, l'erreur ne peut pas être mesurée")


def test_a_series_that_never_went_below_zero_gets_no_negative_month_nor_a_band_below_the_done():
    """Seen on the demo: a smoothing of a trade show's months gave a band down to −141 contacts. Here the band went
    down to about −53 while 118 are already done."""
    show = [0, 0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0]
    rows = [row(2023, show, None), row(2024, [0, 0, 0, 0, 90, 0, 0, 0, 0, 0, 0, 0], None), row(2025, [0] * 12, None),
            row(2026, [0, 0, 0, 0, 118, 0], 20)]
    pairs, path = forecast_pairs(grid(*rows), JUNE)
    pair = one(pairs)
    assert pair["method"] != "plan"
    assert pair["low"] == 118 <= pair["year_end"] <= pair["high"]
    assert (path["value"] >= 0).all() and (path["low"] >= 0).all()


def test_nothing_to_forecast_gives_empty_frames_with_their_columns():
    pairs, path = forecast_pairs(grid(row(2026, [], None, has_target=False)), JUNE)
    assert pairs.empty and path.empty
    assert list(pairs.columns) == PAIR_COLUMNS and list(path.columns) == PATH_COLUMNS


def test_pairs_are_forecast_independently_of_each_other():
    together = forecast_pairs(grid(*history_grid(seed=1, action="A1"), *history_grid(seed=2, action="A2")),
                              datetime.date(2026, 7, 1))[0]
    alone = forecast_pairs(grid(*history_grid(seed=2, action="A2")), datetime.date(2026, 7, 1))[0]
    assert one(together, "A2")["year_end"] == one(alone, "A2")["year_end"]


def test_a_plan_phased_like_the_results_is_chosen_when_its_backtest_reaches_a_december():
    # the results follow the plan's phasing exactly, at 90 % of it: the plan's backtest is perfect
    phasing = [100.0 * factor for factor in SHAPE]
    rows = [row(year, [0.9 * target for target in phasing], phasing) for year in (2024, 2025, 2026)]
    pair = one(forecast_pairs(known_to(rows, JUNE), JUNE)[0])
    assert pair["method"] == "plan" and pair["backtest_mase"] == pytest.approx(0.0, abs=1e-12)
    assert pair["year_end"] == pytest.approx(pair["plan"]) == pytest.approx(0.9 * sum(phasing))
    assert pair["reason"].startswith("Prévision : atterrissage selon le plan, erreur passée ±")


def test_a_plan_with_targets_this_year_only_is_not_chosen_from_origins_cut_at_the_as_of_month():
    phasing = [100.0 * factor for factor in SHAPE]
    rows = [row(year, [0.9 * target for target in phasing]) for year in (2024, 2025)]
    rows.append(row(2026, [0.9 * target for target in phasing], phasing))
    pair = one(forecast_pairs(known_to(rows, JUNE), JUNE)[0])
    assert pair["method"] != "plan"
