"""forecast_pairs: every flow pair's year-end forecast, its band, the method chosen and why, and the monthly path."""

import datetime

import numpy as np
import pandas as pd

from pac_core.forecast import backtest, history, plan, text

PAIR_COLUMNS = ["action_id", "metric", "plan", "year_end", "low", "high", "method", "backtest_mase",
                "backtest_error", "origins", "reason"]
PATH_COLUMNS = ["action_id", "metric", "month", "value", "low", "high"]


def forecast_pairs(grid: pd.DataFrame, as_of: datetime.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pairs, path) for the flow pairs of as_of's year (as_of: the first day of the last closed month).

    pairs, one row per flow pair with a target this year or a result to date, in the grid's order: action_id,
    metric, plan (objectives.sql's forecast), year_end / low / high (the chosen forecast of the year's total and
    its 80 % band; NaN when the pair falls back to the plan without a backtest), method (METHOD_LABELS' codes),
    backtest_mase, backtest_error (0.06 = « ± 6 % »), origins (backtest origins read), reason (French).
    path: action_id, metric, month (first day), value, low, high for the months after as-of of the pairs with a
    year_end. In December, year_end = low = high = the actual total, and no path."""
    year, month = as_of.year, as_of.month
    current = history.current_pairs(grid, year, month)
    count = len(current.action_id)
    planned, actual_to_date = plan.atterrissage(current.targets, current.results, month)
    year_end, low, high = (np.full(count, np.nan) for _ in range(3))
    mase, relative_error = np.full(count, np.nan), np.full(count, np.nan)
    origins = np.zeros(count, dtype=int)
    method = np.full(count, "plan", dtype=object)
    reason = np.full(count, text.no_history(year), dtype=object)
    path = _empty_path()
    if month == 12:
        year_end, low, high = actual_to_date.copy(), actual_to_date.copy(), actual_to_date.copy()
        reason[:] = text.year_closed()
    else:
        found, older = history.history(current, history.previous_rows(grid, year), year, month)
        reason[older] = text.missing_year(year - 1)
        if len(found.pair):
            work = backtest.tasks(found.values, found.observed)
            forecasts = backtest.method_forecasts(work, found.targets, found.has_target)
            choice = backtest.choose(work, forecasts, len(found.pair))
            rows = found.pair
            # a choice whose backtests only met years at 0 has no error to show, so no honest band: the plan
            unmeasured = (choice.method != "") & np.isnan(choice.relative_error)
            reason[rows] = [text.too_few_origins(n) if m == "" else text.nothing_to_measure() if u
                            else text.chosen(m, year - 1, e, w)
                            for m, n, e, u, w in zip(choice.method, choice.origins, choice.relative_error, unmeasured,
                                                     choice.weights)]
            origins[rows] = choice.origins
            chosen = (choice.method != "") & ~unmeasured
            method[rows[chosen]] = choice.method[chosen]
            mase[rows[chosen]], relative_error[rows[chosen]] = choice.mase[chosen], choice.relative_error[chosen]
            live = work.live
            months = np.zeros((len(rows), backtest.HORIZON))
            for name, values in forecasts.items():
                take = chosen[work.pair[live]] & (choice.method[work.pair[live]] == name)
                months[work.pair[live][take]] = values[live][take]
            plan_live = chosen & (choice.method == "plan")
            if plan_live.any():
                months[plan_live, :12 - month] = plan.monthly(current.targets[rows[plan_live], :month],
                                                              actual_to_date[rows[plan_live]],
                                                              current.targets[rows[plan_live], month:])
            months[:, 12 - month:] = 0.0
            # a series that never went below 0 (no refund month) cannot lose in the months ahead: no method may
            # forecast a negative month, nor a band below what is already done (seen on the demo: a smoothing
            # of a trade show's zeros gave −141 contacts as the band's low)
            never_negative = ~(np.nan_to_num(found.values) < 0).any(axis=1)
            months = np.where(never_negative[:, None], np.maximum(months, 0.0), months)
            scale = np.zeros(len(rows))
            scale[work.pair[live]] = backtest.band_unit(work.scale[live], work.horizon[live])
            ahead_total = months.sum(axis=1)
            end = np.where(plan_live, planned[rows], actual_to_date[rows] + ahead_total)
            lows = end + choice.low_score * scale
            highs = end + choice.high_score * scale
            lows = np.where(never_negative, np.maximum(lows, actual_to_date[rows]), lows)
            year_end[rows[chosen]], low[rows[chosen]], high[rows[chosen]] = end[chosen], lows[chosen], highs[chosen]
            path = _path(current, rows[chosen], months[chosen], actual_to_date[rows[chosen]], end[chosen],
                         lows[chosen], highs[chosen], as_of)
    pairs = pd.DataFrame({"action_id": current.action_id, "metric": current.metric, "plan": planned,
                          "year_end": year_end, "low": low, "high": high, "method": method,
                          "backtest_mase": mase, "backtest_error": relative_error, "origins": origins,
                          "reason": reason}, columns=PAIR_COLUMNS)
    pairs["method"] = pairs["method"].astype(str)
    pairs["reason"] = pairs["reason"].astype(str)
    return pairs, path


def _path(current, rows, months, actual_to_date, end, low, high, as_of) -> pd.DataFrame:
    """The months after as-of: the forecast, and the band spread over them in proportion to the forecast (evenly
    when the months ahead add up to 0), so that actual to date + the months' sum gives year_end, low and high."""
    ahead = 12 - as_of.month
    months = months[:, :ahead]
    total = months.sum(axis=1)
    spread = {}
    for name, bound in (("low", low), ("high", high)):
        gap = bound - actual_to_date
        with np.errstate(divide="ignore", invalid="ignore"):
            proportional = months * (gap / total)[:, None]
        spread[name] = np.where((total != 0)[:, None], proportional, (gap / ahead)[:, None])
    dates = [datetime.date(as_of.year, month, 1) for month in range(as_of.month + 1, 13)]
    return pd.DataFrame({"action_id": np.repeat(current.action_id[rows], ahead),
                         "metric": np.repeat(current.metric[rows], ahead),
                         "month": np.tile(np.array(dates, dtype=object), len(rows)),
                         "value": months.ravel(), "low": spread["low"].ravel(), "high": spread["high"].ravel()},
                        columns=PATH_COLUMNS)


def _empty_path() -> pd.DataFrame:
    return pd.DataFrame({"action_id": pd.Series(dtype=object), "metric": pd.Series(dtype=object),
                         "month": pd.Series(dtype=object), "value": pd.Series(dtype=float),
                         "low": pd.Series(dtype=float), "high": pd.Series(dtype=float)})
