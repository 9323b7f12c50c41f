"""Turning one table found in a sheet into typed rows: blank and total rows skipped, each cell parsed,
months-as-columns unpivoted, multi-month periods spread, duplicates named."""

import datetime
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pac_core.catalogue import METRICS_BY_CODE, MetricLookup
from pac_core.io.recognise import YEARLESS, FoundTable
from pac_core.io.values import BadValue, parse_date, parse_period
from pac_core.tables import DATE, IDENT, METRIC, NUMBER, PERIOD, TEXT
from pac_core.text import fold
from pac_core.validate.cells import (ColumnContext, blank_mask, factorize, ident, parse_by_value,
                                     parse_number_column, take, text)

_TOTAL_WORDS = ("total", "sous total", "cumul", "ensemble")


@dataclass
class TableRows:
    """Typed rows of one table from one sheet, with each row's number in the file."""

    found: FoundTable
    frame: pd.DataFrame  # internal column names; targets/results: action_id, metric, month, value
    rows: np.ndarray  # file row number of each frame row
    scope_months: set = field(default_factory=set)  # targets/results: the months this sheet speaks for
    scope_pairs: set = field(default_factory=set)  # targets/results: the (action_id, metric) it speaks for

    @property
    def source(self) -> str:
        return self.found.sheet.source

    @property
    def sheet(self) -> str:
        return self.found.sheet.name


def read_rows(found: FoundTable, log, plan_year: int | None, metrics: MetricLookup) -> TableRows:
    sheet = found.sheet
    columns, row_numbers = sheet.columns(found.header_row)
    width = len(columns)
    row_numbers = np.asarray(row_numbers, dtype=np.int64)

    def column_at(index):
        return columns[index] if index < width else [""] * len(row_numbers)

    used = list(found.columns) + list(found.month_columns)
    blank = np.ones(len(row_numbers), dtype=bool)
    for index in used:
        blank &= blank_mask(column_at(index))
    total = _total_rows(found, column_at, len(row_numbers))
    for position in np.flatnonzero(total & ~blank):
        log.warning(sheet.source, sheet.name, int(row_numbers[position]), None, None,
                    "Ligne de total ignorée (les totaux sont recalculés par PAC Pilot).", kind="total")
    keep = ~(blank | total)
    rows = row_numbers[keep]
    values: dict[str, object] = {}
    for index, column in found.columns.items():
        where = ColumnContext(sheet.source, sheet.name, found.column_label(index), rows)
        raw = take(column_at(index), keep)
        values[column.name] = _parse_column(column, raw, where, log, plan_year, metrics)
    if found.table.value_column is None:
        frame = _frame({column.name: values.get(column.name, np.full(len(rows), None, dtype=object))
                        for column in found.table.columns})
        return TableRows(found, frame, rows)
    return _figures(found, values, rows, keep, column_at, log, plan_year, metrics)


def _frame(columns: dict) -> pd.DataFrame:
    """A frame that keeps text columns as Python objects with None for missing (pandas 3 would infer
    its own string type, with NaN for missing)."""
    return pd.DataFrame({name: pd.Series(values, dtype=float if getattr(values, "dtype", None) == float else object)
                         for name, values in columns.items()})


def _total_rows(found: FoundTable, column_at, count: int) -> np.ndarray:
    """Rows whose label cells start with Total, Sous-total, Cumul…"""
    total = np.zeros(count, dtype=bool)
    for index, column in found.columns.items():
        if column.kind not in (IDENT, TEXT, METRIC):
            continue
        codes, uniques = factorize(column_at(index))
        flags = np.array([isinstance(u, str) and fold(u).startswith(_TOTAL_WORDS) for u in uniques], dtype=bool)
        if flags.any():
            total |= flags[codes]
    return total


def _parse_column(column, raw, where, log, plan_year, metrics):
    if column.kind == NUMBER:
        return parse_number_column(raw, where, log, required=column.required)
    codes, uniques = factorize(raw)
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
        parser = lambda raw_value: parse_period(raw_value, default_year=plan_year)
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
    """Targets or results: one row per action, indicator and month, from the long or the wide layout."""
    sheet = found.sheet
    action_ids = values.get("action_id", np.full(len(rows), None, dtype=object))
    metric_codes = values["metric"]
    if found.is_wide:
        months = _month_headers(found, plan_year, log)
        frames = []
        for index, month in months.items():
            where = ColumnContext(sheet.source, sheet.name, found.column_label(index), rows)
            figures = parse_number_column(take(column_at(index), keep), where, log)
            present = ~np.isnan(figures)
            frames.append(_frame({
                "action_id": action_ids[present], "metric": metric_codes[present],
                "month": np.full(int(present.sum()), month, dtype=object), "value": figures[present],
                "row": rows[present]}))
        frame = pd.concat(frames, ignore_index=True) if frames else _empty_figures()
        scope_months = set(months.values())
    else:
        frame = _spread_periods(found, values, rows, log)
        scope_months = set(frame["month"].dropna())
    usable = pd.Series(metric_codes).notna().to_numpy()
    pairs = set(zip(action_ids[usable].tolist(), metric_codes[usable].tolist()))
    has_value = ~np.isnan(frame["value"].to_numpy(dtype=float))
    frame = frame[frame["metric"].notna() & frame["month"].notna() & has_value]
    return TableRows(found, frame.drop(columns="row").reset_index(drop=True), frame["row"].to_numpy(),
                     scope_months, pairs)


def _empty_figures() -> pd.DataFrame:
    return _frame({"action_id": np.empty(0, dtype=object), "metric": np.empty(0, dtype=object),
                   "month": np.empty(0, dtype=object), "value": np.empty(0, dtype=float),
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


def _spread_periods(found, values, rows, log) -> pd.DataFrame:
    """Long layout: a month stays a month; a quarter or a year is spread evenly over its months
    (a stock, such as clients actifs, is a value at the period's last month)."""
    periods = values["period"]
    figures = values["value"]
    action_ids = values.get("action_id", np.full(len(rows), None, dtype=object))
    metric_codes = values["metric"]
    single = np.fromiter((p is not None and p.months == 1 for p in periods), dtype=bool, count=len(periods))
    frame = _frame({
        "action_id": action_ids[single], "metric": metric_codes[single],
        "month": np.array([p.first_month for p in periods[single]], dtype=object),
        "value": figures[single], "row": rows[single]})
    extra = []
    for position in np.flatnonzero(~single):
        period = periods[position]
        if period is None or metric_codes[position] is None:
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
            extra.append((action_ids[position], metric_codes[position], month, share, rows[position]))
    if extra:
        extra_frame = _frame({name: np.array([row[i] for row in extra], dtype=float if name == "value" else object)
                              for i, name in enumerate(frame.columns)})
        frame = pd.concat([frame, extra_frame], ignore_index=True)
    return frame
