"""Comparisons for the reviews: the month against the previous one, a quarter against the plan, and
the top and flop actions."""

import datetime
from pathlib import Path

import pandas as pd

from pac_core.kpi.objectives import objectives
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
    sql, params = kpi_sql((SQL_DIR / "quarter.sql").read_text(encoding="utf-8"), scope)
    return store.query(sql, {**params, "quarter_start": quarter_start(quarter or scope.as_of)})


def top_and_flop_by_pace(store: Store, scope: Scope | None = None, count: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The objectives (action × indicator) with the best and the worst pace; those without a pace are left out.
    Ties are broken by the larger target to date (the bigger stake first)."""
    frame = objectives(store, scope)
    frame = frame[frame["pace"].notna()]
    top = frame.sort_values(["pace", "target_to_date"], ascending=[False, False]).head(count)
    flop = frame.sort_values(["pace", "target_to_date"], ascending=[True, False]).head(count)
    return top.reset_index(drop=True), flop.reset_index(drop=True)


def top_and_flop_by_roi(store: Store, scope: Scope | None = None, count: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actions with the best and the worst ROI over the year to date; those without cost are left out."""
    from pac_core.kpi.roi import channel_roi

    frame = channel_roi(store, scope, by="action_id")
    frame = frame[frame["roi"].notna()]
    top = frame.sort_values(["roi", "cost"], ascending=[False, False]).head(count)
    flop = frame.sort_values(["roi", "cost"], ascending=[True, False]).head(count)
    return top.reset_index(drop=True), flop.reset_index(drop=True)
