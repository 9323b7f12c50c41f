"""Objective vs actual: every action × indicator of the scope, and its roll-ups by lever, channel, owner…

The one definition of target to date, actual to date, pace, attainment, status and year-end forecast
is sql/objectives.sql; roll-ups add targets and actuals of the same indicator only (never euros to calls).
"""

from pathlib import Path

import numpy as np
import pandas as pd

from pac_core.kpi import objective_grid, year_end
from pac_core.kpi.objective_grid import ACTION_ATTRIBUTES, ATTRIBUTES, METRIC_ATTRIBUTES
from pac_core.kpi.scope import FILTER_COLUMNS, Scope, kpi_sql, resolve
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "objectives.sql").read_text(encoding="utf-8")
KEYS = ("action_id", "metric", "aggregation")  # the first columns of objectives.sql, also in the objective grid
ROLLUP_DIMENSIONS = ("action_id", "lever", "channel", "owner", "kind", "segment", "company")
SUMMED = ("target_to_date", "actual_to_date", "target_year", "forecast", "forecast_low", "forecast_high")


def objectives_sql(scope: Scope) -> tuple[str, dict]:
    """The objective-vs-actual query, for use as a CTE by other KPI queries (one definition). It reads the
    tables of `grid_tables`: pass them to Store.query with it."""
    return kpi_sql(SQL, scope)


def grid_tables(store: Store, scope: Scope) -> dict:
    """The tables objectives.sql reads by name: the objective grid of the scope's plan version, and the forecasts
    chosen by backtest for its objectives with history (kpi/year_end.py)."""
    return {objective_grid.NAME: objective_grid.objective_grid(store, scope.plan_version),
            year_end.NAME: year_end.forecast_table(store, scope.plan_version, scope.as_of)}


def described_sql(objective: str) -> str:
    """SELECT of the rows of `objective` (a CTE of objectives.sql) with the action's attributes and the
    indicator's label and unit: the columns of `objectives()`."""
    attributes = [f"a.{column} AS {name}" for name, column in ACTION_ATTRIBUTES]
    attributes += [f"m.{column} AS {name}" for name, column in METRIC_ATTRIBUTES]
    return f"""
        SELECT o.* EXCLUDE (grid_row), {", ".join(attributes)}
        FROM {objective} AS o
        JOIN main.actions AS a USING (action_id)
        JOIN main.metrics AS m ON m.code = o.metric"""


def described_kinds_sql(objective: str) -> str:
    """One row of the columns of `described_sql(objective)`, each holding a value whenever one of the rows has
    one (any_value skips NULLs): appended to a few chosen rows and dropped, it makes their columns the types
    the full frame would have (DuckDB gives a text column NULL in every row as None objects, not as text)."""
    actions = ", ".join(f"any_value({column}) AS {name}" for name, column in ACTION_ATTRIBUTES)
    metrics = ", ".join(f"any_value({column}) AS {name}" for name, column in METRIC_ATTRIBUTES)
    return f"""
        SELECT o.*, a.*, m.*
        FROM (SELECT any_value(COLUMNS(* EXCLUDE (grid_row))) FROM {objective}) AS o,
             (SELECT {actions} FROM main.actions WHERE action_id IN (SELECT action_id FROM {objective})) AS a,
             (SELECT {metrics} FROM main.metrics WHERE code IN (SELECT metric FROM {objective})) AS m"""


