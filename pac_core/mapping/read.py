"""Reading a file that is not in our format into one raw table per sheet: the header row found below
title lines, blank rows skipped, total rows skipped (with a warning), each row keeping its number in the
file so that every message can point at it."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pac_core.io.csv_file import read_csv
from pac_core.io.excel import read_xlsx
from pac_core.io.sheet import RawSheet, UnreadableFile, column_letter
from pac_core.io.sniff import XLSX, detect_format
from pac_core.io.values import BadValue, is_blank, parse_date, parse_number
from pac_core.mapping.model import signature
from pac_core.text import fold
from pac_core.validate.files import SourceFile
from pac_core.validate.issues import IssueLog

_TOTAL = re.compile(r"^(sous )?(total|totaux|grand total|total general|total global)( .*)?$|^(cumul|ensemble|somme)$")
MSG_TOTAL = "Ligne de total ignorée (les totaux sont recalculés par PAC Pilot)."
MSG_NOTE = "Ligne ignorée sous le tableau : une seule cellule remplie, c'est une note et non une ligne de données."


@dataclass
class ForeignTable:
    """One sheet of a foreign file, as written: headers and the cells below them, column by column."""

    file: SourceFile
    sheet: RawSheet
    header_row: int  # 0-based index of the header row in the sheet
    headers: list[str]  # as written (made unique), one per column
    cells: dict[str, list]  # header → the cell of each kept row
    rows: np.ndarray  # the row number (as Excel or an editor shows it) of each kept row
    log: IssueLog = field(default_factory=IssueLog)  # what reading noticed (total rows skipped)
    above: dict[str, str] = field(default_factory=dict)  # header → what is written above it (« 2021 », a title)
    guessed: bool = True  # False: no row looked like headers (nor was chosen), the sheet is read from its first row

    @property
    def source(self) -> str:
        return self.file.name

    @property
    def sheet_name(self) -> str:
        return self.sheet.name

    @property
    def names(self) -> list[str]:
        """The headers of the columns that can be mapped, left to right."""
        return [header for header in self.headers if header]

    @property
    def signature(self) -> str:
        return signature(self.headers)

    def label(self, header: str) -> str:
        """How messages name a column: its header, with its letter in a workbook."""
        if self.sheet.is_csv:
            return header
        return f"{column_letter(self.headers.index(header))} « {header} »"

    def column(self, header: str) -> list:
        return self.cells[header]

    def __len__(self) -> int:
        return len(self.rows)


def read_foreign(path: Path | str, header_rows: dict[str, int] | None = None) -> list[ForeignTable]:
    """Every visible sheet of a workbook (or the CSV file) that has a header row, then the other sheets with
    cells (`guessed` False), so the user can still choose them; UnreadableFile when no sheet has a header row.
    `header_rows`: sheet name → its header row (0-based) when the user corrects the guess."""
    header_rows = header_rows or {}
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        raise UnreadableFile(f"Le fichier « {path.name} » est introuvable ou illisible.") from None
    file = SourceFile(path.name, hashlib.sha256(raw).hexdigest(), len(raw))
    if detect_format(path, raw[:8192]) == XLSX:
        sheets = [sheet for sheet in read_xlsx(path) if not sheet.hidden]
    else:
        sheets = [read_csv(path, _text_cells)]
    tables = [table for sheet in sheets if (table := _table(file, sheet, header_rows.get(sheet.name))) is not None]
    if not any(table.guessed for table in tables):
        raise UnreadableFile(f"« {path.name} » ne contient aucun tableau lisible (une ligne d'en-têtes suivie "
                             "de lignes de données).")
    if not any(len(table) for table in tables):
        names = next(table for table in tables if table.guessed).names
        headers = ", ".join(names[:4]) + ("…" if len(names) > 4 else "")
        raise UnreadableFile(f"« {path.name} » n'a que sa ligne d'en-têtes ({headers}) : aucune ligne de données "
                             "à importer. Vérifiez la période choisie dans l'outil qui a fait l'export, puis "
                             "exportez-le de nouveau.")
    return sorted(tables, key=lambda table: not table.guessed)


def reread(table: ForeignTable, header_row: int) -> ForeignTable:
    """The same sheet read with another header row (0-based), when the guess was wrong."""
    if header_row == table.header_row and table.guessed:
        return table
    return _table(table.file, table.sheet, header_row) or table


def _text_cells(row: list) -> int:
    """How many cells of a row read as headers: text that is not a number, or dates (months as columns)."""
    count = 0
    for cell in row:
        if isinstance(cell, (datetime.date, datetime.datetime)):
            count += 1
        elif isinstance(cell, str) and cell.strip() and not _is_number(cell):
            count += 1
    return count


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except Exception:
        return False


def _header_row(sheet: RawSheet) -> int | None:
    """The first row with the most header-like cells (title lines above it have one or two)."""
    scores = [_text_cells(row) for row in sheet.preview]
    best = max(scores, default=0)
    return scores.index(best) if best >= 2 else None


def _table(file: SourceFile, sheet: RawSheet, header_row: int | None = None) -> ForeignTable | None:
    if header_row is None:
        header_row = _header_row(sheet)
    guessed = header_row is not None
    if header_row is None:
        header_row = next((index for index, row in enumerate(sheet.preview)
                           if not all(is_blank(cell) for cell in row)), None)
    if header_row is None or header_row >= len(sheet.preview):
        return None
    columns, numbers = sheet.columns(header_row)
    columns = [column.to_pylist() if hasattr(column, "to_pylist") else list(column) for column in columns]
    raw_headers = sheet.header(header_row)
    width = max(len(raw_headers), len(columns))
    columns += [[None] * len(numbers) for _ in range(width - len(columns))]
    headers: list[str] = []
    keep_columns: list[int] = []
    for index in range(width):
        header = cell_text(raw_headers[index] if index < len(raw_headers) else None)
        if not header:
            if all(is_blank(cell) for cell in columns[index]):
                continue  # an empty column with no header: nothing to map
            header = f"Colonne {column_letter(index)}"
        unique, count = header, 2
        while unique in headers:
            unique, count = f"{header} ({count})", count + 1
        headers.append(unique)
        keep_columns.append(index)
    # Headers are kept at their position so that column letters stay right: pad skipped ones with None.
    positional = [None] * width
    for header, index in zip(headers, keep_columns):
        positional[index] = header
    table = ForeignTable(file, sheet, header_row, [], {}, np.empty(0, dtype=np.int64),
                         above=_above(sheet, header_row, dict(zip(keep_columns, headers))), guessed=guessed)
    rows_kept = []
    for position in range(len(numbers)):
        cells = [columns[index][position] for index in keep_columns]
        if all(is_blank(cell) for cell in cells):
            continue
        if any(isinstance(cell, str) and _TOTAL.match(fold(cell)) for cell in cells):
            table.log.warning(file.name, sheet.name, int(numbers[position]), None, None, MSG_TOTAL, kind="total")
            continue
        rows_kept.append(position)
    _drop_notes_below(table, [[columns[index][p] for index in keep_columns] for p in rows_kept], rows_kept, numbers)
    table.headers = [header or "" for header in positional]
    table.cells = {header: [columns[index][p] for p in rows_kept] for header, index in zip(headers, keep_columns)}
    table.rows = np.asarray(numbers, dtype=np.int64)[rows_kept] if rows_kept else np.empty(0, dtype=np.int64)
    return table


def _drop_notes_below(table: ForeignTable, kept_cells: list[list], rows_kept: list[int], numbers) -> None:
    """Lines under the table that hold one text and nothing else (« ©2026 Microsoft Corporation. All rights
    reserved. », « Generated on … ») are notes, not rows: left out of `rows_kept`, with a warning."""
    if not kept_cells or len(kept_cells[0]) < 3:
        return
    filled = [[cell for cell in cells if not is_blank(cell)] for cells in kept_cells]
    last_row = max((index for index, cells in enumerate(filled) if len(cells) > 1), default=None)
    below = filled[last_row + 1:] if last_row is not None else []
    if not below or not all(len(cells) == 1 and _is_note(cells[0]) for cells in below):
        return
    for cells, position in zip(below, rows_kept[last_row + 1:]):
        table.log.warning(table.file.name, table.sheet.name, int(numbers[position]), None, cell_text(cells[0]),
                          MSG_NOTE, kind="note")
    del rows_kept[last_row + 1:]


def _is_note(cell) -> bool:
    """Text that is neither a number nor a date."""
    return isinstance(cell, str) and not _is_number(cell) and day_of(cell) is None


def _above(sheet: RawSheet, header_row: int, header_of: dict[int, str]) -> dict[str, str]:
    """What is written above each column, row by row from the top, each text carried right over the blank
    cells that follow it (a pivot's « 2021 » over its twelve months, a title line over every column)."""
    texts: dict[str, list[str]] = {header: [] for header in header_of.values()}
    for row in sheet.preview[:header_row]:
        carried = ""
        for index in range(max(len(row), max(header_of, default=-1) + 1)):
            text = cell_text(row[index]) if index < len(row) else ""
            carried = text or carried
            if carried and index in header_of:
                texts[header_of[index]].append(carried)
    return {header: " · ".join(parts) for header, parts in texts.items() if parts}


def cell_text(cell) -> str:
    """A cell as a person reads it in a header or an example: dates as 03/02/2026, 12.0 as 12, spaces tidied."""
    if is_blank(cell):
        return ""
    if isinstance(cell, datetime.datetime):
        cell = cell.date()
    if isinstance(cell, datetime.date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def day_of(raw) -> datetime.date | None:
    """A cell as a date, or None when it is blank or not a date (the caller says what that means)."""
    try:
        return parse_date(raw)
    except BadValue:
        return None
