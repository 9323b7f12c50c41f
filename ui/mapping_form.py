"""The widgets of the column mapping: what the file holds, which of its columns fills each of our fields, which
of its figures feed which indicator, and what each of its labels stands for. The form starts from a mapping
(saved or suggested by pac_core.mapping) and returns the one the widgets say now; every widget has a key made
of the file's signature and what it edits, so each choice survives reruns.

Labels and headers from the user's file are shown as widget labels and options, which Streamlit renders as
text (selectbox options) or limited Markdown (labels): labels go through `plain`.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

import streamlit as st

from pac_core.catalogue import DEFAULT_METRICS
from pac_core.display import mapping as text
from pac_core.mapping import (IGNORE, KINDS, OPPORTUNITIES, RESULTS, SUM, TARGETS, ColumnProfile, ForeignTable,
                              KnownAction, Mapping, Measure, TableMapping, ValueChoice, deal_results, profiles, suggest,
                              value_choices)
from pac_core.mapping.suggest import NUMBER
from ui.widgets import plain

_FROM_COLUMN = "*"  # a measure whose indicator is read from the row's « Indicateur » column
METRIC_NAMES = {metric.code: metric.label_fr for metric in DEFAULT_METRICS}


@dataclass
class Draft:
    """One file's mapping as the page started it (saved or suggested), and the suggestions per kind."""

    table: ForeignTable
    initial: Mapping
    saved_name: str | None = None
    saved_at: object = None
    saved_ok: bool = True  # the saved mapping imports this file as it is
    by_kind: dict[str, Mapping] = field(default_factory=dict)
    shapes: dict[str, ColumnProfile] = field(default_factory=dict)
    last: tuple | None = None  # (key, validation, preview) of the latest check, not redone on a rerun

    @property
    def kind(self) -> str:
        return self.initial.tables[0].table if self.initial.tables else RESULTS

    def for_kind(self, kind: str, actions: list[KnownAction]) -> Mapping:
        if kind == self.kind:
            return self.initial
        if kind not in self.by_kind:
            self.by_kind[kind] = suggest(self.table, actions, kind=kind)
        return self.by_kind[kind]


def key_prefix(table: ForeignTable) -> str:
    """Widget keys of one file's form: the same for next month's file with the same columns."""
    return "correspondance-" + hashlib.sha1(table.signature.encode()).hexdigest()[:10]


def mapping_form(draft: Draft, actions: list[KnownAction], prefix: str) -> tuple[Mapping, list[ValueChoice]]:
    """Draw the form; the mapping it describes, and the labels still to translate."""
    table = draft.table
    if not draft.shapes:
        draft.shapes = profiles(table)
    kind = st.selectbox(text.KIND_QUESTION, KINDS, index=KINDS.index(draft.kind), format_func=text.KIND_OPTIONS.get,
                        key=f"{prefix}-kind")
    base = draft.for_kind(kind, actions)
    mapping = Mapping([], value_maps=copy.deepcopy(base.value_maps), ignore_unmapped=base.ignore_unmapped,
                      signature=table.signature, name=base.name)
    for position, part in enumerate(base.tables):
        if kind == OPPORTUNITIES and part.table == RESULTS:
            continue  # the won deals, drawn from the pipeline's columns below
        if position and not st.checkbox(text.ALSO_PART.format(what=text.PART_TITLES[part.table].lower()), value=True,
                                        key=f"{prefix}-{part.table}-inclure"):
            continue
        if len(base.tables) > 1:
            st.markdown(f"**{text.PART_TITLES[part.table]}**")
        mapping.tables.append(_part_form(draft, part, actions, f"{prefix}-{part.table}"))
    unchosen = _value_form(table, mapping, actions, prefix)
    if kind == OPPORTUNITIES:
        wanted = any(part.table == RESULTS for part in base.tables)
        if st.checkbox(text.DEALS, value=wanted, help=text.DEALS_HELP, key=f"{prefix}-affaires"):
            deals = deal_results(mapping)
            if deals is not None:
                mapping.tables.append(deals)
    return mapping, unchosen


def _part_form(draft: Draft, part: TableMapping, actions, prefix: str) -> TableMapping:
    table, shapes = draft.table, draft.shapes
    new = TableMapping(part.table, row_filter=dict(part.row_filter))
    fields = text.fields_of(part.table)
    if part.table in (RESULTS, TARGETS) and part.is_wide:
        fields = {name: label for name, label in fields.items() if name in ("action_id", "metric")}
    _section(text.COLUMNS_TITLE)
    grid = st.columns(3)
    for position, (name, label) in enumerate(fields.items()):
        with grid[position % 3]:
            chosen = _column_choice(table, shapes, label, part.columns.get(name), f"{prefix}-champ-{name}",
                                    text.FIGURE_FIELD_HELP.get(name) if part.table in (RESULTS, TARGETS) else None)
        if chosen:
            new.columns[name] = chosen
    if part.table not in (RESULTS, TARGETS):
        return new
    if "action_id" not in new.columns:
        new.action_id = _one_action(part, actions, f"{prefix}-action-unique")
    if part.is_wide:
        _wide_form(table, part, new, prefix)
    else:
        _measures_form(table, shapes, part, new, prefix)
    return new


