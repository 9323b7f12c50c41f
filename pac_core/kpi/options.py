"""What the shared filters offer: the months with data and the distinct values of each action attribute."""

import datetime

from pac_core import clock
from pac_core.store import Store

# Filter key (also the URL parameter) → column of main.actions. Identifiers from our schema only.
FILTER_KEYS = {"levier": "lever", "canal": "channel", "responsable": "owner", "type": "kind", "cible": "segment"}


def available_months(store: Store) -> list[datetime.date]:
    """Every month of the plan's year up to the last month with results (the as-of month choices)."""
    last = store.scalar("SELECT max(month) FROM main.results")
    if last is None:
        return []
    last = last.date() if hasattr(last, "date") else last
    return [datetime.date(last.year, month, 1) for month in range(1, last.month + 1)]


def default_month(months: list[datetime.date]) -> datetime.date | None:
    """The month of reference shown first: the last closed month of the calendar (the one clock), or the newest
    month with results when the data stops earlier; None without results."""
    if not months:
        return None
    closed = clock.last_closed_month()
    return closed if closed in months else months[-1]


def filter_options(store: Store) -> dict[str, list[str]]:
    """Filter key → sorted distinct non-empty values among the actions (one query: every screen's sidebar asks)."""
    lists = ", ".join(f"coalesce(list(DISTINCT {column} ORDER BY {column}) "
                      f"FILTER (WHERE {column} IS NOT NULL AND trim({column}) <> ''), [])"
                      for column in FILTER_KEYS.values())
    return dict(zip(FILTER_KEYS, store.row(f"SELECT {lists} FROM main.actions")))
