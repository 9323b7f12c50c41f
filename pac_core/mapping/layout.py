"""How a foreign sheet is laid out beyond one row per record: a year (or a region) written above blocks of
month columns, a label written once per block of rows, a year column beside a month column, one period for
the whole file. Read from the file here; the user's choices are plain fields of TableMapping."""

from __future__ import annotations

import dataclasses
import datetime
import re

from pac_core.io.recognise import YEARLESS
from pac_core.io.values import BadValue, Period, is_blank, parse_date, parse_month_header, parse_number, parse_period
from pac_core.mapping.model import RESULTS, TARGETS, TableMapping
from pac_core.mapping.read import ForeignTable, cell_text
from pac_core.text import fold

# A year standing alone (« 2021 », « Année 2021 », « FY2021 »), not inside a date like 15/12/2025 or a range.
_YEAR = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})(?![\d/.\-])")
_COPY = re.compile(r"^(.*) \((\d+)\)$")  # « Jan (2) »: read.py's name for the second « Jan » column
_SPAN = re.compile(r"^\s*(?:du\s+)?(.+?)\s*(?:\s-\s|[–—]|\sau\s|-(?=\d{1,2}[/.]))\s*(.+?)\s*$", re.IGNORECASE)
_YEAR_HEADERS = {"annee", "an", "year", "exercice"}
_MONTH_HEADERS = {"mois", "month", "mois de l annee"}
_MONTH_NUMBER = re.compile(r"^\s*m?\s?(\d{1,2})\s*$", re.IGNORECASE)

MSG_NOT_A_YEAR = "« {raw} » n'est pas une année : écrivez l'année sur quatre chiffres, par exemple 2026."
MSG_NO_PERIOD = "Période du fichier « {raw} » illisible : écrivez un mois (2026-03), un trimestre (T1 2026) " \
                "ou deux dates (01/01/2026-31/03/2026)."


# -- what is written above the columns -----------------------------------------------------------

def written_header(table: ForeignTable, header: str) -> str:
    """The header as the file writes it: « Jan (2) » is the second « Jan »."""
    match = _COPY.match(header)
    return match.group(1) if match and match.group(1) in table.headers else header


def year_above(table: ForeignTable, header: str) -> int | None:
    """The year written above a column (the nearest line that names exactly one year), else None."""
    for line in reversed(table.above.get(header, "").split(" · ")):
        years = set(_YEAR.findall(line))
        if len(years) == 1:
            return int(years.pop())
    return None


def month_of(table: ForeignTable, header: str) -> datetime.date | None:
    """The month a column header names; a yearless one (« Jan », « M01 ») takes the year written above it,
    else YEARLESS (the plan's year, resolved on import)."""
    month = parse_month_header(written_header(table, header), default_year=YEARLESS)
    if month is not None and month.year == YEARLESS and (year := year_above(table, header)) is not None:
        return month.replace(year=year)
    return month


def blocks(table: ForeignTable, headers: list[str]) -> dict[str, list[str]]:
    """What is written above the given columns → those columns, left to right; one entry when nothing
    tells them apart."""
    found: dict[str, list[str]] = {}
    for header in headers:
        found.setdefault(table.above.get(header, ""), []).append(header)
    return found


def block_names(labels: list[str]) -> dict[str, str]:
    """A short name per block: the lines of what is written above that differ from block to block
    (« Objectifs · 2021 » and « Objectifs · 2022 » are « 2021 » and « 2022 »)."""
    lines = [label.split(" · ") for label in labels]
    common = set.intersection(*(set(parts) for parts in lines)) if lines else set()
    return {label: " · ".join(part for part in parts if part not in common) or label or "(sans titre)"
            for label, parts in zip(labels, lines)}


# -- a label written once per block of rows -------------------------------------------------------

