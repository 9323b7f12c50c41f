"""Plan versions: the list, each version's budgets, and two versions compared side by side (targets, budgets,
year-end forecast per action and in total) at one as-of month."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pandas as pd

from pac_core.export import EXPORT_QUERIES
from pac_core.kpi.budget import VERSION_BUDGETS_SQL
from pac_core.kpi.objectives import objectives
from pac_core.kpi.scope import Scope, resolve
from pac_core.store import Store

VERSIONS_SQL = """
SELECT version, label, created_at, created_by, based_on, note, revised_from
FROM main.plan_versions ORDER BY version
"""


def next_version(store: Store) -> int:
    """The number the next saved version takes (an undone version's number is never reused)."""
    return int(store.scalar("SELECT max(version) + 1 FROM history.plan_versions"))


def current_actions(store: Store) -> pd.DataFrame:
    """The actions in force, every column of the template, by ID."""
    return store.query(EXPORT_QUERIES["actions"])


def plan_versions(store: Store) -> pd.DataFrame:
    """Every version still in force (a saved version whose import was undone is left out), oldest first."""
    frame = store.query(VERSIONS_SQL)
    frame["revised_from"] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame["revised_from"]]
    return frame


def version_label(row) -> str:
    return f"Version {row['version']} · {row['label']}"


def version_budgets(store: Store, version: int) -> pd.DataFrame:
    """action_id, name, budget as they stood in `version`."""
    return store.query(f"SELECT * FROM ({VERSION_BUDGETS_SQL}) ORDER BY action_id", {"version": version})


def compare_versions(store: Store, first: int, second: int, scope: Scope | None = None) -> pd.DataFrame:
    """One row per action × indicator present in either version: year target and year-end forecast in each
    (the forecast at the scope's as-of month, each version's targets against the same actual), the action's
    budget in each, and the differences."""
    scope = resolve(store, scope)
    frames = []
    for version in dict.fromkeys((first, second)):
        rows = objectives(store, replace(scope, plan_version=version))
        frames.append(rows[["action_id", "name", "metric", "metric_label", "unit", "aggregation", "target_year",
                            "plan_forecast"]].rename(columns={"target_year": f"target_{version}",  # the atterrissage:
                                                              "plan_forecast": f"forecast_{version}"}))  # by the plan
    keys = ["action_id", "name", "metric", "metric_label", "unit", "aggregation"]
    merged = frames[0].merge(frames[1], on=keys, how="outer") if first != second else frames[0]
    for version in dict.fromkeys((first, second)):
        budgets = version_budgets(store, version)[["action_id", "budget"]].rename(columns={"budget": f"budget_{version}"})
        merged = merged.merge(budgets, on="action_id", how="left")
    return merged.sort_values(["action_id", "metric"]).reset_index(drop=True)


def version_totals(comparison: pd.DataFrame, first: int, second: int) -> pd.DataFrame:
    """Per flow indicator, both versions' year targets and forecasts added up (never euros to calls)."""
    flows = comparison[comparison["aggregation"] == "sum"]
    columns = list(dict.fromkeys([f"target_{first}", f"target_{second}", f"forecast_{first}", f"forecast_{second}"]))
    return flows.groupby(["metric", "metric_label", "unit"], as_index=False)[columns].sum(min_count=1)


def budget_totals(comparison: pd.DataFrame, first: int, second: int) -> tuple[float, float]:
    budgets = comparison.drop_duplicates("action_id")
    return float(budgets[f"budget_{first}"].sum()), float(budgets[f"budget_{second}"].sum())


def revised_from(store: Store, version: int) -> datetime.date | None:
    frame = plan_versions(store)
    found = frame[frame["version"] == version]
    return found["revised_from"].iloc[0] if len(found) else None
