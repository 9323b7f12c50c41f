"""The weekly rhythm (issue 19): objectives and results given by ISO week, kept by week, and « Cette semaine ».

Decisions, written down once:
- Months stay the truth every KPI reads. A week is split into its months by its seven days (`split_weeks`, on
  `values.week_months`: one definition with the column mapping): 7 calls in a week of 3 days in March and 4 in April
  are 3 in March and 4 in April, so a month is exactly the sum of its days whatever the file's grain. The days of
  week 1 that fall in the previous December count in January of the week's ISO year (and the days of week 53 in
  the next January in December): a year's weekly file stays in its year.
- The weekly grain is kept as well (history.week_targets / week_results, sql/010_weeks.sql), for « Cette semaine ».
  A weekly file speaks for its (action, indicator) pairs over its weeks, as a monthly file does over its months: a
  week it leaves empty is removed. A month a weekly import touches is recomputed from all the pair's current weeks
  (those already held and those of the file), so that importing S49 never loses S45…S48's share of November.
- Headers: « S01 »…« S53 » are weeks only as a run (three or more in one header row): « S1 » and « S2 » alone are
  semesters to a French reader. « Semaine 12 », « sem. 1 », « 2026-W12 », « W12 » are weeks anywhere. A week
  without a year takes the plan's year. In long form, a column headed « Semaine » holds weeks (« S12 », 12,
  « 2026-W12 », or any date: its week); a « Période » or « Date » column holds months, and a week only when the cell
  says so (« 2026-W12 », « semaine 12 »).
- Refused, each with one French sentence, nothing imported: week 54 (or 53 in a 52-week year), a week given twice
  for one pair, a sheet mixing weeks and months, a stock indicator (clients actifs) by week — a stock is a value at
  a date, it has no share of a week —, and weekly and monthly files for one pair in one year (validate/weeks.py).
- A week of the previous ISO year in a file of this year is history, like a month of last year (its months are).
- The column mapping of foreign files spreads weeks into months too but keeps no weekly grain: such an import is a
  monthly one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pac_core.catalogue import METRICS_BY_CODE
from pac_core.io.values import (_WEEK, BadValue, _fold_date_text, parse_date, parse_period, week_months)
from pac_core.text import fold

_S_WEEK = re.compile(r"s\s*(\d{1,2})")  # « S01 », « S 5 »: a week only in a run of such headers
S_RUN = 3  # how many « Sn » headers make a run of weeks
WEEK_COLUMN_HEADERS = {"semaine", "semaines", "week", "sem", "sem.", "semaine du", "week of", "n de semaine",
                       "no semaine", "numero de semaine", "num semaine", "iso week", "semaine iso"}


@dataclass(frozen=True)
class WeekHeader:
    """A column header naming a week; year None: the plan's year."""

    number: int
    year: int | None


@dataclass(frozen=True)
class Week:
    """A week read from a cell (its Monday), beside the Period a month or a quarter gives."""

    monday: dt.date


@dataclass
class WeekRows:
    """The weekly grain of one sheet: one row per action, indicator and week, with each row's number in the file."""

    frame: pd.DataFrame  # action_id, metric, week (datetime64, the Monday), value
    rows: np.ndarray
    scope_weeks: set = field(default_factory=set)  # the Mondays this sheet speaks for


@dataclass
class WeekFigures:
    """A batch's weekly grain for one table (Batch.weeks): what the store writes to history.week_<table>."""

    frame: pd.DataFrame
    scope_weeks: set
    scope_pairs: set


# -- reading headers and cells ----------------------------------------------------------------------------------

