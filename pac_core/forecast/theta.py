"""Theta (θ = 2), as statsmodels' ThetaModel defines it (Hyndman & Billah), for many series at once.

1. Seasonality: statsmodels' test, n·r₁₂² / Σ_{k<12} r_k² > 2.7055 (χ²(1) at 10 %) on the autocorrelations r.
   When seasonal, deseasonalise by classical decomposition (statsmodels' `seasonal_decompose`: centred 2×12
   moving average, mean ratio per month normalised to mean 1), multiplicative when every month is above 0,
   otherwise additive. A series of 12–23 months is too short for that moving average: its seasonal indices are
   then its first year over that year's mean (or minus it) — an extension of ours, tested by hand.
   With 2–3 years the test has little power: a smooth planted season is seen in none of the benchmark's
   generated "saison + tendance" series (its Σ r_k² grows with the season itself), so Theta is mostly
   non-seasonal there; deseasonalising always was measured in bench_forecast (see issue 20's note).
2. drift b₀ = the OLS slope of the deseasonalised series on time; SES with the first value as initial level,
   α the grid point with the lowest in-sample one-step sum of squared errors.
3. forecast h = SES level + b₀/2 · (h − 1 + 1/α − (1 − α)ⁿ/α), reseasonalised.
"""

import numpy as np

HORIZON = 12
ALPHAS = np.array([0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 1.0])
SEASONAL_CRITICAL = 2.705543454095404  # statsmodels' constant: 1.645²


def is_seasonal(series: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """statsmodels' ThetaModel test on each series' first `observed` months (acf, not adjusted, demeaned)."""
    active = np.arange(series.shape[1]) < observed[:, None]
    mean = np.where(active, series, 0.0).sum(axis=1) / np.maximum(observed, 1)
    centred = np.where(active, series - mean[:, None], 0.0)
    variance = (centred * centred).sum(axis=1)
    width = series.shape[1]
    lags = np.stack([(centred[:, :width - k] * centred[:, k:]).sum(axis=1) for k in range(13)], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = lags / variance[:, None]
        statistic = observed * rho[:, 12] ** 2 / (rho[:, :12] ** 2).sum(axis=1)
    return (variance > 0) & (observed > 12) & (statistic > SEASONAL_CRITICAL)


def seasonal_indices(series: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per series, 12 indices (index = month − 1) and whether they multiply (else they add)."""
    width = -(-series.shape[1] // 12) * 12 + 12
    padded = np.full((series.shape[0], width), np.nan)
    padded[:, :series.shape[1]] = np.where(np.arange(series.shape[1]) < observed[:, None], series, np.nan)
    multiply = np.nanmin(np.where(np.isnan(padded), np.inf, padded), axis=1) > 0
    # centred 2×12 moving average, defined from month 6 to month n − 7 (seasonal_decompose's NaN ends)
    trend = np.full_like(padded, np.nan)
    moving = 0.5 * padded[:, :width - 12] + 0.5 * padded[:, 12:]
    for shift in range(1, 12):
        moving = moving + padded[:, shift:width - 12 + shift]
    trend[:, 6:width - 6] = moving / 12
    indices = {}
    for way, detrend, centre in (("mul", np.divide, np.divide), ("add", np.subtract, np.subtract)):
        with np.errstate(divide="ignore", invalid="ignore", all="ignore"):
            detrended = detrend(padded, trend).reshape(series.shape[0], -1, 12)
            averages = _nanmean(detrended)
            indices[way] = centre(averages, averages.mean(axis=1, keepdims=True))
            first_year = padded[:, :12]
            short = centre(first_year, first_year.mean(axis=1, keepdims=True))
        indices[way] = np.where((observed < 24)[:, None], short, indices[way])
    multiply = multiply & (np.nan_to_num(indices["mul"], nan=-1.0).min(axis=1) > 0)
    return np.where(multiply[:, None], indices["mul"], indices["add"]), multiply


def drift(series: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """The OLS slope of each series' first `observed` months on time (0 for a single month)."""
    time = np.arange(series.shape[1], dtype=float)
    active = time < observed[:, None]
    count = np.maximum(observed, 1)
    mean_time = (observed - 1) / 2
    mean_value = np.where(active, series, 0.0).sum(axis=1) / count
    centred_time = np.where(active, time - mean_time[:, None], 0.0)
    spread = (centred_time * centred_time).sum(axis=1)
    covariance = (centred_time * np.where(active, series - mean_value[:, None], 0.0)).sum(axis=1)
    return np.where(spread > 0, covariance / np.where(spread > 0, spread, 1.0), 0.0)


def ses(series, observed, alpha):
    """SES with level₀ = first value, for α shaped (series, points): final levels and in-sample SSE."""
    shape = (series.shape[0], np.shape(alpha)[-1])
    level = np.broadcast_to(series[:, :1], shape).copy()
    sse = np.zeros(shape)
    alpha_c = 1 - alpha
    for t in range(int(observed.max(initial=0))):
        active = (t < observed)[:, None]
        y = np.where(active, series[:, t:t + 1], 0.0)
        error = y - level
        sse = np.where(active, sse + error * error, sse)
        level = np.where(active, (alpha * y) + (alpha_c * level), level)
    return level, sse


def predict(level, alpha, slope, observed, horizon, indices=None, multiply=None):
    """Theta's months ahead from the fitted pieces (θ = 2), reseasonalised when indices are given."""
    ahead = np.arange(HORIZON, dtype=float)
    alpha, level, slope = alpha[:, None], level[:, None], slope[:, None]
    steps = ahead + 1 / alpha - (1 - alpha) ** observed[:, None] / alpha
    months = 0.5 * (slope * steps) + level
    if indices is not None:
        season = indices[np.arange(len(observed))[:, None], (observed[:, None] + ahead.astype(int)) % 12]
        months = np.where(multiply[:, None], months * season, months + season)
    return np.where(ahead < horizon[:, None], months, np.nan)


def forecast(series: np.ndarray, observed: np.ndarray, horizon: np.ndarray) -> np.ndarray:
    """Each series' next `horizon` months (series of at least 12 months, starting in January)."""
    seasonal = is_seasonal(series, observed)
    indices, multiply = seasonal_indices(series, observed)
    indices = np.where(seasonal[:, None], indices, np.where(multiply[:, None], 1.0, 0.0))
    month = np.arange(series.shape[1]) % 12
    divisor = np.where(multiply[:, None], indices[:, month], 1.0)  # additive rows: never divided
    deseasonalised = np.where(multiply[:, None], series / divisor, series - indices[:, month])
    level, sse = ses(deseasonalised, observed, ALPHAS[None, :])
    best = np.argmin(sse, axis=1)
    rows = np.arange(len(best))
    return predict(level[rows, best], ALPHAS[best], drift(deseasonalised, observed), observed, horizon,
                   indices, multiply)


def _nanmean(values: np.ndarray) -> np.ndarray:
    present = ~np.isnan(values)
    return np.where(present, values, 0.0).sum(axis=1) / np.maximum(present.sum(axis=1), 1)
