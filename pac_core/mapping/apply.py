"""Mapping + foreign file → the Validation and Batch our own format gives, so the store imports it the
same way and the same checks apply (unknown actions, months outside the plan year, negative values…).

Each of their rows is translated (labels through the value maps), then finer rows are gathered into
months: daily spend is summed, deals are counted. The typed rows keep their row numbers in the user's
file, and the checks of pac_core.validate name the user's columns.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pac_core.io.recognise import YEARLESS, FoundTable
from pac_core.io.values import BadValue, Period, is_blank, parse_date, parse_period, parse_week, week_months
from pac_core.mapping.actions import KnownAction
from pac_core.mapping.create import (actions_to_create, creation_problems, metrics_of, metrics_to_create,
                                     new_actions)
from pac_core.mapping.layout import file_period, filled, layout_problems, month_in_year, month_of, year_above, year_of
from pac_core.mapping.model import (COUNT, IGNORE, KIND_LABELS, KINDS, NO_ACTION, OPPORTUNITIES, RESULTS, SUM, TARGETS,
                                    Mapping, TableMapping)
from pac_core.mapping.prepare import prepare, questions, without_rows
from pac_core.mapping.read import ForeignTable, day_of as _day
from pac_core.mapping.value_maps import FIELD_LABELS, channel_of, translate
from pac_core.tables import TABLES_BY_NAME, Column
from pac_core.text import fold
from pac_core.validate.cells import ColumnContext, parse_number_column
from pac_core.validate.files import Context, Validation, check_parts
from pac_core.validate.issues import WARNING, Issue, IssueLog
from pac_core.validate.table_reader import TableRows

_ROW_COLUMNS = ("action_id", "metric", "month", "value", "row", "order")
MAX_SKIP_ROUNDS = 10  # an error about a month's total names its first row: leaving it out may show the next


@dataclass
class _Rows:
    """The rows of the file a table mapping keeps, with what each one found so far."""

    positions: np.ndarray  # indexes into the file's kept rows
    action_ids: np.ndarray  # object: action ID or None (company-wide)


def apply(table: ForeignTable, mapping: Mapping, context: Context | None = None,
          actions: list[KnownAction] = ()) -> Validation:
    """The file read through the mapping, checked: `Validation.batch` is ready for Store.import_batch,
    or None with French errors naming the user's sheet, row, column and value.

    With `mapping.skip_invalid` (« importer les lignes valides et ignorer les autres »), the rows with an
    error are left out and listed as warnings, and the rest is checked again, until what is left is clean."""
    context = context or Context()
    validation, log = _checked(table, mapping, context, actions)
    if validation.ok or not mapping.skip_invalid:
        return validation
    mapping = dataclasses.replace(mapping, ignore_unmapped=True)
    skipped, left_out = [], set()
    for _ in range(MAX_SKIP_ROUNDS):
        if log.unpinned_errors or not log.error_rows:
            break
        skipped += [dataclasses.replace(issue, level=WARNING, message=f"Ligne ignorée : {issue.message}")
                    for issue in validation.errors]
        left_out |= log.error_rows
        validation, log = _checked(without_rows(table, left_out), mapping, context, actions)
        if validation.ok:
            break
    if left_out:
        summary = Issue(WARNING, table.source, table.sheet_name, None, None, None,
                        (f"{len(left_out)} lignes ignorées parce qu'elles contiennent une erreur" if len(left_out) > 1
                         else "1 ligne ignorée parce qu'elle contient une erreur") + ", comme demandé : "
                        "la liste est ci-dessous et dans le rapport téléchargeable.")
        validation.issues = [*validation.errors, summary, *_once(skipped), *validation.warnings]
    return validation


def _checked(table: ForeignTable, mapping: Mapping, context: Context, actions) -> tuple[Validation, IssueLog]:
    log = IssueLog()
    for issue in table.log.issues:
        log.add(issue.level, issue.source, issue.sheet, issue.row, issue.column, issue.value, issue.message,
                kind="read")
    known = {**{a: KnownAction(a) for a in context.known_actions}, **{a.action_id: a for a in actions}}
    problems = mapping_problems(table, mapping) + creation_problems(mapping, known)
    for message in problems:
        log.error(table.source, table.sheet_name, None, None, None, message)
    if problems:
        return Validation(log.finish(), None), log
    table = prepare(table, mapping, context.plan_year, log)
    created = {action.action_id: action for action in new_actions(mapping) if action.action_id not in known}
    known = {**known, **created}
    parsed: dict[str, list[TableRows]] = {}
    for part in mapping.tables:
        parsed.setdefault(part.table, []).extend(_table_rows(table, mapping, part, context.plan_year, log, known))
    if log.has_errors:
        return Validation(_once(log.finish()), None), log
    checked_context = dataclasses.replace(context, known_actions={*context.known_actions, *created})
    validation = check_parts(parsed, [table.file], checked_context, context.plan_year, log)
    validation.issues = _once(validation.issues)
    if validation.ok:
        _with_creations(validation.batch, mapping, set(context.known_actions) | {a.action_id for a in actions},
                        context.plan_year)
    return validation, log


def _with_creations(batch, mapping: Mapping, known_ids: set, plan_year) -> None:
    """The new actions and indicators the kept rows use, added to what the import brings."""
    used_actions, used_metrics = set(), set()
    for name in (RESULTS, TARGETS, OPPORTUNITIES):
        frame = batch.tables.get(name)
        if frame is not None and len(frame):
            used_actions |= set(frame["action_id"].dropna())
            if "metric" in frame:
                used_metrics |= set(frame["metric"].dropna())
    created = actions_to_create(mapping, used_actions, known_ids, plan_year)
    if created is not None:
        mine = batch.tables.get("actions")
        batch.tables["actions"] = created if mine is None else pd.concat([mine, created], ignore_index=True)
    batch.new_metrics = metrics_to_create(mapping, used_metrics)


def _once(issues: list) -> list:
    """Each issue once: a row feeding two indicators (spend and conversions) is checked twice."""
    return list(dict.fromkeys(issues))


def mapping_problems(table: ForeignTable, mapping: Mapping) -> list[str]:
    """What the mapping still lacks, in French, before any row is read."""
    problems = []
    if not mapping.tables:
        return ["Choisissez ce que contient le fichier (réalisé, objectifs, actions ou pipeline)."]
    for part in mapping.tables:
        what = KIND_LABELS.get(part.table, part.table)
        if part.table not in KINDS:
            problems.append(f"« {part.table} » n'est pas une table de PAC Pilot.")
            continue
        for name, header in [*part.columns.items(), *((None, h) for h in part.month_columns),
                             *((None, m.column) for m in part.measures if m.column), *((None, h) for h in part.row_filter)]:
            if header not in table.cells:
                problems.append(f"{what} : la colonne « {header} » n'existe pas dans ce fichier.")
        if part.table in (OPPORTUNITIES, "actions"):
            for column in TABLES_BY_NAME[part.table].required_columns:
                if column.name not in part.columns:
                    problems.append(f"{what} : choisissez la colonne qui donne « {column.header} ».")
            continue
        if part.is_wide:
            if part.metric is None and "metric" not in part.columns:
                problems.append(f"{what} : choisissez l'indicateur des chiffres (par exemple Chiffre d'affaires).")
        else:
            if "period" not in part.columns and not part.period_value:
                problems.append(f"{what} : choisissez la colonne qui donne la date ou le mois de chaque ligne.")
            if not part.measures:
                problems.append(f"{what} : choisissez au moins une colonne de chiffres et son indicateur.")
        metrics = [m.metric for m in part.measures] + ([part.metric] if part.metric else [])
        catalogue = metrics_of(mapping)
        for code in metrics:
            if code is not None and code not in catalogue:
                problems.append(f"{what} : l'indicateur « {code} » n'existe pas.")
        named = [code for code in metrics if code in catalogue]
        for code in sorted({code for code in named if named.count(code) > 1}):
            problems.append(f"{what} : deux colonnes alimentent l'indicateur « {catalogue[code].label_fr} » : "
                            "gardez-en une seule.")
        if any(m.metric is None for m in part.measures) and "metric" not in part.columns:
            problems.append(f"{what} : choisissez l'indicateur de chaque colonne de chiffres.")
        for measure in part.measures:
            if measure.how == SUM and not measure.column:
                problems.append(f"{what} : choisissez la colonne de chiffres de l'indicateur « {measure.metric} ».")
        problems.extend(layout_problems(table, part, what))
        if part.table == TARGETS and "action_id" not in part.columns and part.action_id is None:
            problems.append(f"{what} : chaque objectif porte sur une action : choisissez la colonne qui la donne, "
                            "ou une action pour tout le fichier.")
    problems += [question.sentence() for question in questions(table, mapping)]
    return problems


# -- rows and their action ---------------------------------------------------------------------

def _table_rows(table, mapping, part: TableMapping, plan_year, log, known) -> list[TableRows]:
    table = filled(table, part.fill_down)
    rows = _kept_rows(table, part)
    rows = _with_actions(table, mapping, part, rows, log, known)
    if part.table == OPPORTUNITIES or part.table == "actions":
        return [_keyed(table, mapping, part, rows, log, known)]
    if part.is_wide:
        return [_wide(table, mapping, part, rows, plan_year, log, known)]
    return _long(table, mapping, part, rows, plan_year, log, known)


def _kept_rows(table: ForeignTable, part: TableMapping) -> _Rows:
    keep = np.ones(len(table), dtype=bool)
    for header, labels in part.row_filter.items():
        wanted = {fold(label) for label in labels}
        keep &= np.array([not is_blank(cell) and fold(_text(cell)) in wanted for cell in table.column(header)],
                         dtype=bool)
    positions = np.flatnonzero(keep)
    return _Rows(positions, np.full(len(positions), part.action_id, dtype=object))


def _with_actions(table, mapping, part, rows: _Rows, log, known) -> _Rows:
    header = part.columns.get("action_id")
    if header is None:
        return rows
    values, keep = _coded(table, mapping, header, "action_id", rows.positions, log, known,
                          required=part.table == TARGETS)
    return _Rows(rows.positions[keep], values[keep])


def _coded(table, mapping, header, name, positions, log, known, required=False):
    """Our value for each row's label; rows left out (IGNORE, or unmapped when the user chose to ignore
    them) are False in the mask; an unmapped label is one error at its first row, with its count."""
    cells = table.column(header)
    values = np.full(len(positions), None, dtype=object)
    keep = np.ones(len(positions), dtype=bool)
    unmapped: dict[str, list] = {}
    cache: dict[str, str | None] = {}
    for index, position in enumerate(positions):
        cell = cells[position]
        if is_blank(cell):
            if required:
                log.error(table.source, table.sheet_name, int(table.rows[position]), table.label(header), None,
                          f"Valeur manquante : indiquez l'{FIELD_LABELS[name]} de cette ligne.", kind=f"blank-{name}")
            continue
        key = fold(_text(cell))
        if key not in cache:
            cache[key] = translate(mapping, header, name, cell, known)
        value = cache[key]
        if value == IGNORE:
            keep[index] = False
        elif value == NO_ACTION and name == "action_id" and not required:
            continue  # kept, without an action
        elif value is None or value == NO_ACTION:  # kept when it blocks the import: its other cells are checked too
            unmapped.setdefault(key, [_text(cell), int(table.rows[position]), 0])[2] += 1
            keep[index] = not mapping.ignore_unmapped
        else:
            values[index] = value
    for label, first_row, count in unmapped.values():
        more = f" ({count} lignes)" if count > 1 else ""
        what = FIELD_LABELS[name]
        if mapping.ignore_unmapped:
            log.warning(table.source, table.sheet_name, first_row, table.label(header), label,
                        f"« {label} » n'est associé à aucune {what} : ligne ignorée{more}, comme demandé.",
                        kind=f"ignored-{name}")
        else:
            log.error(table.source, table.sheet_name, first_row, table.label(header), label,
                      f"« {label} » n'est associé à aucune {what}{more} : dans la correspondance des valeurs, "
                      f"choisissez l'{what} qu'il représente, ou choisissez de l'ignorer.", kind=f"unmapped-{name}")
    return values, keep


# -- results and targets -----------------------------------------------------------------------

def _long(table, mapping, part: TableMapping, rows: _Rows, plan_year, log, known) -> list[TableRows]:
    """One typed table per measure, so a bad or negative figure names its own column."""
    months, order = _months(table, part, rows.positions, plan_year, log)
    metric_of_row = None
    if "metric" in part.columns:
        metric_of_row, _ = _coded(table, mapping, part.columns["metric"], "metric", rows.positions, log, known,
                                  required=True)
    spread_rows = sum(1 for m in months if m is not None and len(set(m)) > 1)
    if spread_rows and part.table != TARGETS:
        log.warning(table.source, table.sheet_name, None,
                    table.label(part.columns["period"]) if "period" in part.columns else None, None,
                    f"{spread_rows} lignes couvrent plusieurs mois : leurs chiffres sont répartis également sur "
                    "chacun de ces mois (une semaine, selon ses jours).", kind="spread")
    parts, stocks = [], _stocks(mapping)
    for measure in part.measures:
        if measure.how == COUNT:
            figures = np.ones(len(rows.positions))
        else:
            cells = table.column(measure.column)
            where = ColumnContext(table.source, table.sheet_name, table.label(measure.column),
                                  table.rows[rows.positions])
            figures = parse_number_column([cells[p] for p in rows.positions], where, log)
        records = []
        for index, position in enumerate(rows.positions):
            metric = measure.metric or (metric_of_row[index] if metric_of_row is not None else None)
            spread = months[index]
            if metric is None or spread is None or np.isnan(figures[index]):
                continue
            stock = metric in stocks
            shares = [(spread[-1], figures[index])] if stock else [(m, figures[index] / len(spread)) for m in spread]
            for month, value in shares:
                records.append((rows.action_ids[index], metric, month, value, int(table.rows[position]), order[index]))
        columns = {name: header for name, header in part.columns.items() if name in ("action_id", "period")}
        if measure.column:
            columns["value"] = measure.column
        parts.append(_figures(table, part, _monthly(records, stocks), columns, {}))
    return parts


def _months(table, part, positions, plan_year, log):
    """Each row's months (a date or month gives one, a quarter three, a start and an end every month
    between them) and a sort key (its day, then its row) for stocks, which keep the latest value."""
    header, end_header = part.columns.get("period"), part.columns.get("period_end")
    if header is None:
        return _file_months(table, part, positions, plan_year, log)
    year_header = part.columns.get("year")
    default_year = year_above(table, header) or plan_year  # « janv. » under a title « Année 2021 » is 2021
    months, order = [], []
    for position in positions:
        row = int(table.rows[position])
        spread, day = _row_months(table, header, end_header, position, default_year, log, year_header)
        months.append(spread)
        order.append((day or datetime.date.min, row))
    return months, order


def _file_months(table, part, positions, plan_year, log):
    """No date column: every row covers the period given for the whole file."""
    try:
        period = file_period(part.period_value, plan_year)
    except BadValue as exc:
        log.error(table.source, table.sheet_name, None, None, part.period_value, str(exc), kind="period")
        return [None] * len(positions), [(datetime.date.min, 0)] * len(positions)
    return ([period.month_starts()] * len(positions),
            [(period.first_month, int(table.rows[position])) for position in positions])


def _row_months(table, header, end_header, position, plan_year, log, year_header=None):
    row = int(table.rows[position])
    raw = table.column(header)[position]
    if year_header is not None:  # « Année » 2026 beside « Mois » « mars »
        year_raw = table.column(year_header)[position]
        try:
            if is_blank(year_raw):
                raise BadValue("Valeur manquante : indiquez l'année de cette ligne.")
            plan_year = year_of(year_raw)
        except BadValue as exc:
            log.error(table.source, table.sheet_name, row, table.label(year_header),
                      None if is_blank(year_raw) else _text(year_raw), str(exc), kind="year")
            return None, None
    try:
        monday = None if year_header else parse_week(raw, default_year=plan_year)
        if monday is not None:  # a weekly file: the week's figure goes to its months by its days
            return week_months(monday), monday
        period = month_in_year(raw, plan_year) if year_header and not is_blank(raw) else \
            parse_period(raw, default_year=plan_year)
        if period is None:
            raise BadValue("Valeur manquante : indiquez la date ou le mois de cette ligne.")
    except BadValue as exc:
        log.error(table.source, table.sheet_name, row, table.label(header), None if is_blank(raw) else _text(raw),
                  str(exc), kind="period")
        return None, None
    day = period.first_month if year_header else (_day(raw) or period.first_month)
    end_raw = table.column(end_header)[position] if end_header else None
    if end_header is None or is_blank(end_raw):
        return period.month_starts(), day
    try:
        end = parse_date(end_raw)
    except BadValue as exc:
        log.error(table.source, table.sheet_name, row, table.label(end_header), _text(end_raw), str(exc), kind="end")
        return None, day
    if end < day:
        log.error(table.source, table.sheet_name, row, table.label(end_header), f"{end:%d/%m/%Y}",
                  f"La fin ({end:%d/%m/%Y}) est avant le début ({day:%d/%m/%Y}) : corrigez l'une des deux dates.",
                  kind="end-before-start")
        return None, day
    count = (end.year - day.year) * 12 + end.month - day.month + 1
    return Period(day.replace(day=1), count).month_starts(), day


def _stocks(mapping: Mapping) -> set[str]:
    """The indicators that keep their latest value (clients actifs…), new ones included."""
    return {code for code, metric in metrics_of(mapping).items() if metric.is_stock}


def _monthly(records, stocks: set[str]) -> pd.DataFrame:
    """Rows gathered per action, indicator and month: flows summed, stocks at their latest value."""
    frame = pd.DataFrame.from_records(records, columns=_ROW_COLUMNS)
    if frame.empty:
        return frame
    frame["stock"] = frame["metric"].isin(stocks)
    frame["company"] = frame["action_id"].isna()  # a company-wide figure (no action)
    frame["key"] = frame["action_id"].fillna("")
    keys = ["company", "key", "metric", "month"]
    flows = frame[~frame["stock"]].groupby(keys, sort=True).agg(value=("value", "sum"), row=("row", "min"))
    latest = frame[frame["stock"]].sort_values("order").groupby(keys, sort=True).agg(
        value=("value", "last"), row=("row", "last"))
    gathered = pd.concat([flows, latest]).reset_index()
    gathered["action_id"] = [None if company else key for company, key in zip(gathered["company"], gathered["key"])]
    # In file order, so that checks naming "the first row" of a problem name the first in the file.
    return gathered.sort_values("row", kind="stable")[["action_id", "metric", "month", "value", "row"]]


def _wide(table, mapping, part: TableMapping, rows: _Rows, plan_year, log, known) -> TableRows:
    """Months as columns (a targets sheet per sales rep): one figure per row and month column."""
    metric_of_row = np.full(len(rows.positions), part.metric, dtype=object)
    if "metric" in part.columns:
        metric_of_row, _ = _coded(table, mapping, part.columns["metric"], "metric", rows.positions, log, known,
                                  required=True)
    month_of_column = {}
    for header in part.month_columns:
        if part.blocks and table.above.get(header, "") not in part.blocks:
            continue  # a block the user left out (another year, another region)
        month = month_of(table, header)  # « Jan » under « 2021 » is January 2021, never the plan's
        if month is not None and month.year == YEARLESS:
            if plan_year is None:
                log.error(table.source, table.sheet_name, table.header_row + 1, table.label(header), header,
                          "Mois sans année, et l'année du plan est inconnue : écrivez l'année dans l'en-tête "
                          "(par exemple « janv. 2026 ») ou importez d'abord le plan.", kind="yearless")
                continue
            month = month.replace(year=plan_year)
        if month is None:
            log.error(table.source, table.sheet_name, table.header_row + 1, table.label(header), header,
                      "Cet en-tête n'est pas un mois : retirez-le des colonnes de mois.", kind="not-month")
            continue
        month_of_column[header] = month
    records = []
    for header, month in month_of_column.items():
        where = ColumnContext(table.source, table.sheet_name, table.label(header), table.rows[rows.positions])
        cells = table.column(header)
        figures = parse_number_column([cells[p] for p in rows.positions], where, log)
        for index, position in enumerate(rows.positions):
            if metric_of_row[index] is not None and not np.isnan(figures[index]):
                row = int(table.rows[position])
                records.append((rows.action_ids[index], metric_of_row[index], month, figures[index], row, (month, row)))
    columns = {name: header for name, header in part.columns.items() if name in ("action_id", "metric")}
    pairs = {(action, metric) for action, metric in zip(rows.action_ids, metric_of_row) if metric is not None}
    return _figures(table, part, _monthly(records, _stocks(mapping)), columns, month_of_column,
                    scope=(set(month_of_column.values()), pairs))


def _figures(table, part, frame, columns: dict, month_columns: dict, scope=None) -> TableRows:
    """Typed targets or results pinned to the user's file, as pac_core.validate reads our own."""
    ours = TABLES_BY_NAME[part.table]
    found = FoundTable(ours, table.sheet, table.header_row,
                       {table.headers.index(header): ours.column(name) for name, header in columns.items()},
                       {table.headers.index(header): month for header, month in month_columns.items()})
    if frame.empty:
        frame = pd.DataFrame({"action_id": pd.Series([], dtype=object), "metric": pd.Series([], dtype=object),
                              "month": pd.Series([], dtype="datetime64[s]"), "value": pd.Series([], dtype=float),
                              "row": pd.Series([], dtype=np.int64)})
    months = pd.to_datetime(pd.Series(frame["month"].tolist(), dtype=object)) if len(frame) else frame["month"]
    typed = pd.DataFrame({"action_id": pd.Series(frame["action_id"].tolist(), dtype=object),
                          "metric": pd.Series(frame["metric"].tolist(), dtype=object),
                          "month": months.to_numpy(dtype="datetime64[s]"),
                          "value": frame["value"].to_numpy(dtype=float)})
    if scope is None:
        scope = ({m for m in frame["month"]}, set(zip(typed["action_id"], typed["metric"])))
    return TableRows(found, typed, frame["row"].to_numpy(dtype=np.int64), scope[0], scope[1])


