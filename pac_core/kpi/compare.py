"""Comparisons for the reviews: the month against the previous one, a quarter against the plan, and
the top and flop actions."""

import datetime
from pathlib import Path

import pandas as pd

from pac_core.kpi import grid_sql
from pac_core.kpi.objectives import described_kinds_sql, described_sql, grid_tables, objectives_sql
from pac_core.kpi.scope import Scope, kpi_sql, resolve
from pac_core.store import Store

SQL_DIR = Path(__file__).parent / "sql"


def month_vs_previous(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """Every action × indicator with a result this month or last: both values and the change."""
    scope = resolve(store, scope)
    sql, params = kpi_sql((SQL_DIR / "compare.sql").read_text(encoding="utf-8"), scope)
    return store.query(sql, params)


def quarter_start(month: datetime.date) -> datetime.date:
    return datetime.date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)


def quarter_vs_plan(store: Store, scope: Scope | None = None, quarter: datetime.date | None = None) -> pd.DataFrame:
    """Every action × indicator over a quarter (default: the as-of month's); see sql/quarter.sql."""
    scope = resolve(store, scope)
    first = quarter_start(quarter or scope.as_of)
    sql, params = kpi_sql((SQL_DIR / "quarter.sql").read_text(encoding="utf-8"), scope)
    for placeholder, expression in _quarter_columns(first, scope.as_of).items():
        sql = sql.replace(placeholder, expression)
    return store.query(sql, {**params, "quarter_start": first}, grid_tables(store, scope))


def _quarter_columns(first: datetime.date, as_of: datetime.date) -> dict[str, str]:
    """The quarter's columns of the objective grid: its targets over all three months and up to the as-of month,
    its results up to the as-of month."""
    last = first.month + 2
    if as_of < first:
        last_to_date = first.month - 1  # a quarter to come: nothing to date
    elif as_of.year > first.year:
        last_to_date = last
    else:
        last_to_date = min(last, as_of.month)
    return {
        "{quarter_target}": grid_sql.total(first.month, last, "t"),
        "{quarter_target_latest}": grid_sql.latest(first.month, last, "t"),
        "{quarter_target_to_date}": grid_sql.total(first.month, last_to_date, "t"),
        "{quarter_target_latest_to_date}": grid_sql.latest(first.month, last_to_date, "t"),
        "{quarter_result_to_date}": grid_sql.total(first.month, last_to_date, "r"),
        "{quarter_result_latest_to_date}": grid_sql.latest(first.month, last_to_date, "r"),
        "{quarter_any_target}": grid_sql.any_figure(first.month, last, "t"),
        "{quarter_any_result_to_date}": grid_sql.any_figure(first.month, last_to_date, "r"),
    }


# The `count` best and worst rows of objectives() by pace, picked in SQL: two top-N sorts over the paces alone,
# then only the chosen rows are described. The 'kinds' row (described_kinds_sql) gives the columns the types
# objectives() gives them; it is dropped.
TOP_AND_FLOP_SQL = """
WITH objective AS MATERIALIZED ({objectives}),
paced AS (SELECT action_id, metric, pace, target_to_date, grid_row FROM objective WHERE pace IS NOT NULL),
picked AS (  -- grid_row: the order of objectives() (action, family of indicators descending, indicator)
    (SELECT 'top' AS side, action_id, metric FROM paced ORDER BY pace DESC, target_to_date DESC, grid_row LIMIT $count)
    UNION ALL
    (SELECT 'flop' AS side, action_id, metric FROM paced ORDER BY pace ASC, target_to_date DESC, grid_row LIMIT $count)
),
chosen AS (SELECT * FROM objective SEMI JOIN picked USING (action_id, metric)),
described AS ({described})
SELECT * FROM (
    SELECT p.side, d.* FROM picked AS p JOIN described AS d USING (action_id, metric)
    UNION ALL BY NAME
    SELECT 'kinds' AS side, * FROM ({kinds})
)
ORDER BY side, CASE WHEN side = 'top' THEN -pace ELSE pace END, target_to_date DESC, action_id, family DESC, metric
"""


def top_and_flop_by_pace(store: Store, scope: Scope | None = None, count: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The objectives (action × indicator) with the best and the worst pace; those without a pace are left out.
    Ties are broken by the larger target to date (the bigger stake first), then in the order of objectives()."""
    scope = resolve(store, scope)
    objective_sql, params = objectives_sql(scope)
    sql = (TOP_AND_FLOP_SQL.replace("{objectives}", objective_sql).replace("{described}", described_sql("chosen"))
           .replace("{kinds}", described_kinds_sql("objective")))
    frame = store.query(sql, {**params, "count": count}, grid_tables(store, scope))
    top, flop = (frame[frame["side"] == side].drop(columns="side").reset_index(drop=True) for side in ("top", "flop"))
    return top, flop


def top_and_flop_by_roi(store: Store, scope: Scope | None = None, count: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actions with the best and the worst ROI over the year to date; those without cost are left out."""
    from pac_core.kpi.roi import channel_roi

    frame = channel_roi(store, scope, by="action_id")
    frame = frame[frame["roi"].notna()]
    top = frame.sort_values(["roi", "cost"], ascending=[False, False]).head(count)
    flop = frame.sort_values(["roi", "cost"], ascending=[True, False]).head(count)
    return top.reset_index(drop=True), flop.reset_index(drop=True)


# The late actions: each action off track once, with its worst indicator (the lowest pace; ties as in top/flop),
# the furthest behind first; `late` is how many there are in all, whatever $count lets through.
LATE_ACTIONS_SQL = """
WITH objective AS MATERIALIZED ({objectives}),
worst AS (
    SELECT action_id, metric, pace, target_to_date, grid_row FROM objective
    WHERE status = 'off_track' AND pace IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY action_id ORDER BY pace, target_to_date DESC, grid_row) = 1
),
picked AS (
    SELECT action_id, metric, count(*) OVER () AS late FROM worst
    ORDER BY pace, target_to_date DESC, grid_row LIMIT $count
),
chosen AS (SELECT * FROM objective SEMI JOIN picked USING (action_id, metric)),
described AS ({described})
SELECT d.*, p.late FROM picked AS p JOIN described AS d USING (action_id, metric)
ORDER BY d.pace, d.target_to_date DESC, d.action_id
"""


def late_actions(store: Store, scope: Scope | None = None, count: int = 10) -> tuple[pd.DataFrame, int]:
    """The `count` actions furthest behind (status off track), one row each with its worst indicator (the columns
    of objectives()), and how many actions are late in all."""
    scope = resolve(store, scope)
    objective_sql, params = objectives_sql(scope)
    sql = LATE_ACTIONS_SQL.replace("{objectives}", objective_sql).replace("{described}", described_sql("chosen"))
    frame = store.query(sql, {**params, "count": count}, grid_tables(store, scope))
    late = int(frame["late"].iloc[0]) if len(frame) else 0
    return frame.drop(columns="late"), late
