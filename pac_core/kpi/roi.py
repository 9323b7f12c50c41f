"""Cost, attributed revenue, ROI, ROAS and cost per contact / meeting / new client, per action, channel or lever.

The one definition of each figure, and the revenue attribution rule (no euro counted twice), is sql/roi.sql.
"""

import datetime
from pathlib import Path

import pandas as pd

from pac_core.kpi.scope import Scope, grouping, resolve, scoped_actions_sql
from pac_core.store import Store

SQL = (Path(__file__).parent / "sql" / "roi.sql").read_text(encoding="utf-8")
ROI_DIMENSIONS = ("action_id", "channel", "lever", "owner", "company")

# Columns shown for one action; identifiers from our own schema only.
_ACTION_ATTRIBUTES = ("name", "lever", "channel", "owner")


def _grouping(by: str) -> tuple[str, str, str]:
    return grouping(by, ROI_DIMENSIONS, _ACTION_ATTRIBUTES, "ROI")


def _month(value) -> datetime.date:
    value = value.date() if isinstance(value, datetime.datetime) else value
    return value.replace(day=1)


def month_range(scope: Scope, months=None) -> tuple[datetime.date, datetime.date]:
    """(first, last) month of the range: the given one, or January of the as-of year to the as-of month."""
    if months is None:
        return scope.as_of.replace(month=1), scope.as_of
    first, last = _month(months[0]), _month(months[1])
    if first > last:
        raise ValueError(f"the range of months ends before it starts: {first} > {last}")
    return first, last


def last_year_months(scope: Scope, months=None) -> tuple[datetime.date, datetime.date]:
    """The same range of months a year before (N−1, DESIGN.md): channel_roi over it is last year's comparison."""
    first, last = month_range(scope, months)
    return first.replace(year=first.year - 1), last.replace(year=last.year - 1)


def channel_roi(store: Store, scope: Scope | None = None, by: str = "channel", months=None) -> pd.DataFrame:
    """One row per channel (or action, lever…): cost, revenue and its source, ROI, ROAS, contacts, meetings,
    new clients and the cost of each, over `months` = (first_month, last_month)."""
    group, attributes, key = _grouping(by)
    scope = resolve(store, scope)
    first, last = month_range(scope, months)
    scoped_sql, filter_params = scoped_actions_sql(scope)
    sql = SQL.replace("{scoped_actions}", scoped_sql).replace("{group}", group).replace("{attributes}", attributes)
    frame = store.query(sql, {"first_month": first, "last_month": last, **filter_params})
    return frame.rename(columns={"group_key": key})


__all__ = ["channel_roi", "last_year_months", "month_range", "ROI_DIMENSIONS"]
