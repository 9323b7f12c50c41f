"""SQL over the month columns m01 … m12 of the target and result grids (sql/grids.sql), for one as-of month.

Over rows, "the targets up to the as-of month" is `sum(value) FILTER (WHERE month <= as_of)`; over a grid
it is m01 + … + m_k. The as-of month is known when the query is written, so these few expressions are
written out here (fixed text from a month number, never user data) and spliced into the KPI queries.
"""

import datetime


def column(month: int, prefix: str = "m") -> str:
    """The grid column of month 1–12 (m01…; t01… or r01… in the objective grid); NULL for a month outside the
    year (before January)."""
    return f"{prefix}{month:02d}" if 1 <= month <= 12 else "NULL::DOUBLE"


def total(first: int, last: int, prefix: str = "m") -> str:
    """The sum of months first..last; NULL when none of them has a figure (as sum() over no rows)."""
    if first > last:
        return "NULL::DOUBLE"
    columns = [column(month, prefix) for month in range(first, last + 1)]
    summed = " + ".join(f"coalesce({name}, 0)" for name in columns)
    return f"CASE WHEN coalesce({', '.join(columns)}) IS NOT NULL THEN {summed} END"


def latest(first: int, last: int, prefix: str = "m") -> str:
    """The figure of the latest month among first..last that has one."""
    if first > last:
        return "NULL::DOUBLE"
    return f"coalesce({', '.join(column(month, prefix) for month in range(last, first - 1, -1))})"


def any_figure(first: int, last: int, prefix: str = "m") -> str:
    """True when one of months first..last has a figure."""
    if first > last:
        return "false"
    return f"coalesce({', '.join(column(month, prefix) for month in range(first, last + 1))}) IS NOT NULL"


def latest_month(first: int, last: int, prefix: str = "m") -> str:
    """The number (1–12) of the latest month among first..last that has a figure; NULL when none has."""
    cases = " ".join(f"WHEN {column(month, prefix)} IS NOT NULL THEN {month}" for month in range(last, first - 1, -1))
    return f"CASE {cases} END"


def fragments(as_of: datetime.date) -> dict[str, str]:
    """The placeholders of the KPI queries that read grids, for this as-of month."""
    k = as_of.month
    return {
        "{sum_to_date}": total(1, k), "{any_to_date}": any_figure(1, k),
        "{month_0}": column(k), "{month_1}": column(k - 1), "{month_2}": column(k - 2), "{month_3}": column(k - 3),
        "{sum_last_3_months}": total(max(k - 2, 1), k),  # the as-of month and the two before, within the year
        "{previous_month}": column(12 if k == 1 else k - 1),  # December (of the year before) for January
        # the objective grid (objective_grid.py): running columns of month k, and the months' own columns
        "{target_sum_to_date}": f"tc{k:02d}", "{target_latest_to_date}": f"tl{k:02d}",
        "{result_sum_to_date}": f"rc{k:02d}", "{result_latest_to_date}": f"rl{k:02d}",
        "{result_latest_month}": f"rm{k:02d}", "{target_sum_after}": total(k + 1, 12, "t"),
        "{target_0}": column(k, "t"), "{target_1}": column(k - 1, "t"), "{target_2}": column(k - 2, "t"),
        "{result_0}": column(k, "r"), "{result_1}": column(k - 1, "r"), "{result_2}": column(k - 2, "r"),
        "{result_3}": column(k - 3, "r"),
    }


def splice(sql: str, as_of: datetime.date | None) -> str:
    """The query with its grid placeholders written out. Without an as-of month (no data at all) the query
    still runs and finds nothing: its `year = year($as_of)` is never true."""
    for placeholder, expression in fragments(as_of or datetime.date(2000, 1, 1)).items():
        sql = sql.replace(placeholder, expression)
    return sql
