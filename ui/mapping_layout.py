"""The « Mise en page du fichier » widgets of the column mapping: the header row when the guess is wrong, then
the columns to fill down, a year column, one period for the whole file and the blocks of month columns to
import. They set the layout fields of pac_core.mapping's TableMapping; the file's labels go through `plain`."""

from __future__ import annotations

import hashlib

import streamlit as st

from pac_core.display import mapping as text
from pac_core.mapping import RESULTS, TARGETS, ForeignTable, Mapping, TableMapping
from pac_core.mapping.layout import block_names, blocks
from pac_core.mapping.read import reread
from ui.mapping_form import Draft
from ui.widgets import plain


def header_row_choice(table: ForeignTable) -> ForeignTable:
    """« Ligne des en-têtes » (1-based, as Excel shows it): the sheet read again from the row the user names."""
    sheet = hashlib.sha1(table.sheet_name.encode()).hexdigest()[:8]
    row = st.number_input(text.HEADER_ROW, min_value=1, max_value=max(len(table.sheet.preview), 1),
                          value=table.header_row + 1, step=1, help=text.HEADER_ROW_HELP,
                          key=f"correspondance-entetes-{table.file.sha256[:10]}-{sheet}")
    return reread(table, int(row) - 1)


def layout_form(draft: Draft, mapping: Mapping, prefix: str) -> list[str]:
    """Draw the layout choices and set them on every part of `mapping`; what they still lack, in French."""
    table = draft.table
    bases = [*draft.initial.tables, *(part for other in draft.by_kind.values() for part in other.tables)]
    base = next((part for part in bases if part.table == (mapping.tables[0].table if mapping.tables else None)),
                TableMapping(RESULTS))
    fill_down = st.multiselect(text.FILL_DOWN, table.names, default=[h for h in base.fill_down if h in table.names],
                               help=text.FILL_DOWN_HELP, key=f"{prefix}-recopier")
    figures = [part for part in mapping.tables if part.table in (RESULTS, TARGETS)]
    for part in mapping.tables:
        part.fill_down = list(fill_down)
    if not figures:
        return []
    left, right = st.columns(2)
    options = [None, *table.names]
    current = base.columns.get("year")
    with left:
        year = st.selectbox(text.YEAR_COLUMN, options, index=options.index(current) if current in options else 0,
                            format_func=lambda header: text.NO_COLUMN if header is None else header,
                            help=text.YEAR_COLUMN_HELP, key=f"{prefix}-annee")
    with right:
        period = st.text_input(text.PERIOD_VALUE, value=base.period_value or "", placeholder="T1 2026",
                               help=text.PERIOD_VALUE_HELP, key=f"{prefix}-periode-fichier")
    kept, problems = _blocks_form(table, figures, base, prefix)
    for part in figures:
        if year:
            part.columns["year"] = year
        else:
            part.columns.pop("year", None)
        part.period_value = " ".join(period.split()) or None
        part.blocks = kept if part.is_wide else []
    return problems


def _blocks_form(table: ForeignTable, figures: list[TableMapping], base: TableMapping, prefix: str):
    """One checkbox per block of month columns (« 2021 », « Région Nord »): the blocks kept, [] for all."""
    months = list(dict.fromkeys(header for part in figures for header in part.month_columns))
    found = blocks(table, months)
    if len(found) < 2:
        return [], []
    st.caption(text.BLOCKS)
    names = block_names(list(found))
    kept = []
    for label, headers in found.items():
        key = f"{prefix}-bloc-{hashlib.sha1(label.encode()).hexdigest()[:8]}"
        if st.checkbox(plain(text.block_label(names[label], len(headers))), value=not base.blocks or label in base.blocks,
                       key=key):
            kept.append(label)
    if not kept:
        return [], [text.NO_BLOCK]
    return ([] if len(kept) == len(found) else kept), []