def fill_down_columns(table: ForeignTable) -> list[str]:
    """Label columns written only on the first row of each block (a platform named once, blank cells below):
    the first row filled, blanks after every label, each label different from the previous one."""
    found = []
    for header in table.names:
        cells = table.column(header)
        written = [position for position, cell in enumerate(cells) if not is_blank(cell)]
        if len(written) < 2 or written[0] != 0 or len(written) > 2 * len(cells) // 3:
            continue
        labels = [cell_text(cells[position]) for position in written]
        if any(not isinstance(cells[position], str) or len(label) > 60 or _is_value(label)
               for position, label in zip(written, labels)) or any(fold(a) == fold(b) for a, b in zip(labels, labels[1:])):
            continue  # dates (a deal's closing day, blank while open) and figures are not labels
        gaps = [after - before for before, after in zip(written, [*written[1:], len(cells)])]
        if sum(gap > 1 for gap in gaps) >= len(gaps) - 1:  # (almost) every label has blank rows below it
            found.append(header)
    return found


def _is_value(text: str) -> bool:
    """A date, a period or a number written as text (a CSV's cells are all text)."""
    for parse in (parse_number, parse_period):
        try:
            if parse(text) is not None:
                return True
        except BadValue:
            pass
    return False


def filled(table: ForeignTable, headers: list[str]) -> ForeignTable:
    """The table with each blank cell of `headers` taking the value above it."""
    if not headers:
        return table
    cells = dict(table.cells)
    for header in headers:
        if header not in cells:
            continue
        column, last = [], None
        for cell in cells[header]:
            last = last if is_blank(cell) else cell
            column.append(last if is_blank(cell) else cell)
        cells[header] = column
    return dataclasses.replace(table, cells=cells)


def suggest_layout(table: ForeignTable, parts: list[TableMapping]) -> None:
    """What the suggestion reads from the layout: the columns to fill down, and a « Mois » column read with
    an « Année » column."""
    columns = fill_down_columns(table)
    year = next((header for header in table.names if fold(header) in _YEAR_HEADERS), None)
    month = next((header for header in table.names if fold(header) in _MONTH_HEADERS), None)
    for part in parts:
        part.fill_down = [header for header in columns if header not in part.month_columns]
        if part.table in (RESULTS, TARGETS) and not part.is_wide and year and month:
            part.columns.update(period=month, year=year)
            part.measures = [measure for measure in part.measures if measure.column not in (year, month)]


# -- the period of a row ---------------------------------------------------------------------------

def file_period(text: str, plan_year: int | None) -> Period:
    """The whole file's period: a month (« 2026-03 », « mars 2026 »), a quarter, a year, or two dates
    (« 01/01/2026-31/03/2026 »: every month they touch). BadValue in French otherwise."""
    try:
        return parse_period(text, default_year=plan_year)
    except BadValue:
        pass
    match = _SPAN.match(str(text))
    try:
        start, end = (parse_date(match.group(1)), parse_date(match.group(2), end_of_period=True)) if match else (None,
                                                                                                                None)
    except BadValue:
        start = end = None
    if start is None or end is None or end < start:
        raise BadValue(MSG_NO_PERIOD.format(raw=" ".join(str(text).split())))
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    return Period(start.replace(day=1), count)


def year_of(raw) -> int:
    """A year cell: 2026, « 2026 », « Année 2026 ». BadValue otherwise."""
    try:
        period = parse_period(raw)
    except BadValue:
        period = None
    if period is None or period.months != 12:
        raise BadValue(MSG_NOT_A_YEAR.format(raw=cell_text(raw)))
    return period.first_month.year


def month_in_year(raw, year: int) -> Period:
    """A row's month from its month cell (« mars », 3, « 03 », « M03 ») and its year column's year."""
    number = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        number = int(raw)
    elif isinstance(raw, str) and (match := _MONTH_NUMBER.match(raw)):
        number = int(match.group(1))
    if number is not None and 1 <= number <= 12:
        return Period(datetime.date(year, number, 1), 1)
    period = parse_period(raw, default_year=year)
    if period is None:
        raise BadValue("Valeur manquante : indiquez le mois de cette ligne.")
    return period


def layout_problems(table: ForeignTable, part: TableMapping, what: str) -> list[str]:
    """What the layout choices lack, in French, before any row is read."""
    problems = [f"{what} : la colonne « {header} » n'existe pas dans ce fichier." for header in part.fill_down
                if header not in table.cells]
    if part.period_value:
        try:
            file_period(part.period_value, 2000)  # any year: only whether it reads matters here
        except BadValue as exc:
            problems.append(f"{what} : {exc}")
    return problems
