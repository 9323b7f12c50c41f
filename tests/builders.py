"""Writing small real workbooks and CSV files for tests (openpyxl, and real bytes on disk)."""

import contextlib
import datetime
import subprocess
import sys
from pathlib import Path

import openpyxl

ACTION_HEADERS = ["ID action", "Levier", "Action", "Canal", "Type", "Cible", "Responsable", "Début", "Fin",
                  "Budget", "Statut", "Objectif stratégique"]


def action_row(action_id, name=None, budget=1000, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31),
               channel="Salon", owner="Directeur commercial"):
    return [action_id, "Levier", name or f"Action {action_id}", channel, "Acquisition", "PME", owner, start, end,
            budget, "En cours", ""]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """One sheet per entry, rows as given (the first row is usually the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def plan_workbook(path: Path, actions=("A1", "A2"), results=None, targets=None) -> Path:
    """Actions plus long-format results/targets: rows of (action_id, indicator, period, value)."""
    sheets = {"Actions": [ACTION_HEADERS] + [action_row(a) for a in actions]}
    if targets is not None:
        sheets["Objectifs"] = [["ID action", "Indicateur", "Période", "Objectif"], *map(list, targets)]
    if results is not None:
        sheets["Réalisé"] = [["ID action", "Indicateur", "Période", "Réalisé"], *map(list, results)]
    return workbook(path, sheets)


def csv_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@contextlib.contextmanager
def database_held_by_another_process(db: Path):
    """Another process holds the DuckDB file open read-write, as the running app does."""
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                                                     "print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.kill()
        holder.wait()


PIPELINE_HEADERS = ["ID opportunité", "Compte", "ID action", "Canal", "Étape", "Montant", "Création", "Clôture", "Statut"]


def opportunity_row(opportunity_id, stage, amount, created_on, closed_on=None, status=None, action_id="A1",
                    channel=None, account=None):
    """A row of the Pipeline sheet (PIPELINE_HEADERS); an empty status follows the stage on import."""
    return [opportunity_id, account or f"Compte {opportunity_id}", action_id, channel, stage, amount, created_on,
            closed_on, status]
