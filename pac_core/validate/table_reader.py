"""Turning one table found in a sheet into typed rows: blank and total rows skipped, each cell parsed,
months-as-columns unpivoted, multi-month periods spread, duplicates named."""

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pac_core import weeks
from pac_core.catalogue import METRICS_BY_CODE, MetricLookup
from pac_core.io.recognise import YEARLESS, FoundTable
from pac_core.io.values import BadValue, is_blank, parse_date
from pac_core.tables import DATE, IDENT, METRIC, NUMBER, PERIOD, TEXT
from pac_core.text import same_person_key, shortened
from pac_core.validate.cells import (Coded, ColumnContext, blank_mask, check_plausible_figures, factorize, ident,
                                     parse_by_value, parse_number_column, take, text)

_TOTAL_LABEL = re.compile(r"\s*((sous[\s-]?)?total|cumul|ensemble)\b", re.IGNORECASE)


@dataclass
class TableRows:
    """Typed rows of one table from one sheet, with each row's number in the file."""

    found: FoundTable
    frame: pd.DataFrame  # internal column names; targets/results: action_id, metric, month, value
    rows: np.ndarray  # file row number of each frame row
    scope_months: set = field(default_factory=set)  # targets/results: the months this sheet speaks for
    scope_pairs: set = field(default_factory=set)  # targets/results: the (action_id, metric) it speaks for
    weeks: object = None  # pac_core.weeks.WeekRows when given by week: the weekly grain (frame: their months)

    @property
    def source(self) -> str:
        return self.found.sheet.source

    @property
    def sheet(self) -> str:
        return self.found.sheet.name

    def label(self, name: str) -> str:
        """How messages name one of our columns: as headed in the file (with its letter in a workbook)."""
        for index, column in self.found.columns.items():
            if column.name == name:
                return self.found.column_label(index)
        return self.found.table.column(name).header


def read_rows(found: FoundTable, log, plan_year: int | None, metrics: MetricLookup) -> TableRows:
    sheet = found.sheet
    columns, row_numbers = sheet.columns(found.header_row)
    for line, raw_text, message in sheet.bad_rows:
        log.error(sheet.source, sheet.name, line, None, raw_text, message, kind="bad-row")
    width = len(columns)
    row_numbers = np.asarray(row_numbers, dtype=np.int64)

    def column_at(index):
        return columns[index] if index < width else [""] * len(row_numbers)

    # Label-like columns repeat a few values: factorise them once, for blanks, totals and parsing.
    factorised = {index: factorize(column_at(index)) for index, column in found.columns.items()
                  if column.kind != NUMBER}
    blank = np.ones(len(row_numbers), dtype=bool)
    total = np.zeros(len(row_numbers), dtype=bool)
    for index in list(found.columns) + list(found.month_columns):
        if index in factorised:
            codes, uniques = factorised[index]
            blank &= np.array([is_blank(u) for u in uniques], dtype=bool)[codes] if uniques else True
            if found.columns[index].kind in (IDENT, TEXT, METRIC) and uniques:
                total |= np.array([isinstance(u, str) and _TOTAL_LABEL.match(u) is not None for u in uniques],
                                  dtype=bool)[codes]
        else:
            blank &= blank_mask(column_at(index))
    for position in np.flatnonzero(total & ~blank):
        log.warning(sheet.source, sheet.name, int(row_numbers[position]), None, None,
                    "Ligne de total ignorée (les totaux sont recalculés par PAC Pilot).", kind="total")
    keep = ~(blank | total)
    rows = row_numbers[keep]
    values: dict[str, object] = {}
    for index, column in found.columns.items():
        where = ColumnContext(sheet.source, sheet.name, found.column_label(index), rows)
        if column.kind == NUMBER:
            values[column.name] = parse_number_column(take(column_at(index), keep), where, log,
                                                      required=column.required)
        else:
            codes, uniques = factorised[index]
            coded = _parse_labels(column, codes[keep], uniques, where, log, plan_year, metrics, found.week_period)
            if column.kind == PERIOD:
                values[column.name] = coded
            elif found.table.value_column and column.name in ("action_id", "metric"):
                values[column.name] = coded.categorical()
            else:
                values[column.name] = coded.decoded()
    if found.table.value_column is None:
        if "owner" in values:
            _one_spelling_per_owner(found, values["owner"], rows, log)
        frame = _frame({column.name: values.get(column.name, np.full(len(rows), None, dtype=object))
                        for column in found.table.columns})
        return TableRows(found, frame, rows)
    return _figures(found, values, rows, keep, column_at, log, plan_year, metrics)