def objectives(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """One row per action × indicator: target and actual to date, pace, attainment, status, year
    target, forecast and its band, with the action's attributes and the indicator's label and unit."""
    scope = resolve(store, scope)
    sql, params = objectives_sql(scope)
    tables = grid_tables(store, scope)
    # Only the figures come out of DuckDB. The objective grid is in the order of this frame and holds each row's
    # key and descriptions: they are taken from it by row, in Arrow (13 texts × 75 000 rows on the benchmark).
    frame = store.query(f"SELECT * EXCLUDE ({', '.join(KEYS)}) FROM ({sql})", params, tables)
    frame = frame.take(np.argsort(frame["grid_row"].to_numpy(), kind="stable")).reset_index(drop=True)
    rows = frame.pop("grid_row").to_numpy()
    grid = tables[objective_grid.NAME]
    # A year's objectives are one run of grid rows (objective_grid.ORDER): without filters, a slice of it
    described = grid.select([*KEYS, *ATTRIBUTES])
    run = len(rows) and rows[-1] - rows[0] + 1 == len(rows)
    described = described.slice(int(rows[0]), len(rows)) if run else described.take(rows)
    return pd.concat([store.frame(described.select(list(KEYS))), frame,
                      store.frame(described.select(list(ATTRIBUTES)))], axis=1)


def rollup(store: Store, scope: Scope | None = None, by: str = "company") -> pd.DataFrame:
    """Targets, actuals and forecasts of the same indicator added up by `by` (an action column, or
    'company'); pace and status recomputed from the sums."""
    if by not in ROLLUP_DIMENSIONS:
        raise ValueError(f"unknown roll-up dimension: {by}")
    scope = resolve(store, scope)
    sql, params = objectives_sql(scope)
    group = "'Entreprise'" if by == "company" else f"a.{by}"
    sums = ", ".join(f"sum(o.{column}) AS {column}" for column in SUMMED)
    return store.query(f"""
        WITH objective AS ({sql}),
        grouped AS (
            SELECT {group} AS {by if by != 'company' else 'scope'}, o.metric, any_value(o.aggregation) AS aggregation,
                   {sums}, count(*) AS objectives
            FROM objective AS o JOIN main.actions AS a USING (action_id)
            GROUP BY ALL
        )
        SELECT g.*, g.actual_to_date / nullif(g.target_to_date, 0) AS pace,
               g.actual_to_date / nullif(g.target_year, 0) AS attainment,
               CASE WHEN g.actual_to_date / nullif(g.target_to_date, 0) >= $on_track THEN 'on_track'
                    WHEN g.actual_to_date / nullif(g.target_to_date, 0) >= $watch THEN 'watch'
                    WHEN g.target_to_date <> 0 THEN 'off_track' END AS status,
               m.label_fr AS metric_label, m.unit, m.family
        FROM grouped AS g JOIN main.metrics AS m ON m.code = g.metric
        ORDER BY ALL""", params, grid_tables(store, scope))


__all__ = ["objectives", "rollup", "described_sql", "described_kinds_sql", "status_summary", "FILTER_COLUMNS"]


_SEVERITY = {"off_track": 0, "watch": 1, "on_track": 2}


def action_statuses(frame: pd.DataFrame) -> pd.DataFrame:
    """One status per action: the worst of its objectives' statuses (an action is on track only when every
    objective with a target to date is). Takes the frame of `objectives`."""
    rated = frame.loc[frame["status"].notna(), ["action_id", "name", "owner", "channel", "status"]]
    rank = np.select([(rated["status"] == status).to_numpy(dtype=bool) for status in _SEVERITY],
                     list(_SEVERITY.values()))
    actions, _ = pd.factorize(rated["action_id"], sort=True)
    order = np.lexsort((rank, actions))  # by action, its worst objective first (75 000 rows: in numpy)
    first = np.ones(len(order), dtype=bool)
    first[1:] = actions[order][1:] != actions[order][:-1]
    return rated.iloc[order[first]].reset_index(drop=True)


STATUSES = ("on_track", "watch", "off_track")


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many actions are on track, to watch and off track (from `action_statuses`)."""
    counts = action_statuses(frame)["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def counts_of(summary: dict[str, int]) -> dict[str, int]:
    """The status counts of a `status_summary` (what `status_counts` gives), without the number of objectives."""
    return {status: summary[status] for status in STATUSES}


def status_summary(store: Store, scope: Scope | None = None) -> dict[str, int]:
    """The scope's number of objectives (action × indicator) and `status_counts` of them, counted in SQL: the
    overview and the wall need these few numbers, not tens of thousands of described rows."""
    scope = resolve(store, scope)
    sql, params = objectives_sql(scope)
    ranks = " ".join(f"WHEN '{status}' THEN {rank}" for status, rank in _SEVERITY.items())
    row = store.query(f"""
        WITH objective AS ({sql}),
        worst AS (SELECT action_id, min(CASE status {ranks} END) AS rank FROM objective GROUP BY action_id)
        SELECT (SELECT count(*) FROM objective) AS objectives,
               count(*) FILTER (WHERE rank = {_SEVERITY['on_track']}) AS on_track,
               count(*) FILTER (WHERE rank = {_SEVERITY['watch']}) AS watch,
               count(*) FILTER (WHERE rank = {_SEVERITY['off_track']}) AS off_track
        FROM worst""", params, grid_tables(store, scope)).iloc[0]
    return {name: int(row[name]) for name in ("objectives", *STATUSES)}
