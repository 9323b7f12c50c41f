"""Finding our tables in raw sheets: which table a sheet holds, its header row, what each column is.

Nothing here reads a value below the header: that is validation's work.
"""

import datetime
from dataclasses import dataclass, field

from pac_core.io.sheet import RawSheet, column_letter
from pac_core.io.values import parse_month_header
from pac_core.tables import RESULTS, TABLES, TARGETS, Column, Table, column_for_header, table_for_sheet
from pac_core.text import fold

YEARLESS = 1900  # stands for "no year written" while months are recognised; resolved from the plan's year
_TOTAL_HEADERS = ("total", "cumul", "sous total", "annee", "ytd", "somme", "moyenne")
_KNOWN_HEADERS = {fold(name) for table in TABLES for column in table.columns for name in column.names()}
# The template's own sheets (pac_core.io.xlsx_writer.INSTRUCTIONS_SHEET and LISTS_SHEET): skipped without a note.
TEMPLATE_SHEETS = ("Instructions", "Listes")


@dataclass
class FoundTable:
    """A table of ours located in a sheet."""

    table: Table
    sheet: RawSheet
    header_row: int  # 0-based index in the sheet
    columns: dict[int, Column]  # column index → our column
    month_columns: dict[int, datetime.date] = field(default_factory=dict)  # wide format: index → month
    yearless_months: bool = False  # wide headers like "janv." that need the plan's year
    ignored: list[str] = field(default_factory=list)  # headers we skip (totals, unknown)

    @property
    def is_wide(self) -> bool:
        return bool(self.month_columns)

    def column_label(self, index: int) -> str:
        """How a column is named in messages: its header, and its letter in a workbook."""
        header = str(self.sheet.header(self.header_row)[index]).strip()
        return header if self.sheet.is_csv else f"{column_letter(index)} « {header} »"


@dataclass
class Recognition:
    found: list[FoundTable]
    problems: list[tuple[RawSheet, str]]  # sheets that look like ours but cannot be used: French reason
    notes: list[tuple[RawSheet, str]]  # sheets ignored, for the user's information


def header_score(row: list) -> int:
    """How many cells of a row are headers we know, or months (used to find the header row and the CSV delimiter)."""
    score = 0
    for cell in row:
        if cell is None or cell == "":
            continue
        if fold(cell) in _KNOWN_HEADERS or _month_of(cell) is not None:
            score += 1
    return score


def _month_of(cell) -> datetime.date | None:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and not 20_000 <= cell <= 80_000:
        return None  # a plain number header is not a month (only Excel serial dates are)
    return parse_month_header(cell, default_year=YEARLESS)


def recognise(sheets: list[RawSheet]) -> Recognition:
    found, problems, notes = [], [], []
    for sheet in sheets:
        template_sheet = not sheet.is_csv and sheet.name in TEMPLATE_SHEETS
        if sheet.hidden:
            if not template_sheet:
                notes.append((sheet, f"La feuille masquée « {sheet.name} » a été ignorée."))
            continue
        result = _recognise_sheet(sheet)
        if isinstance(result, FoundTable):
            found.append(result)
        elif result is None:
            if sheet.is_csv:
                notes.append((sheet, f"« {sheet.name} » a été ignoré : on n'y trouve aucune table du plan "
                                     "(en-têtes attendus : ID action, Indicateur, Période…)."))
            elif not template_sheet:
                notes.append((sheet, f"La feuille « {sheet.name} » a été ignorée : elle ne contient aucune table "
                                     "du plan (en-têtes attendus : ID action, Indicateur, Période…)."))
        else:
            problems.append((sheet, result))
    return Recognition(found, problems, notes)


def _recognise_sheet(sheet: RawSheet) -> FoundTable | str | None:
    header_row = _header_row(sheet)
    named = None if sheet.is_csv else table_for_sheet(sheet.name)
    if header_row is None:
        if named is not None:
            return (f"La feuille « {sheet.name} » ne contient pas de ligne d'en-têtes reconnaissable. "
                    f"Attendu : {', '.join(c.header for c in named.columns)}.")
        return None
    header = sheet.header(header_row)
    candidates = [named] if named is not None else list(TABLES)
    layouts = [_layout(table, sheet, header_row, header) for table in candidates]
    usable = [layout for layout in layouts if not isinstance(layout, str)]
    if named is not None:
        return layouts[0]
    if not usable:
        return None
    best = max(len(layout.columns) + (1 if layout.is_wide else 0) for layout in usable)
    top = [layout for layout in usable if len(layout.columns) + (1 if layout.is_wide else 0) == best]
    if {layout.table.name for layout in top} == {TARGETS.name, RESULTS.name}:
        hinted = _hint_from_name(sheet.name)
        if hinted is None:
            return (f"« {sheet.name} » : impossible de savoir s'il contient des objectifs ou du réalisé. "
                    "Mettez « Objectifs » ou « Réalisé » dans le nom du fichier, ou une colonne « Objectif » ou « Réalisé ».")
        top = [layout for layout in top if layout.table.name == hinted]
    return top[0]


def _header_row(sheet: RawSheet) -> int | None:
    best_row, best_score = None, 1
    for index, row in enumerate(sheet.preview):
        score = header_score(row)
        if score > best_score:
            best_row, best_score = index, score
    return best_row


def _hint_from_name(name: str) -> str | None:
    folded = fold(name)
    if any(word in folded for word in ("realise", "resultat", "actual", "reel", "suivi")):
        return RESULTS.name
    if any(word in folded for word in ("objectif", "target", "cible", "plan")):
        return TARGETS.name
    return None


def _layout(table: Table, sheet: RawSheet, header_row: int, header: list) -> FoundTable | str:
    """How the header row maps onto `table`, or why it cannot."""
    columns: dict[int, Column] = {}
    months: dict[int, datetime.date] = {}
    ignored: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        if cell is None or str(cell).strip() == "":
            continue
        column = column_for_header(table, cell)
        if column is not None:
            if column.name in seen:
                return (f"La feuille « {sheet.name} » a deux colonnes pour « {column.header} » "
                        f"({column_letter(seen[column.name])} et {column_letter(index)}) : gardez-en une seule.")
            seen[column.name] = index
            columns[index] = column
            continue
        month = _month_of(cell) if table.value_column else None
        if month is not None:
            months[index] = month
        elif fold(cell).startswith(_TOTAL_HEADERS):
            ignored.append(f"{column_letter(index)} « {cell} » (total)")
        else:
            ignored.append(f"{column_letter(index)} « {cell} »")
    layout = FoundTable(table, sheet, header_row, columns, months, ignored=ignored)
    layout.yearless_months = any(month.year == YEARLESS for month in months.values())
    if table.value_column:
        has_long = {"period", "value"} <= set(seen)
        if months and has_long:
            return (f"La feuille « {sheet.name} » mélange une colonne « Période » et des colonnes de mois : "
                    "gardez l'une des deux présentations.")
        if months:
            for name in ("period", "value"):
                if name in seen:
                    del columns[seen.pop(name)]
        elif not has_long:
            missing = [table.column(n).header for n in ("period", "value") if n not in seen]
            return (f"La feuille « {sheet.name} » n'a ni colonne {' ni '.join('« ' + m + ' »' for m in missing)}, "
                    "ni colonnes de mois (janv., févr.…) : ajoutez-les.")
    missing = [column.header for column in table.required_columns if column.name not in seen]
    if missing:
        return (f"La feuille « {sheet.name} » ({table.sheet}) n'a pas de colonne "
                + ", ".join(f"« {m} »" for m in missing) + " : ajoutez-la ou renommez l'en-tête existant.")
    return layout