def _week_header(cell) -> tuple[WeekHeader, bool] | None:
    """(the week, whether it is the « Sn » form) a header names, else None."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    text = _fold_date_text(cell)
    if match := _S_WEEK.fullmatch(text):
        return WeekHeader(int(match.group(1)), None), True
    if match := _WEEK.fullmatch(text):
        year = match.group(1) or match.group(4)
        return WeekHeader(int(match.group(2) or match.group(3)), int(year) if year else None), False
    return None


def week_columns(header: list) -> dict[int, WeekHeader]:
    """The columns of a header row that are weeks (see the module's note on « S01 »)."""
    found = {index: named for index, cell in enumerate(header) if (named := _week_header(cell)) is not None}
    s_form = sum(1 for _, is_s in found.values() if is_s)
    return {index: week for index, (week, is_s) in found.items() if not is_s or s_form >= S_RUN}


def is_week_column(cell) -> bool:
    """A long-form column headed « Semaine »: its cells are weeks."""
    return isinstance(cell, str) and fold(cell).strip(" :") in WEEK_COLUMN_HEADERS


def monday_of(number: int, year: int) -> dt.date:
    """The Monday of ISO week `number` of `year`; BadValue, in French, for a week the year does not have."""
    try:
        return dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        weeks_in_year = dt.date(year, 12, 28).isocalendar().week
        raise BadValue(f"La semaine {number} n'existe pas en {year} : cette année compte {weeks_in_year} semaines "
                       f"(S01 à S{weeks_in_year}). Corrigez le numéro ou retirez-la.") from None


def period_parser(plan_year: int | None, week_column: bool):
    """The parser of a long-form period cell: a Week or a Period (month, quarter…)."""
    def parse(raw):
        if week_column:
            return _week_cell(raw, plan_year)
        if isinstance(raw, str):
            match = _WEEK.fullmatch(_fold_date_text(raw))
            if match is not None:
                year = match.group(1) or match.group(4)
                number = int(match.group(2) or match.group(3))
                return Week(monday_of(number, int(year) if year else _year_or_fail(raw, plan_year)))
        return parse_period(raw, default_year=plan_year)
    return parse


def _year_or_fail(raw, plan_year: int | None) -> int:
    if plan_year is None:
        raise BadValue(f"« {str(raw).strip()} » : semaine sans année, et l'année du plan est inconnue. Écrivez "
                       "l'année (par exemple « 2026-W12 ») ou importez aussi la feuille Actions.")
    return plan_year


def _week_cell(raw, plan_year: int | None) -> Week:
    """A cell of a « Semaine » column: « S12 », 12, « 2026-W12 », « semaine 12 », or a date (the week holding it)."""
    if isinstance(raw, bool):
        raise BadValue(f"« {raw} » n'est pas une semaine.")
    if isinstance(raw, (int, float, np.integer, np.floating)) and float(raw).is_integer() and 0 < raw < 100:
        return Week(monday_of(int(raw), _year_or_fail(raw, plan_year)))
    if isinstance(raw, str):
        text = _fold_date_text(raw)
        if match := (_S_WEEK.fullmatch(text) or re.fullmatch(r"(\d{1,2})", text)):
            return Week(monday_of(int(match.group(1)), _year_or_fail(raw, plan_year)))
        if match := _WEEK.fullmatch(text):
            year = match.group(1) or match.group(4)
            return Week(monday_of(int(match.group(2) or match.group(3)),
                                  int(year) if year else _year_or_fail(raw, plan_year)))
    try:
        day = parse_date(raw)
    except BadValue:
        day = None
    if day is None:
        raise BadValue(f"« {str(raw).strip()} » n'est pas une semaine : écrivez S12, 12, 2026-W12 ou la date d'un "
                       "jour de la semaine (16/03/2026).")
    return Week(day - dt.timedelta(days=day.weekday()))


def has_weeks(periods) -> bool:
    """A long-form period column (validate.cells.Coded) holding at least one week."""
    return periods is not None and any(isinstance(value, Week) for value in periods.values)


# -- from weekly rows to months -----------------------------------------------------------------------------------

def split_weeks(frame: pd.DataFrame) -> pd.DataFrame:
    """Weekly rows (action_id, metric, week, value[, row]) as monthly rows: each day a seventh of its week, each
    month the sum of its days (a week in two months gives each its days' share). `row` keeps the first row."""
    columns = ["action_id", "metric", "month", "value"] + (["row"] if "row" in frame else [])
    if frame.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns}).astype(
            {"value": float, "month": "datetime64[s]"})
    mondays = pd.to_datetime(frame["week"]).dt.date
    cache: dict = {}
    months, days = [], []
    for monday in mondays:
        if monday not in cache:
            counted: dict = {}
            for month in week_months(monday):
                counted[month] = counted.get(month, 0) + 1
            cache[monday] = counted
        months.append(list(cache[monday]))
        days.append(list(cache[monday].values()))
    expanded = frame.drop(columns="week").assign(month=months, days=days).explode(["month", "days"])
    expanded["value"] = expanded["value"].astype(float) * expanded["days"].astype(float) / 7
    expanded["action_key"] = expanded["action_id"].astype(object).where(expanded["action_id"].notna(), "\x00")
    aggregations = {"value": ("value", "sum")}
    if "row" in frame:
        aggregations["row"] = ("row", "min")
    monthly = expanded.groupby(["action_key", "metric", "month"], sort=True, observed=True).agg(**aggregations)
    monthly = monthly.reset_index()
    monthly["action_id"] = monthly["action_key"].astype(object).where(monthly["action_key"] != "\x00", None)
    monthly["month"] = pd.to_datetime(monthly["month"])
    monthly["metric"] = monthly["metric"].astype(object)
    return monthly[columns]


