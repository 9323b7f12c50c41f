"""Monthly series for charts: target, actual, cumulative, and the forecast path with its band."""

from pathlib import Path

import pandas as pd

from pac_core.kpi.objectives import objectives_sql
from pac_core.kpi.scope import Scope, resolve
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "series.sql").read_text(encoding="utf-8")


def series(store: Store, metric: str, scope: Scope | None = None) -> pd.DataFrame:
    """Twelve rows (the as-of year) for one indicator over the scoped actions; see sql/series.sql.
    Restrict to one action with Scope(filters=Filters(action_id=(…,)))."""
    scope = resolve(store, scope)
    objective_sql, params = objectives_sql(scope)
    frame = store.query(SQL.replace("{objectives}", objective_sql), {**params, "metric": metric})
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame
