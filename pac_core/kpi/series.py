"""Monthly series for charts: target, actual, cumulative, and the forecast path with its band."""

from pathlib import Path

import pandas as pd

from pac_core.kpi.objectives import grid_tables, objectives_sql
from pac_core.kpi.scope import Scope, resolve, scoped_actions_sql
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "series.sql").read_text(encoding="utf-8")


def series(store: Store, metric: str, scope: Scope | None = None) -> pd.DataFrame:
    """Twelve rows (the as-of year) for one indicator over the scoped actions; see sql/series.sql.
    Restrict to one action with Scope(filters=Filters(action_id=(…,)))."""
    scope = resolve(store, scope)
    objective_sql, params = objectives_sql(scope)
    text = SQL.replace("{objectives}", objective_sql).replace("{scoped_actions}", scoped_actions_sql(scope)[0])
    frame = store.query(text, {**params, "metric": metric, "metrics": [metric]}, grid_tables(store, scope))
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


MONTHLY_ACTUALS_SQL = """
WITH scoped AS ({scoped_actions}),
months AS (
    SELECT unnest(generate_series(date_trunc('year', $as_of::DATE)::DATE, $as_of::DATE, INTERVAL 1 MONTH))::DATE
        AS month
)
SELECT m.month, coalesce(sum(r.value), 0) AS actual
FROM months AS m
LEFT JOIN main.results AS r
       ON r.month = m.month AND r.metric = $metric AND r.action_id IN (SELECT action_id FROM scoped)
GROUP BY m.month ORDER BY m.month
"""


def monthly_actuals(store: Store, metric: str, scope: Scope | None = None) -> list[float]:
    """The scoped actions' results for any indicator (cost included), month by month from January to the
    as-of month, a month without results counting 0 — for sparklines."""
    from pac_core.kpi.scope import kpi_sql

    scope = resolve(store, scope)
    sql, params = kpi_sql(MONTHLY_ACTUALS_SQL, scope)
    return store.query(sql, {**params, "metric": metric})["actual"].tolist()