def _section(title: str, help_text: str | None = None) -> None:
    st.markdown(f"**{title}**")
    if help_text:
        st.caption(help_text)


def _column_choice(table, shapes, label: str, current: str | None, key: str, help_text: str | None) -> str | None:
    options = [None, *table.names]
    return st.selectbox(label, options, index=options.index(current) if current in options else 0,
                        format_func=lambda header: text.column_option(header, shapes.get(header)), key=key,
                        help=help_text)


def _one_action(part: TableMapping, actions, key: str) -> str | None:
    options = [None, *(action.action_id for action in actions)]
    names = {action.action_id: text.action_option(action) for action in actions}
    empty = "(toute l'entreprise)" if part.table == RESULTS else text.TO_CHOOSE
    return st.selectbox(text.ONE_ACTION, options, index=options.index(part.action_id) if part.action_id in options else 0,
                        format_func=lambda value: names.get(value, empty), key=key)


def _measures_form(table, shapes, part: TableMapping, new: TableMapping, prefix: str) -> None:
    """One list per figure column of theirs: the indicator it feeds, or not imported."""
    _section(text.MEASURES_TITLE, text.MEASURES_HELP)
    current = {measure.column: measure for measure in part.measures if measure.column}
    candidates = [h for h in table.names if shapes[h].shape == NUMBER or h in current]
    candidates = [h for h in candidates if h not in new.columns.values()]
    options = [None, *([_FROM_COLUMN] if "metric" in new.columns else []), *METRIC_NAMES]
    labels = {None: text.NOT_IMPORTED, _FROM_COLUMN: "selon la colonne Indicateur", **METRIC_NAMES}
    grid = st.columns(3)
    for position, header in enumerate(candidates):
        measure = current.get(header)
        default = None if measure is None else (measure.metric or _FROM_COLUMN)
        with grid[position % 3]:
            chosen = st.selectbox(f"{plain(header)} → indicateur", options,
                                  index=options.index(default) if default in options else 0,
                                  format_func=labels.get, key=f"{prefix}-mesure-{header}",
                                  help=text.column_hint(shapes.get(header)))
        if chosen is not None:
            new.measures.append(Measure(None if chosen == _FROM_COLUMN else chosen, header, SUM))
    new.measures.extend(measure for measure in part.measures if measure.column is None)  # counted rows


def _wide_form(table, part: TableMapping, new: TableMapping, prefix: str) -> None:
    """Months as columns: which headers are months, and the indicator of every figure."""
    new.month_columns = st.multiselect(text.WIDE_MONTHS, table.names, default=part.month_columns,
                                       key=f"{prefix}-mois")
    if "metric" not in new.columns:
        options = [None, *METRIC_NAMES]
        new.metric = st.selectbox(text.WIDE_METRIC, options, index=options.index(part.metric)
                                  if part.metric in options else 0,
                                  format_func=lambda code: METRIC_NAMES.get(code, text.TO_CHOOSE),
                                  key=f"{prefix}-indicateur")


def _value_form(table: ForeignTable, mapping: Mapping, actions, prefix: str) -> list[ValueChoice]:
    """One list per distinct label of a coded column (action, stage, status, indicator); the labels left
    without a choice (none when the user chose to ignore such rows)."""
    choices = value_choices(table, mapping, actions)
    if not choices:
        return []
    unchosen = []
    _section(text.VALUES_TITLE, text.VALUES_HELP)
    named = {action.action_id: text.action_option(action) for action in actions}
    headers = list(dict.fromkeys(choice.header for choice in choices))
    position, grid = 0, None
    for choice in choices:
        if grid is None or (len(headers) > 1 and choice.header != previous):
            if len(headers) > 1:
                st.caption(plain(f"Colonne « {choice.header} » → {text.FIELD_NAMES.get(choice.field, choice.field)}"))
            position, grid, previous = 0, st.columns(3), choice.header
        default = choice.value if choice.value is not None else choice.suggestion
        options = [IGNORE, *(value for value, _ in choice.options)]
        shown = {IGNORE: text.IGNORE_ROWS, **dict(choice.options),
                 **(named if choice.field == "action_id" else {})}
        with grid[position % 3]:
            chosen = st.selectbox(plain(text.choice_label(choice.label, choice.count, choice.first_row)), options,
                                  index=options.index(default) if default in options else None,
                                  format_func=shown.get, placeholder=text.TO_CHOOSE,
                                  key=f"{prefix}-valeur-{choice.header}-{choice.key}")
        position += 1
        column_map = mapping.value_maps.setdefault(choice.header, {})
        if chosen is None:
            column_map.pop(choice.key, None)
            unchosen.append(choice)
        else:
            column_map[choice.key] = chosen
    mapping.ignore_unmapped = st.checkbox(text.IGNORE_UNMAPPED, value=mapping.ignore_unmapped,
                                          key=f"{prefix}-ignorer")
    return [] if mapping.ignore_unmapped else unchosen