def read_weeks(found, values: dict, rows: np.ndarray, keep: np.ndarray, column_at, action_ids, metric_codes,
               plan_year: int | None, log) -> tuple[pd.DataFrame, set, WeekRows]:
    """A weekly sheet (week columns, or weeks in its period column) as (monthly frame with `row`, scope months,
    its weekly rows). Errors are logged in French; the months are the split of the weeks by their days."""
    from pac_core.validate.cells import ColumnContext, parse_number_column, take  # validate imports this module

    sheet = found.sheet
    parts = []
    scope_weeks: set = set()
    if found.week_columns:
        for index, header in found.week_columns.items():
            year = header.year or plan_year
            if year is None:
                log.error(sheet.source, sheet.name, found.header_row + 1, found.column_label(index), None,
                          "Semaine sans année, et l'année du plan est inconnue : écrivez l'année dans l'en-tête (par "
                          "exemple « 2026-W12 ») ou importez aussi la feuille Actions.", kind="yearless")
                continue
            try:
                monday = monday_of(header.number, year)
            except BadValue as exc:
                log.error(sheet.source, sheet.name, found.header_row + 1, found.column_label(index), None, str(exc),
                          kind="week")
                continue
            scope_weeks.add(monday)
            figures = parse_number_column(take(column_at(index), keep),
                                          ColumnContext(sheet.source, sheet.name, found.column_label(index), rows), log)
            present = ~np.isnan(figures)
            parts.append(pd.DataFrame({
                "action_id": np.asarray(action_ids, dtype=object)[present],
                "metric": np.asarray(metric_codes, dtype=object)[present],
                "week": np.full(int(present.sum()), np.datetime64(monday, "D")), "value": figures[present],
                "row": rows[present]}))
    else:
        periods = values["period"]
        kinds = periods.map(lambda p: "week" if isinstance(p, Week) else None if p is None else "month")
        if (kinds == "month").any():
            first_week, first_month = np.flatnonzero(kinds == "week")[0], np.flatnonzero(kinds == "month")[0]
            log.error(sheet.source, sheet.name, int(rows[first_week]), None, None,
                      f"La feuille « {sheet.name} » mélange des semaines (ligne {int(rows[first_week])}) et des mois "
                      f"(ligne {int(rows[first_month])}) : déposez un fichier par semaine ou un fichier par mois.",
                      kind="weeks-and-months")
        is_week = kinds == "week"
        mondays = periods.map(lambda p: np.datetime64(p.monday, "D") if isinstance(p, Week) else np.datetime64("NaT"),
                              dtype="datetime64[D]")
        parts.append(pd.DataFrame({
            "action_id": np.asarray(action_ids, dtype=object)[is_week],
            "metric": np.asarray(metric_codes, dtype=object)[is_week], "week": mondays[is_week],
            "value": np.asarray(values["value"], dtype=float)[is_week], "row": rows[is_week]}))
        scope_weeks = {pd.Timestamp(m).date() for m in np.unique(mondays[is_week])}
    weekly = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        {"action_id": [], "metric": [], "week": np.empty(0, "datetime64[D]"), "value": [], "row": []})
    weekly["action_id"] = weekly["action_id"].astype(object).where(weekly["action_id"].notna(), None)
    weekly = weekly[weekly["metric"].notna() & ~np.isnan(weekly["value"].to_numpy(dtype=float))]
    _refuse_stocks(found, weekly, log)
    weekly = weekly.reset_index(drop=True)
    monthly = split_weeks(weekly)
    months = {pd.Timestamp(month).date() for monday in scope_weeks for month in week_months(monday)}
    week_rows = WeekRows(weekly.drop(columns="row"), weekly["row"].to_numpy(dtype=np.int64), scope_weeks)
    return monthly, months, week_rows


