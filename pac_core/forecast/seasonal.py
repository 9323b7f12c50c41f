"""Seasonal naive: last year's months ahead, scaled by this year's to-date ratio.

remaining month m = last year's month m × (actual to date / last year's same months to date). The ratio is 1
(last year's months as they were) when it cannot be read: no month of this year yet, last year's to-date not
above 0, or a negative actual to date (refunds).
"""

import numpy as np

HORIZON = 12


def forecast(series: np.ndarray, observed: np.ndarray, horizon: np.ndarray) -> np.ndarray:
    """Each series' next `horizon` months (NaN beyond) from its first `observed` months (series start in
    January; at least 12 months)."""
    rows = np.arange(len(observed))
    into_year = observed % 12  # months of the forecast year already known
    position = np.arange(series.shape[1])
    year_start = (observed - into_year)[:, None]
    this_year = (position >= year_start) & (position < observed[:, None])
    last_year = (position >= year_start - 12) & (position < observed[:, None] - 12)
    to_date = np.where(this_year, series, 0.0).sum(axis=1)
    last_to_date = np.where(last_year, series, 0.0).sum(axis=1)
    readable = (into_year > 0) & (last_to_date > 0) & (to_date >= 0)
    ratio = np.where(readable, to_date / np.where(readable, last_to_date, 1.0), 1.0)
    ahead = np.arange(HORIZON)
    source = np.minimum(observed[:, None] - 12 + ahead, series.shape[1] - 1)
    months = series[rows[:, None], source] * ratio[:, None]
    return np.where(ahead < horizon[:, None], months, np.nan)
