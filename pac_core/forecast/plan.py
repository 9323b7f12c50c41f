"""The plan-based atterrissage: actual to date + remaining target × pace (kpi/sql/objectives.sql, `forecast`).

Sums run month after month, left to right, as the SQL's `coalesce(t01, 0) + coalesce(t02, 0) + …`, so that the
two give the same floats.
"""

import numpy as np


def running_total(months: np.ndarray) -> np.ndarray:
    """Row sums of the given months, NULL (NaN) when none has a figure (grid_sql.total)."""
    total = np.zeros(months.shape[0])
    for column in range(months.shape[1]):
        total = total + np.nan_to_num(months[:, column])
    return np.where(np.isnan(months).all(axis=1), np.nan, total) if months.shape[1] else np.full(len(total), np.nan)


def pace_or_kept(actual_to_date: np.ndarray, target_to_date: np.ndarray) -> np.ndarray:
    """actual / target to date; 1 (the plan is kept) without a target to date or when it is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pace = actual_to_date / target_to_date
    return np.where(np.isnan(target_to_date) | (target_to_date == 0) | np.isnan(pace), 1.0, pace)


def atterrissage(targets: np.ndarray, results: np.ndarray, month: int) -> tuple[np.ndarray, np.ndarray]:
    """The SQL forecast of each pair at the as-of month, and its actual to date (NULL counted 0)."""
    target_to_date = running_total(targets[:, :month])
    actual_to_date = running_total(results[:, :month])
    actual_to_date = np.where(np.isnan(actual_to_date) & ~np.isnan(target_to_date), 0.0, actual_to_date)
    remaining = np.nan_to_num(running_total(targets[:, month:]))
    pace = pace_or_kept(actual_to_date, target_to_date)
    return np.nan_to_num(actual_to_date) + remaining * pace, np.nan_to_num(actual_to_date)


def monthly(targets_to_date: np.ndarray, actual_to_date: np.ndarray, targets_ahead: np.ndarray) -> np.ndarray:
    """The months ahead under the plan-based atterrissage: each remaining target × pace (a missing target is 0)."""
    pace = pace_or_kept(actual_to_date, running_total(targets_to_date))
    return np.nan_to_num(targets_ahead) * pace[:, None]