def _refuse_stocks(found, weekly: pd.DataFrame, log) -> None:
    """A stock (clients actifs) is a value at a date: it has no share of a week to give each month."""
    for metric in sorted({m for m in weekly["metric"] if m in METRICS_BY_CODE and METRICS_BY_CODE[m].is_stock}):
        first = int(weekly.loc[weekly["metric"] == metric, "row"].min())
        label = METRICS_BY_CODE[metric].label_fr
        log.error(found.sheet.source, found.sheet.name, first, None, label,
                  f"« {label} » est un stock (sa valeur à la fin du mois) : il se donne par mois, pas par semaine. "
                  "Déposez-le dans un fichier par mois.", kind="stock-by-week")


def months_of_weeks(mondays) -> set[dt.date]:
    """The months a set of weeks touches (the ISO year's, as `split_weeks` counts them)."""
    return {month for monday in mondays for month in week_months(monday)}


# -- the store's side ---------------------------------------------------------------------------------------------

def write_weeks(con, import_id: int, plan_version: int, batch) -> None:
    """Inside Store.import_batch's transaction, before the months are written: keep the batch's weeks in
    history.week_<table> (a week of its scope it leaves empty: a NULL row), and replace the batch's months of its
    weekly pairs by the split of all their current weeks, so the months written are the sum of their days."""
    for name, weekly in getattr(batch, "weeks", {}).items():
        pairs = pd.DataFrame({"action_id": pd.Series([p[0] for p in weekly.scope_pairs], dtype=object),
                              "metric": pd.Series([p[1] for p in weekly.scope_pairs], dtype=object)})
        scope = pd.DataFrame({"week": pd.Series(sorted(weekly.scope_weeks), dtype="datetime64[s]")})
        incoming = weekly.frame[["action_id", "metric", "week", "value"]].copy()
        incoming["action_id"] = incoming["action_id"].astype(object)
        incoming["metric"] = incoming["metric"].astype(object)
        incoming["week"] = pd.to_datetime(incoming["week"])
        version_column, version = ("plan_version, ", [plan_version]) if name == "targets" else ("", [])
        con.register("week_pairs", pairs)
        con.register("week_scope", scope)
        con.register("week_incoming", incoming)
        try:
            same_pair = "c.action_id IS NOT DISTINCT FROM p.action_id AND c.metric = p.metric"
            held = f"SELECT c.* FROM main.week_{name} AS c SEMI JOIN week_pairs AS p ON {same_pair}"
            con.execute(f"INSERT INTO history.week_{name} (import_id, {version_column}action_id, metric, week, value) "
                        f"SELECT ?, {'?, ' * len(version)}action_id, metric, week::DATE, value FROM week_incoming",
                        [import_id, *version])
            con.execute(f"""
                INSERT INTO history.week_{name} (import_id, {version_column}action_id, metric, week, value)
                SELECT ?, {'?, ' * len(version)}c.action_id, c.metric, c.week, NULL FROM ({held}) AS c
                WHERE c.week IN (SELECT week::DATE FROM week_scope)
                  AND NOT EXISTS (SELECT 1 FROM week_incoming AS i WHERE i.action_id IS NOT DISTINCT FROM c.action_id
                                  AND i.metric = c.metric AND i.week::DATE = c.week)""", [import_id, *version])
            kept = con.execute(f"SELECT action_id, metric, week, value FROM ({held}) AS c "
                               "WHERE c.week NOT IN (SELECT week::DATE FROM week_scope)").df()
        finally:
            for view in ("week_pairs", "week_scope", "week_incoming"):
                con.unregister(view)
        merged = pd.concat([kept.astype({"action_id": object, "metric": object}), incoming], ignore_index=True)
        months = {pd.Timestamp(m) for m in months_of_weeks(weekly.scope_weeks)}
        monthly = split_weeks(merged)
        monthly = monthly[monthly["month"].isin(months)]
        frame = batch.tables[name]
        keys = pd.Series(list(zip(frame["action_id"].astype(object).where(frame["action_id"].notna(), None),
                                  frame["metric"].astype(object))), dtype=object)
        replaced = keys.isin(weekly.scope_pairs).to_numpy() & pd.to_datetime(frame["month"]).isin(months).to_numpy()
        batch.tables[name] = pd.concat([frame[~replaced].astype({"action_id": object, "metric": object}), monthly],
                                       ignore_index=True)


