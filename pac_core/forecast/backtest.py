"""Rolling-origin backtests on each pair's own history, the weighting of the methods by MASE, the conformal band.

Origins: every month-end t with at least 12 months of data up to it; from data ≤ t each method forecasts the
months after t up to December of t's year (in the as-of year, up to the as-of month); origins with nothing to
forecast are skipped. The "live" origin is the as-of month itself, forecasting up to December.

Error of one origin = |forecast total − actual total over the horizon| / (scale × horizon), where scale = the
in-sample mean absolute seasonal-naive difference (|y_t − y_{t−12}| over the months ≤ t; when that is 0, the
mean |y_t|; when that is 0 too, 1). MASE = its mean over the origins whose horizon is within LIKE_LIVE_MONTHS of
the live horizon (all origins when fewer than MIN_ORIGINS are).

The choice: seasonal naive, ETS and Theta are combined with weights ∝ 1 / MASE² (Bates and Granger's inverse
squared error; in M4, combinations of simple methods beat the choice of one); a method whose weight reaches
DOMINANT is used alone and named. On the real series of bench/bench_forecast.py the weighted combination cut the
year-end error by 8 % against choosing the method of lowest MASE, whose choice from a dozen origins of one or two
years is itself noisy. Then the plan-based atterrissage, if its MASE on the origins whose year has targets is not
above the combination's (or the dominant method's) there, and its backtest reaches a December at least once.
Fewer than MIN_ORIGINS origins in all: no choice (the caller keeps the plan). The relative error shown to users is
the mean over the same origins of |forecast total − actual total| / |actual total of t's year up to the horizon's
end| (the year-end total, as the to-date part is known), leaving out years whose total is 0.

Band: normalised split conformal. Scores (actual − forecast total) / (scale × horizon) over all the chosen
method's origins (linear in the horizon: a level error persists over the months left; measured on the
benchmark's generated series, √horizon covered 67 % at March against 78 %); their 10 % and 90 % quantiles with
the finite-sample correction (the ⌊(n+1)·0.1⌋-th and ⌈(n+1)·0.9⌉-th smallest, clipped to 1…n) times the live
scale × horizon, around the forecast; 0 is kept inside, so the band always contains the forecast. The
combination's band reads the scores of the methods it mixes (see band_quantiles); its coverage is measured on
the following years by the benchmark, not taken from the backtest.
"""

from dataclasses import dataclass

import numpy as np

from pac_core.forecast import ets, plan, seasonal, theta

HORIZON = 12
COMBINED = ("saisonnier", "ets", "theta")  # the methods the combination weighs
STATISTICAL = (*COMBINED, "combinaison")
DOMINANT = 0.9  # a method weighing this much is used alone: the combination would be nearly it
MIN_ORIGINS = 3
LOW_LEVEL, HIGH_LEVEL = 0.1, 0.9
LIKE_LIVE_MONTHS = 3  # the choice reads the origins whose horizon is within a quarter of the live one


@dataclass
class Tasks:
    """One row per (pair, origin): the series known up to the origin, what to forecast, and the actuals."""
    pair: np.ndarray  # index into the History's pairs
    observed: np.ndarray  # months known at the origin (n: the origin is month n − 1 of the series)
    horizon: np.ndarray  # months to forecast
    live: np.ndarray  # bool: the as-of origin
    series: np.ndarray  # (tasks, width): the months known, NaN after
    actual: np.ndarray  # (tasks, 12): the months forecast, as they were (NaN for live or beyond the horizon)
    year_to_date: np.ndarray  # the actual total of the origin's year up to the origin
    scale: np.ndarray
    reaches_december: np.ndarray  # bool: the horizon ends in December (not cut at the as-of month)