def _one_spelling_per_owner(found: FoundTable, owners: np.ndarray, rows: np.ndarray, log) -> None:
    """Owners written differently only by case, spaces or accents (« Julie », « julie », « Julié ») are one
    person: each takes the first spelling met, with a warning, rather than appearing as three owners."""
    first: dict[str, str] = {}
    warned: set = set()
    label = next((found.column_label(index) for index, column in found.columns.items() if column.name == "owner"),
                 None)
    for position, owner in enumerate(owners):
        if owner is None:
            continue
        key = same_person_key(owner)
        kept = first.setdefault(key, owner)
        if owner != kept:
            owners[position] = kept
            if owner not in warned:
                warned.add(owner)
                log.warning(found.sheet.source, found.sheet.name, int(rows[position]), label, shortened(owner),
                            f"« {shortened(owner)} » et « {shortened(kept)} » sont la même personne, écrite "
                            f"autrement : lue « {shortened(kept)} » (la première écriture du fichier).",
                            kind="owner-spelling")


def _frame(columns: dict) -> pd.DataFrame:
    """A frame that keeps text columns as Python objects with None for missing (pandas 3 would infer
    its own string type, with NaN for missing); numbers and datetimes keep their numpy types."""
    return pd.DataFrame({name: pd.Series(values, dtype=None if getattr(values, "dtype", object) != object else object)
                         for name, values in columns.items()})


def _parse_labels(column, codes, uniques, where, log, plan_year, metrics, week_column=False):
    """A column of repeated values (IDs, labels, indicators, dates, periods): each distinct value parsed once."""
    missing = f"Valeur manquante : la colonne « {column.header} » est obligatoire."
    if column.kind == IDENT:
        parser = ident
    elif column.kind == TEXT:
        parser = text
    elif column.kind == DATE:
        parser = lambda raw_value: parse_date(raw_value, end_of_period=column.name in ("end_date", "due_date"))
    elif column.kind == METRIC:
        parser = lambda raw_value: _metric(raw_value, metrics)
    elif column.kind == PERIOD:
        parser = weeks.period_parser(plan_year, week_column)  # a month, a quarter… or a week (pac_core/weeks.py)
    else:
        raise ValueError(column.kind)
    return parse_by_value(codes, uniques, parser, where, log, column.required, missing)


def _metric(raw, metrics: MetricLookup) -> str:
    code = metrics.code_for(raw)
    if code is not None:
        return code
    closest = metrics.closest(raw)
    hint = f" Vouliez-vous dire « {closest} » ?" if closest else ""
    known = ", ".join(metric.label_fr for metric in METRICS_BY_CODE.values())
    raise BadValue(f"Indicateur « {raw} » inconnu.{hint} Indicateurs connus : {known}.")


def _figures(found, values, rows, keep, column_at, log, plan_year, metrics) -> TableRows:
    """Targets or results: one row per action, indicator and month, from the long or the wide layout.
    Months are numpy datetimes: a million rows never become a million Python dates."""
    sheet = found.sheet
    action_ids = values.get("action_id")
    if action_ids is None:  # results without an ID column: all company-wide figures
        action_ids = pd.Categorical.from_codes(np.full(len(rows), -1), categories=pd.Index([], dtype=object))
    metric_codes = values["metric"]
    week_rows = None
    if found.week_columns or weeks.has_weeks(values.get("period")):  # by week: split into months by their days
        frame, scope_months, week_rows = weeks.read_weeks(found, values, rows, keep, column_at, action_ids,
                                                          metric_codes, plan_year, log)
    elif found.is_wide:
        months = _month_headers(found, plan_year, log)
        frames = []
        for index, month in months.items():
            where = ColumnContext(sheet.source, sheet.name, found.column_label(index), rows)
            raw = take(column_at(index), keep)
            figures = parse_number_column(raw, where, log)
            check_plausible_figures(raw, figures, metric_codes, where, log, found.table.name == "results")
            present = ~np.isnan(figures)
            frames.append(_frame({
                "action_id": action_ids[present], "metric": metric_codes[present],
                "month": np.full(int(present.sum()), np.datetime64(month, "D")), "value": figures[present],
                "row": rows[present]}))
        frame = pd.concat(frames, ignore_index=True) if frames else _empty_figures()
        scope_months = set(months.values())
    else:
        value_index = next(index for index, column in found.columns.items() if column.name == "value")
        check_plausible_figures(take(column_at(value_index), keep), values["value"], metric_codes,
                                ColumnContext(sheet.source, sheet.name, found.column_label(value_index), rows), log,
                                found.table.name == "results")
        periods: Coded = values["period"]
        frame = _spread_periods(found, periods, values["value"], action_ids, metric_codes, rows, log)
        used = np.unique(periods.codes) if len(periods.codes) else []
        scope_months = {month for code in used if periods.values[code] is not None
                        for month in periods.values[code].month_starts()}
    pairs = _distinct_pairs(action_ids, metric_codes)
    has_value = ~np.isnan(frame["value"].to_numpy(dtype=float))
    frame = frame[frame["metric"].notna().to_numpy() & frame["month"].notna().to_numpy() & has_value]
    return TableRows(found, frame.drop(columns="row").reset_index(drop=True), frame["row"].to_numpy(dtype=np.int64),
                     scope_months, pairs, week_rows)