# -- opportunities and actions ------------------------------------------------------------------

def _keyed(table, mapping, part: TableMapping, rows: _Rows, log, known) -> TableRows:
    """One row of ours per row of theirs (a deal, an action): each field parsed from its column."""
    ours = TABLES_BY_NAME[part.table]
    positions = rows.positions
    values: dict[str, np.ndarray] = {}
    keep = np.ones(len(positions), dtype=bool)
    for column in ours.columns:
        header = part.columns.get(column.name)
        if column.name == "action_id" and part.table == OPPORTUNITIES:
            values[column.name] = rows.action_ids
            continue
        if header is None:
            values[column.name] = np.full(len(positions), None, dtype=object)
            continue
        if column.name in ("stage", "status"):
            coded, mask = _coded(table, mapping, header, column.name, positions, log, known,
                                 required=column.required)
            values[column.name], keep = coded, keep & mask
            continue
        values[column.name] = _parse_column(table, header, column, positions, log)
        if column.name == "channel":
            values[column.name] = _channels(table, header, values[column.name], rows.action_ids, positions, log, known)
    frame = pd.DataFrame({name: pd.Series(array[keep], dtype=float if ours.column(name).kind == "number" else object)
                          for name, array in values.items()})
    found = FoundTable(ours, table.sheet, table.header_row,
                       {table.headers.index(header): ours.column(name) for name, header in part.columns.items()
                        if name in {c.name for c in ours.columns}})
    return TableRows(found, frame, table.rows[positions][keep])


