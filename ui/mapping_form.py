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

from pac_core.catalogue import METRICS_BY_CODE
from pac_core.display import mapping as text
from pac_core.mapping import (IGNORE, KINDS, NO_ACTION, OPPORTUNITIES, RESULTS, SUM, TARGETS, ColumnProfile,
                              ForeignTable, KnownAction, Mapping, Measure, TableMapping, ValueChoice, deal_results,
                              profiles, suggest, value_choices)
from pac_core.mapping.create import defined_metrics
from pac_core.mapping.suggest import NUMBER
from ui.mapping_create import NEW, new_action, new_indicator
from ui.widgets import plain

_FROM_COLUMN = "*"  # a measure whose indicator is read from the row's « Indicateur » column


@dataclass
class Draft:
    """One file's mapping as the page started it (saved or suggested), and the suggestions per kind."""

    table: ForeignTable
    initial: Mapping
    saved_name: str | None = None
    saved_at: object = None
    saved_ok: bool = True  # the saved mapping imports this file as it is
    borrowed: int = 0  # label choices taken from the other saved mappings (value_maps.borrow_choices)
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
        mapping.tables.append(_part_form(draft, part, actions, f"{prefix}-{part.table}", base, mapping))
    unchosen = _value_form(table, mapping, actions, prefix, base)
    if mapping.new_actions or mapping.new_metrics:
        st.caption(text.CREATION_RIGHTS)
    if kind == OPPORTUNITIES:
        wanted = any(part.table == RESULTS for part in base.tables)
        if st.checkbox(text.DEALS, value=wanted, help=text.DEALS_HELP, key=f"{prefix}-affaires"):
            deals = deal_results(mapping)
            if deals is not None:
                mapping.tables.append(deals)
    return mapping, unchosen


def _part_form(draft: Draft, part: TableMapping, actions, prefix: str, base: Mapping, mapping: Mapping) -> TableMapping:
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
        _wide_form(table, part, new, prefix, base, mapping)
    else:
        _measures_form(table, shapes, part, new, prefix, base, mapping)
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


def _measures_form(table, shapes, part: TableMapping, new: TableMapping, prefix: str, base: Mapping,
                   mapping: Mapping) -> None:
    """One list per figure column of theirs: the indicator it feeds, a new one, or not imported."""
    _section(text.MEASURES_TITLE, text.MEASURES_HELP)
    current = {measure.column: measure for measure in part.measures if measure.column}
    candidates = [h for h in table.names if shapes[h].shape == NUMBER or h in current]
    candidates = [h for h in candidates if h not in new.columns.values()]
    names = _metric_names()
    options = [None, *([_FROM_COLUMN] if "metric" in new.columns else []), *names, NEW]
    labels = {None: text.NOT_IMPORTED, _FROM_COLUMN: "selon la colonne Indicateur", **names, NEW: text.NEW_METRIC}
    grid = st.columns(3)
    for position, header in enumerate(candidates):
        measure = current.get(header)
        default = None if measure is None else _metric_option(measure.metric or _FROM_COLUMN, base)
        key = f"{prefix}-mesure-{header}"
        with grid[position % 3]:
            chosen = st.selectbox(f"{plain(header)} → indicateur", options,
                                  index=options.index(default) if default in options else 0,
                                  format_func=labels.get, key=key, help=text.column_hint(shapes.get(header)))
            if chosen == NEW:
                chosen = new_indicator(header, f"{key}-nouveau", measure.metric if measure else None, base, mapping)
        if chosen is not None:
            new.measures.append(Measure(None if chosen == _FROM_COLUMN else chosen, header, SUM))
    new.measures.extend(measure for measure in part.measures if measure.column is None)  # counted rows


def _wide_form(table, part: TableMapping, new: TableMapping, prefix: str, base: Mapping, mapping: Mapping) -> None:
    """Months as columns: which headers are months, and the indicator of every figure."""
    new.month_columns = st.multiselect(text.WIDE_MONTHS, table.names, default=part.month_columns,
                                       key=f"{prefix}-mois")
    if "metric" not in new.columns:
        names = {**_metric_names(), NEW: text.NEW_METRIC}
        options = [None, *names]
        default = _metric_option(part.metric, base)
        new.metric = st.selectbox(text.WIDE_METRIC, options, index=options.index(default) if default in options else 0,
                                  format_func=lambda code: names.get(code, text.TO_CHOOSE), key=f"{prefix}-indicateur")
        if new.metric == NEW:
            new.metric = new_indicator(table.source, f"{prefix}-indicateur-nouveau", part.metric, base, mapping)


def _metric_names() -> dict[str, str]:
    """Our indicators, code → French name: the company's catalogue (its own indicators included)."""
    return {code: metric.label_fr for code, metric in METRICS_BY_CODE.items()}


def _metric_option(code: str | None, base: Mapping) -> str | None:
    """The list's option for an indicator of the mapping: one it creates (not yet in the catalogue) is NEW."""
    return NEW if code in defined_metrics(base) and code not in METRICS_BY_CODE else code


def _value_form(table: ForeignTable, mapping: Mapping, actions, prefix: str, base: Mapping) -> list[ValueChoice]:
    """One list per distinct label of a coded column (action, stage, status, indicator); an action or an
    indicator may be created there. The labels left without a choice (none when the user chose to ignore
    such rows)."""
    choices = value_choices(table, mapping, actions)
    if not choices:
        return []
    unchosen = []
    _section(text.VALUES_TITLE, text.VALUES_HELP)
    named = {action.action_id: text.action_option(action) for action in actions}
    required_actions = {part.columns.get("action_id") for part in mapping.tables if part.table == TARGETS}
    headers = list(dict.fromkeys(choice.header for choice in choices))
    position, grid, previous = 0, None, None
    for choice in choices:
        if grid is None or (len(headers) > 1 and choice.header != previous):
            if len(headers) > 1:
                st.caption(plain(f"Colonne « {choice.header} » → {text.FIELD_NAMES.get(choice.field, choice.field)}"))
            position, grid, previous = 0, st.columns(3), choice.header
        default = choice.value if choice.value is not None else choice.suggestion
        creates = choice.field in ("action_id", "metric")
        if choice.field == "action_id" and default in base.new_actions and default not in named:
            default = NEW
        elif choice.field == "metric":
            default = _metric_option(default, base)
        keep = [NO_ACTION] if choice.field == "action_id" and choice.header not in required_actions else []
        options = [IGNORE, *keep, *(value for value, _ in choice.options), *([NEW] if creates else [])]
        shown = {IGNORE: text.IGNORE_ROWS, NO_ACTION: text.NO_ACTION_ROWS, **dict(choice.options),
                 **(named if choice.field == "action_id" else {}),
                 NEW: text.NEW_ACTION if choice.field == "action_id" else text.NEW_METRIC}
        key = f"{prefix}-valeur-{choice.header}-{choice.key}"
        with grid[position % 3]:
            chosen = st.selectbox(plain(text.choice_label(choice.label, choice.count, choice.first_row)), options,
                                  index=options.index(default) if default in options else None,
                                  format_func=shown.get, placeholder=text.TO_CHOOSE, key=key)
            if chosen == NEW and choice.field == "action_id":
                chosen = new_action(choice, f"{key}-nouvelle", base, mapping, actions)
            elif chosen == NEW:
                chosen = new_indicator(choice.label, f"{key}-nouveau", base.value_maps.get(choice.header, {}).get(
                    choice.key), base, mapping)
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
