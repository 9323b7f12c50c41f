"""Saved mappings used without the Données page (the command line, a nightly cron): which saved mappings fit a
file (the same columns), which sheet of a workbook a mapping reads, what a mapping fills and expects, and the
French sentences said about them."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.mapping.model import KIND_LABELS, Mapping
from pac_core.mapping.read import ForeignTable
from pac_core.validate.files import Validation
from pac_core.validate.issues import IssueLog

FOREIGN = ("« {file} » n'est pas au format du modèle PAC Pilot : ce fichier peut être associé au plan sur la page "
           "Données (correspondance des colonnes).")
FITS = "La correspondance enregistrée « {name} » convient : {command}"
UNKNOWN = "Aucune correspondance nommée « {name} » : python -m pac_core mappings les liste."
NONE_SAVED = "Aucune correspondance enregistrée : elles le sont à l'import d'un fichier sur la page Données."
SEVERAL_SHEETS = ("Plusieurs feuilles de « {file} » ont les colonnes de la correspondance « {name} » : "
                  "la première, « {sheet} », est importée.")
DOES_NOT_FIT = "La correspondance « {name} » ne convient pas à « {file} » : il manque {missing}."
APPLIED = "Correspondance « {name} » appliquée à {where}."
APPLIED_BY_ITSELF = "Correspondance enregistrée « {name} » appliquée d'elle-même à {where} (mêmes colonnes)."


@dataclass
class SheetChoice:
    """The sheet of one file a mapping reads, and the file read through it (refused when no sheet fits)."""

    table: ForeignTable | None
    validation: Validation
    notes: list[str] = field(default_factory=list)


def expected_columns(mapping: Mapping) -> list[str]:
    """Their headers the mapping reads, in the order it names them."""
    headers = []
    for part in mapping.tables:
        headers += [*part.columns.values(), *part.month_columns, *(m.column for m in part.measures if m.column),
                    *part.row_filter, *getattr(part, "fill_down", [])]  # fill_down: newer mappings only
    return list(dict.fromkeys(headers))


def missing_columns(table: ForeignTable, mapping: Mapping) -> list[str]:
    return [header for header in expected_columns(mapping) if header not in table.cells]


def fills(mapping: Mapping) -> list[str]:
    """What the mapping fills, in French: Réalisé, Objectifs, Actions, Pipeline (opportunités)."""
    return list(dict.fromkeys(KIND_LABELS.get(part.table, part.table) for part in mapping.tables))


def fitting_names(saved: pd.DataFrame, tables: list[ForeignTable]) -> list[str]:
    """The names of the saved mappings (Store.mappings(), newest first) made for one of these sheets' columns."""
    signatures = {table.signature for table in tables}
    return [row.name for row in saved.itertuples(index=False) if row.signature in signatures]


def sheet_place(table: ForeignTable) -> str:
    """« ads.xlsx », or « la feuille « Export » de ads.xlsx » for a workbook."""
    if table.sheet_name and table.sheet_name != table.source:
        return f"la feuille « {table.sheet_name} » de « {table.source} »"
    return f"« {table.source} »"


def choose_sheet(tables: list[ForeignTable], mapping: Mapping, name: str,
                 check: Callable[[ForeignTable], Validation]) -> SheetChoice:
    """The first sheet with the mapping's columns (the only sheet, whatever its columns); when no sheet has them,
    the first sheet that `check` (apply) accepts; else the refusal naming the columns missing."""
    matching = [table for table in tables if table.signature == mapping.signature]
    notes = []
    if len(matching) > 1:
        notes.append(SEVERAL_SHEETS.format(file=matching[0].source, name=name, sheet=matching[0].sheet_name))
    candidates = matching[:1] or tables
    readable = [table for table in candidates if not missing_columns(table, mapping)]
    if not readable:
        return SheetChoice(None, refusal(tables[0].source, DOES_NOT_FIT.format(
            name=name, file=tables[0].source, missing=_missing_text(candidates, mapping))), notes)
    first = None
    for table in readable:
        validation = check(table)
        if validation.ok:
            return SheetChoice(table, validation, notes)
        first = first or SheetChoice(table, validation, notes)
    return first


def _missing_text(tables: list[ForeignTable], mapping: Mapping) -> str:
    """« la colonne « Date » », or per sheet when several were tried."""
    parts = []
    for table in tables:
        missing = missing_columns(table, mapping)
        columns = ("la colonne " if len(missing) == 1 else "les colonnes ") + ", ".join(f"« {h} »" for h in missing)
        parts.append(columns if len(tables) == 1 else f"{columns} (feuille « {table.sheet_name} »)")
    return " ; ".join(parts)


def refusal(source: str, message: str, *, unreadable: bool = False) -> Validation:
    """A refused file with one French error that names no cell."""
    log = IssueLog()
    log.error(source, None, None, None, None, message)
    return Validation(log.finish(), None, unreadable=unreadable)


def import_command(name: str, path: Path | str, db: Path | str | None = None) -> str:
    """The command that imports `path` with the saved mapping `name`, to copy into a terminal or a crontab."""
    quoted = '"' + "".join("\\" + c if c in '\\"$`' else c for c in name) + '"'
    database = f"--db {shlex.quote(str(db))} " if db else ""
    return f"python -m pac_core {database}import --mapping {quoted} {shlex.quote(str(path))}"


def foreign_hints(path: Path | str, names: list[str], db: Path | str | None = None) -> list[str]:
    """What to say of a file that is not in our format: it can be mapped, and each saved mapping that fits it."""
    return [FOREIGN.format(file=Path(path).name),
            *(FITS.format(name=name, command=import_command(name, path, db)) for name in names)]


def described(mapping: Mapping, saved_at, saved_by: str) -> dict:
    """A saved mapping for `python -m pac_core mappings --json`: saved_at in the company's local time."""
    return {"name": mapping.name, "fills": fills(mapping), "tables": [part.table for part in mapping.tables],
            "saved_at": clock.local(pd.Timestamp(saved_at).to_pydatetime()).isoformat(timespec="seconds"),
            "saved_by": saved_by, "columns": expected_columns(mapping)}


def described_line(mapping: Mapping, saved_at, saved_by: str) -> str:
    """« Meta Ads » · Réalisé · enregistrée le 04/12/2026 à 15:32 par marie · colonnes attendues : Date, Canal"""
    return (f"« {mapping.name} » · {', '.join(fills(mapping))} · enregistrée le {fmt.local_time(saved_at)} par "
            f"{saved_by} · colonnes attendues : " + ", ".join(f"« {h} »" for h in expected_columns(mapping)))
