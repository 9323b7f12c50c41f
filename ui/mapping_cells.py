"""The wizard's decisions about a file's cells and rows: the number format or date order of a column its values
leave open, what to do with rows in error, identical rows and rows of another year, and the grid where the
cells it cannot read are fixed in place. Each widget writes into the mapping (saved with it), never into the
file."""

from __future__ import annotations

import streamlit as st

from pac_core.display import cell_fixes as grid_text
from pac_core.mapping import ForeignTable, Mapping
from pac_core.mapping.cell_formats import DATE_ORDERS, NUMBER_FORMATS
from pac_core.mapping.prepare import formats
from ui.widgets import plain


def format_questions(table: ForeignTable, mapping: Mapping, initial: Mapping, prefix: str) -> None:
    """One choice per column whose number format or date order is asked (it stays shown once answered), and
    one line saying how the other columns are read."""
    asked = st.session_state.setdefault(f"{prefix}-formats-demandes", {})
    chosen_by_kind = {"number": mapping.number_formats, "date": mapping.date_orders}
    read = {kind: formats(table, mapping, kind) for kind in ("number", "date")}
    for kind, columns in read.items():
        for header, value in columns.items():
            if not isinstance(value, str) and value is not None:
                asked[(kind, header)] = value.sentence()
    decided = {kind: {header: value for header, value in columns.items()
                      if isinstance(value, str) and (kind, header) not in asked} for kind, columns in read.items()}
    if not asked and not any(decided.values()):
        return
    st.markdown(f"**{grid_text.FORMATS_TITLE}**")
    for (kind, header), sentence in asked.items():
        options = NUMBER_FORMATS if kind == "number" else DATE_ORDERS
        saved = (initial.number_formats if kind == "number" else initial.date_orders).get(header)
        value = st.radio(plain(sentence), list(options), format_func=options.get, horizontal=True,
                         index=list(options).index(saved) if saved in options else None,
                         key=f"{prefix}-format-{kind}-{header}")
        if value is not None:
            chosen_by_kind[kind][header] = value
    lines = [f"{plain(header)} : {(NUMBER_FORMATS if kind == 'number' else DATE_ORDERS)[value].split(' (')[0]}"
             for kind, columns in decided.items() for header, value in columns.items()]
    if lines:
        st.caption("Lecture des colonnes — " + " · ".join(lines))


def row_options(mapping: Mapping, initial: Mapping, plan_year: int | None, prefix: str, expanded: bool) -> None:
    """Rows in error, identical rows, rows of another year: what the import does with them."""
    with st.expander(grid_text.OPTIONS_TITLE, expanded=expanded, icon=":material/rule:"):
        mapping.skip_invalid = st.checkbox(grid_text.SKIP_INVALID, value=initial.skip_invalid,
                                           help=grid_text.SKIP_INVALID_HELP, key=f"{prefix}-lignes-valides")
        mapping.sum_duplicates = st.checkbox(grid_text.SUM_DUPLICATES, value=initial.sum_duplicates,
                                             help=grid_text.SUM_DUPLICATES_HELP, key=f"{prefix}-doublons")
        options = grid_text.outside_year_options(plan_year)
        mapping.outside_year = st.radio(grid_text.OUTSIDE_YEAR, list(options), format_func=options.get,
                                        index=list(options).index(initial.outside_year)
                                        if initial.outside_year in options else 0,
                                        horizontal=True, key=f"{prefix}-autre-annee")


def pending_fixes(initial: Mapping, prefix: str) -> list[dict]:
    """The fixes of the saved mapping and of the grid, with the grid's latest edits (read before the check)."""
    grid = grid_text.with_edits(_grid(prefix), st.session_state.get(f"{prefix}-grille"))
    st.session_state[f"{prefix}-grille-base"] = grid
    edited = grid_text.fixes(grid)
    edited_keys = {(fix["column"], fix["row"], fix["text"]) for fix in edited}
    kept = [fix for fix in initial.cell_fixes if (fix["column"], fix.get("row"), fix.get("text")) not in edited_keys]
    return kept + edited


def fix_grid(table: ForeignTable, errors, prefix: str) -> None:
    """The unreadable cells, to fix in place; lines stay once listed, so that a fixed cell keeps its choice."""
    header_of = {table.label(header): header for header in table.names}
    grid = grid_text.with_new_cells(_grid(prefix), errors, header_of)
    st.session_state[f"{prefix}-grille-base"] = grid
    if not len(grid):
        return
    st.markdown(f"**{grid_text.TITLE}**")
    st.caption(grid_text.HELP)
    config = {
        grid_text.DO: st.column_config.SelectboxColumn(grid_text.DO, options=grid_text.DO_OPTIONS, width="small"),
        grid_text.SCOPE: st.column_config.SelectboxColumn(grid_text.SCOPE, options=grid_text.SCOPE_OPTIONS,
                                                          width="small", required=True),
        grid_text.NEW_VALUE: st.column_config.TextColumn(grid_text.NEW_VALUE, width="small"),
        grid_text.PROBLEM: st.column_config.TextColumn(grid_text.PROBLEM, width="large"),
        grid_text.ROW: st.column_config.NumberColumn(grid_text.ROW, format="%d", width="small"),
    }
    st.data_editor(grid, hide_index=True, width="stretch", column_config=config, num_rows="fixed",
                   disabled=[name for name in grid_text.COLUMNS if name not in grid_text.EDITABLE],
                   key=f"{prefix}-grille")


def _grid(prefix: str):
    grid = st.session_state.get(f"{prefix}-grille-base")
    return grid if grid is not None else grid_text.empty_grid()
