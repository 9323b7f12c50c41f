"""The grid of the cells a mapped file cannot read, as the Données page shows it for fixing in place
(st.data_editor), and the fixes the user's edits stand for (pac_core.mapping.prepare.cell_fix)."""

from __future__ import annotations

import pandas as pd

from pac_core.mapping.prepare import (FIX_BLANK, FIX_LABELS, FIX_SKIP, FIX_VALUE, SCOPE_CELL, SCOPE_LABELS,
                                      SCOPE_TEXT, cell_fix)

ROW, COLUMN, VALUE, PROBLEM, DO, NEW_VALUE, SCOPE = (
    "Ligne", "Colonne", "Valeur lue", "Problème", "Que faire", "Valeur corrigée", "Pour")
COLUMNS = (ROW, COLUMN, VALUE, NEW_VALUE, DO, SCOPE, PROBLEM)  # what to edit before the long problem: seen at 1280 px
EDITABLE = (DO, NEW_VALUE, SCOPE)
TO_DECIDE = "à décider"  # a line's first choice, in French (an empty selectbox cell shows Streamlit's English)
DO_OPTIONS = [TO_DECIDE, FIX_LABELS[FIX_VALUE], FIX_LABELS[FIX_BLANK], FIX_LABELS[FIX_SKIP]]
SCOPE_OPTIONS = list(SCOPE_LABELS.values())
TITLE = "Cellules illisibles : corrigez-les ici"
HELP = ("Pour chaque cellule, choisissez « corriger » (et tapez la valeur), « traiter comme vide » ou « ignorer la "
        "ligne » ; « Pour » étend le choix à toute la colonne ou à toutes les cellules du même texte (« n/a »). "
        "Vos choix sont listés dans l'aperçu et enregistrés avec la correspondance ; le fichier n'est pas modifié. "
        "Ou cochez « Importer les lignes valides et ignorer les autres » dans « Lignes à problème ».")
SKIP_INVALID = "Importer les lignes valides et ignorer les autres"
SKIP_INVALID_HELP = ("Les lignes qui contiennent une erreur sont laissées de côté ; elles sont listées dans les "
                     "avertissements et dans le rapport téléchargeable.")
SUM_DUPLICATES = "Additionner les lignes identiques"
SUM_DUPLICATES_HELP = ("Par défaut, deux lignes identiques en tout point ne comptent qu'une fois (un export en "
                       "double). Cochez si ce sont des ventes ou des dépenses distinctes.")
OUTSIDE_YEAR = "Lignes d'une autre année que celle du plan"
OPTIONS_TITLE = "Lignes à problème"
FORMATS_TITLE = "Format des nombres et des dates"


def outside_year_options(plan_year: int | None) -> dict[str, str]:
    year = plan_year if plan_year is not None else "l'année du plan"
    return {"history": "garder les années passées comme historique", "skip": "les ignorer (elles sont listées)",
            "shift": f"les ramener en {year}, même mois"}


def empty_grid() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="Int64" if name == ROW else object) for name in COLUMNS})


def with_new_cells(grid: pd.DataFrame, errors, header_of: dict[str, str]) -> pd.DataFrame:
    """The grid with a line for each unreadable cell not listed yet (an error pinned to a row, a column and a
    value); lines already there keep the user's choices, in place."""
    known = set(zip(grid[ROW].tolist(), grid[COLUMN].tolist()))
    new = []
    for issue in errors:
        header = header_of.get(issue.column)
        if issue.row is None or header is None or issue.value is None or (issue.row, header) in known:
            continue
        known.add((issue.row, header))
        new.append({ROW: issue.row, COLUMN: header, VALUE: issue.value, PROBLEM: issue.message,
                    DO: TO_DECIDE, NEW_VALUE: "", SCOPE: SCOPE_LABELS[SCOPE_CELL]})
    if not new:
        return grid
    added = pd.DataFrame(new, columns=list(COLUMNS)).astype({ROW: "Int64"})
    return pd.concat([grid, added], ignore_index=True) if len(grid) else added


def with_edits(grid: pd.DataFrame, state) -> pd.DataFrame:
    """The grid with st.data_editor's pending edits (its session state: {"edited_rows": {position: {column:
    value}}}) written in, so that this run already reads the user's latest choice."""
    edited = (state or {}).get("edited_rows", {}) if isinstance(state, dict) else {}
    if not edited:
        return grid
    grid = grid.copy()
    for position, changes in edited.items():
        position = int(position)
        if position >= len(grid):
            continue
        for column, value in changes.items():
            if column in EDITABLE:
                grid.at[position, column] = value
    return grid


def fixes(grid: pd.DataFrame) -> list[dict]:
    """The cell fixes the grid's lines stand for (lines without a choice give none)."""
    by_label = {label: code for code, label in FIX_LABELS.items()}
    scope_by_label = {label: code for code, label in SCOPE_LABELS.items()}
    found = []
    for line in grid.itertuples(index=False):
        values = dict(zip(COLUMNS, line))
        fix = by_label.get(values[DO])
        if fix is None and _filled(values[NEW_VALUE]):
            fix = FIX_VALUE  # a value typed is a correction, whether or not « corriger » was chosen
        if fix is None or (fix == FIX_VALUE and not _filled(values[NEW_VALUE])):
            continue
        scope = scope_by_label.get(values[SCOPE], SCOPE_CELL)
        found.append(cell_fix(values[COLUMN], fix, scope, row=int(values[ROW]),
                              text=values[VALUE] if scope == SCOPE_TEXT else None,
                              value=str(values[NEW_VALUE]).strip() if fix == FIX_VALUE else None))
    return found


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and str(value).strip() != ""
