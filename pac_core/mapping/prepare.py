"""What the user decided about their cells, applied before the mapping reads a single figure.

`prepare(table, mapping, plan_year, log)` gives the table as the mapping must read it:
- each column of figures in its number format and each column of dates in its order (cell_formats),
- the user's fixes of cells (a corrected value, « traiter comme vide », « ignorer la ligne »; for one cell,
  a whole column, or every cell with the same text),
- exact duplicate rows kept once (unless the user says to add them up),
- rows outside the plan year left out, or moved into it when the user reuses last year's file as a shape,
and logs what it did, so that the preview lists every row left out and why. Nothing here guesses:
what the values cannot decide is a `Question` (`questions`), asked before anything is read.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from pac_core.io.values import (MSG_EXCEL_ERROR, BadValue, Period, is_blank, is_excel_error, parse_period,
                                parse_week, week_months)
from pac_core.mapping import cell_formats
from pac_core.mapping.cell_formats import Question
from pac_core.mapping.model import OPPORTUNITIES, RESULTS, TARGETS, Mapping
from pac_core.mapping.read import ForeignTable, cell_text, day_of as _day
from pac_core.text import MAX_CELL, MAX_NAME, clean_name, fold, hidden_characters, shortened

DATE_FIELDS = ("period", "period_end", "created_on", "closed_on", "start_date", "end_date")
NUMBER_FIELDS = ("amount", "budget", "value")

# A user's fix of cells (Mapping.cell_fixes holds them as plain dicts, saved with the mapping).
FIX_VALUE, FIX_BLANK, FIX_SKIP = "value", "blank", "skip"
FIX_LABELS = {FIX_VALUE: "corriger", FIX_BLANK: "traiter comme vide", FIX_SKIP: "ignorer la ligne"}
SCOPE_CELL, SCOPE_COLUMN, SCOPE_TEXT = "cell", "column", "text"
SCOPE_LABELS = {SCOPE_CELL: "cette cellule", SCOPE_COLUMN: "toute la colonne", SCOPE_TEXT: "toutes les cellules de ce texte"}

# Rows outside the plan year.
OUTSIDE_HISTORY, OUTSIDE_SKIP, OUTSIDE_SHIFT = "history", "skip", "shift"  # rows of another year than the plan's


def cell_fix(header: str, fix: str, scope: str = SCOPE_CELL, row: int | None = None, text: str | None = None,
             value: str | None = None) -> dict:
    """One fix as it is saved: `header` and `row` (scope cell), `header` (column), `header` and the folded
    `text` (every cell of the column that reads so)."""
    return {"column": header, "fix": fix, "scope": scope, "row": row if scope == SCOPE_CELL else None,
            "text": fold(text) if scope == SCOPE_TEXT and text is not None else None, "value": value}


def number_columns(mapping: Mapping) -> list[str]:
    """Their headers whose cells are figures for us."""
    found = []
    for part in mapping.tables:
        found += [measure.column for measure in part.measures if measure.column]
        found += list(part.month_columns)
        found += [header for name, header in part.columns.items() if name in NUMBER_FIELDS]
    return list(dict.fromkeys(found))


def date_columns(mapping: Mapping) -> list[str]:
    found = [header for part in mapping.tables for name, header in part.columns.items() if name in DATE_FIELDS]
    return list(dict.fromkeys(found))


def formats(table: ForeignTable, mapping: Mapping, kind: str) -> dict[str, str | Question | None]:
    """Each figure column's number format (kind "number") or date column's order ("date"): the user's
    choice, else what its values say, else what the file's other such columns all say (one export writes
    every number alike), else a Question; None when every reading agrees."""
    headers = [h for h in (number_columns(mapping) if kind == "number" else date_columns(mapping)) if h in table.cells]
    chosen = mapping.number_formats if kind == "number" else mapping.date_orders
    decide = cell_formats.number_format if kind == "number" else cell_formats.date_order
    found = {header: chosen.get(header) or decide(table.column(header)) for header in headers}
    settled = {value for value in found.values() if isinstance(value, str)}
    of_file = settled.pop() if len(settled) == 1 else None
    for header, value in found.items():
        if isinstance(value, Question):
            found[header] = of_file if of_file and not value.mixed else dataclasses.replace(value, header=header)
    return found


def questions(table: ForeignTable, mapping: Mapping) -> list[Question]:
    """The columns whose number format or date order the file leaves open and the user has not chosen."""
    return [value for kind in ("number", "date") for value in formats(table, mapping, kind).values()
            if isinstance(value, Question)]


def settle_formats(table: ForeignTable, mapping: Mapping) -> None:
    """Write the formats the file decided into the mapping, so that next month's export, whose values may
    all be ambiguous (01/04/2026), is read the same way."""
    for kind, chosen in (("number", mapping.number_formats), ("date", mapping.date_orders)):
        for header, value in formats(table, mapping, kind).items():
            if isinstance(value, str):
                chosen.setdefault(header, value)


def prepare(table: ForeignTable, mapping: Mapping, plan_year: int | None, log) -> ForeignTable:
    """The table with the user's decisions applied (see the module's docstring); problems go to `log`."""
    cells = {header: list(values) for header, values in table.cells.items()}
    keep = np.ones(len(table), dtype=bool)
    _fix_cells(table, mapping, cells, keep, log)
    _unreadable_cells(table, mapping, cells, keep, log)
    _read_formats(table, mapping, cells, log)
    _drop_duplicates(table, mapping, cells, keep, log)
    _outside_year(table, mapping, cells, keep, plan_year, log)
    _warn_company_wide(table, mapping, log)
    positions = np.flatnonzero(keep)
    kept = {header: [values[p] for p in positions] for header, values in cells.items()}
    return dataclasses.replace(table, cells=kept, rows=table.rows[positions])


def without_rows(table: ForeignTable, rows: set[int]) -> ForeignTable:
    """The table without the rows numbered `rows` (as the file numbers them)."""
    positions = np.flatnonzero(~np.isin(table.rows, list(rows)))
    return dataclasses.replace(table, cells={h: [v[p] for p in positions] for h, v in table.cells.items()},
                               rows=table.rows[positions])


# -- the user's fixes ----------------------------------------------------------------------------

def _fix_cells(table, mapping, cells, keep, log) -> None:
    row_index = {int(row): position for position, row in enumerate(table.rows)}
    for fix in mapping.cell_fixes:
        header = fix.get("column")
        if header not in cells:
            continue
        if fix.get("scope") == SCOPE_CELL:
            targets = [row_index[fix["row"]]] if fix.get("row") in row_index else []
        elif fix.get("scope") == SCOPE_TEXT:
            targets = [p for p, cell in enumerate(cells[header])
                       if not is_blank(cell) and fold(cell_text(cell)) == fix.get("text")]
        else:
            targets = list(range(len(table)))
        for position in targets:
            before = cell_text(cells[header][position])
            if fix["fix"] == FIX_SKIP:
                keep[position] = False
            else:
                cells[header][position] = fix.get("value") if fix["fix"] == FIX_VALUE else None
        if targets:
            _log_fix(table, fix, header, targets, before, log)


def _log_fix(table, fix, header, targets, before, log) -> None:
    count = len(targets)
    what = {FIX_VALUE: f"remplacée par « {fix.get('value')} »", FIX_BLANK: "traitée comme vide",
            FIX_SKIP: "ligne ignorée"}[fix["fix"]]
    where = "" if count == 1 else f" ({count} cellules)"
    log.warning(table.source, table.sheet_name, int(table.rows[targets[0]]), table.label(header), before or None,
                f"Correction demandée : {what}{where}.", kind=f"fix-{header}-{fix['fix']}-{fix.get('text')}")


# -- cells that cannot be read as they are -----------------------------------------------------------

MSG_TOO_LONG = ("Cellule de {length} caractères : {limit} au plus pour un nom ou un libellé (32 767 au plus pour "
                "Excel). Raccourcissez-la, ou ignorez la ligne.")


def mapped_columns(mapping: Mapping) -> list[str]:
    """Every header the mapping reads."""
    found = list(number_columns(mapping))
    for part in mapping.tables:
        found += list(part.columns.values()) + list(part.row_filter) + list(part.fill_down)
    return [header for header in dict.fromkeys(found) if header]


def _unreadable_cells(table, mapping, cells, keep, log) -> None:
    """Error cells (« #N/A », never read as empty) and over-long texts of the columns the mapping reads: each an
    error pinned to its cell, so that it appears in the grid of cells to fix, its row left out of the reading (one
    message per cell). Names lose their invisible characters, with a warning."""
    figures = set(number_columns(mapping)) | set(date_columns(mapping))
    for header in mapped_columns(mapping):
        if header not in cells:
            continue
        limit = MAX_CELL if header in figures else MAX_NAME
        column = cells[header]
        cleaned: dict[str, list] = {}
        for position in np.flatnonzero(keep):
            cell = column[position]
            if not isinstance(cell, str):
                continue
            message = None
            if is_excel_error(cell):
                message = MSG_EXCEL_ERROR.format(raw=cell.strip())
            elif len(cell) > limit:
                message = MSG_TOO_LONG.format(length=len(cell), limit=limit)
            if message is not None:
                log.error(table.source, table.sheet_name, int(table.rows[position]), table.label(header),
                          shortened(cell), message, kind=f"unreadable-{header}")
                keep[position] = False
            elif header not in figures and hidden_characters(cell):
                column[position] = clean_name(cell)
                cleaned.setdefault(column[position], [position, hidden_characters(cell), 0])[2] += 1
        for text, (position, names, count) in cleaned.items():
            more = f" ({count} cellules)" if count > 1 else ""
            log.warning(table.source, table.sheet_name, int(table.rows[position]), table.label(header),
                        shortened(text), f"Caractères invisibles retirés ({', '.join(names[:5])}) : lu "
                        f"« {shortened(text)} »{more}.", kind=f"hidden-{header}")


# -- number formats and date orders ----------------------------------------------------------------

def _read_formats(table, mapping, cells, log) -> None:
    for header in number_columns(mapping):
        if header not in cells:
            continue
        currency = cell_formats.foreign_currency(cells[header])
        if currency:
            log.warning(table.source, table.sheet_name, None, table.label(header), None,
                        f"Cette colonne est en {currency} : PAC Pilot compte en euros. Les montants sont importés "
                        "tels quels ; convertissez-les en euros dans le fichier s'ils doivent être comparés au plan.",
                        kind=f"currency-{header}")
            cells[header] = cell_formats.without_currency(cells[header])
    for kind, read in (("number", cell_formats.read_numbers), ("date", cell_formats.read_dates)):
        for header, chosen in formats(table, mapping, kind).items():
            if isinstance(chosen, str):
                cells[header], bad = read(cells[header], chosen)
                _log_bad(table, header, bad, table.column(header), log)


def _log_bad(table, header, bad: dict[int, str], raw: list, log) -> None:
    for position, message in bad.items():
        log.error(table.source, table.sheet_name, int(table.rows[position]), table.label(header),
                  cell_text(raw[position]), message, kind=f"format-{header}")


# -- duplicates ------------------------------------------------------------------------------------

def _drop_duplicates(table, mapping, cells, keep, log) -> None:
    """Rows identical in every column: kept once, unless the user said they are distinct sales."""
    first_of: dict[tuple, int] = {}
    repeats: dict[int, list[int]] = {}
    headers = list(cells)
    for position in np.flatnonzero(keep):
        key = tuple(cell_text(cells[header][position]) for header in headers)
        if key in first_of:
            repeats.setdefault(first_of[key], []).append(position)
        else:
            first_of[key] = position
    if not repeats:
        return
    extra = sum(len(more) for more in repeats.values())
    pairs = [f"{int(table.rows[first])} et {', '.join(str(int(table.rows[p])) for p in more)}"
             for first, more in list(repeats.items())[:5]]
    shown = " ; ".join(pairs) + (" ; …" if len(repeats) > 5 else "")
    if mapping.sum_duplicates:
        message = (f"{extra} lignes sont identiques à une autre (lignes {shown}) : toutes sont comptées, "
                   "comme demandé.")
    else:
        for more in repeats.values():
            keep[more] = False
        message = (f"{extra} lignes sont identiques à une autre (lignes {shown}) : chacune n'est comptée "
                   "qu'une fois. Si ce sont des ventes ou des dépenses distinctes, cochez « additionner les lignes "
                   "identiques ».")
    first = min(repeats)
    log.warning(table.source, table.sheet_name, int(table.rows[first]), None, None, message, kind="duplicates")


# -- the plan year -----------------------------------------------------------------------------------

def _outside_year(table, mapping, cells, keep, plan_year, log) -> None:
    """Figures of another year left out (or moved into the plan year); deals closed in another year left
    out of this year's pipeline."""
    if plan_year is None:
        return
    for part in mapping.tables:
        if part.table in (RESULTS, TARGETS) and "period" in part.columns and not part.is_wide:
            _figures_outside(table, mapping, part.columns["period"], cells, keep, plan_year, log)
        elif part.table == OPPORTUNITIES and "closed_on" in part.columns:
            _deals_outside(table, part.columns["closed_on"], cells, keep, plan_year, log)


def _figures_outside(table, mapping, header, cells, keep, plan_year, log) -> None:
    years: dict[int, list[int]] = {}
    for position in np.flatnonzero(keep):
        period = _period(cells[header][position], plan_year)
        if period is None or plan_year in {month.year for month in period.month_starts()}:
            continue
        years.setdefault(period.first_month.year, []).append(position)
    if not years:
        return
    if mapping.outside_year == OUTSIDE_HISTORY:  # earlier years kept as their year's history; later ones left out
        history = {year: positions for year, positions in years.items() if year < plan_year}
        years = {year: positions for year, positions in years.items() if year > plan_year}
        if history:
            count = sum(map(len, history.values()))
            first = min(min(positions) for positions in history.values())
            log.warning(table.source, table.sheet_name, int(table.rows[first]), table.label(header),
                        cell_text(table.column(header)[first]),
                        f"{count} {_lines(count)} de {_years(history)} importée{_s(count)} comme historique (l'année "
                        f"du plan est {plan_year}) : elles servent aux comparaisons avec l'année précédente et au "
                        f"bilan. Pour les compter en {plan_year}, choisissez « ramener les lignes en {plan_year} ».",
                        kind="history-year")
        if not years:
            return
    moved = mapping.outside_year == OUTSIDE_SHIFT
    count = sum(map(len, years.values()))
    first = min(min(positions) for positions in years.values())
    named = _years(years)
    if moved:
        for positions in years.values():
            for position in positions:
                cells[header][position] = _in_year(cells[header][position], plan_year)
        message = f"{count} {_lines(count)} de {named} ramenée{_s(count)} en {plan_year}, même mois, comme demandé."
    elif count == int(keep.sum()):
        log.error(table.source, table.sheet_name, int(table.rows[first]), table.label(header),
                  cell_text(cells[header][first]),
                  f"Aucune ligne de ce fichier n'est de {plan_year}, l'année du plan (elles sont de {named}). Pour "
                  f"réutiliser ce fichier comme modèle, choisissez « ramener les lignes en {plan_year} ».",
                  kind="outside-year")
        return
    else:
        keep[[p for positions in years.values() for p in positions]] = False
        later = min(years) > plan_year
        message = (f"{count} {_lines(count)} de {named} ignorée{_s(count)} : "
                   f"{'après' if later else 'hors de'} l'année du plan ({plan_year}). "
                   f"Pour les compter en {plan_year}, choisissez « ramener les lignes en {plan_year} ».")
    log.warning(table.source, table.sheet_name, int(table.rows[first]), table.label(header),
                cell_text(table.column(header)[first]), message, kind="outside-year")


def _deals_outside(table, header, cells, keep, plan_year, log) -> None:
    years: dict[int, list[int]] = {}
    for position in np.flatnonzero(keep):
        closed = _day(cells[header][position])
        if closed is not None and closed.year != plan_year:
            years.setdefault(closed.year, []).append(position)
    if not years:
        return
    keep[[p for positions in years.values() for p in positions]] = False
    count = sum(map(len, years.values()))
    first = min(min(positions) for positions in years.values())
    log.warning(table.source, table.sheet_name, int(table.rows[first]), table.label(header),
                cell_text(table.column(header)[first]),
                f"{count} opportunités clôturées en {_years(years)} ignorées : le pipeline et ses taux sont ceux de "
                f"{plan_year}, l'année du plan.", kind="outside-year")


def _years(years: dict[int, list]) -> str:
    ordered = sorted(years)
    return str(ordered[0]) if len(ordered) == 1 else f"{', '.join(map(str, ordered[:-1]))} et {ordered[-1]}"


def _lines(count: int) -> str:
    return "ligne" if count == 1 else "lignes"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _period(raw, plan_year):
    try:
        monday = parse_week(raw, default_year=plan_year)
        if monday is not None:  # a week: its ISO year's month
            return Period(week_months(monday)[0], 1)
        return parse_period(raw, default_year=plan_year)
    except BadValue:
        return None


def _in_year(raw, plan_year: int):
    """A date or month moved to the plan year (29 February becomes the 28th), a week to the same week."""
    try:
        monday = parse_week(raw, default_year=plan_year)
    except BadValue:
        monday = None
    if monday is not None:
        return f"{plan_year}-W{min(monday.isocalendar().week, 52):02d}"
    day = _day(raw) or _period(raw, plan_year).first_month
    try:
        return day.replace(year=plan_year)
    except ValueError:
        return day.replace(year=plan_year, day=28)


# -- warnings about what the user chose --------------------------------------------------------------

def _warn_company_wide(table, mapping, log) -> None:
    """Figures booked to the whole company while a column of the file names a channel or platform."""
    from pac_core.mapping.value_maps import channel_of, distinct_labels
    for part in mapping.tables:
        if part.table != RESULTS or "action_id" in part.columns or part.action_id is not None:
            continue
        used = set(part.columns.values()) | {m.column for m in part.measures}
        for header in table.names:
            if header in used:
                continue
            labels = [label for label, *_ in distinct_labels(table, header)]
            channels = [label for label in labels if channel_of(label)]
            if labels and len(labels) <= 30 and len(channels) * 2 >= len(labels):
                shown = ", ".join(channels[:3])
                log.warning(table.source, table.sheet_name, None, table.label(header), None,
                            f"Les chiffres sont comptés pour toute l'entreprise, alors que cette colonne donne le canal "
                            f"de chaque ligne ({shown}) : choisissez-la comme colonne de l'action pour les répartir.",
                            kind="company-wide")
                return
