"""Finding our tables in raw sheets: which table a sheet holds, its header row, what each column is.

Nothing here reads a value below the header: that is validation's work.
"""

import datetime
from dataclasses import dataclass, field

from pac_core.io.sheet import RawSheet, column_letter
from pac_core import weeks
from pac_core.io.values import parse_month_header
from pac_core.tables import IDENT, RESULTS, TABLES, TARGETS, Column, Table, column_for_header, table_for_sheet
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
    week_columns: dict[int, weeks.WeekHeader] = field(default_factory=dict)  # wide by week: index → week (weeks.py)
    week_period: bool = False  # long form whose period column is headed « Semaine »: its cells are weeks

    @property
    def is_wide(self) -> bool:
        return bool(self.month_columns or self.week_columns)

    def column_label(self, index: int) -> str:
        """How a column is named in messages: its header, and its letter in a workbook."""
        header = str(self.sheet.header(self.header_row)[index]).strip()
        return header if self.sheet.is_csv else f"{column_letter(index)} « {header} »"


@dataclass
class Recognition:
    found: list[FoundTable]
    problems: list[tuple[RawSheet, str]]  # sheets that look like ours but cannot be used: French reason
    notes: list[tuple[RawSheet, str]]  # sheets ignored, for the user's information
    foreign: list[RawSheet] = field(default_factory=list)  # named like ours, but another tool's export


@dataclass
class _NamedOnly:
    """A sheet named like one of our tables whose headers are another tool's (Sellsy's « Opportunités »)."""

    table: Table
    missing: list[str]  # our required headers it lacks
    reason: str  # our precise refusal, kept when the import holds tables of ours


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
    """Our tables in the sheets. A sheet named like ours but headed like another tool's export counts as
    foreign (for the column mapping) when no sheet holds a table of ours; beside our tables it is refused
    with its missing columns, so that nothing is half-imported."""
    found, problems, notes, named_only = [], [], [], []
    for sheet in sheets:
        template_sheet = not sheet.is_csv and sheet.name in TEMPLATE_SHEETS
        if sheet.hidden:
            if not template_sheet:
                notes.append((sheet, f"La feuille masquée « {sheet.name} » a été ignorée."))
            continue
        result = _recognise_sheet(sheet)
        if isinstance(result, FoundTable):
            found.append(result)
        elif isinstance(result, _NamedOnly):
            named_only.append((sheet, result))
        elif result is None:
            if sheet.is_csv:
                notes.append((sheet, f"« {sheet.name} » a été ignoré : on n'y trouve aucune table du plan "
                                     "(en-têtes attendus : ID action, Indicateur, Période…)."))
            elif not template_sheet:
                notes.append((sheet, f"La feuille « {sheet.name} » a été ignorée : elle ne contient aucune table "
                                     "du plan (en-têtes attendus : ID action, Indicateur, Période…)."))
        else:
            problems.append((sheet, result))
    foreign = []
    for sheet, named in named_only:
        if found:
            problems.append((sheet, named.reason))
            continue
        foreign.append(sheet)
        missing = ", ".join(f"« {header} »" for header in named.missing)
        notes.append((sheet, f"La feuille « {sheet.name} » porte le nom d'une feuille du modèle ({named.table.sheet}) "
                             f"mais pas ses colonnes (il manque {missing}) : elle est lue comme le fichier d'un "
                             "autre outil."))
    return Recognition(found, problems, notes, foreign)


def _recognise_sheet(sheet: RawSheet) -> FoundTable | str | _NamedOnly | None:
    header_row = _header_row(sheet)
    named = None if sheet.is_csv else table_for_sheet(sheet.name)
    if header_row is None:
        if named is not None:
            return _NamedOnly(named, [c.header for c in named.required_columns],
                              f"La feuille « {sheet.name} » ne contient pas de ligne d'en-têtes reconnaissable. "
                              f"Attendu : {', '.join(c.header for c in named.columns)}.")
        return None
    header = sheet.header(header_row)
    candidates = [named] if named is not None else list(TABLES)
    layouts = [_layout(table, sheet, header_row, header) for table in candidates]
    usable = [layout for layout in layouts if not isinstance(layout, str)]
    if named is not None:
        if isinstance(layouts[0], str) and (missing := _not_ours(named, header)) is not None:
            return _NamedOnly(named, missing, layouts[0])
        return layouts[0]
    usable = [layout for layout in usable if _mostly_ours(layout)]
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


