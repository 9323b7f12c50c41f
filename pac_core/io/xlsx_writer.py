"""The one place that writes PAC workbooks (demo, template, export of the current data).

openpyxl builds the workbook: sheets, headers, styles, widths, frozen panes, filters, drop-down lists,
the instructions and the hidden "Listes" sheet. Only the data rows of the table sheets are serialised
here, as plain sheet XML spliced into openpyxl's output at save time: without lxml, openpyxl takes
about 10 s for 100 000 rows × 4 columns on our 2-core machines, this path well under 2 s. The cells
written are the ones openpyxl writes itself (inline strings, numbers, dates as serials with a
number format registered in openpyxl's own stylesheet).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO, Iterable
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from pac_core import clock
from pac_core.catalogue import METRICS_BY_CODE, MetricLookup, all_metrics
from pac_core.tables import (
    ACTION_KINDS,
    ACTION_STATUSES,
    CHANNELS,
    DATE,
    IDENT,
    LOST_STAGE,
    METRIC,
    OPPORTUNITY_STATUSES,
    PERIOD,
    PIPELINE_STAGES,
    TABLES,
    TABLES_BY_NAME,
    Table,
)

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Listes"

DATE_FORMAT = "dd/mm/yyyy"
MONTH_FORMAT = "mmm yyyy"
MONEY_FORMAT = '#,##0 "€"'
MONEY_DECIMAL_FORMAT = '#,##0.00 "€"'
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"

FRENCH_MONTHS_ABBR = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)
WIDE_TABLES = frozenset({"targets", "results"})  # the tables that may be written months-as-columns
MONEY_COLUMNS = frozenset({"budget", "amount"})
LAST_EXCEL_ROW = 1_048_576

_HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # openpyxl's default font, in bold
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def month_header(month: dt.date) -> str:
    """'févr. 2026': the French header of a month column."""
    return f"{FRENCH_MONTHS_ABBR[month.month - 1]} {month.year}"


# --------------------------------------------------------------------------------------------
# Drop-down lists: (key, title on the Listes sheet, values)


def _lists(metric_labels: list[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {
        "metric": ("Indicateurs", tuple(metric_labels)),
        "channel": ("Canaux", CHANNELS),
        "kind": ("Types d'action", ACTION_KINDS),
        "action_status": ("Statuts d'action", ACTION_STATUSES),
        "stage": ("Étapes", (*PIPELINE_STAGES, LOST_STAGE)),
        "opportunity_status": ("Statuts d'opportunité", OPPORTUNITY_STATUSES),
    }


# (table name, column name) -> list key
_DROPDOWN_COLUMNS = {
    ("actions", "channel"): "channel",
    ("actions", "kind"): "kind",
    ("actions", "status"): "action_status",
    ("targets", "metric"): "metric",
    ("results", "metric"): "metric",
    ("strategic_objectives", "metric"): "metric",
    ("opportunities", "channel"): "channel",
    ("opportunities", "stage"): "stage",
    ("opportunities", "status"): "opportunity_status",
}


# --------------------------------------------------------------------------------------------
# A sheet to write, as plain Python values


@dataclass
class _SheetData:
    table: Table
    headers: list[str]
    columns: list[list[object]]  # one list of cell values per column (str, int, float, date, None)
    formats: list[list[str | None]]  # one number format per cell (None: general)
    dropdowns: dict[int, str] = field(default_factory=dict)  # column index -> list key
    freeze: str = "A2"

    @property
    def row_count(self) -> int:
        return len(self.columns[0]) if self.columns else 0


def _plain_values(series: pd.Series) -> list[object]:
    """The values of a column as plain Python objects, missing ones as None."""
    values = series.astype(object).where(series.notna(), None).tolist()
    return [_plain(value) for value in values]


def _plain(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) and value.tzinfo is None else value.replace(tzinfo=None)
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        value = value.item()
    if isinstance(value, Decimal):  # DuckDB DECIMAL columns
        value = float(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
    return value


def _number_format(value: object, money: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if money:
        return MONEY_FORMAT if isinstance(value, int) else MONEY_DECIMAL_FORMAT
    return COUNT_FORMAT if isinstance(value, int) else DECIMAL_FORMAT


class _Metrics:
    """French label and unit of a metric given by code (or by any of its names)."""

    def __init__(self):
        self._lookup = MetricLookup()

    def code(self, value: object) -> str | None:
        if value is None:
            return None
        return value if value in METRICS_BY_CODE else self._lookup.code_for(value)

    def label(self, value: object) -> object:
        code = self.code(value)
        return METRICS_BY_CODE[code].label_fr if code else value

    def is_money(self, value: object) -> bool:
        code = self.code(value)
        return bool(code) and METRICS_BY_CODE[code].unit == "€"


def _long_sheet(table: Table, frame: pd.DataFrame, metrics: _Metrics) -> _SheetData:
    row_count = len(frame)
    raw = {
        column.name: (_plain_values(frame[column.name]) if column.name in frame.columns else [None] * row_count)
        for column in table.columns
    }
    metric_codes = raw.get("metric", [None] * row_count)
    columns, formats = [], []
    for column in table.columns:
        values = raw[column.name]
        if column.kind == METRIC:
            values = [metrics.label(value) for value in values]
            cell_formats = [None] * row_count
        elif column.kind in (DATE, PERIOD):
            date_format = MONTH_FORMAT if column.kind == PERIOD else DATE_FORMAT
            cell_formats = [date_format if isinstance(value, dt.date) else None for value in values]
        elif column.name in MONEY_COLUMNS:
            cell_formats = [_number_format(value, True) for value in values]
        elif column.name in ("value", "baseline", "target"):  # figures in the unit of the row's metric
            cell_formats = [_number_format(value, metrics.is_money(code)) for value, code in zip(values, metric_codes)]
        else:
            if column.kind == IDENT:
                values = [_identifier(value) for value in values]
            cell_formats = [_number_format(value, False) for value in values]
        columns.append(values)
        formats.append(cell_formats)
    dropdowns = {
        index: _DROPDOWN_COLUMNS[(table.name, column.name)]
        for index, column in enumerate(table.columns)
        if (table.name, column.name) in _DROPDOWN_COLUMNS
    }
    return _SheetData(table, [column.header for column in table.columns], columns, formats, dropdowns)


def _identifier(value: object) -> str | None:
    """Identifiers are written as text, so that 007 stays 007 and 12 is not a number."""
    return value if value is None or isinstance(value, str) else str(value)


def _month(value: object) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValueError(f"wide format needs a date in 'period', got {value!r}")
    return dt.date(value.year, value.month, 1)


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _wide_sheet(table: Table, frame: pd.DataFrame, metrics: _Metrics) -> _SheetData:
    """One row per (action, metric), one column per month from the first month to the last."""
    action_ids = _plain_values(frame["action_id"]) if "action_id" in frame.columns else [None] * len(frame)
    codes = _plain_values(frame["metric"])
    periods = [_month(value) for value in _plain_values(frame["period"])]
    values = _plain_values(frame[table.value_column])
    grid: dict[tuple[object, object], dict[dt.date, object]] = {}
    for action_id, code, period, value in zip(action_ids, codes, periods, values):
        action_id = _identifier(action_id)
        row = grid.setdefault((action_id, code), {})
        if period in row:
            raise ValueError(f"{table.name}: two values for {action_id!r}, {code!r}, {period:%Y-%m}")
        row[period] = value
    months = _months_between(min(periods), max(periods)) if periods else []
    keys = list(grid)
    columns = [[action_id for action_id, _ in keys], [metrics.label(code) for _, code in keys]]
    formats = [[None] * len(keys), [None] * len(keys)]
    for month in months:
        cells = [grid[key].get(month) for key in keys]
        columns.append(cells)
        formats.append([_number_format(value, metrics.is_money(code)) for value, (_, code) in zip(cells, keys)])
    headers = [table.column("action_id").header, table.column("metric").header, *map(month_header, months)]
    return _SheetData(table, headers, columns, formats, {1: "metric"}, freeze="C2")


# --------------------------------------------------------------------------------------------
# Cell XML


def _excel_serial(value: dt.date) -> int | float:
    serial = to_excel(value)
    return int(serial) if float(serial).is_integer() else serial


# A text starting like a formula is written as text (never a formula) with Excel's quote prefix (the hidden
# apostrophe), so that editing the cell in Excel cannot turn it into one (OWASP CSV/formula injection).
# The prefix is a style: the value read back is the text itself, so an export re-imports to the same state.
# The check reads the text as it is written (illegal XML characters removed first: « \x01=1+1 » is « =1+1 »), and
# its first character in its plain form (NFKC), so that the fullwidth « ＝ », « ＋ », « － », « ＠ » and the small
# « ﹦ »… are caught too, with the minus sign « − » and a line break.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\u2212")
QUOTED = "@quoted"  # the style key of such texts


def starts_like_formula(text: str) -> bool:
    """True for a text that a spreadsheet could take for a formula, look-alike signs included."""
    return bool(text) and (text.startswith(FORMULA_STARTS)
                           or unicodedata.normalize("NFKC", text[0]).startswith(FORMULA_STARTS))


def written_text(value: str) -> str:
    """The text as the cell will hold it: without the characters XML 1.0 cannot carry."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _cell_xml_tail(value: object, style_id: int, quoted_style_id: int = 0) -> str | None:
    """The part of a <c> element after its reference, or None for an empty cell."""
    style = f' s="{style_id}"' if style_id else ""
    if value is None:
        return None
    if isinstance(value, str):
        if value == "":
            return None
        value = written_text(value)
        if value == "":
            return None
        if starts_like_formula(value) and quoted_style_id:
            style = f' s="{quoted_style_id}"'
        text = escape(value)
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'{style}><v>{_excel_serial(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'{style}><v>{value!r}</v></c>'
    return _cell_xml_tail(str(value), style_id, quoted_style_id)


