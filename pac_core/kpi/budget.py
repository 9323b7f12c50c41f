"""Budget consumed and expected overrun, per action or added up by lever, channel, owner or company.

The one definition of planned, spent, consumption, projection and overrun is sql/budget.sql.
"""

from pathlib import Path

import pandas as pd

from pac_core.kpi import grid_sql
from pac_core.kpi.scope import Scope, grouping, resolve, scoped_actions_sql
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "budget.sql").read_text(encoding="utf-8")
VERSION_BUDGETS_SQL = (Path(__file__).parent / "sql" / "version_budgets.sql").read_text(encoding="utf-8")
BUDGET_DIMENSIONS = ("action_id", "lever", "channel", "owner", "company")

# The group key and the columns shown for one action; identifiers from our own schema only.
_ACTION_ATTRIBUTES = ("name", "lever", "channel", "owner", "start_date", "end_date", "months_elapsed",
                      "months_remaining")


def _grouping(by: str) -> tuple[str, str, str]:
    return grouping(by, BUDGET_DIMENSIONS, _ACTION_ATTRIBUTES, "budget")


def budget(store: Store, scope: Scope | None = None, by: str = "action_id") -> pd.DataFrame:
    """One row per action (or group): planned budget, spent to date, consumption, projected year spend,
    expected overrun, whether it is already over budget, and how many of its actions are."""
    group, attributes, key = _grouping(by)
    scope = resolve(store, scope)
    scoped_sql, filter_params = scoped_actions_sql(scope)
    sql = (SQL.replace("{scoped_actions}", scoped_sql).replace("{group}", group).replace("{attributes}", attributes)
           .replace("{version_budgets}", VERSION_BUDGETS_SQL))
    sql = grid_sql.splice(sql, scope.as_of)
    frame = store.query(sql, {"as_of": scope.as_of, "version": scope.plan_version, **filter_params})
    return frame.rename(columns={"group_key": key})


__all__ = ["budget", "BUDGET_DIMENSIONS"]