@dataclass
class Grains:
    """Which (action, indicator, year) the database follows by week and by month, per table: for the check that
    refuses mixing them (validate/weeks.py). Plain data: the validation context is sent to a worker process."""

    weekly: dict = field(default_factory=dict)  # (table, action_id, metric, year) → newest import bringing weeks
    monthly: pd.DataFrame | None = None  # table_name, action_id, metric, year, months (a 12-bit mask)

    def monthly_of(self, table: str) -> dict:
        """(action, indicator, year) → months mask of one table's pairs held by month."""
        if self.monthly is None or not len(self.monthly):
            return {}
        rows = self.monthly[self.monthly["table_name"] == table]
        actions = [None if pd.isna(action_id) else action_id for action_id in rows["action_id"].tolist()]
        return dict(zip(zip(actions, rows["metric"].tolist(), rows["year"].tolist()), rows["months"].tolist()))

    @staticmethod
    def months_of(year: int, mask: int) -> set:
        """The months a mask of `monthly` holds (bit k − 1: month k), as first days."""
        return {dt.date(year, month, 1) for month in range(1, 13) if mask >> (month - 1) & 1}


def holds_weeks(store) -> bool:
    """The database has the weekly tables (schema 10): a file of an older schema opened read-only has none."""
    return bool(store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
                             "AND table_name = 'week_results'"))


_GRIDS = (("targets", "main.target_grid", "plan_version = $version"), ("results", "main.result_grid", "true"))
_MASK_SQL = " | ".join(f"((m{month:02d} IS NOT NULL)::INTEGER << {month - 1})" for month in range(1, 13))


def grains(store) -> Grains:
    """The grains the current data hold. A month written by an import that brought weeks for its pair is weekly."""
    if not holds_weeks(store):
        return Grains()
    weekly = {}
    for name in ("targets", "results"):
        rows = store.query(f"SELECT action_id, metric, isoyear(week) AS year, max(import_id) AS import_id "
                           f"FROM main.week_{name} GROUP BY ALL")
        for row in rows.itertuples(index=False):
            action_id = None if pd.isna(row.action_id) else row.action_id  # a company-wide figure
            weekly[(name, action_id, row.metric, int(row.year))] = int(row.import_id)
    return Grains(weekly, _monthly_grains(store, weekly))