def _channels(table, header, labels, action_ids, positions, log, known) -> np.ndarray:
    """Our channel for each deal: the one its label names (« LinkedIn » → Réseaux sociaux), else its action's;
    a label that is neither stays as written. Every label read as another channel is said once, with its count,
    so that the user reviews it before the import and no channel appears unannounced."""
    channels = np.full(len(labels), None, dtype=object)
    converted: dict[tuple[str, str], list] = {}
    unknown: dict[str, list] = {}
    for index, label in enumerate(labels):
        if not label:
            continue
        action = known.get(action_ids[index]) if action_ids[index] else None
        named = channel_of(label)
        channels[index] = named or (action.channel if action and action.channel else None)
        if channels[index] is None:
            channels[index] = label
            unknown.setdefault(label, [int(table.rows[positions[index]]), 0])[1] += 1
        elif fold(channels[index]) != fold(label):
            how = "nommé" if named else "celui de son action"
            converted.setdefault((label, channels[index], how), [int(table.rows[positions[index]]), 0])[1] += 1
    for (label, channel, how), (row, count) in converted.items():
        log.warning(table.source, table.sheet_name, row, table.label(header), label,
                    f"« {label} » compté dans le canal « {channel} » ({how}, {_deals(count)}) : pour le ranger "
                    "ailleurs, associez ce libellé à une autre action.", kind="channel-read-as")
    for label, (row, count) in unknown.items():
        log.warning(table.source, table.sheet_name, row, table.label(header), label,
                    f"« {label} » n'est pas un canal du plan ({_deals(count)}) : il "
                    "apparaîtra comme un canal à part. Associez ce libellé à une action pour le ranger dans son canal.",
                    kind="new-channel")
    return channels


def _deals(count: int) -> str:
    return f"{count} opportunité{'s' if count > 1 else ''}"


def _parse_column(table, header, column: Column, positions, log) -> np.ndarray:
    cells = [table.column(header)[p] for p in positions]
    where = ColumnContext(table.source, table.sheet_name, table.label(header), table.rows[positions])
    if column.kind == "number":
        return parse_number_column(cells, where, log, required=column.required)
    out = np.full(len(cells), None, dtype=object)
    for index, cell in enumerate(cells):
        if is_blank(cell):
            if column.required:
                log.error(where.source, where.sheet, int(where.rows[index]), where.label, None,
                          f"Valeur manquante : la colonne « {column.header} » est obligatoire.", kind="blank")
            continue
        if column.kind == "date":
            try:
                out[index] = parse_date(cell, end_of_period=column.name == "end_date")
            except BadValue as exc:
                log.error(where.source, where.sheet, int(where.rows[index]), where.label, _text(cell), str(exc))
        else:
            out[index] = _text(cell)
    return out


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return " ".join(str(raw).split())