def _rows_xml(sheet: _SheetData, style_ids: dict[str | None, int]) -> str:
    """<row> elements for the data rows (row 2 on)."""
    letters = [get_column_letter(index) for index in range(1, len(sheet.columns) + 1)]
    tails = [
        [_cell_xml_tail(value, style_ids[fmt], style_ids.get(QUOTED, 0)) for value, fmt in zip(values, cell_formats)]
        for values, cell_formats in zip(sheet.columns, sheet.formats)
    ]
    parts = []
    for row_number, row_tails in enumerate(zip(*tails), start=2):
        parts.append(f'<row r="{row_number}">')
        for letter, tail in zip(letters, row_tails):
            if tail is not None:
                parts.append(f'<c r="{letter}{row_number}"{tail}')
        parts.append("</row>")
    return "".join(parts)


class _SplicingArchive:
    """A ZipFile stand-in that adds our data rows to some worksheets' XML as openpyxl stores them."""

    def __init__(self, archive: ZipFile, bodies: dict[object, tuple[str, str]]):
        self._archive = archive
        self._bodies = bodies  # worksheet -> (rows XML, dimension ref)

    def write(self, filename, arcname=None, *args, **kwargs):
        for worksheet, (rows, dimension) in self._bodies.items():
            if arcname == worksheet.path[1:]:
                with open(filename, encoding="utf-8") as handle:
                    xml = handle.read()
                xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', xml, count=1)
                xml, count = re.subn(r"</sheetData>|<sheetData\s*/>",
                                     lambda match: ("<sheetData>" if match.group(0) != "</sheetData>" else "")
                                     + rows + "</sheetData>", xml, count=1)
                if count != 1:
                    raise RuntimeError(f"no sheetData in {arcname}")
                return self._archive.writestr(arcname, xml)
        return self._archive.write(filename, arcname, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._archive, name)