def _monthly_grains(store, weekly: dict) -> pd.DataFrame:
    """One row per (table, action, indicator, year) held by month, its months as a 12-bit mask, read from the kept
    grids (sql/grids.sql: a row per pair-year, where grouping the figures again took 7× longer at every check of a
    file). The pair-years followed by week are left out: their months come from weeks. A frame, not a dict: a
    million monthly results make 250 000 keys, read at every check (and sent to the worker process), while only a
    weekly file ever looks them up (validate/weeks.py)."""
    version = store.current_plan_version()
    monthly = store.query(" UNION ALL ".join(
        f"SELECT '{name}' AS table_name, action_id, metric, year, ({_MASK_SQL}) AS months FROM {grid} WHERE {condition}"
        for name, grid, condition in _GRIDS), {"version": version})
    if weekly:
        keys = list(zip(monthly["table_name"], monthly["action_id"].where(monthly["action_id"].notna(), None),
                        monthly["metric"], monthly["year"]))
        monthly = monthly[[key not in weekly for key in keys]].reset_index(drop=True)
    return monthly


# -- « Cette semaine » --------------------------------------------------------------------------------------------

WEEKS_BACK = 4  # the weeks shown before the current one


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def shown_weeks(today: dt.date) -> list[dt.date]:
    """The Mondays of the last four weeks and of the current one, oldest first."""
    current = monday(today)
    return [current - dt.timedelta(weeks=back) for back in range(WEEKS_BACK, -1, -1)]


_WEEK_FIGURES = """
WITH weeks AS (SELECT unnest($weeks::DATE[]) AS week),
followed AS (
    SELECT DISTINCT action_id, metric FROM main.week_results
    WHERE action_id IS NOT NULL AND isoyear(week) IN (SELECT isoyear(week) FROM weeks)
),
pairs AS (
    SELECT f.action_id, f.metric, a.name, a.owner, a.channel
    FROM followed AS f JOIN ({scoped_actions}) AS a ON a.action_id = f.action_id
),
month_shares AS (  -- the monthly objective a week's days carry: each day its month's objective / its days
    SELECT w.week, t.action_id, t.metric, sum(t.value / day(last_day(t.month))) AS objective
    FROM weeks AS w CROSS JOIN range(7) AS d(n)
    JOIN main.plan_targets AS t ON t.month = date_trunc('month', w.week + d.n::INTEGER)::DATE
    WHERE t.plan_version = $version
    GROUP BY ALL
)
SELECT p.action_id, p.name, p.owner, p.channel, p.metric, w.week,
       coalesce(wt.value, ms.objective) AS objective,
       CASE WHEN wt.value IS NOT NULL THEN 'semaine' WHEN ms.objective IS NOT NULL THEN 'mois' END AS objective_from,
       wr.value AS done
FROM pairs AS p CROSS JOIN weeks AS w
LEFT JOIN main.week_targets AS wt ON wt.action_id = p.action_id AND wt.metric = p.metric AND wt.week = w.week
LEFT JOIN main.week_results AS wr ON wr.action_id = p.action_id AND wr.metric = p.metric AND wr.week = w.week
LEFT JOIN month_shares AS ms ON ms.action_id = p.action_id AND ms.metric = p.metric AND ms.week = w.week
ORDER BY p.owner, p.action_id, p.metric, w.week
"""


def week_figures(store, scope, today: dt.date) -> pd.DataFrame:
    """Per action × indicator followed by week (it has weekly results this ISO year) among the scope's actions,
    and per shown week: the week's objective (the weekly objective, else the monthly one's share by its days), its
    origin ('semaine' / 'mois') and what was done. Indicators followed by month only are left out: their week's
    figure is not known."""
    from pac_core.kpi.scope import scoped_actions_sql

    if not holds_weeks(store):
        return pd.DataFrame(columns=["action_id", "name", "owner", "channel", "metric", "week", "objective",
                                     "objective_from", "done"])
    scoped, params = scoped_actions_sql(scope)
    version = scope.plan_version or store.current_plan_version()
    frame = store.query(_WEEK_FIGURES.replace("{scoped_actions}", scoped),
                        {**params, "weeks": shown_weeks(today), "version": version})
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    return frame