def _distinct_pairs(action_ids, metric_codes) -> set:
    """The (action, indicator) pairs of the rows with an indicator, from integer codes (a million rows give
    a few thousand pairs); a company-wide figure's action is None."""
    actions, metrics = pd.Categorical(action_ids), pd.Categorical(metric_codes)
    usable = metrics.codes >= 0
    width = len(metrics.categories) + 1
    keys = np.unique((actions.codes[usable].astype(np.int64) + 1) * width + metrics.codes[usable])
    action_index, metric_index = np.divmod(keys, width)
    action_names, metric_names = actions.categories.tolist(), metrics.categories.tolist()
    return {(action_names[a - 1] if a > 0 else None, metric_names[m])
            for a, m in zip(action_index.tolist(), metric_index.tolist())}


def _empty_figures() -> pd.DataFrame:
    return _frame({"action_id": np.empty(0, dtype=object), "metric": np.empty(0, dtype=object),
                   "month": np.empty(0, dtype="datetime64[D]"), "value": np.empty(0, dtype=float),
                   "row": np.empty(0, dtype=np.int64)})


def _month_headers(found, plan_year, log):
    """Month columns with their year resolved (headers like « janv. » take the plan's year)."""
    months = {}
    for index, month in found.month_columns.items():
        if month.year == YEARLESS:
            if plan_year is None:
                log.error(found.sheet.source, found.sheet.name, found.header_row + 1, found.column_label(index), None,
                          "Mois sans année, et l'année du plan est inconnue : écrivez l'année dans l'en-tête "
                          "(par exemple « janv. 2026 ») ou importez aussi la feuille Actions.", kind="yearless")
                continue
            month = month.replace(year=plan_year)
        months[index] = month
    return months


def _spread_periods(found, periods: Coded, figures, action_ids, metric_codes, rows, log) -> pd.DataFrame:
    """Long layout: a month stays a month; a quarter or a year is spread evenly over its months
    (a stock, such as clients actifs, is a value at the period's last month)."""
    single = periods.map(lambda p: p is not None and p.months == 1, dtype=bool)
    first_months = periods.map(lambda p: np.datetime64(p.first_month, "D") if p is not None else np.datetime64("NaT"),
                               dtype="datetime64[D]")
    frame = _frame({
        "action_id": action_ids[single], "metric": metric_codes[single], "month": first_months[single],
        "value": figures[single], "row": rows[single]})
    extra = []
    for position in np.flatnonzero(~single):
        period = periods.values[periods.codes[position]]
        if period is None or pd.isna(metric_codes[position]):
            continue
        metric = METRICS_BY_CODE.get(metric_codes[position])
        value = figures[position]
        months = period.month_starts()
        if metric is not None and metric.is_stock:
            spread = [(months[-1], value)]
        else:
            spread = [(month, value / len(months)) for month in months]
            if found.table.name == "results":
                log.warning(found.sheet.source, found.sheet.name, int(rows[position]), None, None,
                            f"Réalisé donné pour {len(months)} mois : réparti également sur chaque mois.",
                            kind="spread")
        for month, share in spread:
            action_id = None if pd.isna(action_ids[position]) else action_ids[position]
            extra.append((action_id, metric_codes[position], np.datetime64(month, "D"), share,
                          rows[position]))
    if extra:
        extra_frame = _frame({
            "action_id": np.array([row[0] for row in extra], dtype=object),
            "metric": np.array([row[1] for row in extra], dtype=object),
            "month": np.array([row[2] for row in extra], dtype="datetime64[D]"),
            "value": np.array([row[3] for row in extra], dtype=float),
            "row": np.array([row[4] for row in extra], dtype=np.int64)})
        frame = pd.concat([frame, extra_frame], ignore_index=True)
    return frame
