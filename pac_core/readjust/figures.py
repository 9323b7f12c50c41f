"""What the quarterly review reads from the KPI engine: the quarters to choose from, each action × indicator
over the quarter and the year to date with its cost per result, and the remaining months' targets."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pandas as pd

from pac_core.kpi.budget import budget
from pac_core.kpi.compare import quarter_start, quarter_vs_plan
from pac_core.kpi.objectives import objectives
from pac_core.kpi.scope import Scope, resolve
from pac_core.readjust.projection import observed_costs
from pac_core.store import Store


def quarters(store: Store) -> list[datetime.date]:
    """The first month of every quarter of the plan's year that has results, oldest first."""
    last = store.scalar("SELECT max(month) FROM main.results")
    if last is None:
        return []
    last = last.date() if hasattr(last, "date") else last
    return [datetime.date(last.year, month, 1) for month in (1, 4, 7, 10) if month <= last.month]


def quarter_label(first: datetime.date) -> str:
    return f"T{(first.month - 1) // 3 + 1} {first.year}"


def default_quarter(store: Store) -> datetime.date | None:
    """The last quarter whose three months have results, else the current one."""
    last = store.scalar("SELECT max(month) FROM main.results")
    if last is None:
        return None
    last = last.date() if hasattr(last, "date") else last
    current = quarter_start(last)
    if last.month == current.month + 2 or current.month == 1:
        return current
    return datetime.date(current.year, current.month - 3, 1)


def review_as_of(store: Store, first: datetime.date) -> datetime.date:
    """The month the review stops at: the quarter's last month, or the last month with results within it."""
    end = datetime.date(first.year, first.month + 2, 1)
    last = store.scalar("SELECT max(month) FROM main.results")
    last = last.date() if hasattr(last, "date") else last
    return min(end, last.replace(day=1)) if last else end


def review_figures(store: Store, scope: Scope) -> pd.DataFrame:
    """One row per action × indicator (flows and stocks) at the scope's as-of month: the engine's objective vs
    actual and forecast, the action's planned budget and spending to date, and the observed cost per result."""
    scope = resolve(store, scope)
    # The re-adjustment moves targets: its forecast is the plan-based atterrissage, the one that follows them (the
    # forecast chosen on history, shown on the overview, does not depend on the plan's phasing).
    rows = objectives(store, scope).assign(forecast=lambda frame: frame["plan_forecast"])
    spending = budget(store, scope, by="action_id")[["action_id", "planned", "spent", "months_remaining",
                                                       "start_date", "end_date"]]
    actions = store.query("SELECT action_id, objective_ids, status AS action_status_raw FROM main.actions")
    merged = rows.merge(spending, on="action_id", how="left").merge(actions, on="action_id", how="left")
    return observed_costs(merged)


def quarter_figures(store: Store, scope: Scope, first: datetime.date) -> pd.DataFrame:
    """Each action × indicator over the quarter (target, actual, pace) next to the year to date."""
    scope = resolve(store, scope)
    quarter = quarter_vs_plan(store, scope, first)[["action_id", "metric", "target_quarter", "target_to_date",
                                                    "actual", "pace", "status"]]
    quarter = quarter.rename(columns={"target_quarter": "quarter_target", "target_to_date": "quarter_target_to_date",
                                      "actual": "quarter_actual", "pace": "quarter_pace", "status": "quarter_status"})
    return review_figures(store, scope).merge(quarter, on=["action_id", "metric"], how="left")


REMAINING_TARGETS_SQL = """
SELECT action_id, metric, month, value FROM main.plan_targets
WHERE plan_version = ? AND month > ? AND year(month) = year(?::DATE)
ORDER BY action_id, metric, month
"""


def remaining_targets(store: Store, version: int, as_of: datetime.date) -> pd.DataFrame:
    """The version's monthly targets after the as-of month, within its year (action_id, metric, month, value)."""
    frame = store.query(REMAINING_TARGETS_SQL, [version, as_of, as_of])
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


def months_after(as_of: datetime.date) -> list[datetime.date]:
    """The months of the year after the as-of month: what a re-adjustment may change."""
    return [datetime.date(as_of.year, month, 1) for month in range(as_of.month + 1, 13)]


def scope_for_quarter(scope: Scope, store: Store, first: datetime.date) -> Scope:
    """The page's scope at the review's as-of month, on the current plan version (the one being revised)."""
    return resolve(store, replace(scope, as_of=review_as_of(store, first), plan_version=None))