# --------------------------------------------------------------------------------------------
# Workbook


def _column_width(header: str, values: list[object], fmt_sample: str | None) -> float:
    if fmt_sample in (DATE_FORMAT, MONTH_FORMAT):
        longest = 11  # dd/mm/yyyy or "févr. 2026", with a margin
    else:
        longest = 0
        for value in values[:500]:
            if value is None:
                continue
            text = f"{value:,.0f} €" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
            longest = max(longest, len(text))
    return float(min(max(len(header) + 4, longest + 2, 9), 60))


def _add_table_sheet(workbook: Workbook, sheet: _SheetData, list_ranges: dict[str, str] | None):
    worksheet = workbook.create_sheet(sheet.table.sheet)
    for index, header in enumerate(sheet.headers, start=1):
        cell = worksheet.cell(row=1, column=index, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        sample = next((fmt for fmt in sheet.formats[index - 1] if fmt), None)
        worksheet.column_dimensions[get_column_letter(index)].width = _column_width(
            header, sheet.columns[index - 1], sample)
    worksheet.freeze_panes = sheet.freeze
    _print_on_one_page_width(worksheet)
    worksheet.print_title_rows = "1:1"
    last_letter = get_column_letter(len(sheet.headers))
    worksheet.auto_filter.ref = f"A1:{last_letter}{sheet.row_count + 1}"
    if list_ranges is not None:
        for index, list_key in sheet.dropdowns.items():
            letter = get_column_letter(index + 1)
            validation = DataValidation(
                type="list", formula1=list_ranges[list_key], allow_blank=True,
                showErrorMessage=False, errorStyle="warning", showInputMessage=False,
                sqref=f"{letter}2:{letter}{LAST_EXCEL_ROW}",
            )
            worksheet.data_validations.append(validation)
    style_ids: dict[str | None, int] = {None: 0}
    for cell_formats in sheet.formats:
        for fmt in set(cell_formats):
            if fmt not in style_ids:
                probe = Cell(worksheet)  # not attached to the sheet: only registers the style
                probe.number_format = fmt
                style_ids[fmt] = probe.style_id
    probe = Cell(worksheet)
    probe.quotePrefix = True
    style_ids[QUOTED] = probe.style_id
    rows = _rows_xml(sheet, style_ids)
    return worksheet, (rows, f"A1:{last_letter}{sheet.row_count + 1}")


def _print_on_one_page_width(worksheet) -> None:
    """Landscape, every column on the page width (the plan is printed for the wall)."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


INSTRUCTIONS_WIDTH = 100  # characters: fits a landscape page


def _add_instructions_sheet(workbook: Workbook, paragraphs: list[str]) -> None:
    """First paragraph is the title; a paragraph starting with '## ' is a section heading."""
    worksheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    worksheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    _print_on_one_page_width(worksheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, paragraph in enumerate(paragraphs, start=1):
        heading = paragraph.startswith("## ")
        text = paragraph[3:] if heading else paragraph
        cell = worksheet.cell(row=row, column=1, value=text)
        cell.alignment = wrap
        cell.data_type = "s"  # never a formula, even if a paragraph starts with "="
        if row == 1:
            cell.font = Font(name="Calibri", bold=True, size=14)
            worksheet.row_dimensions[row].height = 24
        elif heading:
            cell.font = Font(name="Calibri", bold=True, size=12)
            worksheet.row_dimensions[row].height = 24  # a little space above each section
        else:
            # spreadsheets do not all grow a row for wrapped text: give it the height of its lines
            lines = max(1, -(-len(text) // INSTRUCTIONS_WIDTH))
            worksheet.row_dimensions[row].height = 15 * lines + 4


def _list_ranges(lists: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """Where each list sits on the Listes sheet: one column each, title in row 1."""
    ranges = {}
    for index, (key, (_, values)) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        ranges[key] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(len(values) + 1, 2)}"
    return ranges


def _add_lists_sheet(workbook: Workbook, lists: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    worksheet = workbook.create_sheet(LISTS_SHEET)
    for index, (title, values) in enumerate(lists.values(), start=1):
        worksheet.cell(row=1, column=index, value=title).font = _HEADER_FONT
        for row, value in enumerate(values, start=2):
            worksheet.cell(row=row, column=index, value=value).data_type = "s"
        width = max(len(title), *(len(value) for value in values), 8) + 2
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.sheet_state = "hidden"


def write_workbook(
    path: str | os.PathLike | BinaryIO,
    tables: dict[str, pd.DataFrame],
    *,
    wide_tables: Iterable[str] = frozenset(),
    instructions: list[str] | None = None,
    dropdowns: bool = True,
    metric_labels: list[str] | None = None,
) -> None:
    """Write PAC tables (internal column names) as a workbook with the canonical French sheets.

    `path` may be a file name or a binary file object (e.g. io.BytesIO for a download button).
    Columns of a frame that are not columns of its table are ignored; missing ones stay blank.
    """
    wide_tables = frozenset(wide_tables)
    unknown = set(tables) - set(TABLES_BY_NAME)
    if unknown:
        raise ValueError(f"unknown tables: {sorted(unknown)}")
    if not wide_tables <= WIDE_TABLES:
        raise ValueError(f"only {sorted(WIDE_TABLES)} can be written months-as-columns")
    metrics = _Metrics()
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "PAC Pilot"
    if instructions:
        _add_instructions_sheet(workbook, list(instructions))
    sheets = []
    for table in TABLES:
        if table.name in tables:
            frame = tables[table.name]
            build = _wide_sheet if table.name in wide_tables else _long_sheet
            sheets.append(build(table, frame, metrics))
    lists = None
    if dropdowns:
        labels = metric_labels if metric_labels is not None else [m.label_fr for m in all_metrics()]
        lists = _lists(labels)
    list_ranges = _list_ranges(lists) if lists else None
    bodies = dict(_add_table_sheet(workbook, sheet, list_ranges) for sheet in sheets)
    if lists:
        _add_lists_sheet(workbook, lists)
    if not workbook.worksheets:
        raise ValueError("nothing to write: no table and no instructions")
    workbook.active = 0
    _save(workbook, path, bodies)


def _save(workbook: Workbook, path, bodies: dict[object, tuple[str, str]]) -> None:
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = clock.utc_now()
    try:
        ExcelWriter(workbook, _SplicingArchive(archive, bodies)).save()
    except BaseException:
        archive.close()
        raise
