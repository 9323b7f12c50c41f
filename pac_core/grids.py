"""The grid rows of a batch's targets or results, built with numpy (sql/grids.sql defines the grids).

When an import brings the first figures of its (action, indicator) pairs — a new plan, a first import — their
grid rows are exactly the incoming rows pivoted: one row per action × indicator × year, a column per month.
Pivoting a million rows here takes a few tens of milliseconds where DuckDB's twelve filtered aggregates take
several times more; a later import that adds to existing pairs goes through the SQL definition instead.
"""

import numpy as np
import pandas as pd
import pyarrow as pa

MONTH_COLUMNS = [f"m{month:02d}" for month in range(1, 13)]


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and their values; -1 for a missing value (a company-wide figure has no action)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), column.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(column)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def pivot(frame: pd.DataFrame, plan_version: int | None = None) -> pa.Table:
    """Rows (action_id, metric, month, value), one per key, as grid rows; plan_version first for targets."""
    action_codes, actions = _codes(frame["action_id"])
    metric_codes, metrics = _codes(frame["metric"])
    months = pd.to_datetime(frame["month"]).to_numpy(dtype="datetime64[M]").astype(np.int64)  # months since 1970
    years, month_index = np.divmod(months, 12)
    key = ((action_codes + 1) * max(len(metrics), 1) + metric_codes) * 10_000 + years
    rows, keys = pd.factorize(key)
    grid = np.full((len(keys), 12), np.nan)
    grid[rows, month_index] = frame["value"].to_numpy(dtype=float)
    keys = np.asarray(keys, dtype=np.int64)
    pair, key_years = np.divmod(keys, 10_000)
    action_of_key, metric_of_key = np.divmod(pair, max(len(metrics), 1))
    columns = {}
    if plan_version is not None:
        columns["plan_version"] = pa.array(np.full(len(keys), plan_version, dtype=np.int32))
    has_action = action_of_key > 0
    columns["action_id"] = pa.array(np.where(has_action, actions[np.maximum(action_of_key - 1, 0)]
                                             if len(actions) else None, None), pa.string())
    columns["metric"] = pa.array(metrics[metric_of_key], pa.string())
    columns["year"] = pa.array((key_years + 1970).astype(np.int32))
    for position, name in enumerate(MONTH_COLUMNS):
        values = grid[:, position]
        columns[name] = pa.array(values, pa.float64(), mask=np.isnan(values))
    return pa.table(columns)