def tasks(values: np.ndarray, observed_total: np.ndarray) -> Tasks:
    """Every backtest origin and the live origin of each series (values left-aligned, observed_total months)."""
    first = 13  # an origin at a December has nothing to forecast in its year: the first useful one is January
    count = np.maximum(observed_total - first + 1, 0)
    pair = np.repeat(np.arange(len(observed_total)), count)
    offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    observed = first + offset
    total = observed_total[pair]
    live = observed == total
    december = 12 * ((observed - 1) // 12) + 11
    horizon = np.where(live, 11 - (observed - 1) % 12, np.minimum(december, total - 1) - observed + 1)
    keep = horizon > 0
    pair, observed, horizon, live = pair[keep], observed[keep], horizon[keep], live[keep]
    position = np.arange(values.shape[1])
    known = position < observed[:, None]
    series = np.where(known, values[pair], np.nan)
    ahead = observed[:, None] + np.arange(HORIZON)
    inside = (np.arange(HORIZON) < horizon[:, None]) & ~live[:, None]
    actual = np.where(inside, values[pair[:, None], np.minimum(ahead, values.shape[1] - 1)], np.nan)
    year_start = (observed - 1) // 12 * 12
    year_to_date = np.where(known & (position >= year_start[:, None]), series, 0.0).sum(axis=1)
    reaches_december = (observed + horizon - 1) % 12 == 11
    return Tasks(pair, observed, horizon, live, series, actual, year_to_date, mase_scale(series, observed),
                 reaches_december)


def band_unit(scale: np.ndarray, horizon: np.ndarray) -> np.ndarray:
    """What a conformal score is measured in: the MASE scale × horizon (see the module's docstring)."""
    return scale * horizon


def mase_scale(series: np.ndarray, observed: np.ndarray) -> np.ndarray:
    difference = np.abs(series[:, 12:] - series[:, :-12])
    known = ~np.isnan(difference)
    scale = np.where(known, difference, 0.0).sum(axis=1) / np.maximum(known.sum(axis=1), 1)
    level = np.nansum(np.abs(series), axis=1) / np.maximum(observed, 1)
    return np.where(scale > 0, scale, np.where(level > 0, level, 1.0))


def method_forecasts(work: Tasks, targets: np.ndarray, has_target: np.ndarray) -> dict[str, np.ndarray]:
    """Every method's months ahead for every task; the plan is NaN where the origin's year has no target. The
    combination is added by choose(), which weighs the methods."""
    forecasts = {"saisonnier": seasonal.forecast(work.series, work.observed, work.horizon),
                 "ets": ets.forecast(work.series, work.observed, work.horizon),
                 "theta": theta.forecast(work.series, work.observed, work.horizon)}
    year = (work.observed - 1) // 12
    position = np.arange(targets.shape[1])
    task_targets = targets[work.pair]
    to_date = np.where((position >= 12 * year[:, None]) & (position < work.observed[:, None]), task_targets, np.nan)
    ahead = work.observed[:, None] + np.arange(HORIZON)
    targets_ahead = np.where(np.arange(HORIZON) < work.horizon[:, None],
                             task_targets[np.arange(len(year))[:, None], np.minimum(ahead, targets.shape[1] - 1)],
                             np.nan)
    planned = plan.monthly(to_date, work.year_to_date, targets_ahead)
    planned = np.where(np.arange(HORIZON) < work.horizon[:, None], planned, np.nan)
    forecasts["plan"] = np.where(has_target[work.pair, year][:, None], planned, np.nan)
    return forecasts


@dataclass
class Choice:
    method: np.ndarray  # code per pair ("" when too few origins)
    mase: np.ndarray
    relative_error: np.ndarray
    origins: np.ndarray
    low_score: np.ndarray
    high_score: np.ndarray
    weights: np.ndarray  # (pairs, len(COMBINED)): the combination's weights (NaN where no method could be read)


def choose(work: Tasks, forecasts: dict[str, np.ndarray], pairs: int) -> Choice:
    """Per pair, the method chosen by its backtests, their MASE and relative error, and the band's scores; adds
    the weighted combination to `forecasts` (its weights differ per pair)."""
    back = ~work.live
    pair = work.pair[back]
    actual_total = np.nansum(work.actual[back], axis=1)
    scale = work.scale[back] * work.horizon[back]
    year_total = work.year_to_date[back] + actual_total
    errors, relative, scores, available = {}, {}, {}, {}

    def measure(method):
        total = np.nansum(forecasts[method][back], axis=1)
        available[method] = ~np.isnan(forecasts[method][back, 0])
        errors[method] = np.abs(total - actual_total) / scale
        with np.errstate(divide="ignore", invalid="ignore"):
            relative[method] = np.where(year_total != 0, np.abs(total - actual_total) / np.abs(year_total), np.nan)
        scores[method] = (actual_total - total) / band_unit(work.scale[back], work.horizon[back])

    for method in forecasts:
        measure(method)
    origins = np.bincount(pair, minlength=pairs)

    def mean(values, mask):
        count = np.bincount(pair[mask], minlength=pairs)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.bincount(pair[mask], values[mask], minlength=pairs) / count, count

    # the choice reads the origins whose horizon is within LIKE_LIVE_MONTHS of the live one (all, when fewer
    # than MIN_ORIGINS are): a method good at next month's figure may not be at the next nine months'
    live_horizon = np.zeros(pairs, dtype=int)
    live_horizon[work.pair[work.live]] = work.horizon[work.live]
    like = np.abs(work.horizon[back] - live_horizon[pair]) <= LIKE_LIVE_MONTHS
    like = like | (np.bincount(pair, like, minlength=pairs) < MIN_ORIGINS)[pair]
    evidence = {name: available[name] & like for name in forecasts}
    weights = combination_weights(np.stack([mean(errors[m], evidence[m])[0] for m in COMBINED], axis=1))
    task_weights = np.nan_to_num(weights[work.pair])
    forecasts["combinaison"] = sum(np.where(task_weights[:, [index]] > 0, task_weights[:, [index]] * forecasts[name],
                                            0.0) for index, name in enumerate(COMBINED))
    forecasts["combinaison"] = np.where(np.isnan(forecasts["saisonnier"]), np.nan, forecasts["combinaison"])
    measure("combinaison")
    evidence["combinaison"] = available["combinaison"] & like
    best = np.where(np.nanmax(np.nan_to_num(weights, nan=0.0), axis=1) >= DOMINANT,
                    np.argmax(np.nan_to_num(weights, nan=-1.0), axis=1), STATISTICAL.index("combinaison"))
    method = np.array(STATISTICAL, dtype=object)[best]
    # the plan competes on the origins whose year has targets, against the best statistical method there…
    plan_mase, plan_origins = mean(errors["plan"], evidence["plan"])
    rival = np.zeros(len(pair))
    for index, name in enumerate(STATISTICAL):
        rival = np.where(best[pair] == index, errors[name], rival)
    rival_mase, _ = mean(rival, evidence["plan"])
    # … and only once the plan's own backtest reaches a December: origins cut at the as-of month cannot tell
    # whether the plan's phasing of the rest of the year is right
    plan_full_year = np.bincount(pair, available["plan"] & work.reaches_december[back], minlength=pairs) > 0
    plan_wins = plan_full_year & (plan_origins >= MIN_ORIGINS) & (plan_mase <= rival_mase)
    method = np.where(plan_wins, "plan", method)
    method = np.where(origins >= MIN_ORIGINS, method, "")
    mase, relative_error, used = (np.full(pairs, np.nan) for _ in range(3))
    low, high = np.full(pairs, np.nan), np.full(pairs, np.nan)
    for name in ("plan",) + STATISTICAL:
        chosen = method == name
        if not chosen.any():
            continue
        name_mase, name_used = mean(errors[name], evidence[name])
        mase, used = np.where(chosen, name_mase, mase), np.where(chosen, name_used, used)
        relative_error = np.where(chosen, _nan_mean(relative[name], pair, evidence[name], pairs), relative_error)
        # the band reads all the origins: its scores are normalised by horizon
        name_low, name_high = band_quantiles(name, scores, available, pair, chosen[pair], pairs)
        low, high = np.where(chosen, name_low, low), np.where(chosen, name_high, high)
    return Choice(method, mase, relative_error, np.where(method == "", origins, used).astype(int), low, high,
                  weights)


def combination_weights(mase: np.ndarray) -> np.ndarray:
    """Per pair (row), the methods' weights ∝ 1 / MASE² in COMBINED's order; a method at 0 error takes them all
    (the simplest of several: ties go to the simpler, as the year-end it gives is the easiest to check by hand);
    NaN for a method without backtest, a whole row of NaN when none has one."""
    readable = ~np.isnan(mase)
    perfect = readable & (mase == 0)
    first_perfect = perfect & (np.cumsum(perfect, axis=1) == 1)
    with np.errstate(divide="ignore"):
        inverse = np.where(readable, 1.0 / np.where(readable & ~perfect, mase, 1.0) ** 2, np.nan)
    inverse = np.where(perfect.any(axis=1, keepdims=True), np.where(readable, first_perfect.astype(float), np.nan),
                       inverse)
    with np.errstate(invalid="ignore"):
        return inverse / np.nansum(inverse, axis=1, keepdims=True)


def band_quantiles(name, scores: dict, available: dict, pair, chosen, pairs):
    """conformal_quantiles of a method's backtest scores. The combination's weights are read from the same origins
    as its own scores, which thus understate its error: its band reads the scores of the three methods it mixes
    instead (untouched by the weighting, and three times as many). On bench/bench_forecast.py's generated series
    the 80 % band then covered 80 / 88 / 82 % at March / June / September, against 76 / 81 / 65 % from its own."""
    methods = COMBINED if name == "combinaison" else (name,)
    return conformal_quantiles(np.concatenate([scores[method] for method in methods]),
                               np.concatenate([pair] * len(methods)),
                               np.concatenate([available[method] & chosen for method in methods]), pairs)


def _nan_mean(values, pair, mask, pairs):
    mask = mask & ~np.isnan(values)
    count = np.bincount(pair[mask], minlength=pairs)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.bincount(pair[mask], values[mask], minlength=pairs) / count


def conformal_quantiles(scores, pair, mask, pairs):
    """Per pair, the finite-sample-corrected 10 % and 90 % quantiles of its scores, with 0 kept inside."""
    pair, scores = pair[mask], scores[mask]
    order = np.lexsort((scores, pair))
    pair, scores = pair[order], scores[order]
    count = np.bincount(pair, minlength=pairs)
    start = np.cumsum(count) - count
    low_rank = np.clip(np.floor((count + 1) * LOW_LEVEL), 1, np.maximum(count, 1)).astype(int)
    high_rank = np.clip(np.ceil((count + 1) * HIGH_LEVEL), 1, np.maximum(count, 1)).astype(int)
    has = count > 0
    low = np.full(pairs, np.nan)
    high = np.full(pairs, np.nan)
    low[has] = scores[start[has] + low_rank[has] - 1]
    high[has] = scores[start[has] + high_rank[has] - 1]
    return np.minimum(low, 0.0), np.maximum(high, 0.0)
