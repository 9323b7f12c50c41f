"""Strategic objectives: baseline, current value, target, progress, forecast, status, serving actions."""

from dataclasses import replace
from pathlib import Path

import pandas as pd

from pac_core.kpi.objectives import grid_tables, objectives_sql
from pac_core.kpi.scope import Filters, Scope, resolve
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "strategic.sql").read_text(encoding="utf-8")


def strategic_objectives(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """One row per strategic objective; see sql/strategic.sql for each definition."""
    scope = replace(resolve(store, scope), filters=Filters())  # the company's goals: no filter applies
    objective_sql, params = objectives_sql(scope)
    # only the objectives' indicators are read from objectives.sql (none listed: it computes them all)
    metrics = store.scalar("SELECT list(DISTINCT metric ORDER BY metric) FROM main.strategic_objectives "
                           "WHERE metric IS NOT NULL") or []
    frame = store.query(SQL.replace("{objectives}", objective_sql), {**params, "metrics": metrics},
                        grid_tables(store, scope))
    frame["actions"] = frame["actions"].apply(lambda actions: list(actions) if actions is not None else [])
    return frame