def _mostly_ours(layout: FoundTable) -> bool:
    """A sheet found by its headers alone (no name of ours) is ours when most of its columns are: a Salesforce
    export whose « Id » and « Name » sit among nine columns of its own is another tool's file, for the column
    mapping, never an Actions sheet that would import opportunities as actions."""
    strangers = sum(1 for text in layout.ignored if not text.endswith("(total)"))
    return len(layout.columns) + len(layout.month_columns) >= strangers


def _not_ours(table: Table, header: list) -> list[str] | None:
    """The required headers a sheet named like `table` lacks, when its headers are not ours with a mistake but
    another tool's: none of the table's required columns, or none of its identifiers (ID opportunité, ID
    action…) beside headers that are none of its columns (Sellsy's « Provenance »). None: ours, to be fixed."""
    present, strangers = set(), False
    for cell in header:
        if cell is None or str(cell).strip() == "":
            continue
        column = column_for_header(table, cell)
        if column is not None:
            present.add(column.name)
        elif not (table.value_column and _month_of(cell) is not None) and not fold(cell).startswith(_TOTAL_HEADERS):
            strangers = True
    missing = [column.header for column in table.required_columns if column.name not in present]
    required = {column.name for column in table.required_columns}
    identifiers = {column.name for column in table.columns if column.kind == IDENT}
    if not missing or (present & required and (present & identifiers or not strangers)):
        return None
    return missing


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
    week_columns = weeks.week_columns(header) if table.value_column else {}
    week_period = False
    for index, cell in enumerate(header):
        if cell is None or str(cell).strip() == "":
            continue
        column = column_for_header(table, cell)
        if column is None and table.value_column and weeks.is_week_column(cell):  # « Semaine »: weeks in long form
            column, week_period = table.column("period"), True
        if column is not None:
            if column.name in seen:
                return (f"La feuille « {sheet.name} » a deux colonnes pour « {column.header} » "
                        f"({column_letter(seen[column.name])} et {column_letter(index)}) : gardez-en une seule.")
            seen[column.name] = index
            columns[index] = column
            continue
        if index in week_columns:
            continue
        month = _month_of(cell) if table.value_column else None
        if month is not None:
            months[index] = month
        elif fold(cell).startswith(_TOTAL_HEADERS):
            ignored.append(f"{column_letter(index)} « {cell} » (total)")
        else:
            ignored.append(f"{column_letter(index)} « {cell} »")
    layout = FoundTable(table, sheet, header_row, columns, months, ignored=ignored, week_columns=week_columns,
                        week_period=week_period)
    layout.yearless_months = any(month.year == YEARLESS for month in months.values())
    if table.value_column:
        has_long = {"period", "value"} <= set(seen)
        if week_columns and (problem := _week_layout_problem(sheet, header, months, week_columns, has_long)):
            return problem
        if months and has_long:
            return (f"La feuille « {sheet.name} » mélange une colonne « Période » et des colonnes de mois : "
                    "gardez l'une des deux présentations.")
        if months or week_columns:
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


def _week_layout_problem(sheet: RawSheet, header: list, months: dict, week_columns: dict, has_long: bool) -> str | None:
    """Weeks as columns beside month columns or a « Période » column, or one week in two columns: why the sheet
    cannot be read (issue 19, pac_core/weeks.py)."""
    if months:
        return (f"La feuille « {sheet.name} » mélange des colonnes de semaines et des colonnes de mois : déposez un "
                "fichier par semaine ou un fichier par mois.")
    if has_long:
        return (f"La feuille « {sheet.name} » mélange une colonne « Période » et des colonnes de semaines : "
                "gardez l'une des deux présentations.")
    seen: dict = {}
    for index, week in week_columns.items():
        if week in seen:
            return (f"La feuille « {sheet.name} » a deux colonnes pour la semaine {week.number} "
                    f"({column_letter(seen[week])} « {header[seen[week]]} » et {column_letter(index)} "
                    f"« {header[index]} ») : gardez-en une seule.")
        seen[week] = index
    return None
