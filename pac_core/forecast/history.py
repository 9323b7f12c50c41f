"""The pairs to forecast and their monthly history, read from the objective grid's rows (no store access).

A pair's series starts in January of the first year of the unbroken run of years with a row that ends with the
as-of year, and is left-aligned in a matrix (position p is month p % 12 + 1 of its year): the methods work on
all series at once. A month without a result counts 0 in a year with a row (an action that did nothing did 0);
a year without a row breaks the run (the action did not exist: missing, not zero).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

MONTHS = range(1, 13)
TARGETS = [f"t{m:02d}" for m in MONTHS]
RESULTS = [f"r{m:02d}" for m in MONTHS]
MAX_HISTORY_YEARS = 4  # years before the as-of year that a series may use: enough origins, bounded cost


@dataclass
class Current:
    """The flow pairs of the as-of year: the grid's rows with a target this year or a result to date."""
    action_id: np.ndarray
    metric: np.ndarray
    has_target: np.ndarray  # bool
    targets: np.ndarray  # (pairs, 12), NaN for none
    results: np.ndarray  # (pairs, 12), NaN for none (months after as-of included, unused)


@dataclass
class History:
    """The pairs (indices into Current) with at least one full year before the as-of year."""
    pair: np.ndarray  # index into Current
    years: np.ndarray  # years of history before the as-of year (1 … MAX_HISTORY_YEARS)
    values: np.ndarray  # (pairs, 12 × (max years + 1)): results, 0 for none, NaN after the as-of month
    targets: np.ndarray  # same shape: targets, NaN for none
    has_target: np.ndarray  # (pairs, max years + 1): the year (0 = the first of the series) has a target row
    observed: np.ndarray  # months known: 12 × years + as-of month


def current_pairs(grid: pd.DataFrame, year: int, month: int) -> Current:
    """The flow pairs the forecast is about, in the grid's order (objectives.sql's `pair`: a target this year or a
    result up to the as-of month)."""
    rows = grid[(grid["aggregation"] == "sum").to_numpy() & (grid["year"] == year).to_numpy()]
    results = _floats(rows, RESULTS)
    has_target = rows["has_target"].to_numpy(dtype=bool)
    keep = has_target | ~np.isnan(results[:, :month]).all(axis=1)
    return Current(rows["action_id"].to_numpy()[keep], rows["metric"].to_numpy()[keep], has_target[keep],
                   _floats(rows, TARGETS)[keep], results[keep])


def previous_rows(grid: pd.DataFrame, year: int) -> pd.DataFrame:
    """The flow rows of the years before, that have a target or a result (a row that says nothing is no year)."""
    rows = grid[(grid["aggregation"] == "sum").to_numpy() & (grid["year"] < year).to_numpy()]
    if rows.empty:
        return rows
    said = rows["has_target"].to_numpy(dtype=bool) | ~np.isnan(_floats(rows, RESULTS)).all(axis=1)
    return rows[said]


def history(current: Current, previous: pd.DataFrame, year: int, month: int) -> tuple[History, np.ndarray]:
    """The history of the pairs that have one, and for every current pair whether an older, broken-off history
    exists (for the reason given when it does not count)."""
    count = len(current.action_id)
    older = np.zeros(count, dtype=bool)
    if previous.empty or count == 0:
        return _empty(month), older
    keys = pd.MultiIndex.from_arrays([current.action_id, current.metric])
    pair = keys.get_indexer(pd.MultiIndex.from_arrays([previous["action_id"].to_numpy(),
                                                       previous["metric"].to_numpy()]))
    known = pair >= 0
    previous, pair = previous[known], pair[known]
    distance = year - previous["year"].to_numpy(dtype=np.int64)  # 1 = the year before
    older[pair] = True
    # the unbroken run of years before the as-of year: sorted by distance, the k-th row of a pair is at distance k
    order = np.lexsort((distance, pair))
    pair_sorted, distance_sorted = pair[order], distance[order]
    starts = np.r_[True, pair_sorted[1:] != pair_sorted[:-1]]
    rank = np.arange(len(order)) - np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0)) + 1
    unbroken = (rank == distance_sorted) & (distance_sorted <= MAX_HISTORY_YEARS)
    years_of = np.bincount(pair_sorted[unbroken], minlength=count)
    with_history = np.flatnonzero(years_of > 0)
    if len(with_history) == 0:
        return _empty(month), older
    slot = np.full(count, -1)
    slot[with_history] = np.arange(len(with_history))
    years = years_of[with_history]
    width = 12 * (years.max() + 1)
    values = np.full((len(with_history), width), np.nan)
    targets = np.full((len(with_history), width), np.nan)
    has_target = np.zeros((len(with_history), years.max() + 1), dtype=bool)
    used = order[unbroken]
    row = slot[pair[used]]
    year_index = years[row] - distance[used]  # 0 = the first year of the series
    columns = 12 * year_index[:, None] + np.arange(12)
    values[row[:, None], columns] = np.nan_to_num(_floats(previous, RESULTS)[used])
    targets[row[:, None], columns] = _floats(previous, TARGETS)[used]
    has_target[row, year_index] = previous["has_target"].to_numpy(dtype=bool)[used]
    # the as-of year: known months only, none counts 0
    this_year = 12 * years
    values[np.arange(len(years))[:, None], this_year[:, None] + np.arange(month)] = np.nan_to_num(
        current.results[with_history, :month])
    targets[np.arange(len(years))[:, None], this_year[:, None] + np.arange(12)] = current.targets[with_history]
    has_target[np.arange(len(years)), years] = current.has_target[with_history]
    return History(with_history, years, values, targets, has_target, 12 * years + month), older


def _floats(rows: pd.DataFrame, columns: list[str]) -> np.ndarray:
    return np.column_stack([rows[column].to_numpy(dtype=float, na_value=np.nan) for column in columns]) \
        if len(rows) else np.empty((0, len(columns)))


def _empty(month: int) -> History:
    empty = np.empty(0, dtype=np.int64)
    return History(empty, empty, np.empty((0, 12)), np.empty((0, 12)), np.empty((0, 1), dtype=bool), empty)
