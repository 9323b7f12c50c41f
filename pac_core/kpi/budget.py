"""Budget consumed and expected overrun, per action or added up by lever, channel, owner or company.

The one definition of planned, spent, consumption, projection and overrun is sql/budget.sql.
"""

from pathlib import Path

import pandas as pd
import pyarrow as pa

from pac_core.kpi import grid_sql
from pac_core.kpi.scope import Scope, filter_condition, resolve, scope_params
from pac_core.store import Store, arrow_result

SQL = (Path(__file__).parent / "sql" / "budget.sql").read_text(encoding="utf-8")
VERSION_BUDGETS_SQL = (Path(__file__).parent / "sql" / "version_budgets.sql").read_text(encoding="utf-8")
BASE = "budget_base"  # the name budget.sql reads the base by
BASE_SQL = ((Path(__file__).parent / "sql" / "budget_base.sql").read_text(encoding="utf-8")
            .replace("{version_budgets}", VERSION_BUDGETS_SQL))
BUDGET_DIMENSIONS = ("action_id", "lever", "channel", "owner", "company")

# A group's row: the sums of its actions' rows (per_action in sql/budget.sql); identifiers from our own schema only.
_GROUP_SQL = """
    SELECT {group} AS group_key, sum(actions)::BIGINT AS actions, sum(planned) AS planned, sum(spent) AS spent,
           sum(projected) AS projected, sum(actions_over_budget)::BIGINT AS actions_over_budget,
           sum(actions_overrunning)::BIGINT AS actions_overrunning
    FROM per_action
    GROUP BY ALL"""


def _grouped_sql(by: str) -> tuple[str, str]:
    """The `grouped` CTE of sql/budget.sql for `by`, and the output name of its key. Per action the rows are
    already one per action: grouping them again would only cost time."""
    if by not in BUDGET_DIMENSIONS:
        raise ValueError(f"unknown budget dimension: {by}")
    if by == "action_id":
        return "SELECT * FROM per_action", "action_id"
    if by == "company":
        return _GROUP_SQL.replace("{group}", "'Entreprise'"), "scope"
    return _GROUP_SQL.replace("{group}", by), by


def budget(store: Store, scope: Scope | None = None, by: str = "action_id") -> pd.DataFrame:
    """One row per action (or group): planned budget, spent to date, consumption, projected year spend,
    expected overrun, whether it is already over budget, and how many of its actions are."""
    grouped, key = _grouped_sql(by)
    scope = resolve(store, scope)
    sql = grid_sql.splice(SQL.replace("{scoped_filter}", filter_condition(scope.filters)).replace("{grouped}", grouped),
                          scope.as_of)
    frame = store.query(sql, scope_params(scope),
                        {BASE: budget_base(store, scope.plan_version, scope.as_of.year)})
    return frame.rename(columns={"group_key": key})


def budget_base(store: Store, plan_version: int, year: int) -> pa.Table:
    """The actions with their budget in the version and their cost results of the year (sql/budget_base.sql),
    for the current data: computed at the first read after a change, then kept (8 400 actions: a third of the
    budget's time saved on every call)."""
    def build(cursor) -> pa.Table:
        cursor.execute(BASE_SQL, {"version": plan_version, "year": year})
        return arrow_result(cursor)

    return store.derived((BASE, plan_version, year), build)


__all__ = ["budget", "BUDGET_DIMENSIONS"]
