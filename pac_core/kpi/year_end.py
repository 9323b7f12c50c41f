"""The year-end forecast shown for each action × indicator (DESIGN.md, « Prévision de fin d'année »).

objectives.sql computes the plan-based atterrissage of every objective. Where an objective has history (a flow with
figures in the as-of year and in an earlier year), pac_core.forecast backtests its methods on that history and
chooses one: its year-end, band, method and reason come from here, as the table `forecast_pairs` that
objectives.sql and series.sql read beside the objective grid (kpi/objectives.grid_tables). The table is computed
when first read after a change of the data or of the as-of month (Store.derived), so that screens pay for it once.
Without history the table has no row for the objective and the atterrissage stands, as before.
"""

import datetime

import numpy as np
import pandas as pd
import pyarrow as pa

from pac_core.forecast import forecast_pairs
from pac_core.kpi.objective_grid import MONTHS, PAIRS_SQL
from pac_core.store import Store, arrow_result

NAME = "forecast_pairs"  # the name objectives.sql and series.sql read it by
REVENUE = "ca"  # the indicator the weighted pipeline speaks for
COST_FAMILY = "coût"

# The objective grid's pairs (targets of the version, results) of the flows that have history: figures in the
# as-of year and in at least one year before it. Stocks and costs are not forecast (objectives.sql leaves them).
HISTORY_PAIRS_SQL = f"""
WITH pair AS ({PAIRS_SQL}),
flow AS (
    SELECT pair.*, m.aggregation
    FROM pair JOIN main.metrics AS m ON m.code = pair.metric
    WHERE m.aggregation = 'sum' AND m.family <> '{COST_FAMILY}'
      AND pair.action_id IN (SELECT action_id FROM main.actions) AND pair.year <= $year
),
kept AS (
    SELECT action_id, metric FROM flow GROUP BY ALL HAVING bool_or(year = $year) AND bool_or(year < $year)
)
SELECT flow.* FROM flow JOIN kept USING (action_id, metric)
ORDER BY action_id, metric, year
"""

COLUMNS = {"action_id": pa.string(), "metric": pa.string(), "year_end": pa.float64(), "low": pa.float64(),
           "high": pa.float64(), "method": pa.string(), "reason": pa.string(), "backtest_mase": pa.float64(),
           "backtest_error": pa.float64(), "origins": pa.int32(),
           "path": pa.list_(pa.float64()), "path_low": pa.list_(pa.float64()), "path_high": pa.list_(pa.float64())}


def forecast_table(store: Store, plan_version: int, as_of: datetime.date) -> pa.Table:
    """The chosen forecasts of the version's objectives with history, at `as_of` (kept until the data change)."""
    return store.derived((NAME, plan_version, as_of), lambda cursor: build(cursor, plan_version, as_of))


def build(cursor, plan_version: int, as_of: datetime.date) -> pa.Table:
    """Read the history pairs, forecast them, and shape the result as one row per objective with its monthly path
    (lists of 12 months, 0 up to the as-of month) for series.sql."""
    cursor.execute(HISTORY_PAIRS_SQL, {"version": plan_version, "year": as_of.year})
    grid = arrow_result(cursor).to_pandas()
    if grid.empty:
        return empty()
    pairs, path = forecast_pairs(grid, as_of)
    return shaped(pairs, path)


def shaped(pairs: pd.DataFrame, path: pd.DataFrame) -> pa.Table:
    """One row per objective: its forecast, and its path as three 12-month lists (value, low, high)."""
    pairs = pairs.reset_index(drop=True)
    keys = pd.MultiIndex.from_frame(pairs[["action_id", "metric"]])
    lists = {name: np.zeros((len(pairs), 12)) for name in ("path", "path_low", "path_high")}
    if len(path):
        rows = keys.get_indexer(pd.MultiIndex.from_frame(path[["action_id", "metric"]]))
        months = np.array([month.month for month in path["month"]]) - 1
        for name, column in (("path", "value"), ("path_low", "low"), ("path_high", "high")):
            np.add.at(lists[name], (rows, months), path[column].to_numpy(dtype=float))
    columns = {name: pairs[name] if name in pairs else None for name in COLUMNS if not name.startswith("path")}
    table = {name: pa.array(values.tolist() if values is not None else [None] * len(pairs), type=COLUMNS[name],
                            from_pandas=True) for name, values in columns.items()}
    for name, values in lists.items():
        table[name] = pa.array([list(row) for row in values], type=COLUMNS[name])
    return pa.table(table)


def empty() -> pa.Table:
    return pa.table({name: pa.array([], type=kind) for name, kind in COLUMNS.items()})


def forecast_methods(store: Store, scope, metric: str) -> pd.DataFrame:
    """Per forecast method, for one indicator over the scope: how many objectives use it, and their forecasts and
    bands added up — the few numbers the overview says under its chart (not the scope's thousands of rows)."""
    from pac_core.kpi.objectives import grid_tables, objectives_sql
    from pac_core.kpi.scope import resolve

    scope = resolve(store, scope)
    sql, params = objectives_sql(scope)
    return store.query(f"""
        WITH objective AS ({sql})
        SELECT forecast_method AS method, count(*) AS objectives, sum(forecast) AS forecast,
               sum(forecast_low) AS low, sum(forecast_high) AS high
        FROM objective GROUP BY ALL ORDER BY objectives DESC, method""",
                       {**params, "metrics": [metric]}, grid_tables(store, scope))


def forecast_report(store: Store, scope) -> list[dict]:
    """Per action × indicator at the scope's as-of month: the forecast shown (year_end) with its 80 % band, the
    method that gave it, its backtest error, and the plan-based atterrissage beside it (`forecast` in the CLI)."""
    from pac_core.kpi.objectives import objectives
    from pac_core.kpi.summary import _plain

    from pac_core.kpi.funnel import pipeline_summary

    # The weighted open pipeline beside the revenue forecast: amount × win probability of the stage reached,
    # probabilities measured on the company's own won and lost (kpi/sql/funnel.sql).
    weighted = pipeline_summary(store, scope, by="action_id").set_index("action_id")["weighted_value"].to_dict()
    rows = []
    for row in objectives(store, scope).itertuples(index=False):
        pipeline = _plain(weighted.get(row.action_id)) if row.metric == REVENUE else None
        rows.append({"action_id": row.action_id, "name": row.name, "metric": row.metric,
                     "actual_to_date": _plain(row.actual_to_date), "target_year": _plain(row.target_year),
                     "year_end": _plain(row.forecast), "low": _plain(row.forecast_low),
                     "high": _plain(row.forecast_high), "method": row.forecast_method,
                     "backtest_mase": _plain(row.backtest_mase), "backtest_error": _plain(row.backtest_error),
                     "plan_year_end": _plain(row.plan_forecast), "pipeline_weighted": pipeline,
                     "pipeline_year_end": None if pipeline is None else (_plain(row.actual_to_date) or 0) + pipeline,
                     "reason": row.forecast_reason if isinstance(row.forecast_reason, str) else None})
    return rows


__all__ = ["forecast_table", "forecast_report", "NAME", "MONTHS"]
